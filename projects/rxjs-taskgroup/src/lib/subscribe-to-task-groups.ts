import type { Observable } from 'rxjs';
import type { TaskEvent, TaskGroupEvent, TaskGroupInfo } from './types';
import { channel, type ChannelHook } from './internal/channel';
import type { Group } from './internal/group';
import { subscribeAs } from './internal/owner';
import { reportUnhandledError } from './internal/report-unhandled-error';
import type { TaskRef } from './internal/task-ref';
import { typeError } from './internal/type-error';

/**
 * Runs `subscribe` (a task's subscription) inside a scope of its own; it must call it exactly
 * once, synchronously, as OpenTelemetry's `context.with(ctx, fn)` does. Not part of the public
 * API (exported as `ɵTaskScope`, for `ɵaddTaskScope`); it may change in any release.
 *
 * @example
 * ```ts
 * import { ɵaddTaskScope, type ɵTaskScope } from 'rxjs-taskgroup';
 *
 * const timed: ɵTaskScope = (group, task, subscribe) => {
 *   const start = performance.now();
 *   subscribe();
 *   console.log(`${group.id}/${task.name} subscribed in ${performance.now() - start} ms`);
 * };
 * const remove = ɵaddTaskScope(timed);
 * remove();
 * ```
 */
export type TaskScope = (group: TaskGroupInfo, task: { readonly name: string; readonly index: number }, subscribe: () => void) => void;

// The channel's code (rule 26): everything the engine calls while someone listens. Module state,
// as `diagnostics_channel`'s: one list of listeners and one of scopes for the whole process.
let listeners: readonly ((event: TaskGroupEvent) => void)[] = [];
let scopes: readonly TaskScope[] = [];
let lastId = 0;
/** Each group's ids, given the first time a listener needs them (so: never while nobody listens). */
const infos = new WeakMap<Group, TaskGroupInfo>();

/**
 * The group's ids, given now if it has none yet: its own, its parent group's and its owner
 * task's (rule 11). A parent with none yet gets its own first, so ids grow from the root down.
 */
function infoOf(group: Group): TaskGroupInfo {
  let info = infos.get(group);
  if (info) return info;
  const { owner } = group;
  const parent = owner?.group;
  const task = owner?.task;
  const made: { -readonly [K in keyof TaskGroupInfo]: TaskGroupInfo[K] } = { id: 0 };
  if (parent) made.parent = infoOf(parent).id;
  if (parent && task) made.owner = { name: task.name, index: task.index };
  made.id = ++lastId;
  infos.set(group, (info = made));
  return info;
}

/** Hands an event to every listener; one that throws is reported and stops no other. */
function tell(event: TaskEvent): void {
  for (const listener of listeners) {
    try {
      listener(event as TaskGroupEvent);
    } catch (thrown) {
      reportUnhandledError(thrown);
    }
  }
}

/** Subscribes a task inside every installed scope; a scope that throws, or never calls through, is reported or skipped. */
function subscribeInScopes(group: Group, task: TaskRef, observable: Observable<unknown>): void {
  if (scopes.length === 0) {
    subscribeAs(group, task, observable, task);
    return;
  }
  const info = infoOf(group);
  const installed = scopes;
  let subscribed = false;
  const step = (i: number): void => {
    if (i === installed.length) {
      if (!subscribed) {
        subscribed = true;
        subscribeAs(group, task, observable, task);
      }
      return;
    }
    try {
      installed[i](info, task, () => step(i + 1));
    } catch (thrown) {
      reportUnhandledError(thrown);
    }
    if (!subscribed) step(i + 1); // a scope that did not call through: the task starts all the same
  };
  step(0);
}

