import { Observable, Subscriber, type Subscription } from 'rxjs';
import type { TaskHandle } from './task-handle';
import { TaskCancelledError } from '../errors/task-cancelled-error';
import type { TaskContext, TaskOptions, TaskOutcome } from '../types';
import type { Group } from './group';

/** Where a task is in its life. */
export const enum TaskState {
  /** Waiting for a concurrency slot. */
  Queued,
  /** Subscribed. */
  Running,
  /** Unsubscribed after a cancellation or a timeout; its `onCancel` cleanup may be running. */
  Cancelling,
  /** Finished; `status` says how. */
  Done,
}

/** What a task starts from: a factory, or an Observable made from its input when it was created. */
export type TaskSource<T> = Observable<T> | ((ctx: TaskContext) => unknown);

/**
 * One task's whole state. It is also the Subscriber its Observable is subscribed with, so a task
 * costs one object (plus a handle, only when `createTask` hands one out), not a subscriber and
 * a set of closures. The group drives it; it only records and forwards.
 */
export class TaskRef<T = unknown> extends Subscriber<T> {
  state = TaskState.Queued;
  /** How it ended, once `Done`. */
  status: 'fulfilled' | 'failed' | 'cancelled' | undefined = undefined;
  value: T | undefined = undefined;
  hasValue = false;
  /** Its error when failed, or the `TaskCancelledError` when cancelled or timed out. */
  failure: unknown = undefined;
  timer: Subscription | undefined = undefined;
  /** While cancelling: what it still waits for, its cleanup phase and each nested group finishing. */
  holds = 0;
  /** Neighbours in the group's list of live tasks (started, not done). */
  older: TaskRef | undefined = undefined;
  newer: TaskRef | undefined = undefined;
  /** The cancellation the task's signal aborts with, once it is cancelled (or dropped from the queue). */
  cancelReason: TaskCancelledError | undefined = undefined;
  private controller: AbortController | undefined = undefined;
  /** The handle `createTask` gave out, told the outcome when the task is done. */
  handle: TaskHandle<T> | undefined = undefined;

  constructor(
    /** The group while the task lives; dropped when it is done (`task.cancel()` then answers false). */
    public group: Group | undefined,
    readonly index: number,
    public source: TaskSource<T> | undefined,
    readonly options: TaskOptions | undefined,
  ) {
    super();
  }

  get name(): string {
    return this.options?.name ?? `task-${this.index}`;
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

  abort(reason: TaskCancelledError): void {
    this.cancelReason = reason;
    this.controller?.abort(reason);
  }

  outcome(): TaskOutcome<T> {
    return this.status === 'fulfilled'
      ? { status: 'fulfilled', value: this.value as T }
      : { status: 'rejected', reason: this.failure };
  }

  /** The task is done: let go of what it no longer needs, and tell its handle the outcome. */
  settled(): void {
    this.group = undefined;
    this.source = undefined;
    const { handle } = this;
    if (!handle) return;
    this.handle = undefined;
    handle.settled(this);
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
    else if (this.state === TaskState.Cancelling) this.group!.errorWhileCancelling(error);
  }

  protected override _complete(): void {
    if (this.state === TaskState.Running) this.group!.taskCompleted(this);
  }
}

/** What a factory receives; a view of its task that exposes nothing else. */
export class TaskContextImpl implements TaskContext {
  constructor(private readonly task: TaskRef) {}
  get signal(): AbortSignal {
    return this.task.signal;
  }
  get index(): number {
    return this.task.index;
  }
  get name(): string {
    return this.task.name;
  }
}
