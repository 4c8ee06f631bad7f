import { Observable, SchedulerLike, asyncScheduler, forkJoin, map, timer } from 'rxjs';
import { TaskGroupOptions, withTaskGroup } from 'rxjs-taskgroup';

/** The article's `worker`: finishes after `seconds` and says so. */
export function worker(name: string, seconds: number, scheduler: SchedulerLike = asyncScheduler): Observable<string> {
  return timer(seconds * 1000, scheduler).pipe(map(() => `Worker ${name} done in ${seconds}s`));
}

/** The workers of the first example, in creation order. */
export const FIRST_EXAMPLE_WORKERS: readonly { readonly name: string; readonly seconds: number }[] = [
  { name: 'A', seconds: 2 },
  { name: 'B', seconds: 1 },
  { name: 'C', seconds: 3 },
];

/**
 * The first example (the README's): three workers run concurrently in one task group; the
 * group emits one array of their results, in creation order, after ~3 s.
 */
export function runFirstExample(options: TaskGroupOptions = {}): Observable<string[]> {
  const scheduler = options.scheduler ?? asyncScheduler;
  return withTaskGroup((tg) => {
    const tasks = FIRST_EXAMPLE_WORKERS.map(({ name, seconds }) => tg.createTask(worker(name, seconds, scheduler), { name }));
    return forkJoin(tasks); // a task's handle replays its result
  }, options);
}
