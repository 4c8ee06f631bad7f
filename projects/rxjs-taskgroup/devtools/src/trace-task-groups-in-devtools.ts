import { subscribeToTaskGroups, TaskTimeoutError, ɵcheckOptionKeys, ɵdescribeError, ɵisInstance, type TaskGroupEvent, type TaskGroupInfo } from 'rxjs-taskgroup';

/**
 * Options of {@link traceTaskGroupsInDevTools}.
 *
 * @example
 * ```ts
 * import { traceTaskGroupsInDevTools, type TraceTaskGroupsInDevToolsOptions } from 'rxjs-taskgroup/devtools';
 *
 * const options: TraceTaskGroupsInDevToolsOptions = { trackGroup: 'Checkout' }; // tracks: "Checkout #1", …
 * const stop = traceTaskGroupsInDevTools(options);
 * stop();
 * ```
 */
export interface TraceTaskGroupsInDevToolsOptions {
  /**
   * What the tracks' groups are called in the Performance panel: one per root group,
   * `<trackGroup> #<id>`. Default `'Task group'`.
   */
  trackGroup?: string;
}

/**
 * The colours of the DevTools extensibility API's palette this entry point uses, by outcome.
 *
 * Chosen by what DevTools draws, not by the names: the palette's `primary` family is blue,
 * `secondary` purple, `tertiary` green and `error` red (Chromium 156, light and dark theme alike:
 * `primary` #7cacf8, `primary-dark` #4c8df6, `secondary-light` #f3daff, `secondary-dark` #d190ff,
 * `tertiary` #37be5f, `error` #e46962). So a fulfilled task is `tertiary`, the one green; a failure
 * is `error`, the one red; a cancellation — neither a success nor a failure — is
 * `secondary-light`, the palest bar of the palette (which has no grey), in a hue neither of those
 * uses; the `onCancel` that follows it is `secondary-dark`, of the same family but far darker, so
 * the two read apart side by side; the group, around its tasks, is `primary-dark`, the one blue.
 */
const COLOURS = {
  fulfilled: 'tertiary',
  failed: 'error',
  cancelled: 'secondary-light',
  cleanup: 'secondary-dark',
  group: 'primary-dark',
} as const;

interface TaskTrace {
  readonly name: string;
  readonly start: number;
  readonly shield: boolean;
  readonly timeout: number;
}

interface GroupTrace {
  readonly start: number;
  readonly track: string;
  readonly trackGroup: string;
  /** Started tasks not ended yet, by index. */
  readonly tasks: Map<number, TaskTrace>;
  /** When each running `onCancel` started, by task index. */
  readonly cleanups: Map<number, number>;
}

/**
 * Writes every task of every group (rule 27) as an entry on a custom track of Chrome DevTools'
 * Performance panel, through the DevTools extensibility API (`performance.measure` with
 * `detail.devtools`): record a profile, and the groups show up beside the network requests and
 * the change detection they caused.
 *
 * One group of tracks per root group (`Task group #1`); in it one track per group — the root and
 * each nested or owned group, named after the task that owns it. Each task is an entry from its
 * start to its end, coloured by outcome (fulfilled: `tertiary`, which DevTools draws green;
 * failed or timed out: `error`, red; cancelled: `secondary-light`, a pale lilac), with its name,
 * outcome, error, time limit and shield as properties; a task's `onCancel` is an entry of its
 * own (`secondary-dark`, a deeper purple; `error` if it fails) once it runs; each group is an
 * entry around its tasks (`primary-dark`, blue). Times are `performance.now()` when the events happen.
 *
 * Built on `subscribeToTaskGroups` (from `rxjs-taskgroup`): nothing is traced before it is called, and an
 * application that does not import `rxjs-taskgroup/devtools` pays nothing for it. The entries
 * stay in the page's performance timeline (`performance.getEntriesByType('measure')`): keep it
 * to development builds.
 *
 * @example
 * ```ts
 * import { isDevMode } from '@angular/core';
 * import { traceTaskGroupsInDevTools } from 'rxjs-taskgroup/devtools';
 *
 * // main.ts, before bootstrapApplication(…)
 * if (isDevMode()) traceTaskGroupsInDevTools();
 * ```
 *
 * @example
 * ```ts
 * import { withTaskGroup } from 'rxjs-taskgroup';
 * import { traceTaskGroupsInDevTools } from 'rxjs-taskgroup/devtools';
 * import { timer } from 'rxjs';
 *
 * const stop = traceTaskGroupsInDevTools({ trackGroup: 'Checkout' });
 * withTaskGroup(tg => {
 *   tg.createTask(timer(30), { name: 'cart' });
 * }).subscribe({
 *   complete: () => {
 *     stop();
 *     const [cart] = performance.getEntriesByType('measure').filter(m => m.name === 'cart') as PerformanceMeasure[];
 *     console.log(cart.detail.devtools.properties);
 *     // Logs: [['name', 'cart'], ['outcome', 'fulfilled'], ['timeout', 'none'], ['shield', 'false']]
 *   },
 * });
 * ```
 *
 * @param options - `trackGroup`: what the tracks' groups are called.
 * @returns a function that stops tracing (calling it again does nothing); entries already written stay.
 * @throws TypeError when `options` has a key that is not an option, or `trackGroup` is not a string.
 */
