import { HttpErrorResponse } from '@angular/common/http';
import { EMPTY, Observable, Subscription, finalize, forkJoin, tap } from 'rxjs';
import { TaskGroupError, catchTaskErrors, withTaskGroup, withTimeout } from 'rxjs-taskgroup';
import { ScenarioContext } from './context';
import { short } from './describe-http';
import { Tracer } from './trace';

/**
 * A checkout makes three calls at once, through HttpClient. `order` fails with a 500 after 1 s.
 * `upload` and `hold` must be undone when they are cancelled, and undoing them calls the server:
 * deleting the upload takes 0.3 s; releasing the hold is given 2 s but takes 5 s, so that
 * cleanup fails with a TaskTimeoutError. `via` tells the two sides apart in the server's log.
 */
function checkout({ http, api, scheduler }: ScenarioContext, via: 'forkJoin' | 'group') {
  return {
    order: http.get(api(`/api/delay/1?status=500&via=${via}`)),
    upload: http.get(api(`/api/delay/3?call=upload&via=${via}`)),
    hold: http.get(api(`/api/delay/3?call=hold&via=${via}`)),
    deleteUpload: () => http.post(api(`/api/cleanup/upload?via=${via}`), null),
    releaseHold: () =>
      http.post(api(`/api/cleanup/hold?delay=5&via=${via}`), null).pipe(withTimeout(2000, { name: 'release hold', scheduler })),
  };
}

/**
 * forkJoin: the first error unsubscribes the other calls and is reported at once. forkJoin
 * cannot wait for a cleanup, so the best it can do is fire one when a call is unsubscribed
 * (`finalize`) and forget it: its request lands after the error, and its failure reaches no one
 * (here it is only written to `said`, for the card). `trace` draws it on the timeline.
 */
export function viaForkJoin(context: ScenarioContext, said: (line: string) => void): Observable<unknown> {
  const calls = checkout(context, 'forkJoin');
  const trace = new Tracer('forkJoin', context.onEvent, context.scheduler);
  const fireAndForget = (name: string, index: number, cleanup: () => Observable<unknown>) =>
    finalize(() => {
      trace.mark('cleanup-started', name, index);
      cleanup().subscribe({
        next: () => {
          trace.mark('cleanup-finished', name, index);
          said(`${name} cleanup done, after forkJoin's error`);
        },
        error: (error: unknown) => {
          trace.mark('cleanup-finished', name, index, error);
          said(`${name} cleanup failed, and no one is told: ${short(error)}`);
        },
      });
    });
  return forkJoin({
    order: calls.order.pipe(trace.task('order')),
    upload: calls.upload.pipe(trace.task('upload'), fireAndForget('upload', 1, calls.deleteUpload)),
    hold: calls.hold.pipe(trace.task('hold'), fireAndForget('hold', 2, calls.releaseHold)),
  }).pipe(tap({ error: () => trace.mark('group-finished') }));
}

/**
 * The task group: the same calls as tasks, the cleanups as `onCancel`. The 500 cancels `upload`
 * and `hold`; the group waits for both cleanups, then errors with one TaskGroupError holding the
 * 500 and the failed cleanup's TaskTimeoutError.
 */
export function viaTaskGroup(context: ScenarioContext): Observable<unknown> {
  const calls = checkout(context, 'group');
  return withTaskGroup(
    (tg) =>
      forkJoin({
        order: tg.createTask(calls.order, { name: 'order' }),
        upload: tg.createTask(calls.upload, { name: 'upload', onCancel: calls.deleteUpload }),
        hold: tg.createTask(calls.hold, { name: 'hold', onCancel: calls.releaseHold }),
      }),
    { scheduler: context.scheduler, onEvent: context.onEvent },
  );
}

/** The story of each side, one line per event, with its time (seconds since the run started). */
export interface SideBySide {
  readonly forkJoin: readonly string[];
  readonly 'task group': readonly string[];
}

/**
 * Both at once. Emits each side's story as it unfolds; completes when forkJoin's error and its
 * two forgotten cleanups have been heard of, and the group (then `catchTaskErrors`) has ended.
 */
export function forkJoinVsTaskGroup(context: ScenarioContext): Observable<SideBySide> {
  return new Observable<SideBySide>((subscriber) => {
    const start = context.scheduler.now();
    const story = { forkJoin: [] as string[], 'task group': [] as string[] };
    let ended = 0;
    const say = (side: keyof SideBySide, line: string) => {
      story[side].push(`${((context.scheduler.now() - start) / 1000).toFixed(2)} s: ${line}`);
      subscriber.next({ forkJoin: [...story.forkJoin], 'task group': [...story['task group']] });
      if (story.forkJoin.length === 3 && side === 'forkJoin') end();
    };
    const end = () => ++ended === 2 && subscriber.complete();

    const subscription = new Subscription();
    subscription.add(
      viaForkJoin(context, (line) => say('forkJoin', line)).subscribe({
        error: (error: unknown) => say('forkJoin', `error: ${short(error)}; the only error it reports`),
      }),
    );
    subscription.add(
      viaTaskGroup(context)
        .pipe(
          tap({
            error: (eg: TaskGroupError) =>
              say('task group', `error: ${eg.name} with ${eg.errors.length} errors: ${eg.errors.map(short).join('; ')}`),
          }),
          // except* HttpErrorResponse: handle the HTTP part, rethrow the rest. (HttpErrorResponse
          // does not extend Error; catchTaskErrors takes any class. httpError(500), from
          // rxjs-taskgroup/angular, would match by status.)
          catchTaskErrors(HttpErrorResponse, (handled) => {
            say('task group', `catchTaskErrors(HttpErrorResponse, …) handles ${handled.leaves().map(short).join('; ')}`);
            return EMPTY;
          }),
        )
        .subscribe({
          error: (rest: TaskGroupError) => {
            say('task group', `…and rethrows the rest: ${rest.name} with ${rest.errors.map(short).join('; ')}`);
            end();
          },
          complete: end,
        }),
    );
    return subscription;
  });
}
