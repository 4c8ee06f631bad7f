import type { Observable, ObservableInput, ObservedValueOf, SchedulerLike } from 'rxjs';
import type { TaskCancelledError } from './errors/task-cancelled-error';
import type { TaskGroupSnapshot } from './task-tree';

/**
 * What `createTask` accepts: an `ObservableInput` (Observable, Promise, array, iterable…) or a
 * factory that receives the task's {@link TaskContext} and returns one.
 *
 * @remarks
 * A factory is called when the task starts (not while it is queued), so it is the way to make
 * a task lazy, to receive the task's `AbortSignal`, or to hand a Promise-based API its signal.
 *
 * @example
 * ```ts
 * import { withTaskGroup, type TaskInput } from 'rxjs-taskgroup';
 * import { of } from 'rxjs';
 *
 * const eager: TaskInput<number> = of(1);
 * const lazy: TaskInput<Response> = ({ signal }) => fetch('/api/delay/1', { signal });
 * withTaskGroup(tg => { tg.createTask(eager); tg.createTask(lazy); }).subscribe();
 * ```
 */
export type TaskInput<T> =
  | ObservableInput<T>
  | PlatformObservable<T>
  | ((ctx: TaskContext) => ObservableInput<T> | PlatformObservable<T>);

/**
 * The web platform's `Observable` (the WICG proposal: native in Chromium since 135, installed by
 * `@rxjs/observable-polyfill` elsewhere, and the one RxJS 9 extends), as much of it as a task
 * needs: it is a task (rule 25), subscribed with an `AbortSignal` that aborts when the task is
 * cancelled. `takeUntil` is there to tell it from a plain object with a `subscribe` method, which
 * is no task; at run time the brand tells (`Symbol.toStringTag` is `'Observable'`).
 *
 * @example
 * ```ts
 * import { withTaskGroup, type PlatformObservable } from 'rxjs-taskgroup';
 *
 * declare const button: HTMLButtonElement & { when(type: string): PlatformObservable<Event> & { take(n: number): PlatformObservable<Event> } };
 * withTaskGroup(tg => {
 *   tg.createTask(button.when('click').take(1), { timeout: 5_000 }); // cancelling it removes the listener
 * }).subscribe();
 * ```
 */
export interface PlatformObservable<T> {
  /** Subscribes `observer` until it ends or `options.signal` aborts. */
  subscribe(
    observer: { next(value: T): void; error(error: unknown): void; complete(): void },
    options: { readonly signal: AbortSignal },
  ): void;
  /** A WICG operator: its presence tells a platform Observable from a plain object with a `subscribe` method. */
  takeUntil(notifier: never): unknown;
}

/**
 * A task together with its options: what `taskGroup` and `cancelSiblingsOnError` accept as a
 * source value besides a bare {@link TaskInput}, so that the operators can name their tasks and
 * give each its own timeout, cleanup or shield. Make one with {@link task}, or write the object.
 *
 * @remarks
 * A source value is a descriptor when it is a plain object (its prototype is `Object.prototype`
 * or `null`) with a `task` property. No `ObservableInput` is such an object (Observables,
 * Promises, arrays and iterables all have other prototypes), so the two never mix up.
 *
 * @example
 * ```ts
 * import { taskGroup, type TaskDescriptor } from 'rxjs-taskgroup';
 * import { from, of } from 'rxjs';
 *
 * const user: TaskDescriptor<string> = { task: of('ada'), name: 'user', timeout: 5_000 };
 * from([user, { task: of(42), name: 'count' }]).pipe(taskGroup()).subscribe(console.log); // Logs: ['ada', 42]
 * ```
 */
export interface TaskDescriptor<T> extends TaskOptions {
  /** The task itself. */
  readonly task: TaskInput<T>;
}

/**
 * What `taskGroup` and `cancelSiblingsOnError` take as a source value: a task, or a task with
 * its options ({@link TaskDescriptor}).
 *
 * @example
 * ```ts
 * import { task, type TaskSourceValue } from 'rxjs-taskgroup';
 * import { of } from 'rxjs';
 *
 * const values: TaskSourceValue<number>[] = [of(1), task(of(2), { name: 'two' }), { task: of(3), timeout: 100 }];
 * ```
 */
export type TaskSourceValue<T> = TaskInput<T> | TaskDescriptor<T>;

