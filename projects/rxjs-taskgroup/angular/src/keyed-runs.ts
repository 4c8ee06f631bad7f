import { signal, type Signal, type WritableSignal } from '@angular/core';
import { Observable, ReplaySubject, concatMap, take, throwError } from 'rxjs';
import { TaskCancelledError, TaskStateError, ɵcheckOptionKeys, ɵcheckTask, type Task, type TaskInput, type TaskOptions } from 'rxjs-taskgroup';

/**
 * What a new run of a key does about the runs of that key not done yet (see
 * `run`), after RxJS's four flattening operators and ngrx-toolkit's
 * `switchOp`, `exhaustOp`, `concatOp` and `mergeOp`:
 *
 * - `'switch'`: cancels them (`task.cancel()`: each `onCancel` runs and the group awaits it) and
 *   starts at once — "replace the running search";
 * - `'exhaust'`: is ignored while one runs or waits — "ignore clicks while saving";
 * - `'concat'`: waits its turn — one run of the key at a time, first in, first out — "queue the uploads";
 * - `'merge'`: starts at once, whatever runs.
 *
 * @example
 * ```ts
 * import type { KeyedRunStrategy } from 'rxjs-taskgroup/angular';
 *
 * const onSave: KeyedRunStrategy = 'exhaust';
 * ```
 */
export type KeyedRunStrategy = 'switch' | 'exhaust' | 'concat' | 'merge';

/**
 * Options of `run`: the task options of `createTask` (`name`, by default the
 * key; `timeout`; `onCancel`; `shield`) and the `strategy`, by default `'merge'`.
 *
 * @example
 * ```ts
 * import { timer } from 'rxjs';
 * import type { KeyedRunOptions } from 'rxjs-taskgroup/angular';
 *
 * const options: KeyedRunOptions = { strategy: 'switch', timeout: 5_000, onCancel: () => timer(100) };
 * ```
 */
export interface KeyedRunOptions extends TaskOptions {
  /** What this run does about the key's runs not done yet; default `'merge'`. */
  strategy?: KeyedRunStrategy;
}

/**
 * Where a key's runs stand, for a template: what {@link KeyedRunner.status} returns.
 *
 * @example
 * ```ts
 * import type { KeyStatus } from 'rxjs-taskgroup/angular';
 *
 * const label = (s: KeyStatus) => (s.busy ? `saving (${s.queued} waiting)` : s.error ? 'failed' : 'saved');
 * ```
 */
export interface KeyStatus {
  /**
   * The key's runs started and not done: running, or cancelled and in their `onCancel` cleanup
   * (a run a `'switch'` replaced counts until its cleanup is over), or waiting for the group's
   * `concurrency`.
   */
  readonly running: number;
  /** The key's `'concat'` runs waiting for their turn. */
  readonly queued: number;
  /** `running + queued > 0`: what `'exhaust'` tests; bind `[disabled]` to it. */
  readonly busy: boolean;
  /**
   * The error of the key's latest failed run (a timeout's `TaskTimeoutError` included; a
   * cancellation is not a failure); `undefined` again when the key's next run starts.
   */
  readonly error: unknown;
}

/**
 * Keyed runs of a group: tasks started under a string key with a strategy that says what a new
 * run does about the key's runs not done yet, and a signal of each key's status. Part of what
 * `injectTaskGroup()` returns.
 *
 * @example
 * ```ts
 * import { Component, inject } from '@angular/core';
 * import { HttpClient } from '@angular/common/http';
 * import { injectTaskGroup } from 'rxjs-taskgroup/angular';
 *
 * @Component({
 *   selector: 'app-editor',
 *   template: `<input (input)="search($any($event.target).value)" />
 *              <button (click)="save()" [disabled]="tasks.status('save')().busy">Save</button>`,
 * })
 * export class Editor {
 *   private readonly http = inject(HttpClient);
 *   readonly tasks = injectTaskGroup({ failurePolicy: 'keep-going' });
 *   search(q: string) {
 *     // A keystroke cancels the search still running (HttpClient aborts its request).
 *     this.tasks.run('search', this.http.get(`/api/search?q=${encodeURIComponent(q)}`), { strategy: 'switch' });
 *   }
 *   save() {
 *     // A click while a save runs is ignored: run() returns undefined.
 *     this.tasks.run('save', this.http.put('/api/doc', {}), { strategy: 'exhaust' });
 *   }
 * }
 * ```
 */
