import type { Subscriber } from 'rxjs';
import type { Group } from './group';
import type { GroupView } from './group-view';
import type { TaskRef } from './task-ref';

/**
 * The view of a group that gathers: each task's result (or, with `settle`, its outcome) in its
 * slot, emitted once when the group completes — and not at all after a cancel, unless settling.
 * `taskGroup` fills an array as the source emits; `forkJoinTasks` an array or a record by key.
 */
export abstract class GatherView implements GroupView {
  constructor(
    private readonly subscriber: Subscriber<unknown>,
    /** `settle: true`: a failure is the task's outcome, not the group's. */
    readonly gather: boolean,
    protected readonly results: unknown[] | Record<string, unknown>,
    /** For a record: the key of each task, by index. */
    private readonly keys?: readonly string[],
  ) {}

  abstract bodyValue(group: Group, value: unknown): void;

  taskDone(task: TaskRef): void {
    const results = this.results as Record<PropertyKey, unknown>;
    const slot = this.keys ? this.keys[task.index] : task.index;
    if (this.gather) results[slot] = task.outcomeOf();
    else if (task.outcome === 'fulfilled') results[slot] = task.value;
  }

  beforeComplete(cancelled: boolean): void {
    if (this.gather || !cancelled) this.subscriber.next(this.results);
  }
}
