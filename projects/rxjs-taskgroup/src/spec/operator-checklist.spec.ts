/**
 * RxJS's operator checklist (docs_app "operator-creation"): every operator must allow
 * unsubscribing early, must not break unsubscription chains, and must stop a synchronous
 * firehose once unsubscribed.
 */
import { EMPTY, mergeMap, Observable, of, take, throwError } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import { cancelSiblingsOnError, catchTaskErrors, taskGroup, TaskGroupError, withTimeout, type TaskInput } from 'rxjs-taskgroup';
import { taskGroupError, taskGroupTestScheduler } from 'rxjs-taskgroup/testing';

/** A synchronous source of up to a million values that stops as soon as its subscriber is closed. */
function firehose<T>(make: (i: number) => T, counter: { emitted: number }): Observable<T> {
  return new Observable<T>(subscriber => {
    for (let i = 0; !subscriber.closed && i < 1e6; i++) {
      counter.emitted++;
      subscriber.next(make(i));
    }
  });
}

describe("RxJS's operator checklist, for every operator", () => {
  let testScheduler: TestScheduler;
  beforeEach(() => (testScheduler = taskGroupTestScheduler()));

  describe('taskGroup', () => {
    it('should allow unsubscribing explicitly and early', () => {
      testScheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
        const a = cold('     ------(x|)');
        const b = cold('       ---(y|) ');
        const source = hot('-a-b-----|   ', { a, b });
        const unsub = '     -----!       ';
        expectObservable(source.pipe(taskGroup()), unsub).toBe('-----');
        expectSubscriptions(source.subscriptions).toBe('^----!');
        expectSubscriptions(a.subscriptions).toBe('     -^---!');
        expectSubscriptions(b.subscriptions).toBe('     ---^-!');
      });
    });

    it('should not break unsubscription chains when result is unsubscribed explicitly', () => {
      testScheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
        const a = cold('     ------(x|)');
        const b = cold('       ---(y|) ');
        const source = hot('-a-b-----|   ', { a, b });
        const unsub = '     -----!       ';
        const result = source.pipe(
          mergeMap(x => of(x)),
          taskGroup(),
          mergeMap(x => of(x)),
        );
        expectObservable(result, unsub).toBe('-----');
        expectSubscriptions(source.subscriptions).toBe('^----!');
        expectSubscriptions(a.subscriptions).toBe('     -^---!');
        expectSubscriptions(b.subscriptions).toBe('     ---^-!');
      });
    });

    it('should stop listening to a synchronous observable when unsubscribed (here: by a synchronous failure)', () => {
      // taskGroup emits only at the end, so what unsubscribes a never-ending firehose is the group itself.
      const counter = { emitted: 0 };
      const error = new Error('third task failed');
      let caught: unknown;
      firehose<TaskInput<number>>(i => (i === 2 ? throwError(() => error) : of(i)), counter)
        .pipe(taskGroup<number>(), take(3))
        .subscribe({ error: (e: unknown) => (caught = e) });
      expect(counter.emitted).toBe(3);
      expect(caught).toBeInstanceOf(TaskGroupError);
      expect((caught as TaskGroupError).errors[0]).toBe(error);
    });
  });

  describe('cancelSiblingsOnError', () => {
    it('should allow unsubscribing explicitly and early', () => {
      testScheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
        const a = cold('     -1-2--3-4|');
        const b = cold('       --5--6|');
        const source = hot('-a-b--------|', { a, b });
        const unsub = '     ------!      ';
        expectObservable(source.pipe(cancelSiblingsOnError<string>()), unsub).toBe('--1-25');
        expectSubscriptions(source.subscriptions).toBe('^-----!');
        expectSubscriptions(a.subscriptions).toBe('     -^----!');
        expectSubscriptions(b.subscriptions).toBe('     ---^--!');
      });
    });

    it('should not break unsubscription chains when result is unsubscribed explicitly', () => {
      testScheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
        const a = cold('     -1-2--3-4|');
        const b = cold('       --5--6|');
        const source = hot('-a-b--------|', { a, b });
        const unsub = '     ------!      ';
        const result = source.pipe(
          mergeMap(x => of(x)),
          cancelSiblingsOnError<string>(),
          mergeMap(x => of(x)),
        );
        expectObservable(result, unsub).toBe('--1-25');
        expectSubscriptions(source.subscriptions).toBe('^-----!');
        expectSubscriptions(a.subscriptions).toBe('     -^----!');
        expectSubscriptions(b.subscriptions).toBe('     ---^--!');
      });
    });

    it('should stop listening to a synchronous observable when unsubscribed', () => {
      const counter = { emitted: 0 };
      const values: number[] = [];
      firehose(i => of(i), counter)
        .pipe(cancelSiblingsOnError<number>(), take(3))
        .subscribe(v => values.push(v));
      expect(values).toEqual([0, 1, 2]);
      expect(counter.emitted).toBe(3);
    });
  });

  describe('withTimeout', () => {
    it('should allow unsubscribing explicitly and early', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-a-b-c-d-|');
        const fallback = jasmine.createSpy('fallback').and.returnValue(EMPTY);
        const unsub = '      ---!       ';
        expectObservable(source.pipe(withTimeout(5, { with: fallback })), unsub).toBe('-a-');
        expectSubscriptions(source.subscriptions).toBe('^--!');
        testScheduler.flush();
        expect(fallback).withContext('the deadline was cleared on unsubscription').not.toHaveBeenCalled();
      });
    });

    it('should not break unsubscription chains when result is unsubscribed explicitly', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-a-b-c-d-|');
        const unsub = '      ---!       ';
        const result = source.pipe(
          mergeMap(x => of(x)),
          withTimeout(5),
          mergeMap(x => of(x)),
        );
        expectObservable(result, unsub).toBe('-a-');
        expectSubscriptions(source.subscriptions).toBe('^--!');
      });
    });

    it('should allow unsubscribing early from the fallback', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('  -a-------|');
        const fallback = cold('   -x-y-|');
        const unsub = '        -----!     ';
        expectObservable(source.pipe(withTimeout(3, { with: () => fallback })), unsub).toBe('-a--x');
        expectSubscriptions(source.subscriptions).toBe('^--!');
        expectSubscriptions(fallback.subscriptions).toBe('---^-!');
      });
    });

    it('should stop listening to a synchronous observable when unsubscribed', () => {
      const counter = { emitted: 0 };
      const values: number[] = [];
      firehose(i => i, counter)
        .pipe(withTimeout(1000), take(3))
        .subscribe(v => values.push(v));
      expect(values).toEqual([0, 1, 2]);
      expect(counter.emitted).toBe(3);
    });
  });

  describe('catchTaskErrors', () => {
    it('should allow unsubscribing explicitly and early', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-a-b-#', undefined, taskGroupError(new TypeError('t')));
        const unsub = '      ---!   ';
        expectObservable(source.pipe(catchTaskErrors(TypeError, () => of('h'))), unsub).toBe('-a-');
        expectSubscriptions(source.subscriptions).toBe('^--!');
      });
    });

    it("should allow unsubscribing early from the handler's Observable", () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold(' -a#           ', undefined, taskGroupError(new TypeError('t'), new RangeError('r')));
        const handled = cold('  --x--y|     ');
        const unsub = '       ------!      ';
        expectObservable(source.pipe(catchTaskErrors(TypeError, () => handled)), unsub).toBe('-a--x-');
        expectSubscriptions(source.subscriptions).toBe('^-!');
        expectSubscriptions(handled.subscriptions).toBe('--^---!');
      });
    });

    it('should not break unsubscription chains when result is unsubscribed explicitly', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold(' -a#           ', undefined, taskGroupError(new TypeError('t')));
        const handled = cold('  --x--y|     ');
        const unsub = '       ------!      ';
        const result = source.pipe(
          mergeMap(x => of(x)),
          catchTaskErrors(TypeError, () => handled),
          mergeMap(x => of(x)),
        );
        expectObservable(result, unsub).toBe('-a--x-');
        expectSubscriptions(source.subscriptions).toBe('^-!');
        expectSubscriptions(handled.subscriptions).toBe('--^---!');
      });
    });

    it('should stop listening to a synchronous observable when unsubscribed', () => {
      const counter = { emitted: 0 };
      const values: number[] = [];
      firehose(i => i, counter)
        .pipe(catchTaskErrors(Error, () => EMPTY), take(3))
        .subscribe(v => values.push(v));
      expect(values).toEqual([0, 1, 2]);
      expect(counter.emitted).toBe(3);
    });

    it("should stop listening to a synchronous handler's observable when unsubscribed", () => {
      const counter = { emitted: 0 };
      const values: number[] = [];
      throwError(() => taskGroupError(new TypeError('t')))
        .pipe(catchTaskErrors(TypeError, () => firehose(i => i, counter)), take(3))
        .subscribe(v => values.push(v));
      expect(values).toEqual([0, 1, 2]);
      expect(counter.emitted).toBe(3);
    });
  });
});