export interface KeyedRunner {
  /**
   * Runs a task under `key`, as `createTask` does (same task, same options, `name` defaulting to
   * the key), after applying `options.strategy` to the key's runs not done yet
   * ({@link KeyedRunStrategy}; default `'merge'`), and returns its handle:
   *
   * - `'switch'`: every run of the key is cancelled with `task.cancel()` — a queued one is
   *   dropped, a running one is cancelled: its `onCancel` runs and the group awaits it, and an
   *   error its teardown or cleanup raises reaches the group as any failure does (rule 6) — and
   *   the new run starts at once;
   * - `'exhaust'`: if the key is busy, nothing is started and `run` returns `undefined`;
   * - `'concat'`: if the key is busy, the run waits in the key's queue and starts once every run
   *   of the key ahead of it is done, cleanup included. Its handle exists at once: `index` is -1
   *   and `done()` false until it starts; `cancel()` drops it from the queue (the handle then
   *   errors with a `TaskCancelledError`), and so does the group shutting down (destroyed,
   *   cancelled, or failed under `'fail-fast'`). Its options are checked at the call;
   * - `'merge'`: starts at once.
   *
   * A run stays the key's until its task is done (its cleanup included).
   *
   * @throws TypeError at the call for a key that is not a string, an unknown `strategy`, an
   * option that does not exist, or a task or task option `createTask` would refuse;
   * `TaskStateError` once the group is shutting down or finished.
   */
  run<T>(key: string, task: TaskInput<T>, options?: KeyedRunOptions & { strategy?: 'switch' | 'concat' | 'merge' }): Task<T>;
  /** `run` with a strategy that may be `'exhaust'`: `undefined` when the run was ignored. */
  run<T>(key: string, task: TaskInput<T>, options?: KeyedRunOptions): Task<T> | undefined;
  /**
   * The key's status as a signal ({@link KeyStatus}): how many of its runs are running and
   * queued, whether it is busy, and its latest failure. The same signal for a key every time;
   * a key never run is idle.
   */
  status(key: string): Signal<KeyStatus>;
}

/** The keys of {@link KeyedRunOptions}. */
const RUN_OPTIONS: readonly (keyof KeyedRunOptions)[] = ['strategy', 'name', 'timeout', 'onCancel', 'shield'];
const STRATEGIES: readonly unknown[] = ['switch', 'exhaust', 'concat', 'merge'] satisfies KeyedRunStrategy[];
const IDLE: KeyStatus = { running: 0, queued: 0, busy: false, error: undefined };

/** What {@link keyedRuns} starts tasks with: a group's `createTask`. */
type CreateTask = <T>(task: TaskInput<T>, options?: TaskOptions) => Task<T>;

/** One key's runs; dropped once idle without an error, unless its status signal was handed out. */
interface KeyState {
  readonly key: string;
  readonly running: Set<Task<unknown>>;
  readonly queue: QueuedRun<unknown>[];
  error: unknown;
  view: WritableSignal<KeyStatus> | undefined;
}

/**
 * The keyed runs of a group: {@link KeyedRunner} over its `createTask`. `groupSignal` is the
 * group's `tg.signal` (read at each run, so a group replaced by a new one is followed): when it
 * aborts, every queued run is dropped.
 */
export function keyedRuns(createTask: CreateTask, groupSignal: () => AbortSignal): KeyedRunner {
  const runs = new KeyedRuns(createTask, groupSignal);
  return {
    run: ((key: string, task: TaskInput<unknown>, options?: KeyedRunOptions) => runs.run(key, task, options)) as KeyedRunner['run'],
    status: key => runs.status(key),
  };
}

