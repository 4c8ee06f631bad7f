import { CleanupSubscriber } from './cleanup-subscriber';
import type { Group } from './group';
import type { Owner } from './owner';
import { TaskState, type TaskRef } from './task-ref';
import { deferring, nested } from './trampoline';

/*
 * A task's end: the arrows out of Finishing and Cancelling (the table is in `group.ts`). Its
 * Observable is over; it waits on `holds` (the groups it owns that are still finishing, plus one
 * of its own while the step that ended it runs), then runs its cleanup if it was torn down and has
 * an `onCancel`, or is done.
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
  else if (--task.holds === 0) afterJoin.call(group, task); // already inside a step: no second way in
}

/** The trampoline's step: one hold fewer (see `Owner.release`). */
function release(owner: Owner): void {
  owner.release();
}

/**
 * Finishing or Cancelling, nothing left to wait for: Cancelling with an `onCancel` → Cleanup,
 * else → Done. (A step of the group; `TaskRef.released` runs it as a way in.)
 */
export function afterJoin(this: Group, task: TaskRef): void {
  if (!task.ending) return;
  if (task.state === TaskState.Cancelling && task.options?.onCancel) new CleanupSubscriber(this, task).start();
  else this.taskDone(task);
}
