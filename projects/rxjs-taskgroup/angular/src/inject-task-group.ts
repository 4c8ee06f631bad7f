import { DestroyRef, ErrorHandler, Injector, assertInInjectionContext, computed, inject, signal, type Signal } from '@angular/core';
import { NEVER, type Observable, type ObservableInput, type Subscription } from 'rxjs';
import {
  TaskGroupError,
  TaskStateError,
  reduceTaskTree,
  withTaskGroup,
  ɵcheckOptionKeys,
  ɵreportUnhandledError,
  type Task,
  type TaskEvent,
  type TaskGroup,
  type TaskGroupFailurePolicy,
  type TaskGroupOptions,
  type TaskGroupSnapshot,
  type TaskInput,
  type TaskOptions,
  type TaskSnapshot,
  type TaskStartContext,
} from 'rxjs-taskgroup';
import { EMPTY_TASK_TREE } from './empty-task-tree';
import { keyedRuns, type KeyedRunner } from './keyed-runs';

/**
 * Options of {@link injectTaskGroup}: the group's options (without `signal`: the group lives as
 * long as its `DestroyRef`), the failure policy, and where to find the `DestroyRef`.
 *
 * @example
 * ```ts
 * import { injectTaskGroup, type InjectTaskGroupOptions } from 'rxjs-taskgroup/angular';
 *
 * const options: InjectTaskGroupOptions = {
 *   failurePolicy: 'keep-going',
 *   concurrency: 3,
 *   onError: (error, task) => console.error(`${task?.name ?? 'the group'} failed`, error),
 * };
 * // in an injection context: const tasks = injectTaskGroup(options);
 * ```
 */
export interface InjectTaskGroupOptions extends Pick<TaskGroupOptions, 'concurrency' | 'timeout' | 'scheduler' | 'onEvent'> {
  /** What a task's failure does; default `'fail-fast'`. */
  failurePolicy?: TaskGroupFailurePolicy;
  /**
   * Called with each failure: with `'keep-going'`, each failed task's error (and each error its
   * cleanup raised) as itself, with the task; with `'fail-fast'`, once, with the group's
   * `TaskGroupError` and no task. Without it, each failure goes to Angular's `ErrorHandler`
   * (the injector's), so that no failure goes unseen. What it throws is reported to RxJS's
   * `config.onUnhandledError` (asynchronously, as RxJS reports every unhandled error) and changes
   * nothing else: a `'keep-going'` group stays open and `errors()` keeps the task's error.
   */
  onError?: (error: unknown, task: { readonly name: string; readonly index: number } | undefined) => void;
  /** Where to find the `DestroyRef`, outside an injection context. */
  injector?: Injector;
  /** The `DestroyRef` whose destruction cancels the group; default: the injection context's. */
  destroyRef?: DestroyRef;
}

/**
 * A task group that lives as long as a component, directive or service: a nursery its code
 * can start tasks in at any time. See {@link injectTaskGroup}.
 *
 * @example
 * ```ts
 * import { Component, inject } from '@angular/core';
 * import { HttpClient } from '@angular/common/http';
 * import { injectTaskGroup, type InjectedTaskGroup } from 'rxjs-taskgroup/angular';
 *
 * @Component({ selector: 'app-uploads', template: `{{ uploads.running() }} uploading` })
 * export class Uploads {
 *   private readonly http = inject(HttpClient);
 *   readonly uploads: InjectedTaskGroup = injectTaskGroup({ failurePolicy: 'keep-going' });
 *   upload(file: File) {
 *     this.uploads.createTask(this.http.post('/api/upload', file), { name: file.name });
 *   }
 * }
 * ```
 */
