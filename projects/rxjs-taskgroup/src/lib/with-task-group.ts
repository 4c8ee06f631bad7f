import { Observable, type ObservableInput, type Subscriber } from 'rxjs';
import { Group } from './internal/group';
import type { GroupView } from './internal/group-view';
import { resolveGroupOptions } from './internal/options';
import { TaskGroupFacade } from './internal/task-group-facade';
import { typeError } from './internal/type-error';
import type { TaskGroup, TaskGroupOptions } from './types';

/**
 * Runs a task group: `async with asyncio.TaskGroup() as tg:` as an Observable.
 *
 * @remarks
 * Each subscription runs `body(tg)` synchronously with a fresh group. Tasks created with
 * `tg.createTask` start at once (or queue, with `concurrency`). The group completes when the
 * body's Observable (if it returned one), every task and every cleanup have finished; the body's
 * values are the group's values.
 *
 * On the first failure (a task's error or timeout, or the body's), `tg.signal` aborts, the body
 * and every running task are cancelled at once (unsubscribed; body first, then newest task
 * first), queued tasks never start, `onCancel` cleanups and shielded tasks are awaited, and the
 * group errors with one {@link TaskGroupError} holding every failure in order.
 * `tg.cancel()` (or `options.signal`) shuts down the same way but completes without error.
 * Unsubscribing cancels everything synchronously; errors raised by cleanups after that go to
 * RxJS's `config.onUnhandledError`.
 *
 * @example
 * ```ts
 * import { withTaskGroup } from 'rxjs-taskgroup';
 * import { forkJoin, map, timer } from 'rxjs';
 *
 * const worker = (name: string, seconds: number) =>
 *   timer(seconds * 1000).pipe(map(() => `Worker ${name} done in ${seconds}s`));
 *
 * withTaskGroup(tg => {
 *   const a = tg.createTask(worker('A', 2));
 *   const b = tg.createTask(worker('B', 1));
 *   const c = tg.createTask(worker('C', 3));
 *   return forkJoin([a, b, c]); // handles replay each task's result
 * }).subscribe(console.log);
 * // Logs (after 3 s): ['Worker A done in 2s', 'Worker B done in 1s', 'Worker C done in 3s']
 * ```
 *
 * @param body - receives the group; may return an `ObservableInput` whose values the group emits.
 * @param options - concurrency, default task timeout, cancellation signal, scheduler, events.
 * @returns a cold Observable of the body's values that errors with a `TaskGroupError` on failure.
 * @throws RangeError or TypeError for bad options, at once (not at subscription).
 */
export function withTaskGroup<R = never>(
  body: (tg: TaskGroup) => ObservableInput<R> | void,
  options?: TaskGroupOptions,
): Observable<R> {
  if (typeof body !== 'function') throw typeError('withTaskGroup: body', 'a function (tg) => …', body);
  const config = resolveGroupOptions(options, 'withTaskGroup');
  return new Observable<R>(subscriber => {
    const group = new Group(subscriber, config, new BodyValuesView(subscriber));
    const tg = new TaskGroupFacade(group);
    group.start(() => body(tg), 'withTaskGroup');
  });
}

/** `withTaskGroup`'s view: the body's values are the group's values. */
class BodyValuesView implements GroupView {
  constructor(private readonly subscriber: Subscriber<unknown>) {}

  bodyValue(_: Group, value: unknown): void {
    this.subscriber.next(value);
  }
}