/**
 * The value type of a task: `T` for an `ObservableInput<T>` or a `PlatformObservable<T>`, a factory
 * returning one, or a
 * {@link TaskDescriptor} of one. Distributes over unions, so mixed tasks give a union.
 *
 * @example
 * ```ts
 * import type { TaskResult } from 'rxjs-taskgroup';
 * import type { Observable } from 'rxjs';
 *
 * type R = TaskResult<Observable<number> | Promise<string> | (() => Observable<boolean>)>; // number | string | boolean
 * ```
 */
export type TaskResult<I> = I extends { readonly task: infer J }
  ? TaskResult<J>
  : I extends (ctx: TaskContext) => infer O
    ? TaskResult<O>
    : I extends PlatformObservable<infer T>
      ? T
      : ObservedValueOf<I>;

/**
 * Selects errors of a {@link TaskGroupError}: an error class (tested with `instanceof`, never
 * called) or a predicate (called with each leaf).
 *
 * @remarks
 * A function is a class whenever it is a constructor: `class` syntax, whether or not it extends
 * `Error` (Angular's `HttpErrorResponse` only implements it), `Error` and its subclasses, or a
 * `function` whose `prototype` has members. Only other functions (arrow functions, plain
 * predicates) are called. A class narrows the type of what it selects (see
 * {@link ErrorClass}), and so does a predicate that is a type guard.
 *
 * @example
 * ```ts
 * import type { ErrorMatcher } from 'rxjs-taskgroup';
 *
 * class HttpFailure { constructor(readonly status: number) {} } // extends nothing: still a class
 * const byClass: ErrorMatcher = HttpFailure;
 * const byPredicate: ErrorMatcher = e => e instanceof HttpFailure && e.status >= 500;
 * ```
 */
export type ErrorMatcher = ErrorClass<unknown> | ((error: unknown) => boolean);

/**
 * A class used as an {@link ErrorMatcher}: any constructor, abstract or not, whose instances are `E`.
 * (`E` is read from `prototype`: a built-in such as `TypeError` inherits `Error`'s construct
 * signatures, and would otherwise narrow to `Error`.)
 *
 * @example
 * ```ts
 * import { TaskGroupError, type ErrorClass } from 'rxjs-taskgroup';
 *
 * const matcher: ErrorClass<RangeError> = RangeError;
 * console.log(new TaskGroupError([new RangeError('far')]).subgroup(matcher)?.leaves()[0].message); // Logs: far
 * ```
 */
export type ErrorClass<E> = (abstract new (...args: never[]) => E) & { readonly prototype: E };

/**
 * What a task factory receives: its cancellation signal, its position and its name.
 *
 * @example
 * ```ts
 * import { withTaskGroup } from 'rxjs-taskgroup';
 *
 * withTaskGroup(tg => {
 *   tg.createTask(({ signal, index, name }) => {
 *     console.log(index, name); // Logs: 0 'download'
 *     return fetch('/api/delay/1', { signal }); // aborted if the task is cancelled
 *   }, { name: 'download' });
 * }).subscribe();
 * ```
 */
export interface TaskContext {
  /** Aborts, with a {@link TaskCancelledError} as its reason, when this task is cancelled. */
  readonly signal: AbortSignal;
  /** Creation order in its group, from 0. */
  readonly index: number;
  /** `options.name`, else `task-${index}`. */
  readonly name: string;
}

/**
 * What the factory of a task started with `tg.start()` receives: its {@link TaskContext}, and
 * `started(value?)`, to call once the task is ready (see `TaskGroup.start`).
 *
 * @example
 * ```ts
 * import { withTaskGroup, type TaskStartContext } from 'rxjs-taskgroup';
 * import { NEVER, concat, defer } from 'rxjs';
 *
 * const server = (ctx: TaskStartContext<number>) => concat(defer(async () => ctx.started(8080)), NEVER);
 * withTaskGroup(tg => tg.start(server)).subscribe(port => console.log(`listening on ${port}`));
 * // Logs: listening on 8080
 * ```
 */
export interface TaskStartContext<V = void> extends TaskContext {
  /** Says the task is ready: the Observable `tg.start()` returned emits `value` and completes. */
  readonly started: (value?: V) => void;
}

