/**
 * Error matchers (rule 14 of docs/contract.md): Angular's real `HttpErrorResponse` is a class that
 * implements `Error` without extending it. It used to be taken for a predicate and called, which threw "Class constructor
 * HttpErrorResponse cannot be invoked without 'new'" in place of the real error.
 */
import { HttpErrorResponse } from '@angular/common/http';
import { of, throwError } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import { catchTaskErrors, TaskGroupError, withTaskGroup } from 'rxjs-taskgroup';
import { taskGroupError, taskGroupTestScheduler } from 'rxjs-taskgroup/testing';

describe("error matchers: Angular's real HttpErrorResponse is a class (rule 14)", () => {
  let testScheduler: TestScheduler;
  beforeEach(() => (testScheduler = taskGroupTestScheduler()));

  const notFound = new HttpErrorResponse({ status: 404, url: '/api/user' });

  it('does not extend Error (which is why it must be told from a predicate by being a constructor)', () => {
    expect(notFound instanceof Error).toBeFalse();
  });

  it("is caught by catchTaskErrors(HttpErrorResponse, …) when a task fails with it; the siblings were cancelled", () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const user = cold('--#', undefined, notFound);
      const stats = cold('-----(s|)');
      const received: HttpErrorResponse[] = [];
      const result = withTaskGroup(tg => {
        tg.createTask(user, { name: 'user' });
        tg.createTask(stats, { name: 'stats' });
      }).pipe(
        catchTaskErrors(HttpErrorResponse, eg => {
          received.push(...eg.leaves());
          return of(`failed: ${eg.leaves().map(e => e.status).join(', ')}`);
        }),
      );
      expectObservable(result).toBe('--(f|)', { f: 'failed: 404' });
      expectSubscriptions(stats.subscriptions).toBe('^-!');
      testScheduler.flush();
      expect(received).toHaveSize(1);
      expect(received[0]).toBe(notFound);
    });
  });

  it('leaves other errors to the rest, and passes a group without one through', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const range = new RangeError('far');
      const source = cold('-#', undefined, taskGroupError(notFound, range));
      expectObservable(source.pipe(catchTaskErrors(HttpErrorResponse, () => of('h')))).toBe('-(h#)', { h: 'h' }, taskGroupError(range));
      const other = taskGroupError(range);
      expectObservable(cold('-#', undefined, other).pipe(catchTaskErrors(HttpErrorResponse, () => of('h')))).toBe('-#', undefined, other);
    });
  });

  it('matches a naked HttpErrorResponse as a group of one', () => {
    let received: TaskGroupError<HttpErrorResponse> | undefined;
    throwError(() => notFound)
      .pipe(catchTaskErrors(HttpErrorResponse, eg => ((received = eg), of(0))))
      .subscribe();
    expect(received?.errors).toHaveSize(1);
    expect(received?.errors[0]).toBe(notFound);
  });

  it('is a class for split and subgroup too', () => {
    const error = new TaskGroupError([new TypeError('t'), notFound]);
    const [http, rest] = error.split(HttpErrorResponse);
    expect(http?.leaves()[0].status).toBe(404);
    expect(rest?.leaves()).toHaveSize(1);
    expect(error.subgroup(HttpErrorResponse)?.leaves()[0].url).toBe('/api/user');
  });
});
