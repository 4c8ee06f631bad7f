import type { Observable, Subscription } from 'rxjs';
import { GuardedSubscriber } from './guarded-subscriber';
import type { TaskHandle } from './task-handle';
import type { TaskCancelledError } from '../errors/task-cancelled-error';
import type { TaskTimeoutError } from '../errors/task-timeout-error';
import type { TaskContext, TaskOptions, TaskOutcome } from '../types';
import type { Group } from './group';

/**
 * Where a task is in its life (the table is at the top of `group.ts`). Each state is entered by
 * one method of {@link TaskRef} and by nothing else.
 */
export const enum TaskState {
  /** Waiting for a concurrency slot. */
  Queued,
  /** Subscribed, or about to be (its factory is running). */
  Running,
  /**
   * Its Observable is over — completed, failed, or torn down by a cancellation or a timeout —
   * and it waits for the groups it owns that are still finishing (see `Owner` in `group.ts`).
   */
  Joining,
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
 * a set of closures. Its transitions (`start`, `end`, `tearDown`, `clean`, `drop`, `finish`)
 * change only the task; the group calls them and does the rest (events, the list, errors).
 */
export class TaskRef<T = unknown> extends GuardedSubscriber<T> {
  state = TaskState.Queued;
  /** How it ended; set when it leaves `Running` (or `Queued`), final once `Done`. */
  outcome: TaskOutcomeKind | undefined = undefined;
  value: T | undefined = undefined;
  hasValue = false;
  /** Its error when failed, or the `TaskCancelledError` when cancelled. */
  failure: unknown = undefined;
  timer: Subscription | undefined = undefined;
  /** While running or joining: the groups it owns that are still finishing (plus one while it is being ended). */
  holds = 0;
  /** Neighbours in the group's list of live tasks (started, not done). */
  older: TaskRef | undefined = undefined;
  newer: TaskRef | undefined = undefined;
  /** Set when the task is cancelled, timed out or dropped: what its signal aborts with and `onCancel` receives. */
  cancelReason: TaskCancelledError | undefined = undefined;
  private controller: AbortController | undefined = undefined;
  /** The handle `createTask` gave out, told the outcome when the task is done. */
  handle: TaskHandle<T> | undefined = undefined;

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

  // ── Transitions ──────────────────────────────────────────────────────────────────────────

  /** Queued → Running (the group subscribes what the queue entry held, or calls its factory). */
  start(): void {
    this.state = TaskState.Running;
  }

  /**
   * Running → Joining: its Observable completed or failed (or ended with a `TaskCancelledError`,
   * which makes it cancelled: rule 20).
   */
  end(outcome: TaskOutcomeKind, failure?: unknown): void {
    this.state = TaskState.Joining;
    this.outcome = outcome;
    this.failure = failure;
    this.stopTimer();
  }

  /**
   * Running → Joining by cancellation: its signal aborts (listeners run here, with the state
   * already changed). The group unsubscribes it next, collecting what its teardown throws.
   */
  tearDown(reason: TaskCancelledError, timeout?: TaskTimeoutError): void {
    this.state = TaskState.Joining;
    this.outcome = timeout ? 'failed' : 'cancelled';
    this.failure = timeout ?? reason;
    this.stopTimer();
    this.abort(reason);
  }

  /** Joining → Cleanup: its `onCancel` is about to run. */
  clean(): void {
    this.state = TaskState.Cleanup;
  }

  /** Queued → Done without ever starting. */
  drop(reason: TaskCancelledError): void {
    this.state = TaskState.Done;
    this.outcome = 'cancelled';
    this.failure = reason;
    this.abort(reason);
  }

  /** Joining or Cleanup → Done: let go of what it no longer needs, and tell its handle the outcome. */
  finish(): void {
    this.state = TaskState.Done;
    this.stopTimer();
    this.group = undefined;
    const { handle } = this;
    if (!handle) return;
    this.handle = undefined;
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

  /**
   * Only the group unsubscribes a task, once it has left `Running`. A task whose own code
   * unsubscribes its subscriber would never end: it is cancelled, as by `task.cancel()`.
   */
  override unsubscribe(): void {
    if (this.state === TaskState.Running) this.group!.cancelTask(this, undefined);
    else super.unsubscribe();
  }

  // The Subscriber side: notifications from the task's Observable go to the group.
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
