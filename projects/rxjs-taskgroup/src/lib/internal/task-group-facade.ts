import type { Observable, ObservableInput } from 'rxjs';
import { TaskStateError } from '../errors/task-state-error';
import type { TaskGroupSnapshot } from '../task-tree';
import type { Task, TaskGroup, TaskInput, TaskOptions, TaskStartContext } from '../types';
import type { Group } from './group';
import { snapshotOf } from './introspection';
import { checkTaskOptions } from './options';
import { startWithReadiness } from './readiness';
import { TaskHandle } from './task-handle';

/**
 * The `tg` a `withTaskGroup` body receives. Kept apart from the engine so that the operators,
 * which hand out no task handles, do not bundle `TaskHandle` and the task-option checks.
 */
export class TaskGroupFacade implements TaskGroup {
  constructor(private readonly group: Group) {}

  createTask<T>(task: TaskInput<T>, options?: TaskOptions): Task<T> {
    const { group } = this;
    if (group.state !== 'open') {
      throw new TaskStateError(`createTask: the task group is ${group.state === 'finished' ? 'finished' : 'shutting down'}` +
        ', so it takes no new task');
    }
    checkTaskOptions(options);
    const handle = new TaskHandle<T>(options);
    group.spawn(task, options, 'createTask', handle);
    return handle;
  }

  start<V = unknown, T = unknown>(factory: (ctx: TaskStartContext<V>) => ObservableInput<T>, options?: TaskOptions): Observable<V> {
    checkTaskOptions(options, 'start: options');
    return startWithReadiness<V, T>((task, opts) => this.createTask(task, opts), factory, options);
  }

  cancel(reason?: unknown): void {
    this.group.cancel(reason);
  }

  snapshot(): TaskGroupSnapshot {
    return snapshotOf(this.group);
  }

  get signal(): AbortSignal {
    return this.group.signal;
  }
}
