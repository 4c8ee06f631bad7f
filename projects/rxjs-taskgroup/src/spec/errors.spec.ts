/**
 * The error classes (docs/contract.md "Errors and events", rule 14): real subclasses with `name`
 * and fields, and `TaskGroupError`'s `ExceptionGroup`-like `split` / `subgroup` / `leaves`. How a
 * matcher is read (a class or a predicate, tested on leaves only) is in error-matchers.spec.ts.
 */
import { TaskCancelledError, TaskGroupError, TaskStateError, TaskTimeoutError } from 'rxjs-taskgroup';

class ValueError extends Error {
  override name = 'ValueError';
}

describe("the error classes, and TaskGroupError's split, subgroup and leaves (errors; rule 14)", () => {
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

      it('names the members of each part in its message', () => {
        const error = new TaskGroupError([new TypeError('a'), new RangeError('b')]);
        const [match, rest] = error.split(TypeError);
        expect(match!.message).toBe('1 error in task group: TypeError: a');
        expect(rest!.message).toBe('1 error in task group: RangeError: b');
      });
    });

    describe('a matcher that throws', () => {
      /** What `act` throws. */
      function thrownBy(act: () => unknown): unknown {
        try {
          act();
        } catch (thrown) {
          return thrown;
        }
        return fail('expected a throw');
      }

      it('makes split throw a TaskGroupError of [the matcher’s error, the group it was splitting]', () => {
        const original = new TaskGroupError([new TypeError('a'), new TaskGroupError([new RangeError('b')])]);
        const matcherError = new Error('matcher broke');
        const thrown = thrownBy(() => original.split(e => {
          if (e instanceof RangeError) throw matcherError;
          return false;
        }));
        expect(thrown).toBeInstanceOf(TaskGroupError);
        expect((thrown as TaskGroupError).errors).toHaveSize(2);
        expect((thrown as TaskGroupError).errors[0]).toBe(matcherError);
        expect((thrown as TaskGroupError).errors[1]).toBe(original);
      });

      it('makes subgroup throw the same, including for a class whose Symbol.hasInstance throws', () => {
        const original = new TaskGroupError(['x']);
        const matcherError = new Error('no instances here');
        class Hostile {
          static [Symbol.hasInstance](): boolean {
            throw matcherError;
          }
        }
        const thrown = thrownBy(() => original.subgroup(Hostile));
        expect(thrown).toBeInstanceOf(TaskGroupError);
        expect((thrown as TaskGroupError).errors).toHaveSize(2);
        expect((thrown as TaskGroupError).errors[0]).toBe(matcherError);
        expect((thrown as TaskGroupError).errors[1]).toBe(original);
      });

      it('counts a member that cannot be inspected (a revoked Proxy) as no instance of a class matcher: nothing throws', () => {
        const { proxy, revoke } = Proxy.revocable({}, {});
        revoke();
        const range = new RangeError('r');
        const original = new TaskGroupError([range, proxy]);
        const [matched, rest] = original.split(RangeError);
        expect(matched!.errors).toHaveSize(1);
        expect(matched!.errors[0]).toBe(range);
        expect(rest!.errors).toHaveSize(1);
        expect(rest!.errors[0] === proxy).withContext('the revoked Proxy itself (Jasmine cannot print one)').toBeTrue();
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

    describe('members that resist being read', () => {
      /** An Error whose `key` getter throws. */
      function throwingOn(key: 'message' | 'name'): Error {
        const error = new Error('hidden');
        Object.defineProperty(error, key, { get: () => { throw new Error(`no ${key} for you`); } });
        return error;
      }

      /** A revoked Proxy of an Error (Jasmine's matchers read it, so it is compared with `===`). */
      function revokedProxy(): object {
        const { proxy, revoke } = Proxy.revocable(new Error('revoked'), {});
        revoke();
        return proxy;
      }

      it('shows a member whose message or name getter throws, or that is a revoked Proxy, as [unreadable error]', () => {
        const members = [throwingOn('message'), throwingOn('name'), revokedProxy()];
        let error: TaskGroupError | undefined;
        expect(() => (error = new TaskGroupError(members))).not.toThrow();
        expect(error!.message).toBe('3 errors in task group: [unreadable error]; [unreadable error]; [unreadable error]');
        expect(error!.errors).toHaveSize(3);
        members.forEach((member, i) => expect(error!.errors[i] === member).withContext(`member ${i}`).toBeTrue());
      });

      it('shows an object whose constructor getter throws, an Error whose name is a Symbol, and one whose message cannot become text', () => {
        const noConstructor = { get constructor(): never { throw new Error('no constructor'); } };
        const symbolName = new Error('x');
        Object.defineProperty(symbolName, 'name', { value: Symbol('odd') });
        const badMessage = new Error();
        Object.defineProperty(badMessage, 'message', { value: { toString: () => { throw new Error('no text'); } } });
        const error = new TaskGroupError([noConstructor, symbolName, badMessage]);
        expect(error.message).toBe('3 errors in task group: [unreadable error]; [unreadable error]; [unreadable error]');
      });

      it('shows a frozen error, an object with a null prototype and a Symbol as they are', () => {
        const bare: { message?: string } = Object.create(null) as object;
        const empty: object = Object.create(null) as object;
        bare.message = 'bare';
        const error = new TaskGroupError([Object.freeze(new RangeError('cold')), bare, empty, Symbol('s')]);
        expect(error.message).toBe('4 errors in task group: RangeError: cold; bare; [non-error Object]; Symbol(s)');
      });

      it('keeps a revoked Proxy as a leaf, and split and subgroup test it without throwing', () => {
        const proxy = revokedProxy();
        const other = new TypeError('other');
        const error = new TaskGroupError([proxy, new TaskGroupError([other])]);
        const leaves = error.leaves();
        expect(leaves).toHaveSize(2);
        expect(leaves[0] === proxy).withContext('the proxy').toBeTrue();
        expect(leaves[1]).toBe(other);
        const [match, rest] = error.split(e => e === other);
        expect(match!.leaves()[0]).toBe(other);
        expect(rest!.errors).toHaveSize(1);
        expect(rest!.errors[0] === proxy).withContext('the proxy').toBeTrue();
      });

      it('lets a TaskCancelledError be made with any of them as its reason', () => {
        for (const reason of [throwingOn('message'), throwingOn('name'), revokedProxy(), Symbol('s')]) {
          let cancelled: TaskCancelledError | undefined;
          expect(() => (cancelled = new TaskCancelledError(reason))).not.toThrow();
          expect(cancelled!.reason === reason).withContext('its reason').toBeTrue();
          expect(cancelled!.message).toBe(typeof reason === 'symbol' ? 'Task cancelled (Symbol(s))' : 'Task cancelled ([unreadable error])');
        }
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
