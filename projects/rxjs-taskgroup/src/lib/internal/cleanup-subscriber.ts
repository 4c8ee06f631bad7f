import type { Group } from './group';
import { GuardedSubscriber } from './guarded-subscriber';
import { NOTHING, subscribeAs } from './owner';
import { TaskState, type TaskRef } from './task-ref';
import { fromCleanupResult } from './task-source';
import { taskDone } from './task-done';

/**
 * A torn-down task's `onCancel` cleanup (rule 3), run once the groups the task owned have
 * finished (rule 13), and its subscriber: its end, or its own code unsubscribing it, ends the
 * task's cleanup; what it emits means nothing.
 */
export class CleanupSubscriber extends GuardedSubscriber<unknown> {
  constructor(
    readonly group: Group,
    private readonly cleaning: TaskRef,
  ) {
    super();
  }

  /** The task it cleans up: its errors are that task's failures. */
  override get task(): TaskRef {
    return this.cleaning;
  }

  /** Cancelling → Cleanup: calls `onCancel` and subscribes what it returned. */
  start(): void {
    const { group, task } = this;
    task.clean();
    group.emit('cleanup-started', task);
    let cleanup;
    try {
      cleanup = fromCleanupResult(task.options!.onCancel!(task.cancelReason!), task.name);
    } catch (error) {
      this.end(error); // threw, or returned no ObservableInput
      return;
    }
    subscribeAs(group, undefined, cleanup, this);
  }

  protected override _next(): void {
    // a cleanup's values mean nothing
  }

  protected override _error(error: unknown): void {
    this.end(error);
  }

  protected override _complete(): void {
    this.end(NOTHING);
  }

  override unsubscribe(): void {
    if (this.task.state === TaskState.Cleanup) this.end(NOTHING);
    else super.unsubscribe();
  }

  /** The cleanup is over: failed with `error`, or not (`NOTHING`). A way in of the group. */
  private end(error: unknown): void {
    if (this.task.state === TaskState.Cleanup) this.group.run(endCleanup, this, error);
  }
}

/** Cleanup → Done; then the cleanup's own teardown runs. */
function endCleanup(this: Group, subscriber: CleanupSubscriber, error: unknown): void {
  const { task } = subscriber;
  const failed = error !== NOTHING;
  this.emit('cleanup-finished', task, undefined, failed ? error : undefined);
  if (failed) this.fail(error, task);
  taskDone(this, task);
  this.unsubscribeQuietly(subscriber);
}
