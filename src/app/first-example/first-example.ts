import { Observable, from, map, timer } from 'rxjs';
import { taskGroup } from 'rxjs-taskgroup';

/** A worker that finishes after `seconds` and says so. */
export function worker(name: string, seconds: number): Observable<string> {
  return timer(seconds * 1000).pipe(map(() => `Worker ${name} done in ${seconds}s`));
}

/** The workers of the first example, in creation order. */
export const FIRST_EXAMPLE_WORKERS: readonly { readonly name: string; readonly seconds: number }[] = [
  { name: 'A', seconds: 2 },
  { name: 'B', seconds: 1 },
  { name: 'C', seconds: 3 },
];

/**
 * The first example: three workers run concurrently in one task group; the
 * group emits one array of their results, in creation order, after ~3 s.
 */
export function runFirstExample(): Observable<string[]> {
  return from(FIRST_EXAMPLE_WORKERS.map(({ name, seconds }) => worker(name, seconds))).pipe(taskGroup<string>());
}
