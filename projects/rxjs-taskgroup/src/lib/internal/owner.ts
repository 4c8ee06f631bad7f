import type { Observable } from 'rxjs';
import type { TaskGroupError } from '../errors/task-group-error';
import type { Group } from './group';
import { GuardedSubscriber, teardownErrors } from './guarded-subscriber';

/**
 * What a group may belong to: a task of another group, or another group's body (rule 11). A
 * group belongs to the task or body inside whose subscription it is subscribed (synchronously),
 * or to the task given explicitly (`options.owner`). One rule for both: when the owner
 * unsubscribes a group it owns, for whatever reason (a cancellation, `race`, `merge` erroring,
 * `takeUntil`, `switchMap`), while that group still has cleanups or shielded tasks to finish, the
 * owner holds on for it (`holds`) and takes its errors, before it reports itself.
 *
 * A task ({@link TaskRef}) and a body (`BodySubscriber`) are both owners: both are the
 * subscriber their Observable is subscribed with, and the group they belong to asks each the
 * same three questions.
 */
export abstract class Owner<T = unknown> extends GuardedSubscriber<T> {
  /**
   * What this owner waits for before it can be over: groups it owns that were unsubscribed and
   * are still finishing (and, for a task, one more while the group ends it).
   */
  holds = 0;

  // Written out: the constructor TypeScript would write passes `...arguments` on, on every task.
  constructor() {
    super();
  }

  /** The group this owner belongs to, while it can still hold on; `undefined` once it is done. */
  abstract readonly group: Group | undefined;

  /** Whether it can still wait for a group it owns (a task that is done cannot). */
  abstract canHold(): boolean;

  /**
   * The errors of a group it owned, once it finished, as one member. The owner takes them as its
   * own failure when it can (a running task fails with them); `false` hands them to its group as
   * errors raised during a shutdown.
   */
  abstract adopt(member: TaskGroupError): boolean;

  /** What it does once nothing holds it any more (see {@link release}). */
  abstract released(): void;

  /** One thing it waits for is over (a task's own end, or a group it owns). */
  release(): void {
    if (--this.holds === 0) this.released();
  }
}

/**
 * The groups each owner owns that have not finished, for snapshots (`introspection.ts`). Kept
 * here, beside ownership, so that the engine registers and unregisters its groups without
 * knowing about snapshots.
 */
export const ownedGroups = new WeakMap<Owner, Set<Group>>();

export function registerOwned(owner: Owner, group: Group): void {
  const groups = ownedGroups.get(owner);
  if (groups) groups.add(group);
  else ownedGroups.set(owner, new Set([group]));
}

export function unregisterOwned(owner: Owner, group: Group): void {
  ownedGroups.get(owner)?.delete(group);
}

/** The owner whose subscription is being made right now (RxJS subscribes synchronously). */
let current: Owner | undefined;

/** The owner of a group constructed now: the one being subscribed, if any. */
export function currentOwner(): Owner | undefined {
  return current;
}

/** A sentinel: `subscribe()` threw nothing; an Observable ended without an error. */
export const NOTHING: unique symbol = Symbol('nothing thrown');

/**
 * Subscribes `subscriber` as `owner`: a group made during the subscription belongs to it. What
 * `subscribe()` throws is, when the subscriber has ended, a teardown that RxJS ran at once and
 * rethrew: each of its errors is a failure of `group` (rule 4); otherwise (RxJS's deprecated
 * synchronous error handling) the subscribe function's own error, which the subscriber receives.
 * Nothing is thrown back, so that no step of the group is cut short.
 */
export function subscribeAs(group: Group, owner: Owner | undefined, observable: Observable<unknown>, subscriber: GuardedSubscriber<unknown>): void {
  const previous = current;
  current = owner;
  let thrown: unknown = NOTHING;
  try {
    observable.subscribe(subscriber);
  } catch (error) {
    thrown = error;
  } finally {
    current = previous;
  }
  if (thrown === NOTHING) return;
  if (subscriber.closed) group.failEach(teardownErrors(thrown), subscriber.task);
  else subscriber.error(thrown);
}
