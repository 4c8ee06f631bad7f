import {
  from,
  Observable,
  Subscriber,
  type MonoTypeOperatorFunction,
  type ObservableInput,
  type OperatorFunction,
  type SchedulerLike,
} from 'rxjs';
import { TaskTimeoutError } from './errors/task-timeout-error';
import { resolveTimeoutOptions } from './internal/options';
import { scheduleAfter } from './internal/schedule-after';

/** Options of `withTimeout`. */
export interface WithTimeoutOptions {
  /** Schedules the deadline; default `asyncScheduler`. */
  scheduler?: SchedulerLike;
  /** Put in the `TaskTimeoutError` as `taskName`. */
  name?: string;
}


/**
 * Bounds the whole life of the source, from subscription to completion: `asyncio.timeout`.
 *
 * @remarks
 * RxJS's `timeout({ each })` restarts its clock on every value and `timeout({ first })` stops
 * it at the first; this one does neither. If the source has not completed `ms` after
 * subscription, it is unsubscribed first, then the result errors with a {@link TaskTimeoutError}
 * or, with `with`, switches to the Observable `with` returns. Applied to a group's Observable it
 * is a deadline for the whole group (its tasks are cancelled and their cleanups run).
 *
 * ```
 * source:   --a--b--c--d--|
 * withTimeout(7)
 * source:   ^------!
 * result:   --a--b-#              (TaskTimeoutError)
 * ```
 *
 * @example
 * ```ts
 * import { withTimeout } from 'rxjs-taskgroup';
 * import { interval, of } from 'rxjs';
 *
 * interval(100).pipe(withTimeout(250, { with: () => of('timed out') })).subscribe(console.log);
 * // Logs: 0, 1, 'timed out'
 * ```
 *
 * @param ms - milliseconds (≥ 0; `Infinity` for none).
 * @param options - `with` to switch instead of erroring, `scheduler`, `name`.
 * @returns an operator that bounds the source's life.
 * @throws RangeError or TypeError for a bad `ms` or option, at once.
 */
export function withTimeout<T>(ms: number, options?: WithTimeoutOptions): MonoTypeOperatorFunction<T>;
/**
 * On expiry, switches to the Observable `with` returns instead of erroring (the source is
 * unsubscribed first).
 *
 * @example
 * ```ts
 * import { withTimeout } from 'rxjs-taskgroup';
 * import { of, timer, map } from 'rxjs';
 *
 * timer(5000).pipe(map(() => 'A completed'), withTimeout(2000, { with: () => of('A timed out') }))
 *   .subscribe(console.log); // Logs (after 2 s): A timed out
 * ```
 *
 * @param ms - milliseconds (≥ 0; `Infinity` for none).
 * @param options - `with`, and optionally `scheduler` and `name`.
 * @returns an operator that bounds the source's life and falls back on expiry.
 */
export function withTimeout<T, F>(
  ms: number,
  options: WithTimeoutOptions & { with: (error: TaskTimeoutError) => ObservableInput<F> },
): OperatorFunction<T, T | F>;
export function withTimeout<T, F>(
  ms: number,
  options: WithTimeoutOptions & { with?: (error: TaskTimeoutError) => ObservableInput<F> } = {},
): OperatorFunction<T, T | F> {
  const { scheduler, name, with: fallback } = resolveTimeoutOptions(ms, options);
  return source =>
    new Observable<T | F>(subscriber => {
      // A child subscriber: it forwards to `subscriber` and can be unsubscribed alone on expiry.
      const sourceSubscriber = new Subscriber<T>(subscriber);
      source.subscribe(sourceSubscriber);
      if (ms === Infinity || subscriber.closed) return;
      subscriber.add(
        scheduleAfter(scheduler, () => {
          sourceSubscriber.unsubscribe();
          const error = new TaskTimeoutError(ms, name);
          if (!fallback) {
            subscriber.error(error);
            return;
          }
          let next: Observable<F>;
          try {
            next = from(fallback(error) as ObservableInput<F>);
          } catch (thrown) {
            subscriber.error(thrown);
            return;
          }
          next.subscribe(subscriber);
        }, ms, undefined),
      );
    });
}