export interface InjectedTaskGroup extends KeyedRunner {
  /**
   * Starts a task in the group now (or queues it, with `concurrency`), like `tg.createTask`,
   * and returns its handle. Throws `TaskStateError` once the group is finished (destroyed,
   * cancelled, or failed under `'fail-fast'`), and `TypeError` or `RangeError` for a bad task
   * or bad options. (Under `'keep-going'`, a task that had to queue is checked when it starts:
   * a bad one then fails, and is reported like any failure.)
   */
  createTask<T>(task: TaskInput<T>, options?: TaskOptions): Task<T>;
  /**
   * Starts a task and waits until it says it is ready, while it keeps running in the group: the
   * group's `tg.start` (Trio's `nursery.start`).
   */
  start<V = unknown, T = unknown>(factory: (ctx: TaskStartContext<V>) => ObservableInput<T>, options?: TaskOptions): Observable<V>;
  /** Cancels every task (their cleanups run and are awaited); the group is then finished. Idempotent. */
  cancel(reason?: unknown): void;
  /**
   * Starts over: the current group is cancelled if it is still open (its cleanups go on; what
   * they raise is reported as any failure is), and a fresh one takes its place, with `tasks()`,
   * `error()`, `errors()` and `closed()` as at the start. The way on after a `'fail-fast'` group
   * has failed. Throws `TaskStateError` once the `DestroyRef` is destroyed.
   */
  reset(): void;
  /** Empties `errors()` (the failures already handled). */
  clearErrors(): void;
  /** The group now, from the engine itself (`tg.snapshot()`): shields and nested groups included. */
  snapshot(): TaskGroupSnapshot;
  /** The current group's `tg.signal`: aborts when it shuts down (cancelled, destroyed, or failed under `'fail-fast'`). */
  readonly signal: AbortSignal;
  /**
   * The tasks that are not done yet, in creation order: `queued`, `running`, or `cleanup` (cancelled
   * or timed out, its `onCancel` still running). The core's `TaskSnapshot`, rebuilt from the
   * group's events by `reduceTaskTree`: plain data, so a task's result or error object is not
   * there (`outcome` is a word and `error` a text); read them from the `Task` handle
   * `createTask` returns (`result()`, `exception()`), or from `errors()` and `onError`.
   */
  readonly tasks: Signal<readonly TaskSnapshot[]>;
  /**
   * The group as the core's `TaskGroupSnapshot`, for a task-tree panel (`formatTaskTree` prints
   * it): its state (`open`, `shutting-down`, `finished`), `tasks()`, and how many tasks are done
   * by outcome. Like `tg.snapshot()`, it lists only the tasks not done (a long-lived group keeps
   * no record of every task it ran) and counts the others. Rebuilt from events, so it knows no
   * shields, no nested groups, and `listening` stays `true`.
   */
  readonly taskTree: Signal<TaskGroupSnapshot>;
  /** How many tasks are `running` (started, not cancelled). */
  readonly running: Signal<number>;
  /** `'fail-fast'`: the group's `TaskGroupError` once it has failed. Always `undefined` with `'keep-going'`. */
  readonly error: Signal<TaskGroupError | undefined>;
  /**
   * Every failure since the start (or `clearErrors()`, or `reset()`), in order: each failure as it
   * happens (`'keep-going'`: a task's error or timeout, an error of its teardown or cleanup), or the
   * group's error's members (`'fail-fast'`).
   */
  readonly errors: Signal<readonly unknown[]>;
  /** Whether the group is finished (destroyed, cancelled, or failed under `'fail-fast'`): `createTask` then throws. */
  readonly closed: Signal<boolean>;
}

/** The keys of {@link InjectTaskGroupOptions}. */
const INJECT_TASK_GROUP_OPTIONS: readonly (keyof InjectTaskGroupOptions)[] = [
  'failurePolicy', 'onError', 'concurrency', 'timeout', 'scheduler', 'onEvent', 'injector', 'destroyRef',
];

