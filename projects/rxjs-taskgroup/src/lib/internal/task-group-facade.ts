import { TaskStateError } from '../errors/task-state-error';
import type { Task, TaskGroup, TaskInput, TaskOptions } from '../types';
import type { Group } from './group';
import { checkTaskOptions } from './options';
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
    return new TaskHandle(group.spawn(task, options, 'createTask'));
  }

  cancel(reason?: unknown): void {
    this.group.cancel(reason);
  }

  get signal(): AbortSignal {
    return this.group.signal;
  }
}
