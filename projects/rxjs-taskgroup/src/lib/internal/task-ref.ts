import type { Observable, Subscription } from 'rxjs';
import type { TaskCancelledError } from '../errors/task-cancelled-error';
import type { TaskGroupError } from '../errors/task-group-error';
import type { TaskTimeoutError } from '../errors/task-timeout-error';
import type { TaskContext, TaskOptions, TaskOutcome } from '../types';
import type { Group } from './group';
import { Owner } from './owner';
import type { TaskHandle } from './task-handle';

/**
 * Where a task is in its life (the table is at the top of `group.ts`). Each state is entered by
 * one method of {@link TaskRef} and by nothing else. Snapshots, events and docs use the same
 * names, in lower case.
 */
export const enum TaskState {
  /** Waiting for a concurrency slot. */
  Queued,
  /** Subscribed, or about to be (its factory is running). */
  Running,
  /**
   * Its Observable completed or failed (or ended with a `TaskCancelledError`: rule 20); it waits
   * for the groups it owns that are still finishing.
   */
  Finishing,
  /** Torn down by a cancellation or its timeout; it waits for the groups it owns, then its cleanup. */
  Cancelling,
  /** Torn down, its groups finished, its `onCancel` cleanup running. */
  Cleanup,
  /** Finished; `outcome` says how. */
  Done,
}

/** How a task ended. A timed-out task has `failed` (with a `TaskTimeoutError`), not `cancelled`. */
export type TaskOutcomeKind = 'fulfilled' | 'failed' | 'cancelled';

/** A task's name: its `name` option, or `task-<index>`. */
export function taskName(options: TaskOptions | undefined, index: number): string {
  return options?.name ?? `task-${index}`;
}

/** What a task starts from: a factory, or an Observable made from its input when it was created. */
export type TaskSource<T> = Observable<T> | ((ctx: TaskContext) => unknown);

/**
 * One task's whole state. It is also the Subscriber its Observable is subscribed with, so a task
 * costs one object (plus a handle, only when `createTask` hands one out), not a subscriber and
 * a set of closures. Its transitions change only the task; the group calls them and does the
 * rest (events, the list, errors).
 */
export class TaskRef<T = unknown> extends Owner<T> {
  state = TaskState.Queued;
  /** How it ended; set when it leaves `Running` (or is dropped from the queue), final once `Done`. */
  outcome: TaskOutcomeKind | undefined = undefined;
  value: T | undefined = undefined;
  hasValue = false;
  /** Its error when failed, or the `TaskCancelledError` when cancelled. */
  failure: unknown = undefined;
  timer: Subscription | undefined = undefined;
  /** Neighbours in the group's list of live tasks (started, not done): see `LiveTasks`. */
  older: TaskRef | undefined = undefined;
  newer: TaskRef | undefined = undefined;
  /** Set when the task is cancelled, timed out or dropped: what its signal aborts with and `onCancel` receives. */
  cancelReason: TaskCancelledError | undefined = undefined;
  private controller: AbortController | undefined = undefined;
  /** The handle `createTask` gave out (see `attach`), told the outcome when the task is done. */
  private handle: TaskHandle<T> | undefined = undefined;

  constructor(
    /** The group while the task lives; dropped when it is done (`task.cancel()` then answers false). */
    public group: Group | undefined,
    readonly index: number,
    readonly options: TaskOptions | undefined,
  ) {
    super();
  }

  get name(): string {
    return taskName(this.options, this.index);
  }

  /** Its failures are its own (see `GuardedSubscriber.task`). */
  override get task(): TaskRef {
    return this as TaskRef;
  }

  get shield(): boolean {
    return this.options?.shield === true;
  }

