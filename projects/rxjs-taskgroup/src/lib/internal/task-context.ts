import type { TaskContext } from '../types';
import type { TaskRef } from './task-ref';

/**
 * What a factory receives; a view of its task that exposes nothing else. It is also how a group
 * names the task it belongs to (`options.owner`: see `resolveGroupOptions`), which is why a
 * context is only ever made by the engine.
 */
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
}
