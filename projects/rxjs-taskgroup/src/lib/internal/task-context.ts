import type { Observable, ObservableInput } from 'rxjs';
import type { TaskContext, TaskGroup, TaskGroupOptions } from '../types';
import { ownedTaskGroup } from './owned-task-group';
import type { TaskRef } from './task-ref';

/** What a factory receives; a view of its task that exposes nothing else. */
export class TaskContextImpl implements TaskContext {
  constructor(readonly task: TaskRef) {}

  get signal(): AbortSignal {
    return this.task.signal;
  }

  get index(): number {
    return this.task.index;
  }

  get name(): string {
    return this.task.name;
  }

  withTaskGroup<R = never>(body: (tg: TaskGroup) => ObservableInput<R> | void, options?: TaskGroupOptions): Observable<R> {
    return ownedTaskGroup(body, options, this.task, 'ctx.withTaskGroup');
  }
}
