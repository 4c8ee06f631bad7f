import { Observable, type Subscriber } from 'rxjs';
import { TaskStateError } from '../errors/task-state-error';
import type { Task } from '../types';
import { TaskState, type TaskRef } from './task-ref';

/**
 * The public face of a task: an Observable of its outcome plus asyncio's `Task` methods.
 * Only `createTask` makes one; the operators never need it.
 */
export class TaskHandle<T> extends Observable<T> implements Task<T> {
  constructor(private readonly ref: TaskRef<T>) {
    super(subscribeToOutcome);
  }

  get name(): string {
    return this.ref.name;
  }

  get index(): number {
    return this.ref.index;
  }

  done(): boolean {
    return this.ref.state === TaskState.Done;
  }

  cancelled(): boolean {
    return this.ref.status === 'cancelled';
  }

  result(): T {
    const ref = this.settledRef('result');
    if (ref.status !== 'fulfilled') throw ref.failure;
    return ref.value as T;
  }

  exception(): unknown {
    const ref = this.settledRef('exception');
    if (ref.status === 'cancelled') throw ref.failure;
    return ref.status === 'failed' ? ref.failure : undefined;
  }

  cancel(reason?: unknown): boolean {
    const { ref } = this;
    return ref.group ? ref.group.cancelTask(ref, reason) : false;
  }

  private settledRef(method: string): TaskRef<T> {
    const { ref } = this;
    if (ref.state !== TaskState.Done) {
      throw new TaskStateError(`${method}() was called on task "${ref.name}", which is not done yet`);
    }
    return ref;
  }
}

// Shared by every handle (RxJS calls it with `this` bound to the handle), so a handle adds no closure.
function subscribeToOutcome<T>(this: Observable<T>, subscriber: Subscriber<T>) {
  return (this as TaskHandle<T>)['ref'].watch(subscriber);
}
