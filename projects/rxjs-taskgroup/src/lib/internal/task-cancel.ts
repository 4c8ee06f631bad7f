import type { TaskCancelledError } from '../errors/task-cancelled-error';
import type { TaskTimeoutError } from '../errors/task-timeout-error';
import type { Group } from './group';
import type { TaskRef } from './task-ref';
import { joinTask, recordFailure } from './task-ending';

/*
 * A task's cancellation: the arrows Running → Cancelling (tearDown) and Queued → Done (drop) of
 * the table in `group.ts`, for `task.cancel()`, a shutdown of the group, or the task's timeout.
 * Called inside a step of the group.
 */

/**
 * Cancels a running task (rule 3): abort its signal, unsubscribe it, say so; its cleanup comes
 * when its groups are done. Timed out (`timeout`), it has failed: that is what it reports.
 */
export function cancelRunning(group: Group, task: TaskRef, reason: TaskCancelledError, timeout?: TaskTimeoutError): void {
  task.tearDown(reason, timeout);
  task.holds++; // its own, released by `joinTask`
  // Its teardown runs now, before anything else is cancelled (as asyncio runs a cancelled task's
  // `finally` before its group cancels the others); what the teardown throws is a consequence of
  // the cancellation or the timeout, so it is reported after it (rule 4: errors in order).
  const thrown = task.unsubscribeCollecting();
  if (timeout) recordFailure(group, task, timeout);
  else group.emit('cancelled', task, undefined, reason);
  group.failEach(thrown, task);
  joinTask(group, task, true);
}

/** Drops a task that never started (its queue entry is already off the queue, or skipped later): done at once. */
export function dropQueued(group: Group, task: TaskRef, reason: TaskCancelledError): void {
  task.drop(reason);
  group.cancelled++;
  group.emit('cancelled', task, undefined, reason);
  group.view.taskDone?.(task);
  task.finish();
}

/** `cancelRunning` as a way into the group (`Group.run`). */
export function cancelStep(this: Group, task: TaskRef, reason: TaskCancelledError): void {
  cancelRunning(this, task, reason);
}

/** `dropQueued` as a way into the group (`Group.run`). */
export function dropStep(this: Group, task: TaskRef, reason: TaskCancelledError): void {
  dropQueued(this, task, reason);
}
