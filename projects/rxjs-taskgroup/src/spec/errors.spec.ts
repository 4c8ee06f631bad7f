/**
 * The error classes: real subclasses with `name` and fields, and `TaskGroupError`'s
 * `ExceptionGroup`-like `split` / `subgroup` / `leaves`.
 */
import { TaskCancelledError, TaskGroupError, TaskStateError, TaskTimeoutError } from 'rxjs-taskgroup';

class ValueError extends Error {
  override name = 'ValueError';
}

describe('errors', () => {
  describe('TaskTimeoutError', () => {
    it('is an Error named TaskTimeoutError with `timeout` and `taskName`', () => {
      const error = new TaskTimeoutError(2000, 'download');
      expect(error).toBeInstanceOf(TaskTimeoutError);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe('TaskTimeoutError');
      expect(error.timeout).toBe(2000);
      expect(error.taskName).toBe('download');
      expect(error.message).toContain('2000');
      expect(error.message).toContain('download');
    });

    it('has an undefined `taskName` when it has no name', () => {
      const error = new TaskTimeoutError(5);
      expect(error.taskName).toBeUndefined();
      expect(error.timeout).toBe(5);
      expect(error.message).toContain('5');
    });
  });

  describe('TaskCancelledError', () => {
    it('is an Error named TaskCancelledError with the `reason` that cancelled it', () => {
      const reason = new ValueError('sibling failed');
      const error = new TaskCancelledError(reason);
      expect(error).toBeInstanceOf(TaskCancelledError);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe('TaskCancelledError');
      expect(error.reason).toBe(reason);
      expect(new TaskCancelledError('enough').reason).toBe('enough');
      expect(new TaskCancelledError().reason).toBeUndefined();
    });
  });

  describe('TaskStateError', () => {
    it('is an Error named TaskStateError with the given message', () => {
      const error = new TaskStateError('the task group is finished');
      expect(error).toBeInstanceOf(TaskStateError);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe('TaskStateError');
      expect(error.message).toBe('the task group is finished');
    });
  });

  describe('TaskGroupError', () => {
    it('is an AggregateError named TaskGroupError whose `errors` are its members, in order', () => {
      const a = new ValueError('a');
      const b = new RangeError('b');
      const error = new TaskGroupError([a, b]);
      expect(error).toBeInstanceOf(TaskGroupError);
      expect(error).toBeInstanceOf(AggregateError);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe('TaskGroupError');
      expect(error.errors).toHaveSize(2);
      expect(error.errors[0]).toBe(a);
      expect(error.errors[1]).toBe(b);
    });

    it('accepts any iterable of members', () => {
      const a = new Error('a');
      const error = new TaskGroupError(new Set([a]));
      expect(error.errors).toHaveSize(1);
      expect(error.errors[0]).toBe(a);
    });

    it('throws a TypeError for no members', () => {
      expect(() => new TaskGroupError([])).toThrowError(TypeError);
    });

    describe('message', () => {
      it('names the count and each member’s name and message', () => {
        expect(new TaskGroupError([new ValueError('bad input')]).message).toBe('1 error in task group: ValueError: bad input');
        expect(new TaskGroupError([new TypeError('bad'), new RangeError('far')]).message).toBe(
          '2 errors in task group: TypeError: bad; RangeError: far',
        );
      });

      it('shows non-Error members: a string as JSON, others with String()', () => {
        expect(new TaskGroupError(['boom', undefined, 42]).message).toBe('3 errors in task group: "boom"; undefined; 42');
      });

      it('shows an error-like object (an HttpErrorResponse, say) by its own name and message', () => {
        class Minified {
          readonly name = 'HttpErrorResponse';
          readonly message = 'Http failure response for /api/status/500: 500 Internal Server Error';
        }
        expect(new TaskGroupError([new Minified(), { message: 'no name' }, {}]).message).toBe(
          '3 errors in task group: HttpErrorResponse: Http failure response for /api/status/500: 500 Internal Server Error; ' +
            'no name; [non-error Object]',
        );
      });

      it('shows a nested group with its own message', () => {
        const error = new TaskGroupError([new TaskGroupError([new TypeError('inner')]), new Error('outer')]);
        expect(error.message).toBe(
          '2 errors in task group: TaskGroupError: 1 error in task group: TypeError: inner; Error: outer',
        );
      });

      it('differs when a member differs, so message equality in marble tests means something', () => {
        expect(new TaskGroupError([new TypeError('x')]).message).not.toBe(new TaskGroupError([new RangeError('x')]).message);
        expect(new TaskGroupError([new TypeError('x')]).message).not.toBe(new TaskGroupError([new TypeError('y')]).message);
      });
    });

    describe('split', () => {
      it('splits by class, recursing into nested groups and keeping their shape', () => {
        const t1 = new TypeError('t1');
        const t2 = new TypeError('t2');
        const r1 = new RangeError('r1');
        const r2 = new RangeError('r2');
        const error = new TaskGroupError([t1, new TaskGroupError([t2, r1]), r2]);
        const [match, rest] = error.split(TypeError);

        expect(match).toBeInstanceOf(TaskGroupError);
        expect(match!.errors).toHaveSize(2);
        expect(match!.errors[0]).toBe(t1);
        expect(match!.errors[1]).toBeInstanceOf(TaskGroupError);
        expect((match!.errors[1] as TaskGroupError).errors).toHaveSize(1);
        expect((match!.errors[1] as TaskGroupError).errors[0]).toBe(t2);

        expect(rest).toBeInstanceOf(TaskGroupError);
        expect(rest!.errors).toHaveSize(2);
        expect(rest!.errors[0]).toBeInstanceOf(TaskGroupError);
        expect((rest!.errors[0] as TaskGroupError).errors).toHaveSize(1);
        expect((rest!.errors[0] as TaskGroupError).errors[0]).toBe(r1);
        expect(rest!.errors[1]).toBe(r2);
      });

      it('splits by predicate, called on leaves only', () => {
        const seen: unknown[] = [];
        const error = new TaskGroupError(['boom', new TaskGroupError([undefined, new Error('x')])]);
        const [match, rest] = error.split(e => {
          seen.push(e);
          return typeof e !== 'object';
        });
        expect(seen).toEqual(['boom', undefined, jasmine.any(Error)]);
        expect(match!.errors[0]).toBe('boom');
        expect((match!.errors[1] as TaskGroupError).errors).toEqual([undefined]);
        expect(rest!.errors).toHaveSize(1);
        expect((rest!.errors[0] as TaskGroupError).leaves()).toEqual([jasmine.any(Error)]);
      });

      it('returns [undefined, this] when nothing matches', () => {
        const error = new TaskGroupError([new RangeError('r'), new TaskGroupError([new Error('e')])]);
        const [match, rest] = error.split(TypeError);
        expect(match).toBeUndefined();
        expect(rest).toBe(error);
      });

      it('returns [this, undefined] when everything matches', () => {
        const error = new TaskGroupError([new TypeError('a'), new TaskGroupError([new TypeError('b')])]);
        const [match, rest] = error.split(TypeError);
        expect<unknown>(match).toBe(error);
        expect(rest).toBeUndefined();
      });

      it('never matches a nested group itself', () => {
        const error = new TaskGroupError([new TaskGroupError([new Error('a')])]);
        expect(error.split(TaskGroupError)).toEqual([undefined, error]);
        expect(error.split(TaskGroupError)[1]).toBe(error);
        expect(error.split(AggregateError)[1]).toBe(error);
      });

      it('names the members of each part in its message', () => {
        const error = new TaskGroupError([new TypeError('a'), new RangeError('b')]);
        const [match, rest] = error.split(TypeError);
        expect(match!.message).toBe('1 error in task group: TypeError: a');
        expect(rest!.message).toBe('1 error in task group: RangeError: b');
      });
    });

    describe('subgroup', () => {
      it('returns the matching part, shape kept', () => {
        const t = new TaskTimeoutError(100, 'a');
        const error = new TaskGroupError([new Error('b'), new TaskGroupError([t, new Error('c')])]);
        const sub = error.subgroup(TaskTimeoutError);
        expect(sub).toBeInstanceOf(TaskGroupError);
        expect(sub!.errors).toHaveSize(1);
        expect(sub!.errors[0]).toBeInstanceOf(TaskGroupError);
        expect((sub!.errors[0] as TaskGroupError).errors).toHaveSize(1);
        expect((sub!.errors[0] as TaskGroupError).errors[0]).toBe(t);
      });

      it('returns undefined when nothing matches and the same instance when everything does', () => {
        const error = new TaskGroupError([new TypeError('a'), new TaskGroupError([new TypeError('b')])]);
        expect(error.subgroup(RangeError)).toBeUndefined();
        expect<unknown>(error.subgroup(TypeError)).toBe(error);
      });
    });

    describe('leaves', () => {
      it('flattens nested groups depth first, in order', () => {
        const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map(m => new Error(m));
        const error = new TaskGroupError([a, new TaskGroupError([b, new TaskGroupError([c]), d]), e]);
        const leaves = error.leaves();
        expect(leaves).toHaveSize(5);
        [a, b, c, d, e].forEach((leaf, i) => expect(leaves[i]).withContext(`leaf ${i}`).toBe(leaf));
      });

      it('keeps non-Error leaves', () => {
        expect(new TaskGroupError(['boom', new TaskGroupError([undefined, 0])]).leaves()).toEqual(['boom', undefined, 0]);
      });
    });
  });
});