/**
 * Creates a long-lived task group scoped to the current `DestroyRef`: the structured-concurrency
 * nursery of a component, directive or service. Tasks can be created at any time, from event
 * handlers, effects or other tasks; destroying the injector cancels every task still running
 * (each `onCancel` cleanup still runs; an error it raises goes to RxJS's
 * `config.onUnhandledError`, as for any unsubscribed group: rule 7 of `docs/contract.md`).
 *
 * @remarks
 * It is a `withTaskGroup` whose body returns `NEVER`, subscribed until the `DestroyRef` is
 * destroyed: the engine's own cancellation and its own `failurePolicy`, nothing re-implemented.
 * Under `'keep-going'` the engine hands each failure over as it happens (the group option
 * `onError`), so a long-lived group keeps none of them. Failures go to `onError`, or else to
 * Angular's `ErrorHandler`. After a `'fail-fast'` failure, `reset()` starts a fresh group.
 * `concurrency` limits the tasks; `timeout` is every task's default timeout.
 *
 * Must be called in an injection context, or given `injector` or `destroyRef`.
 *
 * @example
 * ```ts
 * import { Component, computed, inject } from '@angular/core';
 * import { HttpClient } from '@angular/common/http';
 * import { formatTaskTree } from 'rxjs-taskgroup';
 * import { injectTaskGroup } from 'rxjs-taskgroup/angular';
 *
 * @Component({
 *   selector: 'app-search',
 *   template: `@for (t of search.tasks(); track t.index) { <p>{{ t.name }}: {{ t.state }}</p> }
 *              @for (e of search.errors(); track $index) { <p class="error">{{ e }}</p> }
 *              <pre>{{ tree() }}</pre>`,
 * })
 * export class Search {
 *   private readonly http = inject(HttpClient);
 *   // Destroying the component aborts every request still running.
 *   readonly search = injectTaskGroup({ failurePolicy: 'keep-going', concurrency: 2, timeout: 5_000 });
 *   // e.g. "task group: open, waiting for 2 tasks · done: 3 fulfilled" then one line a task.
 *   readonly tree = computed(() => formatTaskTree(this.search.taskTree()));
 *
 *   find(term: string) {
 *     this.search.createTask(this.http.get(`/api/search?q=${term}`), { name: term })
 *       .subscribe({ next: hits => console.log(term, hits), error: () => {} }); // Logs: the hits of each term
 *   }
 * }
 * ```
 *
 * @param options - the failure policy, group options, and where to find the `DestroyRef`.
 * @returns the group: `createTask`, `cancel`, and signals of its tasks, its tree and its failures.
 */
export function injectTaskGroup(options: InjectTaskGroupOptions = {}): InjectedTaskGroup {
  ɵcheckOptionKeys(options, INJECT_TASK_GROUP_OPTIONS, 'injectTaskGroup: options');
  const { destroyRef, injector } = findScope(options);
  const { failurePolicy = 'fail-fast', onError, concurrency, timeout, scheduler, onEvent } = options;
  if (failurePolicy !== 'fail-fast' && failurePolicy !== 'keep-going') {
    throw new TypeError(`injectTaskGroup: options.failurePolicy must be 'fail-fast' or 'keep-going'; got ${String(failurePolicy)}`);
  }
  const errorHandler = injector?.get(ErrorHandler, null) ?? undefined;
  /** One failure to whoever handles them: `onError`, else Angular's `ErrorHandler`; what that throws is reported. */
  const handle = (failure: unknown, task: { readonly name: string; readonly index: number } | undefined) => {
    try {
      if (onError) onError(failure, task);
      else if (errorHandler) errorHandler.handleError(failure);
      else ɵreportUnhandledError(failure);
    } catch (thrown) {
      ɵreportUnhandledError(thrown); // a broken handler must not break the group
    }
  };

  let live = new LiveTaskTree();
  const generation = signal(0); // a new tree at each reset
  const taskTree = computed(() => (generation(), live.tree()));
  const tasks = computed(() => taskTree().tasks);
  const error = signal<TaskGroupError | undefined>(undefined);
  const errors = signal<readonly unknown[]>([]);
  const closed = signal(false);
  let destroyed = false;

  let group!: TaskGroup;
  let subscription: Subscription | undefined;
  /** Starts a fresh group (at first, and at each reset), subscribed until the DestroyRef is destroyed. */
  const open = () => {
    const tree = (live = new LiveTaskTree());
    generation.update(n => n + 1);
    error.set(undefined);
    errors.set([]);
    closed.set(false);
    const groupOptions: TaskGroupOptions = {
      concurrency, timeout, scheduler, failurePolicy,
      onEvent: event => {
        tree.feed(event);
        onEvent?.(event);
      },
    };
    if (failurePolicy === 'keep-going') {
      // The engine hands each failure over as it happens, and keeps none for a final error.
      groupOptions.onError = (failure, task) => {
        errors.update(list => [...list, failure]);
        handle(failure, task);
      };
    }
    subscription = withTaskGroup<never>(tg => {
      group = tg;
      return NEVER;
    }, groupOptions).subscribe({
      error: (failure: unknown) => {
        const groupError = failure instanceof TaskGroupError ? failure : new TaskGroupError([failure]);
        closed.set(true);
        error.set(groupError);
        errors.set(groupError.errors);
        handle(groupError, undefined);
      },
      complete: () => closed.set(true),
    });
  };

  // Registered first: a DestroyRef already destroyed throws here, before anything runs.
  destroyRef.onDestroy(() => {
    destroyed = true;
    closed.set(true);
    subscription?.unsubscribe();
  });
  open();

  return {
    // Keyed runs read the group at each run: after reset(), they follow the new one.
    ...keyedRuns((task, taskOptions) => group.createTask(task, taskOptions), () => group.signal),
    createTask: (task, taskOptions) => group.createTask(task, taskOptions),
    start: (factory, taskOptions) => group.start(factory, taskOptions),
    cancel: reason => group.cancel(reason),
    reset: () => {
      if (destroyed) throw new TaskStateError('reset() was called on an injected task group whose DestroyRef is destroyed');
      subscription?.unsubscribe();
      open();
    },
    clearErrors: () => errors.set([]),
    snapshot: () => group.snapshot(),
    get signal() {
      return group.signal;
    },
    tasks,
    taskTree,
    running: computed(() => tasks().filter(t => t.state === 'running').length),
    error: error.asReadonly(),
    errors: errors.asReadonly(),
    closed: closed.asReadonly(),
  };
}