class KeyedRuns {
  private readonly keys = new Map<string, KeyState>();
  /** The group signal a listener is on. */
  private watched: AbortSignal | undefined = undefined;

  constructor(
    private readonly createTask: CreateTask,
    private readonly groupSignal: () => AbortSignal,
  ) {}

  run(key: unknown, task: TaskInput<unknown>, options: KeyedRunOptions | undefined): Task<unknown> | undefined {
    if (typeof key !== 'string') throw new TypeError(`run: key must be a string; got ${key === null ? 'null' : typeof key}`);
    ɵcheckOptionKeys(options, RUN_OPTIONS, 'run: options');
    const { strategy = 'merge', ...taskOptions } = options ?? {};
    if (!STRATEGIES.includes(strategy)) {
      throw new TypeError(`run: options.strategy must be 'switch', 'exhaust', 'concat' or 'merge'; got ${describe(strategy)}`);
    }
    ɵcheckTask(task, taskOptions, 'run');
    const named: TaskOptions = { ...taskOptions, name: taskOptions.name ?? key };
    const state = this.keys.get(key);
    const busy = state !== undefined && state.running.size + state.queue.length > 0;
    if (strategy === 'exhaust' && busy) return undefined;
    if (strategy === 'concat' && busy) return this.enqueue(state, task, named);
    if (strategy === 'switch' && busy) this.replace(state);
    return this.launch(this.stateOf(key), task, named);
  }

  status(key: string): Signal<KeyStatus> {
    if (typeof key !== 'string') throw new TypeError(`status: key must be a string; got ${key === null ? 'null' : typeof key}`);
    const state = this.stateOf(key);
    state.view ??= signal(statusOf(state));
    return state.view.asReadonly();
  }

  private stateOf(key: string): KeyState {
    let state = this.keys.get(key);
    if (!state) this.keys.set(key, (state = { key, running: new Set(), queue: [], error: undefined, view: undefined }));
    return state;
  }

  /** Starts a run now; what `createTask` throws goes to the caller. */
  private launch(state: KeyState, task: TaskInput<unknown>, options: TaskOptions): Task<unknown> {
    this.watchGroup();
    let handle: Task<unknown>;
    try {
      handle = this.createTask(task, options);
    } catch (error) {
      this.settle(state);
      throw error;
    }
    state.error = undefined;
    state.running.add(handle);
    this.changed(state);
    handle.subscribe({ complete: () => this.ended(state, handle), error: (error: unknown) => this.ended(state, handle, error) });
    return handle;
  }

  private enqueue(state: KeyState, task: TaskInput<unknown>, options: TaskOptions): Task<unknown> {
    const signal = this.groupSignal();
    if (signal.aborted) throw new TaskStateError('run: the task group is shutting down or finished, so it takes no new task');
    this.watchGroup();
    const queued = new QueuedRun(options.name!, () => {
      state.queue.splice(state.queue.indexOf(queued), 1);
      this.settle(state);
    });
    queued.task = task;
    queued.options = options;
    state.queue.push(queued);
    this.changed(state);
    return queued;
  }

  /** `'switch'`: drops the key's queued runs and cancels its running ones. */
  private replace(state: KeyState): void {
    const reason = `replaced by a newer run of "${state.key}"`;
    for (const queued of [...state.queue]) queued.cancel(reason);
    for (const running of [...state.running]) running.cancel(reason);
  }

  /**
   * A run's task is done (`error` when it failed or was cancelled): the key's next queued run may
   * start. Whether it was cancelled is the handle's to say (the engine's outcome), never read off
   * the error, which is the user's value and may not bear inspecting.
   */
  private ended(state: KeyState, handle: Task<unknown>, ...failure: [unknown?]): void {
    state.running.delete(handle);
    if (failure.length > 0 && !handle.cancelled()) state.error = failure[0];
    this.next(state);
    this.settle(state);
  }

