/**
 * `rxjs-taskgroup/testing`: comparing errors by their members in plain and marble tests.
 */
import { from, of } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { taskGroup, TaskCancelledError, TaskGroupError, TaskTimeoutError } from 'rxjs-taskgroup';
import { taskGroupError, taskGroupMatcher, taskGroupTestScheduler, toComparable } from 'rxjs-taskgroup/testing';

class HttpError extends Error {
  override name = 'HttpError';
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

/** Same `name` and message as TypeError, another class. */
class LookalikeTypeError extends TypeError {
  override name = 'TypeError';
}

describe('rxjs-taskgroup/testing', () => {
  describe('toComparable', () => {
    it('turns an Error into its class, name, message and own fields, without the stack', () => {
      const comparable = toComparable(new HttpError(502)) as Record<string, unknown>;
      // `error` is the constructor's name (read from the class: bundlers may rename it).
      expect(comparable).toEqual({ error: HttpError.name, name: 'HttpError', message: 'HTTP 502', status: 502 });
      expect('stack' in comparable).toBeFalse();
    });

    it('keeps the fields of TaskTimeoutError and the reason of TaskCancelledError', () => {
      expect(toComparable(new TaskTimeoutError(5, 'x'))).toEqual(
        jasmine.objectContaining({ name: 'TaskTimeoutError', timeout: 5, taskName: 'x' }),
      );
      expect(toComparable(new TaskCancelledError(new RangeError('why')))).toEqual(
        jasmine.objectContaining({
          name: 'TaskCancelledError',
          reason: { error: 'RangeError', name: 'RangeError', message: 'why' },
        }),
      );
    });

    it('compares an aggregate by its members, nested groups included', () => {
      const error = new TaskGroupError([new TypeError('a'), new TaskGroupError(['boom'])], 'custom');
      expect(toComparable(error)).toEqual(
        jasmine.objectContaining({
          name: 'TaskGroupError',
          message: 'custom',
          errors: [
            { error: 'TypeError', name: 'TypeError', message: 'a' },
            jasmine.objectContaining({ name: 'TaskGroupError', errors: ['boom'] }),
          ],
        }),
      );
      expect(toComparable(new AggregateError([new Error('x')], 'plain'))).toEqual(
        jasmine.objectContaining({ name: 'AggregateError', errors: [{ error: 'Error', name: 'Error', message: 'x' }] }),
      );
    });

    it("tells two errors apart by class even when name and message are the same", () => {
      expect(toComparable(new LookalikeTypeError('x'))).not.toEqual(toComparable(new TypeError('x')));
    });

    it('walks arrays and plain objects, and keeps the cause', () => {
      const cause = new Error('root');
      expect(toComparable([{ e: new Error('top', { cause }) }, 1])).toEqual([
        { e: { error: 'Error', name: 'Error', message: 'top', cause: { error: 'Error', name: 'Error', message: 'root' } } },
        1,
      ]);
    });

    it('replaces a circular reference by a marker', () => {
      const looped: Record<string, unknown> = { name: 'loop' };
      looped['self'] = looped;
      expect(toComparable(looped)).toEqual({ name: 'loop', self: '[Circular]' });
      const error = new Error('looped') as Error & { again?: unknown };
      error.again = error;
      expect(toComparable(error)).toEqual({ error: 'Error', name: 'Error', message: 'looped', again: '[Circular]' });
    });

    it('keeps a value seen twice, not in a cycle', () => {
      const shared = { x: 1 };
      expect(toComparable({ a: shared, b: shared })).toEqual({ a: { x: 1 }, b: { x: 1 } });
    });
  });

  describe('taskGroupMatcher', () => {
    it('passes on groups with equal members', () => {
      expect(() => taskGroupMatcher(taskGroupError(new TypeError('a'), 'boom'), taskGroupError(new TypeError('a'), 'boom'))).not.toThrow();
      expect(() =>
        taskGroupMatcher(taskGroupError(taskGroupError(new HttpError(500))), taskGroupError(taskGroupError(new HttpError(500)))),
      ).not.toThrow();
    });

    it('throws on a different member, even under the same message', () => {
      const actual = new TaskGroupError([new TypeError('a')], 'same message');
      const expected = new TaskGroupError([new TypeError('b')], 'same message');
      expect(() => taskGroupMatcher(actual, expected)).toThrowError(/differ/);
    });

    it('throws on a member of another class', () => {
      expect(() => taskGroupMatcher(taskGroupError(new LookalikeTypeError('a')), taskGroupError(new TypeError('a')))).toThrowError(
        /differ/,
      );
    });

    it('throws on a different field of a member', () => {
      const actual = new HttpError(500);
      const expected = new HttpError(502);
      expected.message = actual.message;
      expect(() => taskGroupMatcher(taskGroupError(actual), taskGroupError(expected))).toThrowError(/differ/);
    });

    it('throws on another nesting of the same leaves', () => {
      const a = new Error('a');
      const b = new Error('b');
      const flat = new TaskGroupError([a, b], 'same message');
      const nested = new TaskGroupError([a, new TaskGroupError([b])], 'same message');
      expect(() => taskGroupMatcher(flat, nested)).toThrowError(/differ/);
    });

    it('throws on a different number of members', () => {
      const a = new Error('a');
      expect(() => taskGroupMatcher(new TaskGroupError([a], 'm'), new TaskGroupError([a, a], 'm'))).toThrowError(/differ/);
    });

    it('compares values that are not errors deeply', () => {
      expect(() => taskGroupMatcher([{ a: [1, 2] }], [{ a: [1, 2] }])).not.toThrow();
      expect(() => taskGroupMatcher([{ a: [1, 2] }], [{ a: [1, 3] }])).toThrowError(/differ/);
    });
  });

  describe('taskGroupTestScheduler', () => {
    it('is a TestScheduler', () => {
      expect(taskGroupTestScheduler()).toBeInstanceOf(TestScheduler);
    });

    it('passes a marble test that expects the right members', () => {
      const scheduler = taskGroupTestScheduler();
      const error = new TypeError('a');
      expect(() =>
        scheduler.run(({ cold, expectObservable }) => {
          expectObservable(from([cold('-#', undefined, error)]).pipe(taskGroup())).toBe('-#', undefined, taskGroupError(new TypeError('a')));
        }),
      ).not.toThrow();
    });

    it('fails a marble test that expects a wrong member, even under the same message', () => {
      const scheduler = taskGroupTestScheduler();
      const actual = new TypeError('a');
      const wrong = new TaskGroupError([new RangeError('a')], new TaskGroupError([actual]).message);
      expect(() =>
        scheduler.run(({ cold, expectObservable }) => {
          expectObservable(from([cold('-#', undefined, actual)]).pipe(taskGroup())).toBe('-#', undefined, wrong);
        }),
      ).toThrow();
    });

    it('fails a marble test on a wrong value, like any TestScheduler', () => {
      const scheduler = taskGroupTestScheduler();
      expect(() =>
        scheduler.run(({ expectObservable }) => {
          expectObservable(from([of(1), of(2)]).pipe(taskGroup())).toBe('(r|)', { r: [1, 3] });
        }),
      ).toThrow();
    });
  });

  describe('taskGroupError', () => {
    it('makes a TaskGroupError of the given members, in order', () => {
      const a = new TypeError('a');
      const error = taskGroupError(a, 'boom', undefined);
      expect(error).toBeInstanceOf(TaskGroupError);
      expect(error.errors).toHaveSize(3);
      expect(error.errors[0]).toBe(a);
      expect(error.errors[1]).toBe('boom');
      expect(error.errors[2]).toBeUndefined();
      expect(error.message).toBe('3 errors in task group: TypeError: a; "boom"; undefined');
    });

    it('throws a TypeError with no members, as TaskGroupError does', () => {
      expect(() => taskGroupError()).toThrowError(TypeError);
    });
  });
});
