import { checkTaskInput, descriptorOptions } from './internal/task-input';
import { typeError } from './internal/type-error';
import type { TaskDescriptor, TaskInput, TaskOptions } from './types';

/**
 * Pairs a task with its options, as a source value of `taskGroup` or
 * `cancelSiblingsOnError`: the operators' `createTask(input, options)`.
 *
 * @remarks
 * With a `name`, `onEvent` timelines and errors (a {@link TaskTimeoutError}'s `taskName`, a
 * factory's `ctx.name`) say which task it was, not `task-0`. The result is a frozen
 * {@link TaskDescriptor}; writing the plain object `{ task, name, … }` works the same, but
 * `task()` checks the input and the options at once, where they are written.
 *
 * @example
 * ```ts
 * import { task, taskGroup } from 'rxjs-taskgroup';
 * import { from, timer, map } from 'rxjs';
 *
 * from([
 *   task(timer(10).pipe(map(() => 'ada')), { name: 'user' }),
 *   task(timer(50_000), { name: 'stats', timeout: 20 }),
 * ])
 *   .pipe(taskGroup())
 *   .subscribe({ error: e => console.log(e.message) });
 * // Logs: 1 error in task group: TaskTimeoutError: Task "stats" timed out after 20 ms
 * ```
 *
 * @param input - the task: an `ObservableInput` or a factory `(ctx) => ObservableInput`.
 * @param options - its name, timeout, `onCancel` cleanup and `shield`.
 * @returns a descriptor for the operators.
 * @throws TypeError (or RangeError) at once for an input that is not a task or for bad options.
 */
export function task<T>(input: TaskInput<T>, options?: TaskOptions): TaskDescriptor<T> {
  checkTaskInput(input, 'task');
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw typeError('task: options', 'an object', options);
  }
  const descriptor = { ...options, task: input };
  descriptorOptions(descriptor, 'task: options');
  return Object.freeze(descriptor);
}
