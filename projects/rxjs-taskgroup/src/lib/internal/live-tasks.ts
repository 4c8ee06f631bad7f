import type { TaskRef } from './task-ref';

/**
 * A group's live tasks (started, not done), newest first: a doubly linked list through the
 * tasks' own `older`/`newer` fields, so that adding and removing a task is O(1) and allocates
 * nothing.
 */
export class LiveTasks {
  newest: TaskRef | undefined = undefined;
  size = 0;

  add(task: TaskRef): void {
    task.older = this.newest;
    if (this.newest) this.newest.newer = task;
    this.newest = task;
    this.size++;
  }

  remove(task: TaskRef): void {
    const { older, newer } = task;
    if (older) older.newer = newer;
    if (newer) newer.older = older;
    else this.newest = older;
    task.older = task.newer = undefined;
    this.size--;
  }

  /** A copy, newest first: cancelling one task may end others while the copy is walked. */
  newestFirst(): TaskRef[] {
    const tasks: TaskRef[] = [];
    for (let task = this.newest; task; task = task.older) tasks.push(task);
    return tasks;
  }
}