export function traceTaskGroupsInDevTools(options?: TraceTaskGroupsInDevToolsOptions): () => void {
  const where = 'traceTaskGroupsInDevTools: options';
  ɵcheckOptionKeys(options, ['trackGroup'], where);
  const label = options?.trackGroup ?? 'Task group';
  if (typeof label !== 'string') {
    throw new TypeError(`${where}.trackGroup must be a string; got ${label === null ? 'null' : typeof label}`);
  }
  const groups = new Map<number, GroupTrace>();
  /** Each group's root, by id, for as long as the group runs. */
  const roots = new Map<number, number>();

  const groupOf = (info: TaskGroupInfo, now: number): GroupTrace => {
    let group = groups.get(info.id);
    if (group) return group;
    const root = info.parent === undefined ? info.id : roots.get(info.parent) ?? info.parent;
    roots.set(info.id, root);
    const where = info.owner ? ` in ${info.owner.name}` : info.parent !== undefined ? ` in #${info.parent}` : '';
    group = { start: now, track: `group #${info.id}${where}`, trackGroup: `${label} #${root}`, tasks: new Map(), cleanups: new Map() };
    groups.set(info.id, group);
    return group;
  };

  const measure = (
    group: GroupTrace, name: string, start: number, end: number, color: string,
    properties: [string, string][], tooltipText: string,
  ): void => {
    performance.measure(name, {
      start,
      end,
      detail: { devtools: { dataType: 'track-entry', track: group.track, trackGroup: group.trackGroup, color, properties, tooltipText } },
    });
  };

  const taskEnded = (group: GroupTrace, event: TaskGroupEvent, now: number): void => {
    const task = group.tasks.get(event.task!.index);
    if (!task) return; // dropped from the queue: never started, nothing to draw
    group.tasks.delete(event.task!.index);
    const timedOut = ɵisInstance(event.error, TaskTimeoutError); // a user's error may be a revoked Proxy
    const outcome = event.type === 'completed' ? 'fulfilled' : event.type === 'failed' ? (timedOut ? 'timed out' : 'failed') : 'cancelled';
    const properties: [string, string][] = [['name', task.name], ['outcome', outcome]];
    if (event.type === 'failed') properties.push(['error', ɵdescribeError(event.error)]);
    if (event.type === 'cancelled') properties.push(['reason', ɵdescribeError((event.error as { reason?: unknown } | undefined)?.reason)]);
    properties.push(['timeout', task.timeout === Infinity ? 'none' : `${task.timeout} ms`], ['shield', String(task.shield)]);
    const colour = event.type === 'completed' ? COLOURS.fulfilled : event.type === 'failed' ? COLOURS.failed : COLOURS.cancelled;
    measure(group, task.name, task.start, now, colour, properties, `${task.name}: ${outcome}`);
  };

  const listener = (event: TaskGroupEvent): void => {
    const now = performance.now();
    const group = groupOf(event.group, now);
    switch (event.type) {
      case 'started': {
        const { name, index, shield = false, timeout = Infinity } = event.task!;
        group.tasks.set(index, { name, start: now, shield, timeout });
        break;
      }
      case 'completed':
      case 'failed':
      case 'cancelled':
        taskEnded(group, event, now);
        break;
      case 'cleanup-started': {
        group.cleanups.set(event.task!.index, now);
        break;
      }
      case 'cleanup-finished': {
        const { name, index } = event.task!;
        const start = group.cleanups.get(index);
        if (start === undefined) break;
        group.cleanups.delete(index);
        const failed = event.error !== undefined;
        const properties: [string, string][] = [['name', name], ['outcome', failed ? 'failed' : 'done']];
        if (failed) properties.push(['error', ɵdescribeError(event.error)]);
        measure(group, `${name} (onCancel)`, start, now, failed ? COLOURS.failed : COLOURS.cleanup, properties,
          `${name}: onCancel ${failed ? 'failed' : 'done'}`);
        break;
      }
      case 'group-finished':
        measure(group, group.track, group.start, now, COLOURS.group, [['group', String(event.group.id)]], `${group.track}: finished`);
        groups.delete(event.group.id);
        roots.delete(event.group.id);
        break;
    }
  };

  const unsubscribe = subscribeToTaskGroups(listener);
  return () => {
    unsubscribe();
    groups.clear();
    roots.clear();
  };
}
