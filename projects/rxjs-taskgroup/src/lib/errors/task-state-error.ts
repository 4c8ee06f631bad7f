/**
 * An operation that the task's or the group's state does not allow: `createTask` on a group
 * that is shutting down or finished, `result()` or `exception()` on a task not yet done.
 *
 * @example
 * ```ts
 * import { TaskStateError, withTaskGroup, type TaskGroup } from 'rxjs-taskgroup';
 * import { of } from 'rxjs';
 *
 * let group!: TaskGroup;
 * withTaskGroup(tg => { group = tg; }).subscribe();
 * try { group.createTask(of(1)); } catch (e) { console.log(e instanceof TaskStateError); } // Logs: true
 * ```
 */
export class TaskStateError extends Error {
  /** @param message - what was attempted and why it is not allowed. */
  constructor(message: string) {
    super(message);
    this.name = 'TaskStateError';
  }
}