/**
 * The long-lived group's tree, kept from its events at a cost per event that does not grow with
 * the number of tasks (each task's next state is the core's `reduceTaskTree` of that task alone).
 * Done tasks are dropped, else a long-lived group would keep every task it ever ran, and counted
 * in `retired`; the task an event has just finished stays until the next change, so that a
 * `cleanup-started` right after its `cancelled` still finds it (the engine emits them together).
 * The tree itself is made when the signal is read, not at each event.
 */
class LiveTaskTree {
  /** The tasks not done yet (and the one just finished), by index, in creation order. */
  private readonly live = new Map<number, TaskSnapshot>();
  private readonly retired = { fulfilled: 0, failed: 0, cancelled: 0 };
  private state: TaskGroupSnapshot['state'] = 'open';
  /** The task the last change finished, still in `live`. */
  private finished: number | undefined = undefined;
  private readonly version = signal(0);
  readonly tree: Signal<TaskGroupSnapshot> = computed(() => {
    this.version();
    return this.build();
  });

  stateOf(index: number): TaskSnapshot['state'] | undefined {
    return this.live.get(index)?.state;
  }

  feed(event: TaskEvent): void {
    const { task } = event;
    if (!task) {
      if (event.type === 'group-shutdown') this.state = 'shutting-down';
      else if (event.type === 'group-finished') this.state = 'finished';
      else return;
      this.version.update(v => v + 1);
      return;
    }
    const before = this.live.get(task.index);
    const after = reduceTaskTree(before && { ...EMPTY_TASK_TREE, tasks: [before] }, event).tasks[0];
    if (after === before || after === undefined) return;
    if (this.finished !== undefined && this.finished !== task.index) this.retire(this.finished);
    this.live.set(task.index, after);
    if (after.state === 'done') this.finished = task.index;
    else if (this.finished === task.index) this.finished = undefined;
    this.version.update(v => v + 1);
  }

  private retire(index: number): void {
    const task = this.live.get(index);
    this.live.delete(index);
    this.finished = undefined;
    if (task?.outcome) this.retired[task.outcome]++;
  }

  /** What `taskTree()` shows: the tasks not done, in index order, and every done one counted. */
  private build(): TaskGroupSnapshot {
    const tasks: TaskSnapshot[] = [];
    const done = { ...this.retired };
    let inOrder = true;
    for (const task of this.live.values()) {
      if (task.state === 'done') {
        if (task.outcome) done[task.outcome]++;
        continue;
      }
      if (tasks.length > 0 && tasks[tasks.length - 1].index > task.index) inOrder = false;
      tasks.push(task);
    }
    if (!inOrder) tasks.sort((a, b) => a.index - b.index);
    return { state: this.state, listening: true, tasks, done, groups: [] };
  }
}

/**
 * The `DestroyRef` of the options, else of the injection context (asserting there is one), and
 * the injector to find Angular's `ErrorHandler` in (the options', else the context's; none when
 * only a `destroyRef` is given outside an injection context).
 */
function findScope(options: InjectTaskGroupOptions): { destroyRef: DestroyRef; injector: Injector | undefined } {
  if (options.destroyRef) return { destroyRef: options.destroyRef, injector: options.injector };
  if (options.injector) return { destroyRef: options.injector.get(DestroyRef), injector: options.injector };
  assertInInjectionContext(injectTaskGroup);
  return { destroyRef: inject(DestroyRef), injector: inject(Injector) };
}
