import { HttpErrorResponse } from '@angular/common/http';
import { ɵisInstance } from 'rxjs-taskgroup';

/**
 * A matcher for `catchTaskErrors` (or `TaskGroupError.split`/`subgroup`) that selects the
 * `HttpErrorResponse`s of a group's failure by HTTP status: one status, or a test on it.
 *
 * @remarks
 * It is a predicate (an arrow function), so it is called with each leaf error; anything that
 * is not an `HttpErrorResponse` does not match (nor does a value that cannot be inspected, such as a
 * revoked `Proxy`). A request that never reached a server
 * (network error, CORS) has status 0. The return type is a type guard, so the handler can
 * read `status` on what it receives.
 *
 * @example
 * ```ts
 * import { inject } from '@angular/core';
 * import { HttpClient } from '@angular/common/http';
 * import { of } from 'rxjs';
 * import { catchTaskErrors, withTaskGroup } from 'rxjs-taskgroup';
 * import { httpError } from 'rxjs-taskgroup/angular';
 *
 * const http = inject(HttpClient);
 * withTaskGroup(tg => {
 *   tg.createTask(http.get('/api/status/404'), { name: 'avatar' });
 *   tg.createTask(http.get('/api/delay/1'), { name: 'profile' });
 * }).pipe(
 *   catchTaskErrors(httpError(404), eg => of(`missing: ${eg.errors.length}`)),  // 404s handled
 *   catchTaskErrors(httpError(s => s >= 500), () => of('server down')),          // 5xx handled
 * ).subscribe(console.log); // Logs: missing: 1 (the other failures are rethrown as a TaskGroupError)
 * ```
 *
 * @param status - the status to match, or a predicate on the status.
 * @returns a predicate on one error: whether it is an `HttpErrorResponse` with a matching status.
 * @throws TypeError at once when `status` is neither a number nor a function.
 */
export function httpError(status: number | ((status: number) => boolean)): (error: unknown) => error is HttpErrorResponse {
  if (typeof status === 'number') {
    return (error: unknown): error is HttpErrorResponse => ɵisInstance(error, HttpErrorResponse) && (error as HttpErrorResponse).status === status;
  }
  if (typeof status === 'function') {
    return (error: unknown): error is HttpErrorResponse => ɵisInstance(error, HttpErrorResponse) && Boolean(status((error as HttpErrorResponse).status));
  }
  // The package's one message format, `<what> must be <expected>; got <type>` (the core's `typeError`).
  throw new TypeError(`httpError: status must be an HTTP status (a number) or a predicate on it; got ${status === null ? 'null' : typeof status}`);
}