/**
 * Options of one task (`createTask`'s second argument).
 *
 * @example
 * ```ts
 * import { withTaskGroup } from 'rxjs-taskgroup';
 * import { timer } from 'rxjs';
 *
 * withTaskGroup(tg => {
 *   tg.createTask(timer(10_000), {
 *     name: 'slow',
 *     timeout: 2_000,                  // fails with TaskTimeoutError after 2 s
 *     onCancel: () => timer(500),      // async cleanup, awaited by the group
 *   });
 * }).subscribe({ error: e => console.log(e.message) });
 * ```
 */
export interface TaskOptions {
  /** Shown in events, errors and `TaskContext.name`; default `task-${index}`. */
  name?: string;
  /** Milliseconds for the task's whole life, counted from its start; expiry fails it with `TaskTimeoutError`. `Infinity`: none. */
  timeout?: number;
  /** Asynchronous cleanup run when the task is cancelled; the group waits for it. */
  onCancel?: (reason: TaskCancelledError) => ObservableInput<unknown> | PlatformObservable<unknown>;
  /** Not cancelled when the group shuts down; the group waits for it to finish. */
  shield?: boolean;
}

/**
 * Options of a group (`withTaskGroup`, `taskGroup`, `cancelSiblingsOnError`).
 *
 * @example
 * ```ts
 * import { taskGroup } from 'rxjs-taskgroup';
 * import { from, of } from 'rxjs';
 *
 * const controller = new AbortController();
 * from([of(1), of(2), of(3)])
 *   .pipe(taskGroup({ concurrency: 2, timeout: 5_000, signal: controller.signal }))
 *   .subscribe(console.log); // Logs: [1, 2, 3]
 * ```
 */
export interface TaskGroupOptions {
  /** Tasks running at once; default `Infinity`. Others wait in a FIFO queue. */
  concurrency?: number;
  /** Default `TaskOptions.timeout` for every task of the group. */
  timeout?: number;
  /** Aborting it cancels the group, as `tg.cancel(signal.reason)` does. */
  signal?: AbortSignal;
  /** Schedules timeouts (default `asyncScheduler`, virtualised by `TestScheduler.run`). */
  scheduler?: SchedulerLike;
  /** Receives every lifecycle event, synchronously and in order (logs, timelines). */
  onEvent?: (event: TaskEvent) => void;
  /**
   * The task this group belongs to (rule 12): the `ctx` its factory received. The task's group
   * then treats this group as part of the task: when the task is cancelled, it waits for this
   * group's cleanups and shielded tasks, takes their errors as one nested `TaskGroupError`, and
   * runs the task's `onCancel` only after it. A group subscribed synchronously inside a task
   * belongs to it anyway; this is for one started later (in a `switchMap`, after a request).
   *
   * @example
   * ```ts
   * import { withTaskGroup } from 'rxjs-taskgroup';
   * import { map, of, switchMap, timer } from 'rxjs';
   *
   * const user$ = timer(100).pipe(map(() => ({ id: 7 })));
   * withTaskGroup(tg => {
   *   tg.createTask(ctx => user$.pipe(
   *     switchMap(user => withTaskGroup(inner => {
   *       inner.createTask(of(`orders of ${user.id}`));
   *       inner.createTask(of(`invoices of ${user.id}`));
   *     }, { owner: ctx })),
   *   ));
   * }).subscribe({ complete: () => console.log('done') }); // Logs: done
   * ```
   */
  owner?: TaskContext;
  /**
   * What a task's failure does. `'fail-fast'` (the default) is asyncio's TaskGroup: the first
   * failure cancels the body and every sibling, and the group errors once they are done.
   * `'keep-going'` is Kotlin's `supervisorScope`: a task's failure (its error, its timeout, an
   * error of its teardown or cleanup) cancels nothing and leaves the group open to new tasks; the
   * failures are collected and the group errors with all of them, in one `TaskGroupError`, when it
   * ends. The body's own failure, `tg.cancel()` and unsubscription still shut it down. Next to
   * `settle` (`taskGroup`, `forkJoinTasks`), which makes a failure a task's outcome and not the
   * group's, `'keep-going'` keeps the failures the group's, reported at the end; watch them as they
   * happen with `onEvent` (`failed`) or the task's handle.
   *
   * @example
   * ```ts
   * import { withTaskGroup } from 'rxjs-taskgroup';
   * import { of, throwError, timer, map } from 'rxjs';
   *
   * withTaskGroup(tg => {
   *   tg.createTask(throwError(() => new Error('thumbnail failed')));
   *   tg.createTask(timer(50).pipe(map(() => 'upload done'))); // not cancelled by the failure
   *   return tg.createTask(of('body value'));
   * }, { failurePolicy: 'keep-going' }).subscribe({ next: console.log, error: e => console.log(e.message) });
   * // Logs: body value, then (after 50 ms): 1 error in task group: Error: thumbnail failed
   * ```
   */
  failurePolicy?: TaskGroupFailurePolicy;
  /**
   * With `failurePolicy: 'keep-going'` only: receives each failure as it happens (a task's error or
   * timeout, an error of its teardown or cleanup, with the task's name and index; an error of the
   * body's teardown with none), which then is handled: it is not kept for the group's final
   * `TaskGroupError`. For a long-lived group (`injectTaskGroup`), so that failures are reported
   * when they happen and not kept until the end. What it throws is reported to RxJS's
   * `config.onUnhandledError`. The body's own failure still fails the group.
   *
   * @example
   * ```ts
   * import { withTaskGroup } from 'rxjs-taskgroup';
   * import { throwError, timer } from 'rxjs';
   *
   * withTaskGroup(tg => {
   *   tg.createTask(throwError(() => new Error('one upload failed')), { name: 'a.png' });
   *   tg.createTask(timer(20), { name: 'b.png' });
   * }, {
   *   failurePolicy: 'keep-going',
   *   onError: (error, task) => console.log(`${task?.name}: ${(error as Error).message}`),
   * }).subscribe({ complete: () => console.log('done') });
   * // Logs: a.png: one upload failed, then: done
   * ```
   */
  onError?: (error: unknown, task: { readonly name: string; readonly index: number } | undefined) => void;
}

