/**
 * A task, or a source bounded by `withTimeout`, outlived its time limit.
 *
 * @example
 * ```ts
 * import { TaskTimeoutError } from 'rxjs-taskgroup';
 *
 * const error = new TaskTimeoutError(2000, 'download');
 * console.log(error.message); // Logs: Task "download" timed out after 2000 ms
 * console.log(error.timeout, error.taskName); // Logs: 2000 'download'
 * ```
 */
export class TaskTimeoutError extends Error {
  /**
   * @param timeout - the limit that expired, in milliseconds.
   * @param taskName - the task's name, when there is one.
   */
  /** The limit that expired, in milliseconds. */
  readonly timeout: number;
  /** The task's name (or `withTimeout`'s `name`), when there is one. */
  readonly taskName: string | undefined;

  constructor(timeout: number, taskName?: string) {
    super(`${taskName === undefined ? 'Timed out' : `Task "${taskName}" timed out`} after ${timeout} ms`);
    this.name = 'TaskTimeoutError';
    this.timeout = timeout;
    this.taskName = taskName;
  }
}
