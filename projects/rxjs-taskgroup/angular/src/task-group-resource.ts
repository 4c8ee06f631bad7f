import { assertInInjectionContext, computed, signal, type Injector, type ResourceRef, type Signal, type ValueEqualityFn } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { defer, type Observable, type ObservableInput } from 'rxjs';
import {
  forkJoinTasks,
  reduceTaskTree,
  withTaskGroup,
  ɵcheckOptionKeys,
  type ForkJoinTasksResult,
  type TaskEvent,
  type TaskGroup,
  type TaskGroupOptions,
  type TaskGroupSnapshot,
  type TaskInput,
  type TaskOptions,
  type TaskSnapshot,
} from 'rxjs-taskgroup';
import { EMPTY_TASK_TREE } from './empty-task-tree';

/**
 * What both forms of `taskGroupResource` accept: the resource's options and the group's
 * (without `signal`: the resource's own lifetime cancels the group).
 *
 * @example
 * ```ts
 * import { signal } from '@angular/core';
 * import type { TaskGroupResourceBaseOptions } from 'rxjs-taskgroup/angular';
 *
 * const page = signal(1);
 * const common: TaskGroupResourceBaseOptions<unknown, number> = { params: () => page(), concurrency: 4, timeout: 5_000 };
 * ```
 */
export interface TaskGroupResourceBaseOptions<T, P> extends Pick<TaskGroupOptions, 'concurrency' | 'timeout' | 'scheduler' | 'onEvent'> {
  /** Reactive parameters: each change cancels the running group and starts a new one; `undefined` leaves the resource idle. */
  params?: () => P;
  /** The value's equality, as `resource`'s. */
  equal?: ValueEqualityFn<T | undefined>;
  /** Where to run outside an injection context; its `DestroyRef` ends the resource. */
  injector?: Injector;
}

/**
 * `taskGroupResource` with a `body`: the loader is `withTaskGroup(tg => body(tg, params))`,
 * and each value the body emits is the resource's value.
 *
 * @example
 * ```ts
 * import type { TaskGroupResourceOptions } from 'rxjs-taskgroup/angular';
 * import { forkJoin, of } from 'rxjs';
 *
 * const options: TaskGroupResourceOptions<number[], number> = {
 *   params: () => 3,
 *   body: (tg, n) => forkJoin(Array.from({ length: n }, (_, i) => tg.createTask(of(i)))),
 * };
 * ```
 */
export interface TaskGroupResourceOptions<T, P> extends TaskGroupResourceBaseOptions<T, P> {
  /** Runs the group for these params; what it returns is the group's (and the resource's) value. */
  body: (tg: TaskGroup, params: Exclude<P, undefined>) => ObservableInput<T>;
  /** Only in the `tasks` form. */
  tasks?: never;
}

/**
 * `taskGroupResource` with `tasks`: each load is the core's `forkJoinTasks` over them, and the
 * value is their results, shaped like `forkJoin`'s (a record by key, or a tuple).
 *
 * @example
 * ```ts
 * import type { TaskGroupResourceTasksOptions } from 'rxjs-taskgroup/angular';
 * import { of, timer } from 'rxjs';
 *
 * const options: TaskGroupResourceTasksOptions<{ user: string; tick: number }, string> = {
 *   params: () => 'ada',
 *   tasks: id => ({ user: of(id), tick: timer(10) }),
 *   taskOptions: { tick: { timeout: 1_000 } },
 * };
 * ```
 */
