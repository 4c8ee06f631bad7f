import { Observable, type Subscriber } from 'rxjs';
import { TaskStateError } from '../errors/task-state-error';
import type { Task } from '../types';
import { TaskState, type TaskOutcomeKind, type TaskRef } from './task-ref';

/** What a handle reads its answers from: its task while it runs, its own copy once it is done. */
interface Outcome<T> {
  readonly state: TaskState;
  readonly outcome: TaskOutcomeKind | undefined;
  readonly value: T | undefined;
  readonly hasValue: boolean;
  readonly failure: unknown;
}

/**
 * The public face of a task: an Observable of its outcome plus asyncio's `Task` methods.
 * Only `createTask` makes one; the operators never need it. Once the task is done the handle
 * keeps a copy of the outcome and lets go of the task, so a handle kept for its `result()`
 * costs a few fields, not the task's whole state.
 */
export class TaskHandle<T> extends Observable<T> implements Task<T>, Outcome<T> {
  readonly index: number;
  state = TaskState.Running;
  outcome: TaskOutcomeKind | undefined = undefined;
  value: T | undefined = undefined;
  hasValue = false;
  failure: unknown = undefined;
  private ref: TaskRef<T> | undefined;
  private readonly nameOption: string | undefined;
  /** Subscribers waiting for the outcome; created only when someone waits. */
  private waiters: Subscriber<T>[] | undefined = undefined;

  constructor(ref: TaskRef<T>) {
    super(subscribeToOutcome);
    this.ref = ref;
    this.index = ref.index;
    this.nameOption = ref.options?.name;
    // A task that finished synchronously, inside createTask, was settled before its handle existed.
    if (ref.state === TaskState.Done) this.settled(ref);
    else ref.handle = this;
  }

  get name(): string {
    return this.nameOption ?? `task-${this.index}`;
  }

  done(): boolean {
    return this.answers.state === TaskState.Done;
  }

  cancelled(): boolean {
    return this.answers.outcome === 'cancelled';
  }

  result(): T {
    const outcome = this.settledOutcome('result');
    if (outcome.outcome !== 'fulfilled') throw outcome.failure;
    return outcome.value as T;
  }

  exception(): unknown {
    const outcome = this.settledOutcome('exception');
    if (outcome.outcome === 'cancelled') throw outcome.failure;
    return outcome.outcome === 'failed' ? outcome.failure : undefined;
  }

  cancel(reason?: unknown): boolean {
    const { ref } = this;
    return ref?.group ? ref.group.cancelTask(ref, reason) : false;
  }

  /** Called once by its task when it is done: keep the outcome, let go of the task, tell the waiters. */
  settled(ref: TaskRef<T>): void {
    this.state = TaskState.Done;
    this.outcome = ref.outcome;
    this.value = ref.value;
    this.hasValue = ref.hasValue;
    this.failure = ref.failure;
    this.ref = undefined;
    const waiters = this.waiters;
    if (!waiters) return;
    this.waiters = undefined;
    for (const subscriber of waiters) this.deliver(subscriber);
  }

  /** Replays the outcome to a subscriber, now or when the task is done. */
  watch(subscriber: Subscriber<T>): (() => void) | undefined {
    if (this.state === TaskState.Done) {
      this.deliver(subscriber);
      return undefined;
    }
    (this.waiters ??= []).push(subscriber);
    return () => {
      const waiters = this.waiters;
      const at = waiters ? waiters.indexOf(subscriber) : -1;
      if (at >= 0) waiters!.splice(at, 1);
    };
  }

  private get answers(): Outcome<T> {
    return this.ref ?? this;
  }

  private settledOutcome(method: string): Outcome<T> {
    const outcome = this.answers;
    if (outcome.state !== TaskState.Done) {
      throw new TaskStateError(`${method}() was called on task "${this.name}", which is not done yet`);
    }
    return outcome;
  }

  private deliver(subscriber: Subscriber<T>): void {
    if (this.outcome === 'fulfilled') {
      if (this.hasValue) subscriber.next(this.value as T);
      subscriber.complete();
    } else {
      subscriber.error(this.failure);
    }
  }
}

// Shared by every handle (RxJS calls it with `this` bound to the handle), so a handle adds no closure.
function subscribeToOutcome<T>(this: Observable<T>, subscriber: Subscriber<T>) {
  return (this as TaskHandle<T>).watch(subscriber);
}