/** What a task's failure does to its group: see `failurePolicy` in `TaskGroupOptions`. */
export type TaskGroupFailurePolicy = 'fail-fast' | 'keep-going';

/**
 * How one task ended, as `taskGroup({ settle: true })` reports it (the shape of
 * `Promise.allSettled`'s results).
 *
 * @example
 * ```ts
 * import type { TaskOutcome } from 'rxjs-taskgroup';
 *
 * const describe = (o: TaskOutcome<number>) => (o.status === 'fulfilled' ? `ok ${o.value}` : `failed: ${o.reason}`);
 * ```
 */
export type TaskOutcome<T> = { status: 'fulfilled'; value: T } | { status: 'rejected'; reason: unknown };

/** The kinds of {@link TaskEvent}, in the order a task or group lives through them. */
export type TaskEventType =
  | 'queued'
  | 'started'
  | 'value'
  | 'completed'
  | 'failed'
  | 'cancelled'
  | 'cleanup-started'
  | 'cleanup-finished'
  | 'group-shutdown'
  | 'group-finished';

/**
 * A lifecycle event, given to `TaskGroupOptions.onEvent` synchronously as it happens.
 * Task events carry `task`; group events do not. `time` is the scheduler's `now()`.
 *
 * @example
 * ```ts
 * import { withTaskGroup, type TaskEvent } from 'rxjs-taskgroup';
 * import { of } from 'rxjs';
 *
 * const log: TaskEvent[] = [];
 * withTaskGroup(tg => { tg.createTask(of('x'), { name: 'a' }); }, { onEvent: e => log.push(e) }).subscribe();
 * console.log(log.map(e => e.type)); // Logs: ['started', 'value', 'completed', 'group-finished']
 * ```
 */
export interface TaskEvent {
  /** What happened. */
  readonly type: TaskEventType;
  /** The task the event is about; absent on `group-shutdown` and `group-finished`. */
  readonly task?: { readonly name: string; readonly index: number };
  /** `scheduler.now()` when it happened. */
  readonly time: number;
  /** On `value` (the value) and `completed` (the task's result). */
  readonly value?: unknown;
  /** On `failed`, `cancelled` (the `TaskCancelledError`), and a failed `cleanup-finished`. */
  readonly error?: unknown;
  /**
   * The group's ids (rule 26), only while a process-wide listener is installed
   * ({@link subscribeToTaskGroups}): `onEvent` and that listener then receive the same event object.
   */
  readonly group?: TaskGroupInfo;
}

