import type { SchedulerAction } from 'rxjs';
import { TaskCancelledError } from '../errors/task-cancelled-error';
import { TaskTimeoutError } from '../errors/task-timeout-error';
import type { Group } from './group';
import { scheduleAfter } from './schedule-after';
import { cancelRunning } from './task-cancel';
import { TaskState, type TaskRef } from './task-ref';

/*
 * A task's time limit (rule 5): its `timeout` option, else the group's. When it expires while the
 * task still runs, the task is cancelled like any (its groups finish, its cleanup is awaited) but
 * has failed, with a `TaskTimeoutError` (rule 20: the echo of that cancellation adds nothing).
 * The timer is the task's: `TaskRef` stops it on any transition out of Running.
 */

/** The limit that applies to a task. */
function limitOf(group: Group, task: TaskRef): number {
  return task.options?.timeout ?? group.config.timeout;
}

/** Starts the task's timer, if it has a limit and still runs once subscribed. */
export function startTimeout(group: Group, task: TaskRef): void {
  const limit = limitOf(group, task);
  if (task.state === TaskState.Running && limit !== Infinity) {
    task.timer = scheduleAfter(group.config.scheduler, expire, limit, task);
  }
}

/** The scheduler's action: the limit has passed. */
function expire(this: SchedulerAction<TaskRef>, task?: TaskRef): void {
  const group = task!.group;
  if (!group || task!.state !== TaskState.Running) return;
  task!.timer = undefined;
  group.run(timeOut, task!, new TaskTimeoutError(limitOf(group, task!), task!.name));
}

/** Running → Cancelling, failed: a way into the group. */
function timeOut(this: Group, task: TaskRef, error: TaskTimeoutError): void {
  cancelRunning(this, task, new TaskCancelledError(error), error);
}
