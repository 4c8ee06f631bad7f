import { Observable, SchedulerLike, asyncScheduler, map, of, switchMap, throwError, timer } from 'rxjs';
import { TaskTimeoutError, withTimeout } from 'rxjs-taskgroup';

/** The article's `worker`: finishes after `seconds` and says so. */
export function worker(name: string, seconds: number, scheduler: SchedulerLike = asyncScheduler): Observable<string> {
  return timer(seconds * 1000, scheduler).pipe(map(() => `Worker ${name} done in ${seconds}s`));
}

/** Python's ValueError, for the article's failing workers. */
export class ValueError extends Error {
  override readonly name = 'ValueError';
}

/** The article's `failing_worker`: fails with a ValueError after `seconds`. */
export function failingWorker(name: string, seconds: number, scheduler: SchedulerLike = asyncScheduler): Observable<never> {
  return timer(seconds * 1000, scheduler).pipe(switchMap(() => throwError(() => new ValueError(`${name} failed after ${seconds}s`))));
}

/**
 * The article's `timed_worker`: `delay` s of work bounded by `timeout` s (`asyncio.timeout`),
 * with a fallback result. `onTimeout` hears about the timeout (the demo marks it on the timeline).
 */
export function timedWorker(
  name: string,
  delay: number,
  timeout: number,
  scheduler: SchedulerLike = asyncScheduler,
  onTimeout?: (error: TaskTimeoutError) => void,
): Observable<string> {
  return timer(delay * 1000, scheduler).pipe(
    map(() => `${name} completed`),
    withTimeout(timeout * 1000, {
      with: (error: TaskTimeoutError) => {
        onTimeout?.(error);
        return of(`${name} timed out`);
      },
      scheduler,
      name,
    }),
  );
}
