import { Observable, type OperatorFunction, type Subscriber } from 'rxjs';
import { Group } from './internal/group';
import type { GroupView } from './internal/group-view';
import type { TaskRef } from './internal/task-ref';
import { resolveGroupOptions } from './internal/options';
import { spawnSourceValue } from './internal/task-input';
import type { TaskGroupOptions, TaskResult, TaskSourceValue } from './types';

/**
 * Runs every source value as a task of one group and emits every task's values as they arrive:
 * `mergeAll` with structured concurrency.
 *
 * @remarks
 * Unlike `mergeAll`, whose inner Observables keep running until the result is unsubscribed,
 * the first failure here unsubscribes the source and every running task at once, awaits their
 * `onCancel` cleanups, and errors with one {@link TaskGroupError}. `concurrency` bounds the
 * running tasks (FIFO queue). It completes when the source and every task have completed.
 *
 * A source value may be a bare task or a {@link TaskDescriptor} (`task(input, { name, … })`),
 * which names the task and gives it its own options. The value type is inferred from the
 * source, as `mergeAll`'s is: mixed tasks give a union.
 *
 * ```
 * source:   --a-----b-----|
 * a:          --1--2--3--|
 * b:                --X            (X: b fails)
 * a (sub):    ^-------!            (a cancelled at once)
 * result:   ----1--2--#            (TaskGroupError [X])
 * ```
 *
 * @example
 * ```ts
 * import { cancelSiblingsOnError } from 'rxjs-taskgroup';
 * import { interval, map, of, take, throwError, timer, switchMap } from 'rxjs';
 *
 * of(
 *   interval(100).pipe(map(i => `tick ${i}`)),
 *   timer(250).pipe(switchMap(() => throwError(() => new Error('lost connection')))),
 * )
 *   .pipe(cancelSiblingsOnError())
 *   .subscribe({ next: console.log, error: e => console.log(e.message) });
 * // Logs: tick 0, tick 1, then: 1 error in task group: Error: lost connection (the interval is unsubscribed)
 * ```
 *
 * @param options - group options.
 * @returns an operator emitting the tasks' values.
 * @throws RangeError or TypeError for bad options, at once.
 */
export function cancelSiblingsOnError<I extends TaskSourceValue<unknown> & object>(
  options?: TaskGroupOptions,
): OperatorFunction<I, TaskResult<I>>;
/**
 * With the value type given explicitly (`cancelSiblingsOnError<number>()`): the form before the
 * source type was inferred, kept so that such code still compiles.
 *
 * @example
 * ```ts
 * import { cancelSiblingsOnError } from 'rxjs-taskgroup';
 * import { of } from 'rxjs';
 *
 * of(of(1), of(2)).pipe(cancelSiblingsOnError<number>()).subscribe(console.log); // Logs: 1, 2
 * ```
 *
 * @param options - group options.
 * @returns an operator emitting the tasks' values.
 */
export function cancelSiblingsOnError<T>(options?: TaskGroupOptions): OperatorFunction<TaskSourceValue<T>, T>;
export function cancelSiblingsOnError(options?: TaskGroupOptions): OperatorFunction<unknown, unknown> {
  const config = resolveGroupOptions(options, 'cancelSiblingsOnError');
  return (source: Observable<unknown>) =>
    new Observable<unknown>(subscriber => {
      new Group(subscriber, config, new StreamView(subscriber)).start(() => source, 'cancelSiblingsOnError');
    });
}

/** `cancelSiblingsOnError`'s view: every source value is a task; every task value goes out as it comes. */
class StreamView implements GroupView {
  constructor(private readonly subscriber: Subscriber<unknown>) {}

  bodyValue(group: Group, value: unknown): void {
    spawnSourceValue(group, value, 'cancelSiblingsOnError');
  }

  taskValue(_: TaskRef, value: unknown): void {
    this.subscriber.next(value);
  }
}
