import { describeError } from '../internal/describe';

/**
 * A task was cancelled: the reason its `ctx.signal` aborts with, what a cancelled task's
 * `result()` throws and its handle errors with, and what its `onCancel` cleanup receives.
 *
 * @remarks
 * `reason` is what caused the cancellation: the group's first failure, the reason given to
 * `tg.cancel()`, `task.cancel()` or the group's `signal`, a `TaskTimeoutError`, or `undefined`
 * when the group's subscriber unsubscribed. A cancelled task never adds an error to its group.
 *
 * @example
 * ```ts
 * import { TaskCancelledError } from 'rxjs-taskgroup';
 *
 * const error = new TaskCancelledError(new Error('sibling failed'));
 * console.log(error.message); // Logs: Task cancelled (Error: sibling failed)
 * ```
 */
export class TaskCancelledError extends Error {
  /** What cancelled the task; `undefined` when the group's subscriber unsubscribed. */
  readonly reason: unknown;

  /** @param reason - what cancelled the task. */
  constructor(reason?: unknown) {
    super(reason === undefined ? 'Task cancelled' : `Task cancelled (${describeError(reason)})`);
    this.name = 'TaskCancelledError';
    this.reason = reason;
  }
}