  /** The task's `AbortSignal`, created on first use; already aborted if the task was cancelled. */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.cancelReason) this.controller.abort(this.cancelReason);
    }
    return this.controller.signal;
  }

  /** Its Observable is over and it waits for the groups it owns (Finishing or Cancelling). */
  get ending(): boolean {
    return this.state === TaskState.Finishing || this.state === TaskState.Cancelling;
  }

  /** Ties the handle `createTask` gave out to this task; `finish` unties them. */
  attach(handle: TaskHandle<T>): void {
    this.handle = handle;
    handle.ref = this;
    handle.group = undefined;
  }

  // ── Transitions ──────────────────────────────────────────────────────────────────────────

  /** Queued → Running (the group subscribes what the queue entry held, or calls its factory). */
  start(): void {
    this.state = TaskState.Running;
  }

  /**
   * Running → Finishing: its Observable completed, failed, or ended with a `TaskCancelledError`
   * (rule 20: then it is cancelled).
   */
  end(outcome: TaskOutcomeKind, failure?: unknown): void {
    this.state = TaskState.Finishing;
    this.outcome = outcome;
    this.failure = failure;
    this.stopTimer();
  }

  /**
   * Running → Cancelling: cancelled, or timed out (`timeout`: it has then failed). Its signal
   * aborts here, with the state already changed; the group unsubscribes it next.
   */
  tearDown(reason: TaskCancelledError, timeout?: TaskTimeoutError): void {
    this.state = TaskState.Cancelling;
    this.outcome = timeout ? 'failed' : 'cancelled';
    this.failure = timeout ?? reason;
    this.stopTimer();
    this.abort(reason);
  }

  /** Finishing, after it completed: a group it owned failed meanwhile, so it has failed instead. */
  failLate(member: TaskGroupError): void {
    this.outcome = 'failed';
    this.failure = member;
  }

  /** Cancelling → Cleanup: its `onCancel` is about to run. */
  clean(): void {
    this.state = TaskState.Cleanup;
  }

  /** Queued, cancelled before it started (a shutdown, `task.cancel()`): `finish` follows at once. */
  drop(reason: TaskCancelledError): void {
    this.outcome = 'cancelled';
    this.failure = reason;
    this.abort(reason);
  }

  /** Any state → Done: let go of what it no longer needs, and tell its handle the outcome. */
  finish(): void {
    this.state = TaskState.Done;
    this.stopTimer();
    this.group = undefined;
    const { handle } = this;
    if (!handle) return;
    this.handle = undefined;
    handle.ref = undefined;
    handle.settled(this);
  }

  // ── What the group reads ─────────────────────────────────────────────────────────────────

  /** Cancelled or timed out: its `onCancel` runs once the groups it owns have finished. */
  get tornDown(): boolean {
    return this.cancelReason !== undefined;
  }

  outcomeOf(): TaskOutcome<T> {
    return this.outcome === 'fulfilled'
      ? { status: 'fulfilled', value: this.value as T }
      : { status: 'rejected', reason: this.failure };
  }

  private abort(reason: TaskCancelledError): void {
    this.cancelReason = reason;
    this.controller?.abort(reason);
  }

  private stopTimer(): void {
    this.timer?.unsubscribe();
    this.timer = undefined;
  }

  // ── As an owner (see `Owner`) ────────────────────────────────────────────────────────────

  canHold(): boolean {
    return this.state === TaskState.Running || this.ending;
  }

  adopt(member: TaskGroupError): boolean {
    if (this.state === TaskState.Running) this.group!.taskFailed(this, member);
    else if (this.state === TaskState.Finishing && this.outcome === 'fulfilled') this.group!.taskFailedLate(this, member);
    else return false;
    return true;
  }

  released(): void {
    this.group?.taskReleased(this);
  }

  // ── As a subscriber: notifications from the task's Observable go to the group ─────────────

  /**
   * Only the group unsubscribes a task, once it has left `Running`. A task whose own code
   * unsubscribes its subscriber would never end: it is cancelled, as by `task.cancel()`.
   */
  override unsubscribe(): void {
    if (this.state === TaskState.Running) this.group!.cancelTask(this, undefined);
    else super.unsubscribe();
  }

  protected override _next(value: T): void {
    if (this.state !== TaskState.Running) return; // emitted while being cancelled: dropped
    this.value = value;
    this.hasValue = true;
    this.group!.taskValue(this, value);
  }

  protected override _error(error: unknown): void {
    if (this.state === TaskState.Running) this.group!.taskFailed(this, error);
    else this.group?.errorWhileEnding(this, error);
  }

  protected override _complete(): void {
    if (this.state === TaskState.Running) this.group!.taskCompleted(this);
  }
}
