/**
 * Error matchers (rule 14 of docs/contract.md), as `catchTaskErrors`, `split` and `subgroup` read
 * them: any constructor is a class, tested with `instanceof` and never called; only other
 * functions are predicates; either tests leaves, never a nested group.
 */
import { EMPTY, Observable, of, throwError } from 'rxjs';
import { catchTaskErrors, TaskGroupError, TaskTimeoutError, type ErrorMatcher } from 'rxjs-taskgroup';

/** Shaped like Angular's `HttpErrorResponse`: it implements Error's fields without extending it. */
class HttpErrorResponse {
  readonly name = 'HttpErrorResponse';
  readonly message: string;
  constructor(readonly status: number) {
    this.message = `Http failure response: ${status}`;
  }
}

/** A class that extends nothing and has no members at all. */
class Marker {}

class NotFound extends Error {
  override name = 'NotFound';
}

interface Caught {
  /** What the handler received (undefined when it was not called), and its leaves. */
  group?: TaskGroupError;
  leaves?: unknown[];
  /** The values of the handler's Observable, forwarded. */
  values: unknown[];
  /** What is left over, rethrown. */
  rethrown?: unknown;
}

/** Uses `catchTaskErrors` on `error`, the handler returning `handled`, and returns what happened. */
function caughtBy(matcher: ErrorMatcher, error: unknown, handled: Observable<unknown> = EMPTY): Caught {
  const out: Caught = { values: [] };
  throwError(() => error)
    .pipe(
      catchTaskErrors(matcher, group => {
        out.group = group;
        out.leaves = group.leaves();
        return handled;
      }),
    )
    .subscribe({ next: value => out.values.push(value), error: (e: unknown) => (out.rethrown = e) });
  return out;
}