/**
 * A group's ids, the same on every event of that group (rule 26). Ids are given in the order
 * groups are first seen by a process-wide listener, from 1, and never reused in the process; a
 * group that nobody listens to gets none. A task is identified by its group's `id` and its `index`.
 *
 * @example
 * ```ts
 * import { subscribeToTaskGroups, withTaskGroup } from 'rxjs-taskgroup';
 * import { of } from 'rxjs';
 *
 * const stop = subscribeToTaskGroups(event => {
 *   if (event.type === 'group-started') console.log(event.group);
 * });
 * withTaskGroup(tg => {
 *   tg.createTask(() => withTaskGroup(inner => { inner.createTask(of(1)); }), { name: 'load' });
 * }).subscribe();
 * stop();
 * // Logs: { id: 1 }, then { id: 2, parent: 1, owner: { name: 'load', index: 0 } }
 * ```
 */
export interface TaskGroupInfo {
  /** The group's id, unique in the process. */
  readonly id: number;
  /** The id of the group it belongs to (rule 11): the group of its owner task, or whose body owns it. */
  readonly parent?: number;
  /** The task of `parent` that owns it; absent when the parent's body owns it, or it is a root group. */
  readonly owner?: { readonly name: string; readonly index: number };
}

/**
 * The kinds of {@link TaskGroupEvent}: a {@link TaskEventType}, or `group-started` (process-wide listeners only).
 *
 * @example
 * ```ts
 * import { subscribeToTaskGroups, type TaskGroupEventType } from 'rxjs-taskgroup';
 *
 * const counts = new Map<TaskGroupEventType, number>();
 * const stop = subscribeToTaskGroups(({ type }) => counts.set(type, (counts.get(type) ?? 0) + 1));
 * // … later: how many groups started, how many tasks failed
 * console.log(counts.get('group-started'), counts.get('failed'));
 * stop();
 * ```
 */
export type TaskGroupEventType = TaskEventType | 'group-started';

/**
 * An event as a process-wide listener receives it ({@link subscribeToTaskGroups}): a
 * {@link TaskEvent} of any group, with the group's ids. Two things only this listener sees:
 * `group-started`, when a group is made (subscribed) while the listener is installed, and on
 * `started`, the task's `shield` option and its time limit (`timeout`, `Infinity` for none).
 *
 * @example
 * ```ts
 * import { subscribeToTaskGroups, withTaskGroup, type TaskGroupEvent } from 'rxjs-taskgroup';
 * import { of } from 'rxjs';
 *
 * const seen: TaskGroupEvent[] = [];
 * const stop = subscribeToTaskGroups(event => seen.push(event));
 * withTaskGroup(tg => { tg.createTask(of('x'), { name: 'a' }); }).subscribe();
 * stop();
 * console.log(seen.map(e => e.type)); // Logs: ['group-started', 'started', 'value', 'completed', 'group-finished']
 * ```
 */
export interface TaskGroupEvent {
  /** What happened. */
  readonly type: TaskGroupEventType;
  /** The group it happened in. */
  readonly group: TaskGroupInfo;
  /** The task the event is about (as {@link TaskEvent.task}); on `started`, also its `shield` and `timeout`. */
  readonly task?: { readonly name: string; readonly index: number; readonly shield?: boolean; readonly timeout?: number };
  /** The group's `scheduler.now()` when it happened. */
  readonly time: number;
  /** As {@link TaskEvent.value}. */
  readonly value?: unknown;
  /** As {@link TaskEvent.error}. */
  readonly error?: unknown;
}

/**
 * The group handed to `withTaskGroup`'s body, as `async with TaskGroup() as tg` hands `tg`.
 *
 * @example
 * ```ts
 * import { withTaskGroup } from 'rxjs-taskgroup';
 * import { timer, map } from 'rxjs';
 *
 * withTaskGroup(tg => {
 *   tg.createTask(timer(1000).pipe(map(() => 'slow')));
 *   tg.createTask(timer(10)).subscribe(() => tg.cancel('enough')); // the group completes early
 * }).subscribe({ complete: () => console.log('done') }); // Logs: done (after 10 ms)
 * ```
 */