export interface TaskGroupResourceTasksOptions<R, P, X = { [K in keyof R]: TaskInput<R[K]> }> extends TaskGroupResourceBaseOptions<R, P> {
  /**
   * The tasks for these params, by key (or in a tuple), run by `forkJoinTasks` with its rules:
   * each task is named by its key (a tuple's by `task-${index}`); the first failure cancels the
   * others; a task that completes without a value gives `undefined`; `{}` and `[]` give `{}` and
   * `[]`. If it throws, or gives what `forkJoinTasks` refuses (a value that is not a task), no
   * group runs and `error()` is that error itself (a `TypeError` for bad input).
   */
  tasks: (params: Exclude<P, undefined>) => X;
  /**
   * Per-task options, by key: timeout, `onCancel` cleanup, `shield`, a name other than the key
   * (`forkJoinTasks`'s `options.tasks`). Read by own key only; a key that names no task of the
   * load makes `error()` a `TypeError` naming it.
   */
  taskOptions?: { [K in keyof R]?: TaskOptions };
  /** Only in the `body` form. */
  body?: never;
}

/**
 * What the `tasks` option of `taskGroupResource` returns: a record or a tuple of tasks.
 *
 * @example
 * ```ts
 * import type { TaskGroupResourceTasks } from 'rxjs-taskgroup/angular';
 * import { of } from 'rxjs';
 *
 * const tasks: TaskGroupResourceTasks = { user: of('ada'), count: Promise.resolve(42) };
 * ```
 */
export type TaskGroupResourceTasks = Readonly<Record<string, TaskInput<unknown>>> | readonly TaskInput<unknown>[] | [];

/**
 * A resource whose loader is a task group: `taskGroupResource`'s result. Angular's
 * `ResourceRef` (`value()`, `error()`, `status()`, `isLoading()`, `reload()`, `destroy()`…)
 * plus the state of each task of the current load, rebuilt from the group's events by the
 * core's `reduceTaskTree`.
 *
 * @example
 * ```ts
 * import { computed } from '@angular/core';
 * import type { TaskGroupResourceRef } from 'rxjs-taskgroup/angular';
 *
 * function progress(ref: TaskGroupResourceRef<unknown>) {
 *   return computed(() => {
 *     const { done, tasks } = ref.taskTree();
 *     return `${done.fulfilled + done.failed + done.cancelled}/${tasks.length}`; // e.g. "1/2"
 *   });
 * }
 * ```
 */
export interface TaskGroupResourceRef<T> extends ResourceRef<T> {
  /**
   * The tasks of the current load that are not done yet, in creation order (`queued`, `running`,
   * `cancelling`, `finishing`, or `cleanup` while its `onCancel` runs): what the group still waits
   * for. The same meaning as `injectTaskGroup`'s `tasks()` and as `tg.snapshot().tasks`. Every task
   * of the load, done ones included with their `outcome`, is in `taskTree().tasks`: the list for a
   * progress UI ("2 of 3 loaded"). Reset when a new load starts.
   *
   * The core's `TaskSnapshot`: plain data, so a task's value or error object is not there; the
   * results are `value()` and the failures are `error()` (the group's `TaskGroupError`).
   */
  readonly tasks: Signal<readonly TaskSnapshot[]>;
  /**
   * The current (or last) load's group as the core's `TaskGroupSnapshot`, rebuilt from its events
   * (`reduceTaskTree`): its state (`open`, `shutting-down`, `finished`), every task of the load in
   * creation order, done ones included with their `outcome` (and, for a failure, its `error` as
   * text), and the done tasks counted by outcome. For a progress list or a task-tree panel
   * (`formatTaskTree` prints it). It knows no shields and no nested groups; a cancelled load's
   * late events are ignored. Before the first load: an open group, no tasks.
   */
  readonly taskTree: Signal<TaskGroupSnapshot>;
}

/**
 * A resource whose loader runs `tasks` as one group; its value is their results by key (or in
 * a tuple), like `forkJoin`'s. See the `body` overload, below, for the whole behaviour (this
 * overload comes first so that a tuple of tasks is inferred as a tuple).
 *
 * @example
 * ```ts
 * import { inject } from '@angular/core';
 * import { HttpClient } from '@angular/common/http';
 * import { taskGroupResource } from 'rxjs-taskgroup/angular';
 *
 * // in an injection context:
 * const http = inject(HttpClient);
 * const page = taskGroupResource({
 *   tasks: () => ({ user: http.get('/api/delay/0.8'), stats: http.get('/api/delay/1.5') }),
 * });
 * // page.value() → { user: …, stats: … }; page.tasks() → [{ name: 'user', index: 0, state: 'running', … }, …]
 * ```
 *
 * @param options - `params`, `tasks` and `taskOptions`, and group options.
 * @returns the resource, with `tasks()` and `taskTree()`.
 */
