import { TaskGroupError } from '../errors/task-group-error';
import type { Group } from './group';
import type { Owner } from './owner';
import { reportUnhandledError } from './report-unhandled-error';

/*
 * Rule 11, on the side of the group that is let go. When its owner (a task or the body of another
 * group: see `Owner`) unsubscribes a group that still has cleanups, shielded tasks or owned groups
 * to finish, the owner holds on for it; when the group finishes, it hands its errors over as one
 * `TaskGroupError` member, which the owner takes as its own failure or passes to its group.
 */

/** The `TaskGroupError`s made to hand a group's errors over: opened again when they are reported one by one. */
const handedOver = new WeakSet<TaskGroupError>();

/** A group is let go by `owner`: the owner holds on for it if it can still wait. Returns who holds it. */
export function holdOn(owner: Owner | undefined): Owner | undefined {
  if (!owner?.group || !owner.canHold()) return undefined;
  owner.holds++;
  return owner;
}

/** A held group has finished: its errors go to the owner, in a way into the owner's group; then its hold is released. */
export function handOver(owner: Owner, errors: unknown[] | undefined): void {
  owner.group?.run(takeOver, owner, errors);
}

/**
 * The errors (if any) are the owner's when it can take them (`Owner.adopt`), else errors raised
 * during the owner's group's shutdown; or, if nobody hears that group any more, each reported as
 * itself.
 */
function takeOver(this: Group, owner: Owner, errors: unknown[] | undefined): void {
  if (errors) {
    const member = new TaskGroupError(errors);
    handedOver.add(member);
    if (!owner.adopt(member)) {
      if (this.unheard()) reportEach(this, errors);
      else this.fail(member);
    }
  }
  owner.release();
}

/**
 * Errors nobody will receive as the group's (it was let go, or its subscriber is gone): each is
 * reported as itself, and a handed-over member is opened into the errors it holds (one a task
 * failed with is not: that is the task's error).
 */
export function reportEach(group: Group, errors: readonly unknown[]): void {
  for (const error of errors) {
    // `has` first: only the library's own members are in the set, so no user value is inspected.
    if (handedOver.has(error as TaskGroupError)) reportEach(group, (error as TaskGroupError).errors);
    else if (group.unheard()) reportUnhandledError(error);
    else group.fail(error);
  }
}
