import type { TaskOptions } from '../types';
import { channel } from './channel';
import type { Group } from './group';
import { subscribeAs } from './owner';
import { TaskContextImpl } from './task-context';
import type { TaskHandle } from './task-handle';
import { TaskRef, TaskState, type TaskSource } from './task-ref';
import { fromFactoryResult } from './task-source';
import { startTimeout } from './task-timeout';

/*
 * A task's start: the arrow Queued → Running (the table is in `group.ts`), for a task started at
 * once by `Group.spawn` or later from the group's queue when a slot frees up. Called inside a
 * step of the group.
 */

/** The task object, made when it starts or leaves the queue (a queued task is only a queue entry). */
export function makeTask<T>(group: Group, options: TaskOptions | undefined, index: number, handle: TaskHandle<T> | undefined): TaskRef<T> {
  const task = new TaskRef<T>(group, index, options);
  if (handle) task.attach(handle);
  return task;
}

/**
 * Queued → Running: the `started` event, then the factory (if the task is one) and the
 * subscription, then its timer. Each call out may end the task: its state is read again after it.
 */
export function startTask(group: Group, task: TaskRef, source: TaskSource<unknown>): void {
  task.start();
  group.live.add(task);
  group.startTimes?.set(task, group.config.scheduler.now());
  group.emit('started', task);
  if (task.state !== TaskState.Running) return; // the event's listener cancelled it
  let observable;
  try {
    observable = typeof source === 'function' ? fromFactoryResult(source(new TaskContextImpl(task)), task.name) : source;
  } catch (error) {
    // A factory that throws, or returns no ObservableInput: the task fails (or, if the factory
    // cancelled it first, the error is one raised while it was being cancelled).
    if (task.state === TaskState.Running) group.taskFailed(task, error);
    else group.errorWhileEnding(task, error);
    return;
  }
  if (task.state !== TaskState.Running) return; // the factory cancelled it: never subscribed
  // Rule 27: a hook (OpenTelemetry's) may run the subscription inside the task's own scope.
  if (channel.hook) channel.hook.subscribe(group, task, observable);
  else subscribeAs(group, task, observable, task);
  startTimeout(group, task);
}

/**
 * Starts queued tasks while the group is open and slots are free. A loop, not recursion: a
 * million synchronous tasks at concurrency 1 stay flat; `pumping` keeps a task that ends inside
 * the loop from starting a second one.
 */
export function startQueued(group: Group): void {
  const { queue } = group;
  if (group.pumping || queue.empty) return; // nothing queued: the common case
  group.pumping = true;
  try {
    while (group.state === 'open' && group.live.size < group.config.concurrency && !queue.empty) {
      const source = queue.firstSource();
      const task = dequeue(group);
      if (task) startTask(group, task, source);
    }
  } finally {
    group.pumping = false;
  }
}

/** Takes the first queue entry off: its task, or `undefined` when it was cancelled while queued. */
export function dequeue(group: Group): TaskRef | undefined {
  const { queue } = group;
  const task = queue.firstWaits(group) ? makeTask(group, queue.firstOptions(), queue.firstIndex(), queue.firstHandle()) : undefined;
  queue.shift();
  return task;
}
