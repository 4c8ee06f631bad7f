import { catchError, concat, defer, from, throwError, type ObservableInput, type OperatorFunction } from 'rxjs';
import { isTaskGroupError, TaskGroupError } from './errors/task-group-error';
import { toErrorPredicate } from './internal/matcher';
import { typeError } from './internal/type-error';
import type { ErrorClass, ErrorMatcher } from './types';

/**
 * `except*` with a type guard: the handler's group is typed by the guarded type.
 *
 * @example
 * ```ts
 * import { catchTaskErrors, taskGroup } from 'rxjs-taskgroup';
 * import { EMPTY, from, throwError } from 'rxjs';
 *
 * const isRange = (e: unknown): e is RangeError => e instanceof RangeError;
 * from([throwError(() => new RangeError('far'))])
 *   .pipe(taskGroup(), catchTaskErrors(isRange, group => (console.log(group.leaves()[0].message), EMPTY)))
 *   .subscribe(); // Logs: far
 * ```
 *
 * @param matcher - a type guard, called with each leaf.
 * @param handler - receives the matching part; returns what replaces it.
 * @returns an operator that handles part of a `TaskGroupError`.
 */
export function catchTaskErrors<T, M, R>(
  matcher: (error: unknown) => error is M,
  handler: (matched: TaskGroupError<M>) => ObservableInput<R>,
): OperatorFunction<T, T | R>;
/**
 * Handles the matching part of a {@link TaskGroupError} and rethrows the rest: `except*`.
 *
 * @remarks
 * The handler receives the matching part (nested groups keep their shape), typed by the
 * matcher: `catchTaskErrors(HttpErrorResponse, eg => …)` gives `eg.leaves()` as
 * `HttpErrorResponse[]`. If nothing is left, the handler's Observable replaces the error. If
 * something is left, the handler's Observable still runs (its values are forwarded) and then the
 * rest is rethrown as a `TaskGroupError`. If the handler itself fails while a rest is left, the
 * result errors with a `TaskGroupError` of `[handler's error, rest]`, as `except*` combines an
 * exception raised in its clause with what it did not handle. Chain several to handle several
 * types, as several `except*` clauses do. A matcher that throws loses nothing either: the
 * result errors with a `TaskGroupError` of `[matcher's error, the error it was testing]` (the
 * whole group, or the naked error), and the handler is not called.
 *
 * A naked error (not a `TaskGroupError`: a group deadline's `TaskTimeoutError` from
 * `withTimeout`, say) is matched as a group of one, as `except*` wraps a naked exception: if it
 * matches, the handler gets `new TaskGroupError([error])`; if not, it passes through as itself.
 *
 * ```
 * source:   ---#                (TaskGroupError [TypeError, RangeError])
 * catchTaskErrors(TypeError, () => of('t'))
 * result:   ---(t#)             (TaskGroupError [RangeError])
 * ```
 *
 * @example
 * ```ts
 * import { catchTaskErrors, taskGroup, TaskTimeoutError, withTimeout } from 'rxjs-taskgroup';
 * import { from, of, throwError, timer } from 'rxjs';
 *
 * from([throwError(() => new TypeError('bad input'))])
 *   .pipe(
 *     taskGroup(),
 *     catchTaskErrors(TypeError, group => of(group.leaves().map(e => `Caught: ${e.message}`))),
 *   )
 *   .subscribe(console.log); // Logs: ['Caught: bad input']
 *
 * from([timer(5_000)])
 *   .pipe(
 *     taskGroup(),
 *     withTimeout(1_000), // a naked TaskTimeoutError: matched as a group of one
 *     catchTaskErrors(TaskTimeoutError, group => of(`gave up after ${group.leaves()[0].timeout} ms`)),
 *   )
 *   .subscribe(console.log); // Logs (after 1 s): gave up after 1000 ms
 * ```
 *
 * @param matcher - an error class (tested with `instanceof` on leaves, never called) or a predicate.
 * @param handler - receives the matching part; returns what replaces it.
 * @returns an operator that handles part of a `TaskGroupError`.
 * @throws TypeError at once when `matcher` or `handler` is not a function.
 */
export function catchTaskErrors<T, M, R>(
  matcher: ErrorClass<M>,
  handler: (matched: TaskGroupError<M>) => ObservableInput<R>,
): OperatorFunction<T, T | R>;
/**
 * `except*` with any matcher; the handler's group has `unknown` leaves.
 *
 * @example
 * ```ts
 * import { catchTaskErrors, taskGroup } from 'rxjs-taskgroup';
 * import { from, of, throwError } from 'rxjs';
 *
 * from([throwError(() => 'not an Error')])
 *   .pipe(taskGroup(), catchTaskErrors(e => typeof e === 'string', group => of(group.leaves())))
 *   .subscribe(console.log); // Logs: ['not an Error']
 * ```
 *
 * @param matcher - an error class or a predicate, called with each leaf.
 * @param handler - receives the matching part; returns what replaces it.
 * @returns an operator that handles part of a `TaskGroupError`.
 */
export function catchTaskErrors<T, R>(
  matcher: ErrorMatcher,
  handler: (matched: TaskGroupError) => ObservableInput<R>,
): OperatorFunction<T, T | R>;
export function catchTaskErrors<T, R>(
  matcher: ErrorMatcher,
  handler: (matched: TaskGroupError) => ObservableInput<R>,
): OperatorFunction<T, T | R> {
  const matches = toErrorPredicate(matcher, 'catchTaskErrors');
  if (typeof handler !== 'function') throw typeError('catchTaskErrors: handler', 'a function', handler);
  return catchError(error => {
    if (!isTaskGroupError(error)) {
      // A naked error is a group of one; unmatched, it goes on as itself.
      let matched: boolean;
      try {
        matched = matches(error);
      } catch (matcherError) {
        return throwError(() => new TaskGroupError([matcherError, error]));
      }
      return matched ? defer(() => from(handler(new TaskGroupError([error])))) : throwError(() => error);
    }
    // A matcher that throws makes `split` throw `TaskGroupError([matcherError, error])`, which
    // catchError hands on as the result's error.
    const [matched, rest] = error.split(matches);
    if (!matched) return throwError(() => error);
    const handled = defer(() => from(handler(matched)));
    if (!rest) return handled;
    return concat(handled, throwError(() => rest)).pipe(
      catchError(thrown => throwError(() => (thrown === rest ? rest : new TaskGroupError([thrown, rest])))),
    );
  });
}
