import { catchError, concat, defer, from, throwError, type ObservableInput, type OperatorFunction } from 'rxjs';
import { TaskGroupError } from './errors/task-group-error';
import { toErrorPredicate } from './internal/matcher';
import type { ErrorMatcher } from './types';

/**
 * Handles the matching part of a {@link TaskGroupError} and rethrows the rest: `except*`.
 *
 * @remarks
 * An error that is not a `TaskGroupError` passes through untouched, as does a group with no
 * matching leaf. Otherwise the handler receives the matching part (nested groups keep their
 * shape). If nothing is left, the handler's Observable replaces the error. If something is
 * left, the handler's Observable still runs (its values are forwarded) and then the rest is
 * rethrown as a `TaskGroupError`. If the handler itself fails while a rest is left, the result
 * errors with a `TaskGroupError` of `[handler's error, rest]`, as `except*` combines an
 * exception raised in its clause with what it did not handle. Chain several to handle several
 * types, as several `except*` clauses do.
 *
 * ```
 * source:   ---#                (TaskGroupError [TypeError, RangeError])
 * catchTaskErrors(TypeError, () => of('t'))
 * result:   ---(t#)             (TaskGroupError [RangeError])
 * ```
 *
 * @example
 * ```ts
 * import { catchTaskErrors, taskGroup } from 'rxjs-taskgroup';
 * import { EMPTY, from, throwError } from 'rxjs';
 *
 * from([throwError(() => new TypeError('bad input'))])
 *   .pipe(
 *     taskGroup(),
 *     catchTaskErrors(TypeError, group => {
 *       for (const e of group.leaves()) console.log(`Caught: ${(e as Error).message}`);
 *       return EMPTY;
 *     }),
 *   )
 *   .subscribe(); // Logs: Caught: bad input
 * ```
 *
 * @param matcher - an error class (tested with `instanceof` on leaves) or a predicate.
 * @param handler - receives the matching part; returns what replaces it.
 * @returns an operator that handles part of a `TaskGroupError`.
 * @throws TypeError at once when `matcher` or `handler` is not a function.
 */
export function catchTaskErrors<T, R>(
  matcher: ErrorMatcher,
  handler: (matched: TaskGroupError) => ObservableInput<R>,
): OperatorFunction<T, T | R> {
  const matches = toErrorPredicate(matcher, 'catchTaskErrors');
  if (typeof handler !== 'function') throw new TypeError(`catchTaskErrors: handler must be a function; got ${typeof handler}`);
  return catchError(error => {
    if (!(error instanceof TaskGroupError)) return throwError(() => error);
    const [matched, rest] = error.split(matches);
    if (!matched) return throwError(() => error);
    const handled = defer(() => from(handler(matched)));
    if (!rest) return handled;
    return concat(handled, throwError(() => rest)).pipe(
      catchError(thrown => throwError(() => (thrown === rest ? rest : new TaskGroupError([thrown, rest])))),
    );
  });
}