const HOOK: ChannelHook = {
  started(group, config) {
    if (listeners.length === 0) return;
    let time: number;
    try {
      time = config.scheduler.now();
    } catch (thrown) {
      reportUnhandledError(thrown); // a broken scheduler must not break the group (rule 21)
      return;
    }
    tell({ type: 'group-started', group: infoOf(group), time } as unknown as TaskEvent);
  },
  enrich(group, event, task, config) {
    if (listeners.length === 0) return;
    event.group = infoOf(group);
    if (event.type === 'started' && task) {
      event.task = { name: task.name, index: task.index, shield: task.options?.shield === true, timeout: task.options?.timeout ?? config.timeout } as TaskEvent['task'];
    }
  },
  tell(event) {
    if (event.group) tell(event);
  },
  subscribe: subscribeInScopes,
};

/** Fills the channel's slot while a listener or a scope is installed, and empties it after the last. */
function update(): void {
  channel.hook = listeners.length !== 0 || scopes.length !== 0 ? HOOK : undefined;
}

/**
 * Receives the events of every task group in the process (rule 26) — root groups, nested and
 * owned groups, the operators' groups — from the moment it is called until the function it
 * returns is called. Each event carries its group's ids ({@link TaskGroupInfo}): its own, its
 * parent group's and its owner task's, so a listener can rebuild the whole task tree. The same
 * event object also reaches the group's own `onEvent`, which then sees `event.group` too.
 *
 * As Node's `diagnostics_channel`: while nothing is subscribed, a group pays one test per event
 * and nothing else (no id, no event object). Listeners are called synchronously, in the order
 * they subscribed, after the group's `onEvent`; one that throws is reported as RxJS reports an
 * unhandled error, and stops neither the group nor the other listeners. A group made before the
 * first listener subscribed shows up from its next event, without `group-started`.
 *
 * This is what `rxjs-taskgroup/devtools` and `rxjs-taskgroup/otel` are built on.
 *
 * @example
 * ```ts
 * import { subscribeToTaskGroups, withTaskGroup } from 'rxjs-taskgroup';
 * import { of } from 'rxjs';
 *
 * const stop = subscribeToTaskGroups(event => console.log(event.group.id, event.type, event.task?.name ?? ''));
 * withTaskGroup(tg => { tg.createTask(of(1), { name: 'a' }); }).subscribe();
 * stop();
 * // Logs: 1 group-started, 1 started a, 1 value a, 1 completed a, 1 group-finished
 * ```
 *
 * @param listener - called with every event of every group.
 * @returns a function that unsubscribes the listener (calling it again does nothing).
 * @throws TypeError when `listener` is not a function.
 */
export function subscribeToTaskGroups(listener: (event: TaskGroupEvent) => void): () => void {
  if (typeof listener !== 'function') throw typeError('subscribeToTaskGroups: listener', 'a function', listener);
  const own = (event: TaskGroupEvent) => listener(event); // its own identity: the same listener may subscribe twice
  listeners = [...listeners, own]; // copied on write: a listener may come or go while an event is handed out
  update();
  return () => {
    listeners = listeners.filter(l => l !== own);
    update();
  };
}

/**
 * Installs a hook that runs each task's subscription inside a scope of its own, until the
 * returned function is called: `scope(group, task, subscribe)` must call `subscribe` once,
 * synchronously (as OpenTelemetry's `context.with` does). Not part of the public API: exported as
 * `ɵaddTaskScope` for `rxjs-taskgroup/otel`; it may change in any release.
 *
 * @example
 * ```ts
 * import { ɵaddTaskScope, withTaskGroup } from 'rxjs-taskgroup';
 * import { of } from 'rxjs';
 *
 * const remove = ɵaddTaskScope((group, task, subscribe) => {
 *   console.log(`subscribing ${task.name}`);
 *   subscribe();
 * });
 * withTaskGroup(tg => { tg.createTask(of(1), { name: 'a' }); }).subscribe(); // Logs: subscribing a
 * remove();
 * ```
 */
export function addTaskScope(scope: TaskScope): () => void {
  if (typeof scope !== 'function') throw typeError('ɵaddTaskScope: scope', 'a function', scope);
  const own: TaskScope = (group, task, subscribe) => scope(group, task, subscribe);
  scopes = [...scopes, own];
  update();
  return () => {
    scopes = scopes.filter(s => s !== own);
    update();
  };
}