export function taskGroupResource<X extends TaskGroupResourceTasks, P = unknown>(
  // The value is inferred from `tasks` alone: `[X][X extends unknown ? 0 : never]` is `X` that
  // `taskOptions` and `equal` do not infer (TypeScript 5.4's `NoInfer<X>`, for TypeScript 4.9).
  options: TaskGroupResourceTasksOptions<ForkJoinTasksResult<[X][X extends unknown ? 0 : never], false>, P, X>,
): TaskGroupResourceRef<ForkJoinTasksResult<X, false> | undefined>;
/**
 * A resource (Angular's `rxResource`) whose loader is a task group: its requests are tasks
 * that live and die together, and `tasks()` shows each one's progress.
 *
 * @remarks
 * Each load (the first, each change of `params`, each `reload()`) runs a fresh group. A change
 * of `params`, `destroy()`, or the destruction of the resource's injector unsubscribes the
 * running group: every task is cancelled at once — an `HttpClient` request is aborted — and
 * its `onCancel` cleanup runs. (`reload()` while loading does nothing, as with any resource.)
 * A task's failure cancels its siblings, cleanups are awaited, and `error()` holds the
 * group's `TaskGroupError` (with every failure), as a group does (rules 3–4 of
 * `docs/contract.md`); `status()` is then `'error'` and `value()` throws, as with any resource.
 *
 * Give either `tasks` (a record or tuple of tasks, run by the core's `forkJoinTasks`: the value
 * is their results, like `forkJoin`'s, at a cost linear in the number of tasks) or `body` (a
 * `withTaskGroup` body; each value it emits is the resource's value). A body that completes
 * without a value leaves the resource in error, as `rxResource` does.
 *
 * It is Angular's `rxResource` (experimental in Angular 21, stable from Angular 22) with a group
 * as its `stream`, so it behaves as a resource does in everything else; must be called in an
 * injection context, or given `injector`.
 *
 * @example
 * ```ts
 * import { Component, inject, signal } from '@angular/core';
 * import { HttpClient } from '@angular/common/http';
 * import { taskGroupResource } from 'rxjs-taskgroup/angular';
 *
 * @Component({
 *   selector: 'app-profile',
 *   template: `
 *     @for (t of profile.tasks(); track t.index) { <span>{{ t.name }}: {{ t.state }}</span> }
 *     @if (profile.hasValue()) { <h1>{{ profile.value()!.user.name }}</h1> }
 *     @if (profile.error(); as e) { <p>{{ e.message }}</p> }`,
 * })
 * export class Profile {
 *   private readonly http = inject(HttpClient);
 *   readonly id = signal(1);
 *   readonly profile = taskGroupResource({
 *     params: () => this.id(),
 *     tasks: id => ({
 *       user: this.http.get<{ name: string }>(`/api/users/${id}`),
 *       posts: this.http.get<unknown[]>(`/api/users/${id}/posts`),
 *     }),
 *     taskOptions: { posts: { timeout: 3_000 } },
 *   });
 * }
 * // profile.value() is { user: { name: … }, posts: […] }; setting id aborts both requests.
 * ```
 *
 * @param options - `params`, then `tasks` (and `taskOptions`) or `body`, and group options.
 * @returns the resource, with `tasks()` and `taskTree()`.
 */
