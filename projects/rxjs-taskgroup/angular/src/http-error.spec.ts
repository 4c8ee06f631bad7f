/**
 * `httpError`: matching HttpErrorResponses by status in `catchTaskErrors`.
 */
import { HttpErrorResponse } from '@angular/common/http';
import { NEVER, of, throwError } from 'rxjs';
import { catchTaskErrors, TaskGroupError, withTaskGroup } from 'rxjs-taskgroup';
import { httpError } from 'rxjs-taskgroup/angular';

const response = (status: number) => new HttpErrorResponse({ status, url: `/api/status/${status}` });

describe('httpError', () => {
  it('matches an HttpErrorResponse by status', () => {
    expect(httpError(404)(response(404))).toBeTrue();
    expect(httpError(404)(response(500))).toBeFalse();
    expect(httpError(s => s >= 500)(response(503))).toBeTrue();
    expect(httpError(s => s >= 500)(response(404))).toBeFalse();
  });

  it('never matches anything else', () => {
    const lookalike = Object.assign(new Error('HTTP 404'), { status: 404 });
    expect(httpError(404)(lookalike)).toBeFalse();
    expect(httpError(() => true)(undefined)).toBeFalse();
    expect(httpError(() => true)('404')).toBeFalse();
  });

  it('does not match, and does not throw on, a value that cannot be inspected (a revoked Proxy)', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(httpError(404)(proxy)).toBeFalse();
    expect(httpError(() => true)(proxy)).toBeFalse();
  });

  it('throws a TypeError at once for anything but a status or a predicate', () => {
    expect(() => httpError('404' as unknown as number)).toThrowError(
      TypeError, 'httpError: status must be an HTTP status (a number) or a predicate on it; got string');
    expect(() => httpError(null as unknown as number)).toThrowError(
      TypeError, 'httpError: status must be an HTTP status (a number) or a predicate on it; got null');
  });

  it('in catchTaskErrors: handles the 404s of a group and rethrows the rest', () => {
    const notFound = response(404);
    const unavailable = response(503);
    const seen: unknown[] = [];
    let rest: unknown;
    // The 404 fails the group; the sibling's cleanup then fails with a 503, collected at shutdown.
    withTaskGroup(tg => {
      tg.createTask(NEVER, { name: 'profile', onCancel: () => throwError(() => unavailable) });
      tg.createTask(throwError(() => notFound), { name: 'avatar' });
    }).pipe(
      catchTaskErrors(httpError(404), eg => {
        seen.push(...eg.leaves().map(e => (e as HttpErrorResponse).status));
        return of('handled');
      }),
    ).subscribe({ next: v => seen.push(v), error: e => (rest = e) });
    expect(seen).toEqual([404, 'handled']);
    expect(rest).toBeInstanceOf(TaskGroupError);
    expect((rest as TaskGroupError).errors).toEqual([unavailable]);
  });

  it('in catchTaskErrors: what does not match is rethrown as a TaskGroupError', () => {
    const failure = new TaskGroupError([response(404), response(502)]);
    let rest: unknown;
    throwError(() => failure)
      .pipe(catchTaskErrors(httpError(404), () => of('handled')))
      .subscribe({ error: e => (rest = e) });
    expect(rest).toBeInstanceOf(TaskGroupError);
    expect((rest as TaskGroupError).errors.map(e => (e as HttpErrorResponse).status)).toEqual([502]);
  });
});
