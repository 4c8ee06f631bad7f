/**
 * `catchTaskErrors`: Python's `except*` for a `TaskGroupError` (rule 14 of docs/contract.md). How
 * it reads a matcher (a class or a predicate, tested on leaves only) is in error-matchers.spec.ts.
 */
import { EMPTY, Observable, of, throwError } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import { catchTaskErrors, TaskGroupError, TaskTimeoutError, withTaskGroup, withTimeout, type ErrorMatcher } from 'rxjs-taskgroup';
import { taskGroupError, taskGroupTestScheduler } from 'rxjs-taskgroup/testing';

class HttpError extends Error {
  override name = 'HttpError';
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

/** Subscribes synchronously and returns what arrived. */
function collect<T>(source: Observable<T>): { values: T[]; error?: unknown; completed: boolean } {
  const out: { values: T[]; error?: unknown; completed: boolean } = { values: [], completed: false };
  source.subscribe({ next: v => out.values.push(v), error: (e: unknown) => (out.error = e), complete: () => (out.completed = true) });
  return out;
}

describe("catchTaskErrors: Python's except* for a TaskGroupError (rule 14)", () => {
  let testScheduler: TestScheduler;
  beforeEach(() => (testScheduler = taskGroupTestScheduler()));

  describe('what it lets through', () => {
    it('passes a naked error that does not match through as itself: the same object, handler not called', () => {
      const error = new RangeError('not a group');
      const handler = jasmine.createSpy('handler').and.returnValue(of('handled'));
      const out = collect(throwError(() => error).pipe(catchTaskErrors(TypeError, handler)));
      expect(out.error).toBe(error);
      expect(out.values).toEqual([]);
      expect(handler).not.toHaveBeenCalled();
    });

    it('passes values and completion through', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-a-b-|');
        expectObservable(source.pipe(catchTaskErrors(Error, () => of('x')))).toBe('-a-b-|');
        expectSubscriptions(source.subscriptions).toBe('^----!');
      });
    });

    it('rethrows the same TaskGroupError object when no leaf matches', () => {
      const error = new TaskGroupError([new RangeError('far'), new TaskGroupError([new HttpError(500)])]);
      const handler = jasmine.createSpy('handler').and.returnValue(of('handled'));
      const out = collect(throwError(() => error).pipe(catchTaskErrors(TypeError, handler)));
      expect(out.error).toBe(error);
      expect(handler).not.toHaveBeenCalled();
    });
  });

  describe('a naked error (not a TaskGroupError), as except* wraps a naked exception', () => {
    it('is matched as a group of one: the handler gets TaskGroupError([error]) and replaces the error', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const naked = new TypeError('naked');
        const source = cold('--#     ', undefined, naked);
        const handled = cold('  -x-y|');
        const received: TaskGroupError<TypeError>[] = [];
        const result = source.pipe(
          catchTaskErrors(TypeError, group => {
            received.push(group);
            return handled;
          }),
        );
        expectObservable(result).toBe('---x-y|');
        expectSubscriptions(source.subscriptions).toBe('^-!');
        expectSubscriptions(handled.subscriptions).toBe('--^---!');
        testScheduler.flush();
        expect(received).toHaveSize(1);
        expect(received[0]).toBeInstanceOf(TaskGroupError);
        expect(received[0].errors).toHaveSize(1);
        expect(received[0].errors[0]).toBe(naked);
      });
    });

    it('is matched by a predicate too, non-Error values included', () => {
      const received: TaskGroupError[] = [];
      const out = collect(
        throwError(() => 'stop').pipe(
          catchTaskErrors(e => e === 'stop', group => {
            received.push(group);
            return of('stopped');
          }),
        ),
      );
      expect(out.values).toEqual(['stopped']);
      expect(out.completed).toBeTrue();
      expect(received[0].leaves()).toEqual(['stop']);
    });

    it("errors with the handler's error, as itself", () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const handlerError = new Error('handler failed');
        const source = cold('--#', undefined, new TypeError('naked'));
        const result = source.pipe(catchTaskErrors(TypeError, () => cold('-#', undefined, handlerError)));
        expectObservable(result).toBe('---#', undefined, handlerError);
      });
    });

    it("catches a group deadline: withTaskGroup(…).pipe(withTimeout(ms), catchTaskErrors(TaskTimeoutError, …))", () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const slow = cold('     ----------(x|)');
        const fallback = cold('      -(f|)');
        const received: TaskGroupError<TaskTimeoutError>[] = [];
        const result = withTaskGroup(tg => tg.createTask(slow)).pipe(
          withTimeout(5, { name: 'dashboard' }),
          catchTaskErrors(TaskTimeoutError, group => {
            received.push(group);
            return fallback;
          }),
        );
        expectObservable(result).toBe('------(f|)');
        expectSubscriptions(slow.subscriptions).toBe('^----!');
        expectSubscriptions(fallback.subscriptions).toBe('-----^!');
        testScheduler.flush();
        expect(received).toHaveSize(1);
        const [deadline] = received[0].leaves();
        expect(deadline).toBeInstanceOf(TaskTimeoutError);
        expect(deadline.timeout).toBe(5);
        expect(deadline.taskName).toBe('dashboard');
      });
    });

    it('lets a group deadline through as itself when the matcher does not match it', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const slow = cold('----------(x|)');
        const result = withTaskGroup(tg => tg.createTask(slow)).pipe(
          withTimeout(5),
          catchTaskErrors(RangeError, () => of('never')),
        );
        expectObservable(result).toBe('-----#', undefined, new TaskTimeoutError(5));
      });
    });
  });

  describe('when every leaf matches', () => {
    it("replaces the error with the handler's Observable: its values and its completion", () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const error = taskGroupError(new TypeError('a'), taskGroupError(new TypeError('b')));
        const source = cold('--#     ', undefined, error);
        const handled = cold('  -x-y|');
        const received: TaskGroupError[] = [];
        const result = source.pipe(
          catchTaskErrors(TypeError, matched => {
            received.push(matched);
            return handled;
          }),
        );
        expectObservable(result).toBe('---x-y|');
        expectSubscriptions(handled.subscriptions).toBe('--^---!');
        testScheduler.flush();
        expect(received).toHaveSize(1);
        expect(received[0]).toBe(error);
      });
    });

    it("errors with the handler's error, as itself, when nothing was left", () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const handlerError = new Error('handler failed');
        const source = cold('--#', undefined, taskGroupError(new TypeError('a')));
        const result = source.pipe(catchTaskErrors(TypeError, () => cold('-#', undefined, handlerError)));
        expectObservable(result).toBe('---#', undefined, handlerError);
      });
    });
  });

  describe('when some leaves match', () => {
    it('gives the handler the matching part with its shape, forwards its values, then rethrows the rest', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const t1 = new TypeError('t1');
        const t2 = new TypeError('t2');
        const r1 = new RangeError('r1');
        const r2 = new RangeError('r2');
        const error = taskGroupError(t1, taskGroupError(t2, r1), r2);
        const source = cold('--#    ', undefined, error);
        const handled = cold('  -h| ');
        let matched: TaskGroupError | undefined;
        const result = source.pipe(
          catchTaskErrors(TypeError, group => {
            matched = group;
            return handled;
          }),
        );
        expectObservable(result).toBe('---h#', undefined, taskGroupError(taskGroupError(r1), r2));
        expectSubscriptions(handled.subscriptions).toBe('--^-!');
        testScheduler.flush();

        expect(matched).toBeInstanceOf(TaskGroupError);
        expect(matched!.errors).toHaveSize(2);
        expect(matched!.errors[0]).toBe(t1);
        const nested = matched!.errors[1] as TaskGroupError;
        expect(nested).toBeInstanceOf(TaskGroupError);
        expect(nested.errors).toHaveSize(1);
        expect(nested.errors[0]).toBe(t2);
      });
    });

    it('rethrows the rest holding the original leaf objects', () => {
      const t = new TypeError('t');
      const r = new RangeError('r');
      const out = collect(throwError(() => taskGroupError(t, r)).pipe(catchTaskErrors(TypeError, () => of('handled'))));
      expect(out.values).toEqual(['handled']);
      expect(out.error).toBeInstanceOf(TaskGroupError);
      expect((out.error as TaskGroupError).errors).toHaveSize(1);
      expect((out.error as TaskGroupError).errors[0]).toBe(r);
    });

    it('errors with TaskGroupError([handlerError, rest]) when the handler fails', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const handlerError = new Error('handler failed');
        const r = new RangeError('r');
        const source = cold('--#', undefined, taskGroupError(new TypeError('t'), r));
        const result = source.pipe(catchTaskErrors(TypeError, () => cold('-a#', undefined, handlerError)));
        expectObservable(result).toBe('---a#', undefined, taskGroupError(handlerError, taskGroupError(r)));
      });
    });

    it('errors with TaskGroupError([thrown, rest]) when the handler throws synchronously', () => {
      const thrown = new Error('handler threw');
      const r = new RangeError('r');
      const out = collect(
        throwError(() => taskGroupError(new TypeError('t'), r)).pipe(
          catchTaskErrors(TypeError, (): Observable<never> => {
            throw thrown;
          }),
        ),
      );
      expect(out.error).toBeInstanceOf(TaskGroupError);
      const [first, rest] = (out.error as TaskGroupError).errors;
      expect(first).toBe(thrown);
      expect(rest).toBeInstanceOf(TaskGroupError);
      expect((rest as TaskGroupError).errors).toEqual([r]);
      expect((rest as TaskGroupError).errors[0]).toBe(r);
    });
  });

  describe('a matcher that throws', () => {
    const matcherError = new Error('matcher broke');
    const throwing = (): boolean => {
      throw matcherError;
    };

    it('errors with a TaskGroupError of [the matcher’s error, the original group], the handler not called', () => {
      const original = taskGroupError(new TypeError('a'), new RangeError('b'));
      const handler = jasmine.createSpy('handler').and.returnValue(of('handled'));
      const { values, error } = collect(throwError(() => original).pipe(catchTaskErrors(throwing, handler)));
      expect(values).toEqual([]);
      expect(error).toBeInstanceOf(TaskGroupError);
      expect((error as TaskGroupError).errors).toHaveSize(2);
      expect((error as TaskGroupError).errors[0]).toBe(matcherError);
      expect((error as TaskGroupError).errors[1]).toBe(original);
      expect(handler).not.toHaveBeenCalled();
    });

    it('does the same for a naked error: [the matcher’s error, the naked error]', () => {
      const naked = new TaskTimeoutError(10);
      const handler = jasmine.createSpy('handler').and.returnValue(of('handled'));
      const { error } = collect(throwError(() => naked).pipe(catchTaskErrors(throwing, handler)));
      expect(error).toBeInstanceOf(TaskGroupError);
      expect((error as TaskGroupError).errors).toHaveSize(2);
      expect((error as TaskGroupError).errors[0]).toBe(matcherError);
      expect((error as TaskGroupError).errors[1]).toBe(naked);
      expect(handler).not.toHaveBeenCalled();
    });
  });

  describe('chaining', () => {
    it('works like two except* clauses: each handles its part, the rest goes to the next one', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const t = new TypeError('t');
        const r = new RangeError('r');
        const seen: unknown[][] = [];
        const source = cold('--#', undefined, taskGroupError(t, r));
        const result = source.pipe(
          catchTaskErrors(TypeError, group => {
            seen.push(group.leaves());
            return of('type');
          }),
          catchTaskErrors(RangeError, group => {
            seen.push(group.leaves());
            return of('range');
          }),
        );
        expectObservable(result).toBe('--(tr|)', { t: 'type', r: 'range' });
        testScheduler.flush();
        expect(seen).toHaveSize(2);
        expect(seen[0][0]).toBe(t);
        expect(seen[1][0]).toBe(r);
      });
    });

    it('lets what no clause matched through, as a TaskGroupError of the remaining members', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const h = new HttpError(502);
        const source = cold('--#', undefined, taskGroupError(new TypeError('t'), new RangeError('r'), h));
        const result = source.pipe(
          catchTaskErrors(TypeError, () => of('type')),
          catchTaskErrors(RangeError, () => of('range')),
        );
        expectObservable(result).toBe('--(tr#)', { t: 'type', r: 'range' }, taskGroupError(h));
      });
    });
  });

  describe('arguments', () => {
    it('throws a TypeError at call time for a matcher that is neither a class nor a function', () => {
      expect(() => catchTaskErrors(null as unknown as ErrorMatcher, () => EMPTY)).toThrowError(TypeError);
      expect(() => catchTaskErrors('TypeError' as unknown as ErrorMatcher, () => EMPTY)).toThrowError(TypeError);
      expect(() => catchTaskErrors(new TypeError() as unknown as ErrorMatcher, () => EMPTY)).toThrowError(TypeError);
    });

    it('throws a TypeError at call time for a handler that is not a function', () => {
      expect(() => catchTaskErrors(TypeError, undefined as unknown as () => Observable<never>)).toThrowError(TypeError);
      expect(() => catchTaskErrors(TypeError, of('x') as unknown as () => Observable<string>)).toThrowError(TypeError);
    });
  });
});