export interface TaskGroup {
  /**
   * Starts a task now (or queues it when the group's `concurrency` is reached).
   * Throws `TaskStateError` once the group is shutting down or finished, `TypeError` for an
   * argument that is not a {@link TaskInput}, and `RangeError`/`TypeError` for bad options.
   */
  createTask<T>(task: TaskInput<T>, options?: TaskOptions): Task<T>;
  /**
   * Starts a task at once (or queues it under `concurrency`) and waits until it says it is ready,
   * while it keeps running in the group: Trio's and AnyIO's `nursery.start()`. The factory's
   * context has `started(value?)`; the returned Observable replays that value and completes when
   * the task calls it. If the task ends first, it errors: with the task's own error (which fails
   * the group as any task failure does), with the `TaskCancelledError` if it is cancelled, or with
   * a `TaskStateError` if it completes without calling `started()`. Calling `started()` twice or
   * after the task ended throws `TaskStateError`. Without a type argument `started` takes any
   * value and the result is an `Observable<unknown>`; `tg.start<string>(…)` types both.
   *
   * @example
   * ```ts
   * import { withTaskGroup } from 'rxjs-taskgroup';
   * import { NEVER, concat, defer, map, switchMap, timer } from 'rxjs';
   *
   * withTaskGroup(tg => {
   *   const connection$ = tg.start<string>(ctx => concat(
   *     timer(100).pipe(map(() => ctx.started('ws://local/feed'))), // connected: ready
   *     NEVER,                                                     // …and keeps running
   *   ));
   *   return connection$.pipe(switchMap(url => defer(async () => `sent over ${url}`)));
   * }).subscribe(console.log); // Logs: sent over ws://local/feed (the group then runs until cancelled)
   * ```
   */
  start<V = unknown, T = unknown>(
    factory: (ctx: TaskStartContext<V>) => ObservableInput<T> | PlatformObservable<T>,
    options?: TaskOptions,
  ): Observable<V>;
  /** Cancels every task and the body; the group then completes without error. Idempotent. */
  cancel(reason?: unknown): void;
  /**
   * The group now, as plain, JSON-serialisable data: its state, and each task not done yet (name,
   * index, state, shield, start time, the groups it owns, recursively), with counts of the done
   * ones — what it is still waiting for. Print it with {@link formatTaskTree}. A group does not keep
   * the tasks it has finished with, so done tasks are counted, not listed. Start times are
   * recorded when the group has `onEvent`, or from the first `snapshot()` on, so that a group
   * nobody inspects pays nothing for them. After asyncio's `capture_call_graph` (Python 3.14).
   *
   * @example
   * ```ts
   * import { formatTaskTree, withTaskGroup } from 'rxjs-taskgroup';
   * import { NEVER } from 'rxjs';
   *
   * withTaskGroup(tg => {
   *   tg.createTask(NEVER, { name: 'server' });
   *   console.log(tg.snapshot().tasks.map(t => `${t.name}: ${t.state}`)); // Logs: ['server: running']
   *   tg.cancel();
   * }).subscribe();
   * ```
   */
  snapshot(): TaskGroupSnapshot;
  /** Aborts when the group starts shutting down, with a `TaskCancelledError`. */
  readonly signal: AbortSignal;
}

/**
 * A running task's handle: an Observable that replays the task's outcome (its last value, then
 * complete; or its error) to every subscriber. Subscribing neither starts nor cancels the task.
 *
 * @example
 * ```ts
 * import { withTaskGroup } from 'rxjs-taskgroup';
 * import { timer, map, forkJoin } from 'rxjs';
 *
 * withTaskGroup(tg => {
 *   const a = tg.createTask(timer(20).pipe(map(() => 'A')));
 *   const b = tg.createTask(timer(10).pipe(map(() => 'B')));
 *   return forkJoin([a, b]);
 * }).subscribe(console.log); // Logs: ['A', 'B']
 * ```
 */
export interface Task<T> extends Observable<T> {
  /** `options.name`, else `task-${index}`. */
  readonly name: string;
  /** Creation order in its group, from 0. */
  readonly index: number;
  /** Whether the task has finished: succeeded, failed or cancelled (cleanup included). */
  done(): boolean;
  /**
   * Whether the task was cancelled: by `cancel()`, by its group's shutdown, by unsubscribing
   * itself, or by ending with a `TaskCancelledError` (rule 20). A timed-out task has failed instead.
   */
  cancelled(): boolean;
  /** Its last value (`undefined` if none); throws its error, a `TaskCancelledError`, or `TaskStateError` while not done. */
  result(): T;
  /**
   * Its error, `undefined` if it succeeded; throws a `TaskCancelledError` if cancelled, `TaskStateError` while not done.
   * As in asyncio, this cannot tell a success from a failure whose error value is itself `undefined`
   * (`throwError(() => undefined)`): `result()` can, since it throws for every failure.
   */
  exception(): unknown;
  /** Cancels this task only (its cleanup is awaited); no error for the group. `false` if it was already done or cancelling. */
  cancel(reason?: unknown): boolean;
}
