import { describeError } from './internal/describe';
import type { TaskEvent } from './types';

/** Where a task is, as a snapshot shows it. */
export type TaskSnapshotState = 'queued' | 'running' | 'cancelling' | 'cleanup' | 'done';

/**
 * One task in a {@link TaskGroupSnapshot}: plain, JSON-serialisable data.
 *
 * @example
 * ```ts
 * import type { TaskSnapshot } from 'rxjs-taskgroup';
 *
 * const task: TaskSnapshot = { name: 'download', index: 0, state: 'running', shield: false, startTime: 10, groups: [] };
 * console.log(JSON.stringify(task).length > 0); // Logs: true
 * ```
 */
export interface TaskSnapshot {
  readonly name: string;
  readonly index: number;
  /**
   * `queued` (waiting for a slot), `running`, `cancelling` (torn down, waiting for the groups it
   * owns), `cleanup` (its `onCancel` runs), `done`.
   */
  readonly state: TaskSnapshotState;
  /** Not cancelled when the group shuts down (unknown, so `false`, in a tree rebuilt from events). */
  readonly shield: boolean;
  /** The scheduler's `now()` when it started, when known (see `tg.snapshot()`). */
  readonly startTime?: number;
  /** How it ended, once that is decided (a cancelled task is `cancelled` while its cleanup runs). */
  readonly outcome?: 'fulfilled' | 'failed' | 'cancelled';
  /** Its error, as text (`Name: message`), when it failed; or its cleanup's, when that failed. */
  readonly error?: string;
  /** The groups it owns that have not finished (a task that is a group, or runs one). */
  readonly groups: readonly TaskGroupSnapshot[];
}

/**
 * A task group as plain, JSON-serialisable data: what `tg.snapshot()` returns, what
 * {@link reduceTaskTree} rebuilds from `onEvent`, and what {@link formatTaskTree} prints.
 *
 * @example
 * ```ts
 * import { formatTaskTree, withTaskGroup } from 'rxjs-taskgroup';
 * import { NEVER } from 'rxjs';
 *
 * withTaskGroup(tg => {
 *   tg.createTask(NEVER, { name: 'poll' });
 *   console.log(formatTaskTree(tg.snapshot()));
 *   tg.cancel();
 * }).subscribe();
 * // Logs:
 * // task group: open, waiting for 1 task
 * // └─ #0 poll: running, since 0
 * ```
 */
export interface TaskGroupSnapshot {
  readonly state: 'open' | 'shutting-down' | 'finished';
  /** `false` once the group's subscriber has unsubscribed (its cleanups may still run). */
  readonly listening: boolean;
  /** Its tasks in index order: every task not done yet, and, in a tree rebuilt from events, the done ones too. */
  readonly tasks: readonly TaskSnapshot[];
  /** How many of its tasks are done, by outcome. */
  readonly done: { readonly fulfilled: number; readonly failed: number; readonly cancelled: number };
  /** Groups owned by the group's body (see `ctx.withTaskGroup` and the ownership rule) that have not finished. */
  readonly groups: readonly TaskGroupSnapshot[];
}

/**
 * Prints a {@link TaskGroupSnapshot} as an indented text tree, one line a task, so that what a
 * group is still waiting for — a cleanup, a shielded task, a queued task, an inner group — is
 * plain to see. After asyncio's `print_call_graph` (Python 3.14).
 *
 * @example
 * ```ts
 * import { formatTaskTree, withTaskGroup } from 'rxjs-taskgroup';
 * import { NEVER, timer } from 'rxjs';
 *
 * withTaskGroup(tg => {
 *   tg.createTask(NEVER, { name: 'upload', onCancel: () => timer(100) });
 *   tg.createTask(NEVER, { name: 'audit log', shield: true });
 *   tg.cancel();
 *   console.log(formatTaskTree(tg.snapshot()));
 * }).subscribe();
 * // Logs:
 * // task group: shutting down, waiting for 2 tasks
 * // ├─ #0 upload: cleanup (onCancel running), since 0
 * // └─ #1 audit log: running, shielded, since 0
 * ```
 *
 * @param snapshot - from `tg.snapshot()` or {@link reduceTaskTree}.
 * @returns the tree, lines separated by `\n`.
 */
export function formatTaskTree(snapshot: TaskGroupSnapshot): string {
  const lines: string[] = [];
  writeGroup(snapshot, '', '', lines);
  return lines.join('\n');
}

function writeGroup(group: TaskGroupSnapshot, lead: string, indent: string, lines: string[]): void {
  lines.push(`${lead}${describeGroup(group)}`);
  const children: (TaskSnapshot | TaskGroupSnapshot)[] = [...group.groups, ...group.tasks];
  children.forEach((child, i) => {
    const last = i === children.length - 1;
    const branch = `${indent}${last ? '└─ ' : '├─ '}`;
    const below = `${indent}${last ? '   ' : '│  '}`;
    if ('tasks' in child) {
      writeGroup(child, `${branch}body owns: `, below, lines);
      return;
    }
    lines.push(`${branch}${describeTask(child)}`);
    child.groups.forEach((nested, j) => {
      const lastNested = j === child.groups.length - 1;
      writeGroup(nested, `${below}${lastNested ? '└─ ' : '├─ '}`, `${below}${lastNested ? '   ' : '│  '}`, lines);
    });
  });
}