describe('error matchers: a constructor is a class, anything else a predicate (rule 14)', () => {
  const http = new HttpErrorResponse(503);
  const marker = new Marker();
  const notFound = new NotFound('gone');
  const plain = new Error('plain');
  const all = () => new TaskGroupError([http, marker, notFound, plain, 'text']);

  describe('a class that does not extend Error', () => {
    it('is tested with instanceof by catchTaskErrors, never called (HttpErrorResponse)', () => {
      const out = caughtBy(HttpErrorResponse, all());
      expect(out.leaves).toHaveSize(1);
      expect(out.leaves![0]).toBe(http);
      expect((out.rethrown as TaskGroupError).leaves()).toHaveSize(4);
    });

    it('is tested with instanceof by split and subgroup', () => {
      const [matched, rest] = all().split(HttpErrorResponse);
      expect(matched!.leaves()).toHaveSize(1);
      expect(matched!.leaves()[0]).toBe(http);
      expect(rest!.leaves()).toHaveSize(4);
      expect(all().subgroup(Marker)!.leaves()[0]).toBe(marker);
    });

    it('works with no members at all (class Marker {})', () => {
      const out = caughtBy(Marker, all());
      expect(out.leaves).toHaveSize(1);
      expect(out.leaves![0]).toBe(marker);
    });

    it('works when the class is abstract in TypeScript', () => {
      abstract class Failure {
        abstract readonly code: number;
      }
      class Timeout extends Failure {
        readonly code = 408;
      }
      const timeout = new Timeout();
      expect(new TaskGroupError([timeout, plain]).subgroup(Failure)!.leaves()[0]).toBe(timeout);
    });
  });

  describe('Error and its subclasses', () => {
    it('matches Error subclasses by instanceof, Error itself matching every Error', () => {
      expect(caughtBy(NotFound, all()).leaves).toEqual([notFound]);
      const errors = caughtBy(Error, all()).leaves!;
      expect(errors).toHaveSize(2);
      expect(errors[0]).toBe(notFound);
      expect(errors[1]).toBe(plain);
      // The library's own subclasses too, in order; what is not an Error is the rest.
      const timeout = new TaskTimeoutError(10, 'x');
      const out = caughtBy(Error, new TaskGroupError(['boom', notFound, timeout, plain]));
      expect(out.group?.errors).toHaveSize(3);
      expect(out.group?.errors[0]).toBe(notFound);
      expect(out.group?.errors[1]).toBe(timeout);
      expect(out.group?.errors[2]).toBe(plain);
      expect((out.rethrown as TaskGroupError).errors).toEqual(['boom']);
    });

    it('matches built-in error classes without calling them', () => {
      const type = new TypeError('t');
      expect(new TaskGroupError([type, plain]).subgroup(TypeError)!.leaves()[0]).toBe(type);
      expect(new TaskGroupError([plain]).subgroup(TypeError)).toBeUndefined();
    });
  });

  describe('a function with prototype members', () => {
    it('is a class: instanceof, never called', () => {
      const calls: unknown[] = [];
      function LegacyError(this: { message: string }, message: string) {
        calls.push(message);
        this.message = message;
      }
      LegacyError.prototype.describe = function () {
        return 'legacy';
      };
      const legacy = new (LegacyError as unknown as new (m: string) => object)('old');
      calls.length = 0;
      const out = caughtBy(LegacyError as unknown as ErrorMatcher, new TaskGroupError([legacy, plain]));
      expect(out.leaves).toHaveSize(1);
      expect(out.leaves![0]).toBe(legacy);
      expect(calls).toEqual([]);
    });

    it('is a class when its prototype inherits from another class', () => {
      function Legacy() {
        /* an ES5-style subclass of Error */
      }
      Legacy.prototype = Object.create(Error.prototype);
      const legacy: unknown = Object.create(Legacy.prototype);
      const out = caughtBy(Legacy as unknown as ErrorMatcher, new TaskGroupError([legacy, 'text']));
      expect(out.leaves).toHaveSize(1);
      expect(out.leaves![0]).toBe(legacy);
    });
  });

  describe('predicates', () => {
    it('calls an arrow function with each leaf, in order, nested ones and non-Error values included', () => {
      const seen: unknown[] = [];
      const out = caughtBy(e => (seen.push(e), e === 'text'), all());
      expect(seen).toHaveSize(5);
      expect(out.leaves).toEqual(['text']);
      // Nested: the handler gets the match and the rest is rethrown, each keeping its shape.
      const seenNested: unknown[] = [];
      const nested = caughtBy(e => (seenNested.push(e), e === 'boom'), new TaskGroupError([notFound, new TaskGroupError(['boom', undefined])]), of('ok'));
      expect(seenNested).toEqual([notFound, 'boom', undefined]);
      expect(nested.leaves).toEqual(['boom']);
      expect(nested.group?.errors[0]).toBeInstanceOf(TaskGroupError);
      expect(nested.values).toEqual(['ok']);
      expect((nested.rethrown as TaskGroupError).errors[0]).toBe(notFound);
      expect(((nested.rethrown as TaskGroupError).errors[1] as TaskGroupError).errors).toEqual([undefined]);
    });

    it('calls an arrow function over fields', () => {
      const e404 = new HttpErrorResponse(404);
      const e500 = new HttpErrorResponse(500);
      const out = caughtBy(e => e instanceof HttpErrorResponse && e.status >= 500, new TaskGroupError([e404, e500]));
      expect(out.group?.errors).toHaveSize(1);
      expect(out.group?.errors[0]).toBe(e500);
    });

    it('calls a plain function whose prototype holds only its constructor', () => {
      function isServerError(error: unknown): boolean {
        return error instanceof HttpErrorResponse && error.status >= 500;
      }
      const out = caughtBy(isServerError, all());
      expect(out.leaves).toHaveSize(1);
      expect(out.leaves![0]).toBe(http);
    });

    it('calls a type guard, an async-free method and a bound function', () => {
      const guards = {
        isMarker(e: unknown): e is Marker {
          return e instanceof Marker;
        },
      };
      expect(caughtBy(guards.isMarker, all()).leaves![0]).toBe(marker);
      const bound = function (this: { wanted: unknown }, e: unknown) {
        return e === this.wanted;
      }.bind({ wanted: plain });
      expect(caughtBy(bound, all()).leaves).toEqual([plain]);
    });
  });

  describe('leaves only', () => {
    it('never matches a nested group itself: TaskGroupError, AggregateError or a predicate for groups match nothing, in split and catchTaskErrors', () => {
      const error = new TaskGroupError([new TaskGroupError([new Error('a')])]);
      expect(error.split(TaskGroupError)).toEqual([undefined, error]);
      expect(error.split(TaskGroupError)[1]).toBe(error);
      expect(error.split(AggregateError)[1]).toBe(error);
      const nested = new TaskGroupError([new TaskGroupError([new TypeError('a')]), new RangeError('b')]);
      for (const matcher of [TaskGroupError, AggregateError, (e: unknown) => e instanceof TaskGroupError]) {
        const out = caughtBy(matcher, nested, of('handled'));
        expect(out.group).withContext('the handler was not called').toBeUndefined();
        expect(out.values).toEqual([]);
        expect(out.rethrown).toBe(nested);
      }
    });
  });
});
