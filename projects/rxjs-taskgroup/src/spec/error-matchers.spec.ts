/**
 * Error matchers (rule 14 of docs/contract.md), as `catchTaskErrors`, `split` and `subgroup` read
 * them: any constructor is a class, tested with `instanceof` and never called; only other
 * functions are predicates.
 */
import { EMPTY, Observable, throwError } from 'rxjs';
import { catchTaskErrors, TaskGroupError, type ErrorMatcher } from 'rxjs-taskgroup';

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

/** Uses `catchTaskErrors` on `error` and returns the leaves its handler received (or undefined). */
function caughtBy(matcher: ErrorMatcher, error: unknown): { leaves?: unknown[]; rethrown?: unknown } {
  const out: { leaves?: unknown[]; rethrown?: unknown } = {};
  throwError(() => error)
    .pipe(
      catchTaskErrors(matcher, (group): Observable<never> => {
        out.leaves = group.leaves();
        return EMPTY;
      }),
    )
    .subscribe({ error: (e: unknown) => (out.rethrown = e) });
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
    it('calls an arrow function with each leaf', () => {
      const seen: unknown[] = [];
      const out = caughtBy(e => (seen.push(e), e === 'text'), all());
      expect(seen).toHaveSize(5);
      expect(out.leaves).toEqual(['text']);
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
});
