import { TaskGroupError } from 'rxjs-taskgroup';

/**
 * The `TaskGroupError` a group fails with when these errors happened, in this order: the
 * expected error of a marble test in one line.
 *
 * @example
 * ```ts
 * import { taskGroupError } from 'rxjs-taskgroup/testing';
 *
 * // expectObservable(result).toBe('---#', undefined, taskGroupError(new ValueError('B failed')));
 * console.log(taskGroupError(new Error('B failed')).message); // Logs: 1 error in task group: Error: B failed
 * ```
 *
 * @param errors - the members, in order.
 * @returns a `TaskGroupError` of them.
 */
export function taskGroupError(...errors: unknown[]): TaskGroupError {
  return new TaskGroupError(errors);
}
