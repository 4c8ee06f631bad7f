import type { TaskEvent } from 'rxjs-taskgroup';

/**
 * Where a task is in its life, as a progress UI shows it: waiting for a slot (`queued`),
 * `running`, `cancelling` (cancelled or timed out, its `onCancel` cleanup still running), or
 * `done` (its `outcome` says how it ended).
 */
export type TaskStateName = 'queued' | 'running' | 'cancelling' | 'done';

/**
 * How a task ended: with its last value, with its error (a timeout is a `TaskTimeoutError`),
 * or cancelled (`reason` is the `TaskCancelledError`).
 */
export type TaskStateOutcome =
  | { readonly status: 'fulfilled'; readonly value: unknown }
  | { readonly status: 'rejected'; readonly reason: unknown }
  | { readonly status: 'cancelled'; readonly reason: unknown };

/**
 * One task of a group as signals show it (`injectTaskGroup().tasks()`,
 * `taskGroupResource().tasks()`): plain, immutable data, rebuilt from the group's events.
 *
 * @example
 * ```ts
 * import type { TaskState } from 'rxjs-taskgroup/angular';
 *
 * const label = (t: TaskState) =>
 *   t.state === 'done' ? `${t.name}: ${t.outcome?.status}` : `${t.name}: ${t.state}`;
 * console.log(label({ name: 'user', index: 0, state: 'running' })); // Logs: user: running
 * ```
 */
export interface TaskState {
  /** The task's name (`TaskOptions.name`, else `task-${index}`). */
  readonly name: string;
  /** Its creation order in its group, from 0. */
  readonly index: number;
  /** Where it is in its life. */
  readonly state: TaskStateName;
  /** How it ended; set once it has (a cancelled task keeps it while its cleanup runs). */
  readonly outcome?: TaskStateOutcome;
  /** The error its `onCancel` cleanup failed with, if it did. */
  readonly cleanupError?: unknown;
}

/**
 * The one reducer from a group's `onEvent` stream to task states, shared by everything in this
 * entry point. Pure: returns `states` itself when the event changes nothing (group events,
 * `value`), else a new array, with a task found by its `index` (new tasks are appended).
 *
 * Events say when a cleanup starts but not that a cancelled task without one is over, so a
 * `cancelled` task is `done` at once and goes back to `cancelling` if `cleanup-started`
 * follows (in the same synchronous step, so a signal never shows the flip). A task that is
 * cancelled while a nested group it runs still cleans up shows `done` a little early.
 *
 * @internal
 */
export function reduceTaskStates(states: readonly TaskState[], event: TaskEvent): readonly TaskState[] {
  const { task } = event;
  if (!task) return states;
  const at = states.findIndex(s => s.index === task.index);
  const current: TaskState = at >= 0 ? states[at] : { name: task.name, index: task.index, state: 'running' };
  let next: TaskState;
  switch (event.type) {
    case 'queued':
      next = { ...current, state: 'queued' };
      break;
    case 'started':
      next = { ...current, state: 'running' };
      break;
    case 'completed':
      next = { ...current, state: 'done', outcome: { status: 'fulfilled', value: event.value } };
      break;
    case 'failed':
      next = { ...current, state: 'done', outcome: { status: 'rejected', reason: event.error } };
      break;
    case 'cancelled':
      next = { ...current, state: 'done', outcome: { status: 'cancelled', reason: event.error } };
      break;
    case 'cleanup-started':
      next = { ...current, state: 'cancelling' };
      break;
    case 'cleanup-finished':
      next = event.error === undefined ? { ...current, state: 'done' } : { ...current, state: 'done', cleanupError: event.error };
      break;
    default:
      if (at >= 0) return states; // a value: nothing a progress UI shows changes
      next = current;
  }
  if (at < 0) return [...states, next];
  const copy = states.slice();
  copy[at] = next;
  return copy;
}
