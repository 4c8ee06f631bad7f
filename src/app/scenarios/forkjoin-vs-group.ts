// #region imports
import { HttpErrorResponse } from '@angular/common/http';
import { EMPTY, Observable, Observer, Subscription, finalize, forkJoin, tap } from 'rxjs';
import { TaskGroupError, catchTaskErrors, withTaskGroup, withTimeout } from 'rxjs-taskgroup';
import { ScenarioContext } from './context';
import { short } from './describe-http';
import { Tracer } from './trace';
// #endregion

/**
 * forkJoin: the 500 unsubscribes the other calls and is its one error. It cannot wait for a
 * cleanup: it can only fire one (`finalize`) and forget it — its failure reaches no one.
 */
export function viaForkJoin(context: ScenarioContext, trace: ForkJoinTrace): Observable<unknown> {
  const calls = checkout(context, 'forkJoin');
  return forkJoin({
    order: calls.order.pipe(trace.call('order')),
    upload: calls.upload.pipe(trace.call('upload'), finalize(() => calls.deleteUpload().subscribe(trace.cleanup('upload')))),
    hold: calls.hold.pipe(trace.call('hold'), finalize(() => calls.releaseHold().subscribe(trace.cleanup('hold')))),
  });
}

/**
 * The task group: the cleanups are `onCancel`. It waits for both, then errors with one
 * TaskGroupError of both failures; `catchTaskErrors` handles the HTTP part (`except*`).
 */
export function viaTaskGroup(context: ScenarioContext, tell: GroupStory): Observable<unknown> {
  const calls = checkout(context, 'group');
  return withTaskGroup(
    (tg) =>
      forkJoin({
        order: tg.createTask(calls.order, { name: 'order' }),
        upload: tg.createTask(calls.upload, { name: 'upload', onCancel: calls.deleteUpload }),
        hold: tg.createTask(calls.hold, { name: 'hold', onCancel: calls.releaseHold }),
      }),
    { scheduler: context.scheduler, onEvent: context.onEvent },
  ).pipe(
    tap({ error: tell.groupError }),
    catchTaskErrors(HttpErrorResponse, (handled) => {
      tell.handled(handled);
      return EMPTY;
    }),
  );
}

// #region the calls: checkout()
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
// #endregion

// #region tracing plumbing: both sides at once, each side's story and the forkJoin side's timeline
/** For the timeline and the story only: draws forkJoin's calls and fire-and-forget cleanups as lanes. */
export interface ForkJoinTrace {
  /** Draws a call on its lane: started, then completed, failed, or cancelled if unsubscribed. */
  call<T>(name: string): (source: Observable<T>) => Observable<T>;
  /** Marks a cleanup as started now; the observer marks its end and tells the story. */
  cleanup(name: string): Partial<Observer<unknown>>;
  /** Marks forkJoin's end (its error) on its own lane. */
  finished(): void;
}

/** What the group side tells the story: its error, and what `catchTaskErrors` handled. */
export interface GroupStory {
  groupError(error: TaskGroupError): void;
  handled(handled: TaskGroupError): void;
}

/** The story of each side, one line per event, with its time (seconds since the run started). */
export interface SideBySide {
  readonly forkJoin: readonly string[];
  readonly 'task group': readonly string[];
}

function forkJoinTrace(context: ScenarioContext, said: (line: string) => void): ForkJoinTrace {
  const trace = new Tracer('forkJoin', context.onEvent, context.scheduler);
  const lanes = ['order', 'upload', 'hold'];
  return {
    call: (name) => trace.task(name),
    finished: () => trace.mark('group-finished'),
    cleanup: (name) => {
      const index = lanes.indexOf(name);
      trace.mark('cleanup-started', name, index);
      return {
        next: () => {
          trace.mark('cleanup-finished', name, index);
          said(`${name} cleanup done, after forkJoin's error`);
        },
        error: (error: unknown) => {
          trace.mark('cleanup-finished', name, index, error);
          said(`${name} cleanup failed, and no one is told: ${short(error)}`);
        },
      };
    },
  };
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
    const trace = forkJoinTrace(context, (line) => say('forkJoin', line));
    subscription.add(
      viaForkJoin(context, trace).subscribe({
        error: (error: unknown) => {
          trace.finished();
          say('forkJoin', `error: ${short(error)}; the only error it reports`);
        },
      }),
    );
    // (HttpErrorResponse does not extend Error; catchTaskErrors takes any class. httpError(500),
    // from rxjs-taskgroup/angular, would match by status.)
    const tell: GroupStory = {
      groupError: (eg) => say('task group', `error: ${eg.name} with ${eg.errors.length} errors: ${eg.errors.map(short).join('; ')}`),
      handled: (handled) => say('task group', `catchTaskErrors(HttpErrorResponse, …) handles ${handled.leaves().map(short).join('; ')}`),
    };
    subscription.add(
      viaTaskGroup(context, tell).subscribe({
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
// #endregion
