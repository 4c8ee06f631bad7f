import type { SchedulerAction, SchedulerLike, Subscription } from 'rxjs';

/**
 * The longest delay a JavaScript timer keeps: 2^31 − 1 ms, about 24.8 days. `setTimeout` (and so
 * RxJS's `asyncScheduler`) fires a longer one after about 1 ms.
 */
export const MAX_TIMER_DELAY = 2 ** 31 - 1;

/**
 * `scheduler.schedule(work, delay, state)` for any finite delay: one longer than
 * {@link MAX_TIMER_DELAY} waits in steps of at most that, by the scheduler's clock, so that a
 * 30-day timeout fires after 30 days. The returned subscription cancels whichever step is waiting.
 */
export function scheduleAfter<S>(
  scheduler: SchedulerLike,
  work: (this: SchedulerAction<S>, state?: S) => void,
  delay: number,
  state: S,
): Subscription {
  if (delay <= MAX_TIMER_DELAY) return scheduler.schedule(work, delay, state);
  const due = scheduler.now() + delay;
  return scheduler.schedule(function waitUntilDue(this: SchedulerAction<S>, at?: S) {
    const left = due - scheduler.now();
    if (left > 0) this.schedule(at, Math.min(left, MAX_TIMER_DELAY));
    else work.call(this, at);
  }, MAX_TIMER_DELAY, state);
}
