import type { Group } from './group';
import type { TaskRef } from './task-ref';

/**
 * What makes `withTaskGroup`, `taskGroup`, `cancelSiblingsOnError` and `forkJoinTasks`
 * different: where the body's values go, what happens to task values and outcomes, and what is
 * emitted on success. Everything else (starting, queueing, cancelling, awaiting, collecting
 * errors) is the group's.
 */
export interface GroupView {
  /** `gather(return_exceptions=True)`: a task's failure is its outcome, not the group's. */
  readonly gather?: boolean;
  /** A value of the body's Observable. Throwing fails the body. */
  bodyValue(group: Group, value: unknown): void;
  taskValue?(task: TaskRef, value: unknown): void;
  /** A task is done, whatever its outcome (queued tasks dropped by a shutdown included). */
  taskDone?(task: TaskRef): void;
  /** The group is about to complete without error; `cancelled` after `tg.cancel` or the signal. */
  beforeComplete?(cancelled: boolean): void;
}

/** The view of a finished group: nothing is left to do. */
export const FINISHED: GroupView = { bodyValue: () => undefined };
