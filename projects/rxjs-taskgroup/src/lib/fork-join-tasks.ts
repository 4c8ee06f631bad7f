import { Observable, type Subscriber } from 'rxjs';
import { GatherView } from './internal/gather-view';
import { Group } from './internal/group';
import { readSettle, resolveGroupOptions } from './internal/options';
import { checkTaskInput, pickTaskOptions } from './internal/task-input';
import { typeError } from './internal/type-error';
import type { TaskGroupOptions, TaskInput, TaskOptions, TaskOutcome, TaskResult } from './types';

/**
 * Options of `forkJoinTasks`: the group's options (as `withTaskGroup`'s), each task's
 * options by its key, and `settle`.
 *
 * @example
 * ```ts
 * import { forkJoinTasks, type ForkJoinTasksOptions } from 'rxjs-taskgroup';
 * import { of, timer } from 'rxjs';
 *
 * const options: ForkJoinTasksOptions<'user' | 'stats'> = {
 *   timeout: 10_000,                    // every task's default
 *   tasks: { stats: { timeout: 2_000 } }, // this one's own
 * };
 * forkJoinTasks({ user: of('ada'), stats: timer(10) }, options).subscribe(console.log); // Logs: { user: 'ada', stats: 0 }
 * ```
 *
 * @typeParam K - the keys of the tasks: a record's keys, or `number` for an array.
 * @typeParam S - the type of `settle`.
 */
export interface ForkJoinTasksOptions<K extends PropertyKey = string, S extends boolean = boolean> extends TaskGroupOptions {
  /**
   * Each task's {@link TaskOptions}, by its key (an array's by index). A key that is not a task's
   * is a `TypeError` when `forkJoinTasks` is called. A `name` here replaces the default name.
   */
  tasks?: Readonly<Partial<Record<K, TaskOptions>>>;
  /**
   * `true`: `gather(return_exceptions=True)`: a failure cancels nothing and the result holds each
   * task's {@link TaskOutcome}, by key. Default `false`: fail-fast, the result holds the values.
   */
  settle?: S;
}

/**
 * What `forkJoinTasks` emits: for a tuple, a tuple; for a record, a record; of each task's
 * last value, or of its {@link TaskOutcome} when `S` is `true` (either when it is `boolean`).
 *
 * @example
 * ```ts
 * import type { ForkJoinTasksResult } from 'rxjs-taskgroup';
 * import type { Observable } from 'rxjs';
 *
 * type Values = ForkJoinTasksResult<{ user: Observable<string>; count: Promise<number> }, false>; // { user: string; count: number }
 * type Outcomes = ForkJoinTasksResult<[Observable<string>], true>; // [TaskOutcome<string>]
 * ```
 */
export type ForkJoinTasksResult<X, S extends boolean> = S extends true
  ? { -readonly [K in keyof X]: TaskOutcome<TaskResult<X[K]>> }
  : { -readonly [K in keyof X]: TaskResult<X[K]> };

