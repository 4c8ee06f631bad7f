import { config, Observable, Subscriber, type Observer, type Subscription } from 'rxjs';
import { TaskStateError } from '../errors/task-state-error';
import type { Task, TaskOptions } from '../types';
import type { Group } from './group';
import { taskName, type TaskOutcomeKind, type TaskRef } from './task-ref';

/**
 * The public face of a task: an Observable of its outcome plus asyncio's `Task` methods.
 * Only `createTask` makes one; the operators never need it. A handle follows its task: queued
 * (it knows its group), running (it reads its answers from its TaskRef), done (it keeps a copy of
 * the outcome and lets go of the task and the group, so a handle kept for its `result()` costs a
 * few fields, not the task's whole state).
 */
export class TaskHandle<T> extends Observable<T> implements Task<T> {
  /** Set by the group when it takes the task. */
  index = -1;
  /** The group while the task is queued (set by the group; its TaskRef does not exist yet; cleared when it does). */
  group: Group | undefined = undefined;
  /** The task while it runs, set by the group when it starts it; `undefined` once done. */
  ref: TaskRef<T> | undefined = undefined;
  private outcome: TaskOutcomeKind | undefined = undefined;
  private hasValue = false;
  /** The last value when fulfilled, the error (or `TaskCancelledError`) otherwise. */
  private result_: unknown = undefined;
  /** Subscribers waiting for the outcome; created only when someone waits. */
  private waiters: Subscriber<T>[] | undefined = undefined;

  constructor(readonly options: TaskOptions | undefined) {
    super();
  }

  get name(): string {
    return taskName(this.options, this.index);
  }

  done(): boolean {
    return this.outcome !== undefined;
  }

  cancelled(): boolean {
    return (this.ref ? this.ref.outcome : this.outcome) === 'cancelled';
  }

  result(): T {
    this.checkDone('result');
    if (this.outcome !== 'fulfilled') throw this.result_;
    return this.result_ as T;
  }

  exception(): unknown {
    this.checkDone('exception');
    if (this.outcome === 'cancelled') throw this.result_;
    return this.outcome === 'failed' ? this.result_ : undefined;
  }

  cancel(reason?: unknown): boolean {
    const { ref, group } = this;
    if (ref) return ref.group ? ref.group.cancelTask(ref, reason) : false;
    return group ? group.cancelQueued(this, reason) : false;
  }

  /** Called once by its task when it is done (it has let go of this handle): keep the outcome, tell the waiters. */
  settled(ref: TaskRef<T>): void {
    this.outcome = ref.outcome;
    this.hasValue = ref.hasValue;
    this.result_ = ref.outcome === 'fulfilled' ? ref.value : ref.failure;
    const waiters = this.waiters;
    if (!waiters) return;
    this.waiters = undefined;
    for (const subscriber of waiters) this.deliver(subscriber);
  }

  /**
   * A done handle answers a Subscriber (what operators such as `forkJoin` subscribe with) at once,
   * without RxJS's subscription machinery: cheaper than subscribing `of(value)`. Anything else, or
   * a task not done, goes the usual way.
   */
  override subscribe(
    observerOrNext?: Partial<Observer<T>> | ((value: T) => void) | null,
    error?: ((error: unknown) => void) | null,
    complete?: (() => void) | null,
  ): Subscription {
    if (this.outcome !== undefined && observerOrNext instanceof Subscriber && !config.useDeprecatedSynchronousErrorHandling) {
      this.deliver(observerOrNext);
      return observerOrNext;
    }
    if (error === undefined && complete === undefined) return super.subscribe(observerOrNext as Partial<Observer<T>>);
    return super.subscribe(observerOrNext as (value: T) => void, error, complete); // RxJS's deprecated three-callback form
  }

  /** Replays the outcome to a subscriber, now or when the task is done. (RxJS's own hook; its declaration is internal.) */
  protected _subscribe(subscriber: Subscriber<T>): (() => void) | undefined {
    if (this.outcome !== undefined) {
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

  private checkDone(method: string): void {
    if (this.outcome === undefined) {
      throw new TaskStateError(`${method}() was called on task "${this.name}", which is not done yet`);
    }
  }

  private deliver(subscriber: Subscriber<T>): void {
    if (this.outcome === 'fulfilled') {
      if (this.hasValue) subscriber.next(this.result_ as T);
      subscriber.complete();
    } else {
      subscriber.error(this.result_);
    }
  }
}
