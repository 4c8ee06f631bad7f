import type { Group } from './group';
import { GuardedSubscriber } from './guarded-subscriber';
import { TaskState, type TaskRef } from './task-ref';

/** An `onCancel` cleanup's subscriber: its end (or its own code unsubscribing it) ends the task's cleanup. */
export class CleanupSubscriber extends GuardedSubscriber<unknown> {
  constructor(
    readonly group: Group,
    readonly task: TaskRef,
  ) {
    super();
  }

  protected override _next(): void {
    // a cleanup's values mean nothing
  }

  protected override _error(error: unknown): void {
    this.group.cleanupFailed(this, error);
  }

  protected override _complete(): void {
    this.group.cleanupEnded(this);
  }

  override unsubscribe(): void {
    if (this.task.state === TaskState.Cleanup) this.group.cleanupEnded(this);
    else super.unsubscribe();
  }
}