/**
 * `forkJoin` as a task group: runs every task of an array or a record at once and emits, when
 * all have completed, their last values in the same shape; the first failure cancels the others.
 *
 * @remarks
 * It is `withTaskGroup(tg => forkJoin({ user: tg.createTask(…, { name: 'user' }), … }))`
 * without the boilerplate: fail-fast like `asyncio.TaskGroup` (the first failure cancels every
 * other task at once, awaits their `onCancel` cleanups, and errors with one
 * {@link TaskGroupError}), with the group's options (`concurrency`, a default `timeout`,
 * `signal`, `scheduler`, `onEvent`) and each task's own options by key (`options.tasks.user`).
 * A record's tasks are named by their keys, so events and errors say `user`; an array's keep
 * their default names, `task-0`, `task-1`…, which are their indexes. Tasks start in key order
 * (a record's own enumerable keys, as `Object.keys` lists them).
 *
 * Where it differs from `forkJoin`:
 * - a task that completes without a value gives `undefined` in its place (`forkJoin` completes
 *   at once without emitting anything);
 * - `{}` and `[]` emit `{}` and `[]` (`forkJoin` completes without emitting);
 * - a task that never completes keeps the group open, as it keeps `forkJoin` waiting; bound it
 *   with a `timeout` (a task's, or the group's) or `withTimeout`;
 * - a failure cancels the other tasks, awaits their cleanups, and errors with a
 *   `TaskGroupError` rather than the bare error;
 * - with `settle: true` nothing is cancelled and each task's outcome is emitted by key;
 * - after a cancel through `options.signal` it completes without emitting (with `settle`, it
 *   emits the outcomes, a cancelled task's `rejected` with its `TaskCancelledError`).
 *
 * Cost: one small record per task and none of `forkJoin`'s per-source subscriptions.
 * `forkJoin(handles)` inside `withTaskGroup` pays the group *and* `forkJoin`'s work per source,
 * and grows with the square of the count when the tasks finish asynchronously (RxJS's
 * `forkJoin` removes each finished source from an array); this function does not.
 *
 * Bad input is reported when `forkJoinTasks` is called, before anything is subscribed: a value
 * that is not a {@link TaskInput}, or a key of `options.tasks` that is not a task's key, is a
 * `TypeError` naming the key; bad options are a `TypeError` or `RangeError` naming the option.
 *
 * ```
 * user:    ---u|
 * stats:   -----s|
 * result:  ------(r|)     r = { user: u, stats: s }
 * ```
 *
 * @example
 * ```ts
 * import { forkJoinTasks } from 'rxjs-taskgroup';
 * import { map, timer } from 'rxjs';
 *
 * const fetchUser = (signal: AbortSignal) => fetch('/api/user', { signal }).then(r => r.json() as Promise<{ name: string }>);
 *
 * forkJoinTasks(
 *   {
 *     user: ({ signal }) => fetchUser(signal),                    // a factory gets the task's AbortSignal
 *     count: timer(20).pipe(map(() => 42)),
 *   },
 *   { timeout: 5_000, tasks: { count: { timeout: 1_000 } } },
 * ).subscribe(({ user, count }) => console.log(user.name, count)); // typed: { user: { name: string }; count: number }
 * ```
 *
 * @param tasks - an array (tuple) or a record of tasks.
 * @param options - group options, `tasks` (each task's options by key) and `settle`.
 * @returns a cold Observable that emits one array or record of results, then completes.
 * @throws TypeError or RangeError at once, naming the key or option, for bad input.
 */
export function forkJoinTasks<A extends readonly TaskInput<unknown>[], S extends boolean = false>(
  tasks: readonly [...A],
  options?: ForkJoinTasksOptions<number, S>,
): Observable<ForkJoinTasksResult<A, S>>;
/**
 * `forkJoin` over a record of tasks, as a task group: each task is named by its key.
 *
 * @example
 * ```ts
 * import { forkJoinTasks } from 'rxjs-taskgroup';
 * import { of, throwError } from 'rxjs';
 *
 * forkJoinTasks({ ok: of(1), broken: throwError(() => new Error('no')) }, { settle: true }).subscribe(console.log);
 * // Logs: { ok: { status: 'fulfilled', value: 1 }, broken: { status: 'rejected', reason: Error: no } }
 * ```
 *
 * @param tasks - a record of tasks, each named by its key.
 * @param options - group options, `tasks` (each task's options by key) and `settle`.
 * @returns a cold Observable that emits one record of results, then completes.
 */
