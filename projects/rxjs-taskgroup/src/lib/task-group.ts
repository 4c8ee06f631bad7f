import { Observable, type OperatorFunction, type Subscriber } from 'rxjs';
import { Group, type GroupView } from './internal/group';
import type { TaskRef } from './internal/task-ref';
import { resolveGroupOptions } from './internal/options';
import type { TaskGroupOptions, TaskInput, TaskOutcome } from './types';

/**
 * Runs every source value as a task of one group and emits all their results, in source order,
 * as one array when the source and every task have completed.
 *
 * @remarks
 * Fail-fast, like `asyncio.TaskGroup`: the first failure unsubscribes the source and cancels
 * every running task at once, then the result errors with a {@link TaskGroupError}. With
 * `concurrency`, extra tasks wait in a FIFO queue and never start after a failure. An empty
 * source emits `[]`. A source value that is not a {@link TaskInput} fails the group with a
 * `TypeError`. After a cancel through `options.signal` it completes without emitting.
 *
 * With `settle: true` it is `gather(return_exceptions=True)`: a failing task cancels nothing
 * and every outcome is emitted as `{ status: 'fulfilled', value }` or
 * `{ status: 'rejected', reason }`; after a cancel, cancelled and never-started tasks are
 * `rejected` with a `TaskCancelledError`.
 *
 * ```
 * source:   --a--b--c--|
 * a:          ----1|
 * b:             -----X        (X: b fails)
 * c:                ^-!        (cancelled when b fails)
 * result:   -----------#       (TaskGroupError [X])
 * ```
 *
 * @example
 * ```ts
 * import { taskGroup } from 'rxjs-taskgroup';
 * import { from, map, timer } from 'rxjs';
 *
 * const worker = (name: string, seconds: number) =>
 *   timer(seconds * 1000).pipe(map(() => `Worker ${name} done in ${seconds}s`));
 *
 * from([worker('A', 2), worker('B', 1), worker('C', 3)])
 *   .pipe(taskGroup())
 *   .subscribe(console.log);
 * // Logs (after 3 s): ['Worker A done in 2s', 'Worker B done in 1s', 'Worker C done in 3s']
 * ```
 *
 * @param options - group options; `settle: true` collects outcomes instead of failing fast.
 * @returns an operator emitting one array of results (or outcomes), then completing.
 * @throws RangeError or TypeError for bad options, at once.
 */
export function taskGroup<T>(options?: TaskGroupOptions & { settle?: false }): OperatorFunction<TaskInput<T>, T[]>;
/**
 * Settle mode, `gather(return_exceptions=True)`: a failing task cancels nothing; emits every
 * task's {@link TaskOutcome}, in source order.
 *
 * @example
 * ```ts
 * import { taskGroup } from 'rxjs-taskgroup';
 * import { of, throwError } from 'rxjs';
 *
 * of(of(1), throwError(() => new Error('no')))
 *   .pipe(taskGroup({ settle: true }))
 *   .subscribe(console.log);
 * // Logs: [{ status: 'fulfilled', value: 1 }, { status: 'rejected', reason: Error('no') }]
 * ```
 *
 * @param options - group options with `settle: true`.
 * @returns an operator emitting one array of outcomes, then completing.
 */
export function taskGroup<T>(options: TaskGroupOptions & { settle: true }): OperatorFunction<TaskInput<T>, TaskOutcome<T>[]>;
export function taskGroup<T>(
  options?: TaskGroupOptions & { settle?: boolean },
): OperatorFunction<TaskInput<T>, T[] | TaskOutcome<T>[]> {
  const config = resolveGroupOptions(options, 'taskGroup');
  const settle = options?.settle ?? false;
  if (typeof settle !== 'boolean') throw new TypeError(`taskGroup: options.settle must be a boolean; got ${typeof settle}`);
  return source =>
    new Observable<T[] | TaskOutcome<T>[]>(subscriber => {
      new Group(subscriber, config, new ResultsView(subscriber, settle)).start(() => source, 'taskGroup');
    });
}

/** `taskGroup`'s view: every source value is a task; results (or outcomes) in source order, emitted at the end. */
class ResultsView implements GroupView {
  private readonly results: unknown[] = [];

  constructor(
    private readonly subscriber: Subscriber<never[]>,
    readonly gather: boolean,
  ) {}

  bodyValue(group: Group, input: unknown): void {
    this.results.push(undefined); // its slot, before it can finish synchronously
    group.spawn(input as TaskInput<unknown>, undefined, 'taskGroup');
  }

  taskDone(task: TaskRef): void {
    if (this.gather) this.results[task.index] = task.outcomeOf();
    else if (task.outcome === 'fulfilled') this.results[task.index] = task.value;
  }

  beforeComplete(cancelled: boolean): void {
    if (this.gather || !cancelled) this.subscriber.next(this.results as never[]);
  }
}
