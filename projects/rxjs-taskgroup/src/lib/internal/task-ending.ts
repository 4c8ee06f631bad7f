import { CleanupSubscriber } from './cleanup-subscriber';
import type { Group } from './group';
import type { Owner } from './owner';
import { taskDone } from './task-done';
import { TaskState, type TaskRef } from './task-ref';
import { deferring, nested } from './trampoline';
import { isCancellation } from './user-values';

/*
 * A task's end: the arrows into and out of Finishing and Cancelling (the table is in `group.ts`).
 * Its Observable is over (or it was torn down: `task-cancel.ts`); it waits on `holds` (the groups
 * it owns that are still finishing, plus one of its own while the step that ended it runs), then
 * runs its cleanup if it was torn down and has an `onCancel`, or is done (`taskDone`, also the end
 * of a cleanup).
 */

/**
 * A task's Observable is over (`held`: its own hold is taken already, by a cancellation). Deep in
 * nested groups, its own hold is released through the trampoline, after the deferred
 * unsubscription of a group it owns has taken its hold; otherwise that unsubscription has run
 * already, and the hold is released at once. Called inside a step of the group.
 */
export function joinTask(group: Group, task: TaskRef, held?: boolean): void {
  if (!held) {
    task.holds++;
    group.unsubscribeQuietly(task); // runs the finished Observable's teardown
  }
  if (deferring()) nested(release, task, undefined, undefined);
  else if (--task.holds === 0) leaveEnding(group, task); // already inside a step: no second way in
}

/** The trampoline's step: one hold fewer (see `Owner.release`). */
function release(owner: Owner): void {
  owner.release();
}

/**
 * Finishing or Cancelling, nothing left to wait for: Cancelling with an `onCancel` → Cleanup,
 * else → Done. Called inside a step of the group (`afterJoin` is the step itself, for
 * `TaskRef.released`).
 */
function leaveEnding(group: Group, task: TaskRef): void {
  if (!task.ending) return;
  if (task.state === TaskState.Cancelling && task.options?.onCancel) new CleanupSubscriber(group, task).start();
  else taskDone(group, task);
}

/** `leaveEnding` as a way into the group (`Group.run`). */
export function afterJoin(this: Group, task: TaskRef): void {
  leaveEnding(this, task);
}

/**
 * Running → Finishing, its Observable errored (a step of the group). With a `TaskCancelledError`
 * (its own signal's reason, or a cancelled task's it was waiting for) the task counts as
 * cancelled, not failed: it adds no error to the group (rule 20; asyncio: a task that raises
 * `CancelledError` is cancelled).
 */
export function failTask(this: Group, task: TaskRef, error: unknown): void {
  if (isCancellation(error)) {
    task.end('cancelled', error);
    this.emit('cancelled', task, undefined, error);
  } else {
    task.end('failed', error);
    recordFailure(this, task, error); // rule 8: the body and the siblings are cancelled before its handle reports
  }
  joinTask(this, task);
}

/** A task's own failure (its error, its timeout, or a group it owned) is its outcome, and the group's failure unless gathering. */
export function recordFailure(group: Group, task: TaskRef, error: unknown): void {
  group.emit('failed', task, undefined, error);
  if (!group.view.gather) group.failUnlessEcho(error, task);
}