function describeGroup(group: TaskGroupSnapshot): string {
  const waiting = group.tasks.filter(task => task.state !== 'done').length;
  const parts = [`task group: ${group.state.replace('-', ' ')}`];
  if (!group.listening) parts.push('nobody listening');
  if (group.state !== 'finished') parts.push(`waiting for ${waiting} task${waiting === 1 ? '' : 's'}`);
  const { fulfilled, failed, cancelled } = group.done;
  const done = [[fulfilled, 'fulfilled'], [failed, 'failed'], [cancelled, 'cancelled']].filter(([n]) => n);
  const summary = parts.join(', ');
  return done.length ? `${summary} · done: ${done.map(([n, what]) => `${n} ${what}`).join(', ')}` : summary;
}

function describeTask(task: TaskSnapshot): string {
  let text = `#${task.index} ${task.name}: ${task.state === 'cleanup' ? 'cleanup (onCancel running)' : task.state}`;
  if (task.state === 'done' && task.outcome) text += `, ${task.outcome}`;
  else if (task.state === 'cancelling' && task.outcome === 'failed') text += ' (timed out)';
  if (task.shield) text += ', shielded';
  if (task.startTime !== undefined && task.state !== 'done') text += `, since ${task.startTime}`;
  if (task.error) text += ` — ${task.error}`;
  return text;
}

/** The tree of a group that has not told anything yet. */
const EMPTY_TREE: TaskGroupSnapshot = {
  state: 'open', listening: true, tasks: [], done: { fulfilled: 0, failed: 0, cancelled: 0 }, groups: [],
};

/**
 * Rebuilds a group's {@link TaskGroupSnapshot} from its `onEvent` stream, one event at a time,
 * without touching the previous tree (so it can feed a signal or a store):
 * `tree = reduceTaskTree(tree, event)`. It keeps the tasks that are done, with their outcome, for
 * progress UIs. Events carry no shields and no nesting; and since no event marks the end of a cancelled task
 * that has no `onCancel`, such a task shows as done from its `cancelled` event on, even while a
 * group it owns still finishes (`tg.snapshot()` is exact).
 *
 * @example
 * ```ts
 * import { formatTaskTree, reduceTaskTree, withTaskGroup, type TaskGroupSnapshot } from 'rxjs-taskgroup';
 * import { of, throwError } from 'rxjs';
 *
 * let tree: TaskGroupSnapshot | undefined;
 * withTaskGroup(tg => {
 *   tg.createTask(of(1), { name: 'a' });
 *   tg.createTask(throwError(() => new Error('no')), { name: 'b' });
 * }, { onEvent: e => (tree = reduceTaskTree(tree, e)) }).subscribe({ error: () => undefined });
 * console.log(formatTaskTree(tree!));
 * // Logs:
 * // task group: finished · done: 1 fulfilled, 1 failed
 * // ├─ #0 a: done, fulfilled
 * // └─ #1 b: done, failed — Error: no
 * ```
 *
 * @param tree - the tree so far; `undefined` before the first event.
 * @param event - the next event of the same group.
 * @returns the new tree.
 */
export function reduceTaskTree(tree: TaskGroupSnapshot | undefined, event: TaskEvent): TaskGroupSnapshot {
  const previous = tree ?? EMPTY_TREE;
  switch (event.type) {
    case 'group-shutdown':
      return { ...previous, state: 'shutting-down' };
    case 'group-finished':
      return { ...previous, state: 'finished' };
    case 'value':
      return previous;
  }
  const { task } = event;
  if (!task) return previous;
  const at = previous.tasks.findIndex(t => t.index === task.index);
  const before: TaskSnapshot = at >= 0 ? previous.tasks[at]
    : { name: task.name, index: task.index, state: 'queued', shield: false, groups: [] };
  const after = nextTaskState(before, event);
  const tasks = [...previous.tasks];
  if (at >= 0) tasks[at] = after;
  else tasks.splice(sortedIndex(tasks, task.index), 0, after);
  return { ...previous, tasks, done: countDone(tasks) };
}

function nextTaskState(task: TaskSnapshot, event: TaskEvent): TaskSnapshot {
  switch (event.type) {
    case 'started':
      return { ...task, state: 'running', startTime: event.time };
    case 'completed':
      return { ...task, state: 'done', outcome: 'fulfilled' };
    case 'failed':
      return { ...task, state: 'done', outcome: 'failed', error: describeError(event.error) };
    case 'cancelled':
      return { ...task, state: 'done', outcome: task.outcome ?? 'cancelled' };
    case 'cleanup-started':
      return { ...task, state: 'cleanup' };
    case 'cleanup-finished':
      return event.error === undefined ? { ...task, state: 'done' }
        : { ...task, state: 'done', error: `cleanup failed: ${describeError(event.error)}` };
    default:
      return task; // 'queued': already queued
  }
}

function sortedIndex(tasks: readonly TaskSnapshot[], index: number): number {
  let at = tasks.length;
  while (at > 0 && tasks[at - 1].index > index) at--;
  return at;
}

function countDone(tasks: readonly TaskSnapshot[]): TaskGroupSnapshot['done'] {
  const done = { fulfilled: 0, failed: 0, cancelled: 0 };
  for (const task of tasks) if (task.state === 'done' && task.outcome) done[task.outcome]++;
  return done;
}