export function forkJoinTasks<R extends Readonly<Record<string, TaskInput<unknown>>>, S extends boolean = false>(
  tasks: R,
  // `[R][R extends unknown ? 0 : never]` is `R` that `options.tasks` does not infer (TypeScript
  // 5.4's `NoInfer<R>`, for TypeScript 4.9): the tasks alone give the keys and the value.
  options?: ForkJoinTasksOptions<keyof [R][R extends unknown ? 0 : never] & string, S>,
): Observable<ForkJoinTasksResult<R, S>>;
export function forkJoinTasks(
  tasks: readonly TaskInput<unknown>[] | Readonly<Record<string, TaskInput<unknown>>>,
  options?: ForkJoinTasksOptions<PropertyKey>,
): Observable<unknown> {
  const where = 'forkJoinTasks';
  const isArray = Array.isArray(tasks);
  if (!isArray && (typeof tasks !== 'object' || tasks === null)) {
    throw typeError(`${where}: tasks`, 'an array or a record of tasks', tasks);
  }
  const config = resolveGroupOptions(options, where, FORK_JOIN_EXTRA_OPTIONS);
  const settle = readSettle(options, where);
  const keys = isArray ? undefined : Object.keys(tasks);
  const byKey = tasks as Readonly<Record<string, unknown>>;
  // A copy, as the group will find it at each subscription.
  const inputs: unknown[] = keys ? keys.map(key => byKey[key]) : (tasks as readonly unknown[]).slice();
  const perTask = checkPerTaskKeys(options?.tasks, keys ?? inputs.map((_, index) => String(index)), where);
  /** Each task's options, by position; `undefined` when no task has any (an array, no `options.tasks`). */
  let taskOptions: (TaskOptions | undefined)[] | undefined;
  for (let index = 0; index < inputs.length; index++) {
    const key = keys ? keys[index] : String(index);
    // An Observable is a task as it is: the common case is checked without building a message.
    if (!(inputs[index] instanceof Observable)) checkTaskInput(inputs[index], `${where}: tasks${keys ? `.${key}` : `[${key}]`}`);
    // Own keys only: a task named `constructor` or `toString` must not find Object.prototype's.
    const own = perTask && Object.hasOwn(perTask, key) ? perTask[key] : undefined;
    const defaults = keys ? { name: key } : undefined;
    if (own !== undefined && (typeof own !== 'object' || own === null)) {
      throw typeError(`${where}: options.tasks.${key}`, 'an object', own);
    }
    const chosen = own === undefined ? defaults : pickTaskOptions(own, `${where}: options.tasks.${key}`, undefined, defaults);
    if (chosen) (taskOptions ??= [])[index] = chosen;
  }
  return new Observable<unknown>(subscriber => {
    const group = new Group(subscriber, config, new ForkJoinView(subscriber, keys, inputs.length, settle));
    // The body spawns the tasks in order (a task's index is its position) while the group is open.
    group.start(() => {
      for (let index = 0; index < inputs.length && group.state === 'open'; index++) {
        group.spawn(inputs[index] as TaskInput<unknown>, taskOptions?.[index], where);
      }
    }, where);
  });
}

/** `forkJoinTasks`'s options beyond a group's. */
const FORK_JOIN_EXTRA_OPTIONS = ['tasks', 'settle'];

/** `options.tasks`, checked: an object whose every key is a task's key. */
function checkPerTaskKeys(perTask: unknown, keys: string[], where: string): Readonly<Record<string, unknown>> | undefined {
  if (perTask === undefined) return undefined;
  if (typeof perTask !== 'object' || perTask === null) {
    throw typeError(`${where}: options.tasks`, 'an object of task options by key', perTask);
  }
  const known = new Set(keys);
  for (const key of Object.keys(perTask)) {
    if (!known.has(key)) {
      const list = keys.length === 0 ? 'there are no tasks' : `the tasks are ${keys.join(', ')}`;
      throw new TypeError(`${where}: options.tasks.${key} names no task (${list})`);
    }
  }
  return perTask as Readonly<Record<string, unknown>>;
}

/** `forkJoinTasks`'s view: results (or outcomes) by key, emitted at the end. */
class ForkJoinView extends GatherView {
  constructor(subscriber: Subscriber<unknown>, keys: readonly string[] | undefined, count: number, gather: boolean) {
    // Every key present from the start, in order, so that a task without a result reads `undefined`.
    super(subscriber, gather, keys ? Object.fromEntries(keys.map(key => [key, undefined])) : new Array<unknown>(count).fill(undefined), keys);
  }

  /** Never called: the body spawns the tasks itself and returns nothing to subscribe. */
  bodyValue(): void {
    // nothing to do
  }
}
