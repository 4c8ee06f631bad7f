import { Observable, type OperatorFunction, type Subscriber } from 'rxjs';
import { GatherView } from './internal/gather-view';
import { Group } from './internal/group';
import { readSettle, resolveGroupOptions } from './internal/options';
import { spawnSourceValue } from './internal/task-input';
import type { TaskGroupOptions, TaskOutcome, TaskResult, TaskSourceValue } from './types';

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
 * A source value may also be a {@link TaskDescriptor}, made by
 * `task(input, { name, timeout, onCancel, shield })` or written as `{ task, name, … }`: the task then has those options, so
 * events and errors carry its name. A descriptor with an unknown key or a bad option fails the
 * group with a `TypeError` (a `RangeError` for a negative timeout), as a non-task value does.
 *
 * The result type is inferred from the source, as `mergeAll`'s is: a source of
 * `Observable<number> | Observable<string>` gives `Observable<(number | string)[]>`.
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
export function taskGroup<I extends TaskSourceValue<unknown> & object>(
  options?: TaskGroupOptions & { settle?: false },
): OperatorFunction<I, TaskResult<I>[]>;
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
export function taskGroup<I extends TaskSourceValue<unknown> & object>(
  options: TaskGroupOptions & { settle: true },
): OperatorFunction<I, TaskOutcome<TaskResult<I>>[]>;
/**
 * `settle` known only at run time: the result is either shape.
 *
 * @example
 * ```ts
 * import { taskGroup } from 'rxjs-taskgroup';
 * import { of } from 'rxjs';
 *
 * const settle = new URLSearchParams('?settle=1').has('settle');
 * of(of(1)).pipe(taskGroup({ settle })).subscribe(console.log); // Logs: [{ status: 'fulfilled', value: 1 }]
 * ```
 *
 * @param options - group options with a `boolean` `settle`.
 * @returns an operator emitting one array of results or of outcomes, then completing.
 */
export function taskGroup<I extends TaskSourceValue<unknown> & object>(
  options: TaskGroupOptions & { settle: boolean },
): OperatorFunction<I, TaskResult<I>[] | TaskOutcome<TaskResult<I>>[]>;
/**
 * With the value type given explicitly (`taskGroup<number>()`): the form before the source type
 * was inferred, kept so that such code still compiles. (A type argument that is itself a task
 * type, `taskGroup<Observable<number>>()`, is read as the source type by the overloads above.)
 *
 * @example
 * ```ts
 * import { taskGroup } from 'rxjs-taskgroup';
 * import { of } from 'rxjs';
 *
 * of(of(1), of(2)).pipe(taskGroup<number>()).subscribe(console.log); // Logs: [1, 2]
 * ```
 *
 * @param options - group options.
 * @returns an operator emitting one array of results, then completing.
 */
export function taskGroup<T>(options?: TaskGroupOptions & { settle?: false }): OperatorFunction<TaskSourceValue<T>, T[]>;
/**
 * Settle mode with the value type given explicitly (`taskGroup<number>({ settle: true })`).
 *
 * @example
 * ```ts
 * import { taskGroup } from 'rxjs-taskgroup';
 * import { of } from 'rxjs';
 *
 * of(of(1)).pipe(taskGroup<number>({ settle: true })).subscribe(console.log); // Logs: [{ status: 'fulfilled', value: 1 }]
 * ```
 *
 * @param options - group options with `settle: true`.
 * @returns an operator emitting one array of outcomes, then completing.
 */
export function taskGroup<T>(
  options: TaskGroupOptions & { settle: true },
): OperatorFunction<TaskSourceValue<T>, TaskOutcome<T>[]>;
export function taskGroup(options?: TaskGroupOptions & { settle?: boolean }): OperatorFunction<unknown, never[]> {
  const config = resolveGroupOptions(options, 'taskGroup', TASK_GROUP_EXTRA_OPTIONS);
  const settle = readSettle(options, 'taskGroup');
  return (source: Observable<unknown>) =>
    new Observable<never[]>(subscriber => {
      new Group(subscriber, config, new ResultsView(subscriber, settle)).start(() => source, 'taskGroup');
    });
}

/** `taskGroup`'s options beyond a group's. */
const TASK_GROUP_EXTRA_OPTIONS = ['settle'];

/** `taskGroup`'s view: every source value is a task; results (or outcomes) in source order, emitted at the end. */
class ResultsView extends GatherView {
  constructor(subscriber: Subscriber<unknown>, gather: boolean) {
    super(subscriber, gather, []);
  }

  bodyValue(group: Group, value: unknown): void {
    (this.results as unknown[]).push(undefined); // its slot, before it can finish synchronously
    spawnSourceValue(group, value, 'taskGroup');
  }
}
