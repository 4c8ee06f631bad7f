import { forkJoin, map, timer } from 'rxjs';
import { withTaskGroup } from 'rxjs-taskgroup';
import { ScenarioContext } from './context';
import { timedWorker } from './workers';

/**
 * The article's `timed_worker`s: A times out and falls back to "A timed out". With the
 * variant, the tasks use createTask's `timeout` option instead: no fallback, A's timeout
 * fails the group.
 */
export function timeouts({ scheduler, onEvent, onTimeout, variant: taskOption }: ScenarioContext) {
  return withTaskGroup(
    (tg) => {
      const task = (name: string, delay: number, timeout: number) =>
        taskOption
          ? tg.createTask(timer(delay * 1000, scheduler).pipe(map(() => `${name} completed`)), { name, timeout: timeout * 1000 })
          : tg.createTask(timedWorker(name, delay, timeout, scheduler, onTimeout), { name });
      return forkJoin([task('A', 5, 2), task('B', 1, 3), task('C', 3, 10)]);
    },
    { scheduler, onEvent },
  );
}
