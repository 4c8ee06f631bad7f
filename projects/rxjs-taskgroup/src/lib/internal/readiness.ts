import { AsyncSubject, type Observable, type ObservableInput } from 'rxjs';
import { TaskStateError } from '../errors/task-state-error';
import type { Task, TaskInput, TaskOptions, TaskStartContext } from '../types';
import { TaskContextImpl } from './task-context';
import type { TaskRef } from './task-ref';
import { typeError } from './type-error';

/**
 * `tg.start(factory, options)`: creates the task with `createTask` and hands its factory a context
 * that has `started(value)`. The returned Observable replays that value once the task calls it,
 * and errors if the task ends first — with its own error (its `TaskTimeoutError` when it times out)
 * as its handle delivers it, with the `TaskCancelledError` when it is cancelled (at once, from its
 * signal), or with a `TaskStateError` when it completes without having said it was ready.
 */
export function startWithReadiness<V, T>(
  createTask: (task: TaskInput<T>, options?: TaskOptions) => Task<T>,
  factory: (ctx: TaskStartContext<V>) => ObservableInput<T>,
  options: TaskOptions | undefined,
): Observable<V> {
  if (typeof factory !== 'function') {
    throw typeError('start: the task', 'a factory (ctx) => ObservableInput that calls ctx.started(value) when it is ready', factory);
  }
  const ready = new AsyncSubject<V>();
  let phase: 'waiting' | 'ready' | 'ended' = 'waiting';
  const notReady = (error: unknown) => {
    if (phase === 'waiting') ready.error(error);
    phase = 'ended';
  };
  const handle = createTask(ctx => {
    // Every task's context is a TaskContextImpl (the engine makes them).
    const { task } = ctx as TaskContextImpl;
    // Cancelled: its reason, at once. Timed out, it has failed: its `TaskTimeoutError` comes as any
    // failure does, through its handle, once the group has cancelled the others (rule 8).
    ctx.signal.addEventListener('abort', () => {
      if (task.outcome !== 'failed') notReady(ctx.signal.reason);
    }, { once: true });
    return factory(new StartContext(task, value => {
      if (phase !== 'waiting') {
        throw new TaskStateError(`task "${ctx.name}" called started() ${phase === 'ready' ? 'twice' : 'after it ended'}`);
      }
      phase = 'ready';
      ready.next(value as V);
      ready.complete();
    }));
  }, options);
  handle.subscribe({
    error: notReady,
    complete: () => notReady(new TaskStateError(`task "${handle.name}" completed without calling started()`)),
  });
  return ready.asObservable();
}

/** A task's context plus `started()`. */
class StartContext<V> extends TaskContextImpl implements TaskStartContext<V> {
  constructor(
    task: TaskRef,
    readonly started: (value?: V) => void,
  ) {
    super(task);
  }
}
