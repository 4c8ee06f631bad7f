/**
 * `withTimeout` (docs/contract.md, "The operators"): `asyncio.timeout`, a deadline for the source's
 * whole life.
 */
import { defer, EMPTY, Observable, take, timeout, timer } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import { taskGroup, TaskTimeoutError, withTaskGroup, withTimeout } from 'rxjs-taskgroup';
import { taskGroupTestScheduler } from 'rxjs-taskgroup/testing';

describe("withTimeout: asyncio.timeout, a deadline for the source's whole life (the operators)", () => {
  let testScheduler: TestScheduler;
  beforeEach(() => (testScheduler = taskGroupTestScheduler()));

  describe('on expiry', () => {
    it('unsubscribes the source and errors with a TaskTimeoutError when the source has not completed in time', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-a-b-c-d-|');
        expectObservable(source.pipe(withTimeout(6))).toBe('-a-b-c#', undefined, new TaskTimeoutError(6));
        expectSubscriptions(source.subscriptions).toBe('^-----!');
      });
    });

    it('counts from subscription, not from when the operator was applied', () => {
      testScheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
        const source = hot('-a-b-c-d-e-f-|');
        const result = source.pipe(withTimeout(5));
        expectObservable(result, '---^          ').toBe('---b-c-d#', undefined, new TaskTimeoutError(5));
        expectSubscriptions(source.subscriptions).toBe('---^----!');
      });
    });

    it('puts `ms` and `name` in the TaskTimeoutError', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        let caught: unknown;
        const result = cold('----------|').pipe(withTimeout(3, { name: 'download' }));
        result.subscribe({ error: (e: unknown) => (caught = e) });
        expectObservable(result).toBe('---#', undefined, new TaskTimeoutError(3, 'download'));
        testScheduler.flush();
        expect(caught).toBeInstanceOf(TaskTimeoutError);
        expect((caught as TaskTimeoutError).name).toBe('TaskTimeoutError');
        expect((caught as TaskTimeoutError).timeout).toBe(3);
        expect((caught as TaskTimeoutError).taskName).toBe('download');
      });
    });

    it('unsubscribes the source before the error reaches the subscriber', () => {
      const log: string[] = [];
      testScheduler.run(() => {
        const source = new Observable<never>(() => () => log.push('source unsubscribed'));
        source.pipe(withTimeout(5)).subscribe({
          error: (e: unknown) => log.push(`error: ${(e as Error).name} at ${testScheduler.now()}`),
        });
      });
      expect(log).toEqual(['source unsubscribed', 'error: TaskTimeoutError at 5']);
    });

    it('with `with`, switches to the fallback, forwarding its values and completion', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('  -a-b-c-d|');
        const fallback = cold('    --x|');
        const received: unknown[] = [];
        const result = source.pipe(
          withTimeout(4, {
            with: e => {
              received.push(e);
              return fallback;
            },
          }),
        );
        expectObservable(result).toBe('-a-b--x|');
        expectSubscriptions(source.subscriptions).toBe('^---!');
        expectSubscriptions(fallback.subscriptions).toBe('----^--!');
        testScheduler.flush();
        expect(received).toHaveSize(1);
        expect(received[0]).toBeInstanceOf(TaskTimeoutError);
        expect((received[0] as TaskTimeoutError).timeout).toBe(4);
      });
    });

    it('with `with`, unsubscribes the source before subscribing the fallback', () => {
      const log: string[] = [];
      testScheduler.run(() => {
        const source = new Observable<never>(() => () => log.push('source unsubscribed'));
        const fallback = defer(() => {
          log.push('fallback subscribed');
          return EMPTY;
        });
        source.pipe(withTimeout(5, { with: () => fallback })).subscribe({ complete: () => log.push('complete') });
      });
      expect(log).toEqual(['source unsubscribed', 'fallback subscribed', 'complete']);
    });

    it('errors with what `with` throws', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const error = new Error('no fallback');
        const source = cold('-a-----|');
        const result = source.pipe(
          withTimeout(3, {
            with: (): Observable<string> => {
              throw error;
            },
          }),
        );
        expectObservable(result).toBe('-a-#', undefined, error);
        expectSubscriptions(source.subscriptions).toBe('^--!');
      });
    });
  });

  describe('in time', () => {
    it('changes nothing when the source completes before the deadline, and nothing happens later', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-a-|');
        const fallback = jasmine.createSpy('fallback').and.returnValue(EMPTY);
        expectObservable(source.pipe(withTimeout(5))).toBe('-a-|');
        expectObservable(source.pipe(withTimeout(5, { with: fallback }))).toBe('-a-|');
        expectSubscriptions(source.subscriptions).toBe(['^--!', '^--!']);
        testScheduler.flush();
        expect(fallback).not.toHaveBeenCalled();
      });
    });

    it("forwards the source's error as itself before the deadline", () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const error = new Error('failed early');
        expectObservable(cold('-a#', undefined, error).pipe(withTimeout(5))).toBe('-a#', undefined, error);
      });
    });

    it('never expires with Infinity', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        expectObservable(cold('1000000ms a|').pipe(withTimeout(Infinity))).toBe('1000000ms a|');
      });
    });
  });

  describe('compared with RxJS timeout', () => {
    it('a source that emits every 10 ms for 100 ms passes timeout({ each: 20 }) but fails withTimeout(50) at 50 ms', () => {
      testScheduler.run(({ expectObservable }) => {
        // Values at 5, 15, …, 95 (off the deadline's frame, so no same-frame race), completes at 95.
        const ticks = timer(5, 10).pipe(take(10));
        const values = { a: 0, b: 1, c: 2, d: 3, e: 4, f: 5, g: 6, h: 7, i: 8, j: 9 };
        expectObservable(ticks.pipe(timeout({ each: 20 }))).toBe(
          '5ms a 9ms b 9ms c 9ms d 9ms e 9ms f 9ms g 9ms h 9ms i 9ms (j|)',
          values,
        );
        expectObservable(ticks.pipe(withTimeout(50))).toBe(
          '5ms a 9ms b 9ms c 9ms d 9ms e 4ms #',
          values,
          new TaskTimeoutError(50),
        );
      });
    });
  });

  describe('on a group', () => {
    it("is a deadline for the whole group: its tasks are cancelled and their onCancel cleanups run", () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const a = cold('      ----------(x|)');
        const b = cold('      ----------(y|)');
        const cleanup = cold('     ---|     ');
        const result = withTaskGroup(tg => {
          tg.createTask(a, { onCancel: () => cleanup });
          tg.createTask(b);
        }).pipe(withTimeout(5));
        expectObservable(result).toBe('-----#', undefined, new TaskTimeoutError(5));
        expectSubscriptions(a.subscriptions).toBe('      ^----!');
        expectSubscriptions(b.subscriptions).toBe('      ^----!');
        expectSubscriptions(cleanup.subscriptions).toBe('-----^--!');
      });
    });

    it('bounds taskGroup: the source and every task are unsubscribed at the deadline', () => {
      testScheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
        const a = cold('     ------(x|)');
        const b = cold('       --------(y|)');
        const source = hot('-a-b-----|', { a, b });
        expectObservable(source.pipe(taskGroup(), withTimeout(6))).toBe('------#', undefined, new TaskTimeoutError(6));
        expectSubscriptions(source.subscriptions).toBe('^-----!');
        expectSubscriptions(a.subscriptions).toBe('     -^----!');
        expectSubscriptions(b.subscriptions).toBe('     ---^--!');
      });
    });
  });

  describe('arguments', () => {
    // A negative or NaN `ms` (a RangeError naming it): bad-input.spec.ts, 'bad timeout'.
    it('throws a TypeError at call time for an `ms` that is not a number', () => {
      expect(() => withTimeout('5' as unknown as number)).toThrowError(TypeError);
    });

    it('accepts 0: the source must complete synchronously', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        expectObservable(cold('(a|)').pipe(withTimeout(0))).toBe('(a|)');
        expectObservable(cold('-a|').pipe(withTimeout(0))).toBe('#', undefined, new TaskTimeoutError(0));
      });
    });
  });
});