  /** Starts the key's next queued run once nothing of the key runs. */
  private next(state: KeyState): void {
    while (state.running.size === 0 && state.queue.length > 0) {
      const queued = state.queue.shift()!;
      try {
        queued.started(this.launch(state, queued.task!, queued.options!));
      } catch (error) {
        queued.drop(error);
      }
    }
  }

  /** Listens to the current group's signal: when it aborts, every queued run is dropped. */
  private watchGroup(): void {
    const signal = this.groupSignal();
    if (signal === this.watched) return;
    this.watched = signal;
    signal.addEventListener('abort', () => {
      for (const state of [...this.keys.values()]) {
        for (const queued of state.queue.splice(0)) queued.drop(signal.reason);
        this.settle(state);
      }
    }, { once: true });
  }

  /** Updates the key's signal, and forgets an idle key without an error that nobody watches. */
  private settle(state: KeyState): void {
    this.changed(state);
    if (!state.view && state.running.size + state.queue.length === 0 && state.error === undefined) this.keys.delete(state.key);
  }

  private changed(state: KeyState): void {
    state.view?.set(statusOf(state));
  }
}

function statusOf(state: KeyState): KeyStatus {
  const running = state.running.size;
  const queued = state.queue.length;
  if (running + queued === 0 && state.error === undefined) return IDLE;
  return { running, queued, busy: running + queued > 0, error: state.error };
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : value === null ? 'null' : typeof value;
}

/**
 * The handle of a `'concat'` run waiting in its key's queue: it answers for the task once it
 * has started, and as a cancelled task if it is dropped first. Its Observable replays the
 * task's outcome, or errors with the `TaskCancelledError` of the drop.
 */
class QueuedRun<T> extends Observable<T> implements Task<T> {
  task: TaskInput<T> | undefined = undefined;
  options: TaskOptions | undefined = undefined;
  private handle: Task<T> | undefined = undefined;
  private dropped: { error: unknown } | undefined = undefined;
  private readonly settled = new ReplaySubject<void>(1);

  constructor(
    private readonly ownName: string,
    private readonly onCancel: () => void,
  ) {
    super(subscriber =>
      this.settled
        .pipe(
          take(1),
          concatMap(() => this.handle ?? throwError(() => this.dropped!.error)),
        )
        .subscribe(subscriber),
    );
  }

  get name(): string {
    return this.handle?.name ?? this.ownName;
  }

  get index(): number {
    return this.handle?.index ?? -1;
  }

  /** Its turn came: from now on it is this task. */
  started(handle: Task<T>): void {
    this.handle = handle;
    this.task = this.options = undefined;
    this.settled.next();
  }

  /** Dropped before it started: a `TaskCancelledError` (or what stopped it from starting). */
  drop(error: unknown): void {
    if (this.handle || this.dropped) return;
    this.dropped = { error };
    this.task = this.options = undefined;
    this.settled.next();
  }

  done(): boolean {
    return this.handle ? this.handle.done() : this.dropped !== undefined;
  }

  cancelled(): boolean {
    return this.handle ? this.handle.cancelled() : this.dropped?.error instanceof TaskCancelledError;
  }

  result(): T {
    if (this.handle) return this.handle.result();
    if (this.dropped) throw this.dropped.error;
    throw this.notDone('result');
  }

  exception(): unknown {
    if (this.handle) return this.handle.exception();
    if (!this.dropped) throw this.notDone('exception');
    if (this.dropped.error instanceof TaskCancelledError) throw this.dropped.error;
    return this.dropped.error;
  }

  cancel(reason?: unknown): boolean {
    if (this.handle) return this.handle.cancel(reason);
    if (this.dropped) return false;
    this.drop(new TaskCancelledError(reason));
    this.onCancel();
    return true;
  }

  private notDone(method: string): TaskStateError {
    return new TaskStateError(`${method}() was called on task "${this.name}", which is not done yet (it waits in its key's queue)`);
  }
}