export function taskGroupResource<T, P = unknown>(options: TaskGroupResourceOptions<T, P>): TaskGroupResourceRef<T | undefined>;
/**
 * The `tasks` form with the value's type given rather than inferred:
 * `taskGroupResource<Profile, number>({ … })` (each task must give its key's type).
 *
 * @example
 * ```ts
 * import { taskGroupResource } from 'rxjs-taskgroup/angular';
 * import { of } from 'rxjs';
 *
 * interface Profile { user: string; posts: readonly string[] }
 * // in an injection context:
 * const profile = taskGroupResource<Profile, number>({
 *   params: () => 1,
 *   tasks: id => ({ user: of(`user ${id}`), posts: of([]) }),
 * });
 * ```
 *
 * @param options - `params`, `tasks` and `taskOptions`, and group options.
 * @returns the resource, with `tasks()` and `taskTree()`.
 */
export function taskGroupResource<R extends object, P = unknown>(
  options: TaskGroupResourceTasksOptions<R, P>,
): TaskGroupResourceRef<R | undefined>;
export function taskGroupResource(
  options: TaskGroupResourceOptions<unknown, unknown> | TaskGroupResourceTasksOptions<Record<string, unknown>, unknown>,
): TaskGroupResourceRef<unknown> {
  ɵcheckOptionKeys(options, TASK_GROUP_RESOURCE_OPTIONS, 'taskGroupResource: options');
  if (!options.injector) assertInInjectionContext(taskGroupResource);
  const { params, equal, injector, concurrency, timeout, scheduler, onEvent } = options;
  const load = loaderOf(options);
  const taskTree = signal<TaskGroupSnapshot>(EMPTY_TASK_TREE);
  let loads = 0;

  const ref = rxResource<unknown, unknown>({
    params,
    equal: equal as ValueEqualityFn<unknown> | undefined,
    injector,
    stream: ({ params: current }) =>
      defer(() => {
        const thisLoad = ++loads;
        let tree: TaskGroupSnapshot = EMPTY_TASK_TREE;
        taskTree.set(tree);
        const track = (event: TaskEvent) => {
          if (thisLoad === loads) taskTree.set((tree = reduceTaskTree(tree, event)));
          onEvent?.(event);
        };
        return load(current, { concurrency, timeout, scheduler, onEvent: track });
      }),
  });
  // One meaning of tasks() across the helpers: what the group still waits for.
  const tasks = computed(() => taskTree().tasks.filter(task => task.state !== 'done'));
  return Object.assign(ref, { tasks, taskTree: taskTree.asReadonly() });
}

/** The keys of either form's options. */
const TASK_GROUP_RESOURCE_OPTIONS: readonly string[] = [
  'params', 'equal', 'injector', 'concurrency', 'timeout', 'scheduler', 'onEvent', 'body', 'tasks', 'taskOptions',
];

/** The group options each load passes on. */
type LoadOptions = Pick<TaskGroupOptions, 'concurrency' | 'timeout' | 'scheduler' | 'onEvent'>;

/**
 * One load of either form, as a group: `withTaskGroup` over the body, or `forkJoinTasks` over
 * the tasks (which names them by key, applies `taskOptions` by key, and has the rules for empty
 * records and tasks without a value).
 */
function loaderOf(
  options: TaskGroupResourceOptions<unknown, unknown> | TaskGroupResourceTasksOptions<Record<string, unknown>, unknown>,
): (params: unknown, group: LoadOptions) => Observable<unknown> {
  const { body } = options;
  if (typeof body === 'function') return (params, group) => withTaskGroup(tg => body(tg, params as never), group);
  const { tasks, taskOptions } = options as TaskGroupResourceTasksOptions<Record<string, unknown>, unknown>;
  if (typeof tasks !== 'function') {
    throw new TypeError('taskGroupResource: give `tasks: params => ({ …tasks })` or `body: (tg, params) => …`');
  }
  return (params, group) =>
    forkJoinTasks(tasks(params as never) as Readonly<Record<string, TaskInput<unknown>>>, {
      ...group,
      tasks: taskOptions as Readonly<Record<string, TaskOptions>> | undefined,
    });
}
