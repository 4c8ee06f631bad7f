// #region imports
import { map, of, type SchedulerLike } from 'rxjs';
import { catchTaskErrors, TaskTimeoutError, withTaskGroup, type PlatformObservable } from 'rxjs-taskgroup';
import { EventSink } from './context';
// #endregion

// #region the platform's Observable, typed (TypeScript 5.9's DOM types have none yet)
/** The web platform's `Observable` (WICG), with the two of its operators this card uses. */
export interface WhenObservable<T> extends PlatformObservable<T> {
  take(count: number): WhenObservable<T>;
  inspect(callbacks: { subscribe?: () => void; abort?: (reason: unknown) => void }): WhenObservable<T>;
}

/** An element whose `when(type)` is the platform Observable of its events (Chromium 135+, or the polyfill). */
export type WhenTarget = EventTarget & { when(type: string): WhenObservable<Event> };

/** Whether this browser has `EventTarget.prototype.when`. */
export const browserHasWhen = () => typeof (EventTarget.prototype as Partial<WhenTarget>).when === 'function';
// #endregion

/**
 * Waits for the user's click on `button`, as one task of a group, for at most `ms`: the click
 * races the task's `timeout`. The task is the browser's own `button.when('click')` — a platform
 * Observable, not an RxJS one. Whatever ends the wait — the click, the timeout, or aborting
 * `signal` (the Cancel button) — ends the task's subscription, whose `AbortSignal` makes the
 * browser remove the click listener: `listeners(±1)` counts them.
 */
export function waitForClick(
  button: WhenTarget,
  { ms, signal, scheduler, onEvent, listeners }:
    { ms: number; signal: AbortSignal; scheduler: SchedulerLike; onEvent: EventSink; listeners: (change: 1 | -1) => void },
) {
  return withTaskGroup(
    (tg) => {
      const firstClick = button
        .when('click')
        .inspect({ subscribe: () => listeners(1), abort: () => listeners(-1) })
        .take(1);
      const click = tg.createTask(firstClick, { name: 'click', timeout: ms });
      return click.pipe(map(() => 'clicked'));
    },
    { signal, scheduler, onEvent },
  ).pipe(catchTaskErrors(TaskTimeoutError, () => of(`nobody clicked within ${ms / 1000} s`)));
}
