import { describeError } from './internal/describe';
import { checkOptionKeys } from './internal/options';
import { typeError } from './internal/type-error';
import type { TaskEvent } from './types';

/**
 * Where a task is, as a snapshot shows it:
 * - `queued`: waiting for a concurrency slot; never started.
 * - `running`: started, its Observable not over yet (a shielded task keeps running while its group shuts down).
 * - `finishing`: its Observable is over — it completed or failed, `outcome` says which — and it
 *   waits for the groups it owns (rule 11) to finish before it is done.
 * - `cancelling`: cancelled or timed out (`outcome` is `cancelled`, or `failed` for a timeout),
 *   torn down, and waiting for the groups it owns to finish before its `onCancel` runs (rule 13).
 * - `cleanup`: cancelled or timed out, its `onCancel` cleanup running.
 * - `done`: over, with its `outcome`.
 *
 * `tg.snapshot()` shows every state; a tree rebuilt from events ({@link reduceTaskTree}) never
 * shows `finishing` or `cancelling`, as no event marks them.
 *
 * @example
 * ```ts
 * import type { TaskSnapshotState } from 'rxjs-taskgroup';
 *
 * const waiting = (state: TaskSnapshotState) => state !== 'done';
 * console.log(waiting('finishing')); // Logs: true
 * ```
 */
export type TaskSnapshotState = 'queued' | 'running' | 'finishing' | 'cancelling' | 'cleanup' | 'done';

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
   * `queued` (waiting for a slot), `running`, `finishing` (completed or failed, waiting for the
   * groups it owns), `cancelling` (torn down, waiting for the groups it owns), `cleanup` (its
   * `onCancel` runs), `done`: see {@link TaskSnapshotState}.
   */
  readonly state: TaskSnapshotState;
  /** Not cancelled when the group shuts down (unknown, so `false`, in a tree rebuilt from events). */
  readonly shield: boolean;
  /** The scheduler's `now()` when it started, when known (see `tg.snapshot()`). */
  readonly startTime?: number;
  /** How it ended, once that is decided: set from `finishing`, `cancelling` or `cleanup` on (a cancelled task is `cancelled` while its cleanup runs). */
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
 * // └─ #0 poll: running
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
  /** Groups owned by the group's body (see the `owner` option and the ownership rule) that have not finished. */
  readonly groups: readonly TaskGroupSnapshot[];
}

/**
 * Options of {@link formatTaskTree}.
 *
 * @example
 * ```ts
 * import { formatTaskTree, type FormatTaskTreeOptions, type TaskGroupSnapshot } from 'rxjs-taskgroup';
 *
 * const tree: TaskGroupSnapshot = {
 *   state: 'open', listening: true, done: { fulfilled: 0, failed: 0, cancelled: 0 }, groups: [],
 *   tasks: [{ name: 'poll', index: 0, state: 'running', shield: false, startTime: 1_250, groups: [] }],
 * };
 * const options: FormatTaskTreeOptions = { origin: 1_000, width: 40 };
 * console.log(formatTaskTree(tree, options));
 * // Logs:
 * // task group: open, waiting for 1 task
 * // └─ #0 poll: running, since +250 ms
 * ```
 */
export interface FormatTaskTreeOptions {
  /**
   * The time start times are counted from, in the scheduler's milliseconds (`Date.now()`'s for
   * the default `asyncScheduler`, frames in virtual time): a task is shown `since +1.2 s` when
   * it started 1,200 ms after it. Default: the earliest `startTime` in the tree, which is the
   * group's start in a tree rebuilt from events (it keeps done tasks); `tg.snapshot()` lists
   * only the tasks not done yet, so pass the group's start time to count from it.
   */
  readonly origin?: number;
  /**
   * Wraps each line longer than this many characters, at a space when there is one (a number
   * stays with its unit: `since +1.2 s` is not split), with the tree's branches continued and
   * the text indented under its line. At least 20; default
   * `Infinity`, no wrapping. A line whose branches alone are wider still gets 20 characters of
   * text a line.
   */
  readonly width?: number;
}

/**
 * Prints a {@link TaskGroupSnapshot} as an indented text tree, one line a task, so that what a
 * group is still waiting for — a cleanup, a shielded task, a queued task, an inner group — is
 * plain to see. After asyncio's `print_call_graph` (Python 3.14).
 *
 * A task not done yet shows when it started, relative to the group: `since +0 ms` for the
 * first, `since +1.2 s` for one that started 1,200 ms later, then `since +2 min 5 s` and
 * `since +1 h 3 min` (under a second in milliseconds, under a minute in tenths of a second).
 * Times are counted from `options.origin`, by default the earliest start time in the tree.
 *
 * @example
 * ```ts
 * import { formatTaskTree, withTaskGroup } from 'rxjs-taskgroup';
 * import { NEVER, timer } from 'rxjs';
 *
 * withTaskGroup(tg => {
 *   tg.snapshot(); // from the first snapshot on, start times are recorded (onEvent does it too)
 *   tg.createTask(NEVER, { name: 'upload', onCancel: () => timer(100) });
 *   tg.createTask(NEVER, { name: 'audit log', shield: true });
 *   tg.cancel();
 *   console.log(formatTaskTree(tg.snapshot()));
 * }).subscribe();
 * // Logs:
 * // task group: shutting down, waiting for 2 tasks
 * // ├─ #0 upload: cleanup (onCancel running), since +0 ms
 * // └─ #1 audit log: running, shielded, since +0 ms
 * ```
 *
 * For a narrow screen or a log of fixed width, `width` wraps long lines and keeps the tree's
 * branches:
 *
 * ```ts
 * import { formatTaskTree, reduceTaskTree, withTaskGroup, type TaskGroupSnapshot } from 'rxjs-taskgroup';
 * import { NEVER, throwError } from 'rxjs';
 *
 * let tree: TaskGroupSnapshot | undefined;
 * withTaskGroup(tg => {
 *   tg.createTask(NEVER, { name: 'upload', onCancel: () => NEVER });
 *   tg.createTask(throwError(() => new Error('503 Service Unavailable from /api/users/42/posts')), { name: 'posts' });
 * }, { onEvent: e => (tree = reduceTaskTree(tree, e)) }).subscribe({ error: () => undefined });
 * console.log(formatTaskTree(tree!, { width: 40 }));
 * // Logs:
 * // task group: shutting down, waiting
 * // │  for 1 task · done: 1 failed
 * // ├─ #0 upload: cleanup (onCancel
 * // │     running), since +0 ms
 * // └─ #1 posts: done, failed —
 * //       Error: 503 Service Unavailable
 * //       from /api/users/42/posts
 * ```
 *
 * A tree of any depth prints without growing the stack. So that lines stay short, indentation
 * is printed in full to 64 levels; a line deeper than that starts with `[+N] `, where N is how
 * many levels of its indentation (a multiple of 32) are left out.
 *
 * @param snapshot - from `tg.snapshot()` or {@link reduceTaskTree}.
 * @param options - `origin` (what start times are counted from) and `width` (where lines wrap).
 * @returns the tree, lines separated by `\n`.
 * @throws TypeError for an option that does not exist or is not a number; RangeError for a
 *   `width` below 20 or an `origin` that is not finite.
 */
export function formatTaskTree(snapshot: TaskGroupSnapshot, options?: FormatTaskTreeOptions): string {
  checkOptionKeys(options, FORMAT_OPTIONS, 'formatTaskTree: options');
  const width = readNumber(options?.width, 'width', w => w >= MIN_WIDTH, `a number ≥ ${MIN_WIDTH} or Infinity`) ?? Infinity;
  const origin = readNumber(options?.origin, 'origin', Number.isFinite, 'a finite number') ?? earliestStart(snapshot);
  const lines: string[] = [];
  // An explicit stack rather than recursion: groups nest as deep as the user's code nests them.
  const stack: Line[] = [{ node: snapshot, lead: '', indent: '', hidden: 0 }];
  while (stack.length > 0) {
    const line = stack.pop()!;
    const { node, lead } = line;
    let { indent, hidden } = line;
    const children: readonly (TaskSnapshot | TaskGroupSnapshot)[] = 'tasks' in node ? [...node.groups, ...node.tasks] : node.groups;
    const mark = hidden ? `[+${hidden}] ` : '';
    const text = `${mark}${lead}${'tasks' in node ? describeGroup(node) : describeTask(node, origin)}`;
    if (text.length <= width) lines.push(text);
    else wrap(text, `${mark}${lead}`.length, `${mark}${indent}${children.length ? '│  ' : '   '}`, width, lines);
    if (indent.length >= FULL_LEVELS * LEVEL) {
      indent = indent.slice(DROPPED_LEVELS * LEVEL);
      hidden += DROPPED_LEVELS;
    }
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      const last = i === children.length - 1;
      const branch = `${indent}${last ? '└─ ' : '├─ '}`;
      // A group under a group is one its body owns; under a task, one the task owns.
      const owned = 'tasks' in node && 'tasks' in child;
      stack.push({ node: child, lead: owned ? `${branch}body owns: ` : branch, indent: `${indent}${last ? '   ' : '│  '}`, hidden });
    }
  }
  return lines.join('\n');
}

/** A line still to print: its node, what goes before it, the indentation of what is below it, and how many levels of that indentation are left out. */
interface Line {
  readonly node: TaskGroupSnapshot | TaskSnapshot;
  readonly lead: string;
  readonly indent: string;
  readonly hidden: number;
}

/** Width of one level of indentation. */
const LEVEL = 3;
/** Levels of indentation printed in full; deeper lines leave out `DROPPED_LEVELS` at a time, so no line grows with depth. */
const FULL_LEVELS = 64;
const DROPPED_LEVELS = 32;
/** The narrowest `width`, and the least text a wrapped line holds whatever its indentation. */
const MIN_WIDTH = 20;
const FORMAT_OPTIONS: readonly (keyof FormatTaskTreeOptions)[] = ['origin', 'width'];

/** An option that is a number in range, or `undefined` when not given. */
function readNumber(value: unknown, key: keyof FormatTaskTreeOptions, inRange: (n: number) => boolean, range: string): number | undefined {
  if (value === undefined) return undefined;
  const what = `formatTaskTree: options.${key}`;
  if (typeof value !== 'number') throw typeError(what, 'a number', value);
  if (!inRange(value)) throw new RangeError(`${what} must be ${range}; got ${value}`);
  return value;
}

/** The earliest start time of any task in the tree, at any depth; 0 when there is none. */
function earliestStart(snapshot: TaskGroupSnapshot): number {
  let earliest = Infinity;
  const groups = [snapshot];
  while (groups.length > 0) {
    const group = groups.pop()!;
    for (const nested of group.groups) groups.push(nested);
    for (const task of group.tasks) {
      if (typeof task.startTime === 'number' && task.startTime < earliest) earliest = task.startTime;
      for (const nested of task.groups) groups.push(nested);
    }
  }
  return earliest === Infinity ? 0 : earliest;
}

/**
 * Pushes `text` as lines of at most `width` characters: broken at the last space that fits
 * (not inside its first `keep` characters, its branches, nor between a number and its
 * neighbours), else where the width ends (never inside a surrogate pair); each line after the first starts with `continuation`, then the text. A line
 * holds at least `MIN_WIDTH` characters of text, however wide its branches.
 */
function wrap(text: string, keep: number, continuation: string, width: number, lines: string[]): void {
  let prefix = '';
  let from = 0;
  let branches = keep;
  for (;;) {
    let end = from + branches + Math.max(width - prefix.length - branches, MIN_WIDTH);
    if (text.length <= end) {
      lines.push(prefix + text.slice(from));
      return;
    }
    let space = end;
    while (space > from + branches && !(text[space] === ' ' && breaksAt(text, space))) space--;
    if (space > from + branches) end = space;
    else if (isHighSurrogate(text.charCodeAt(end - 1))) end--;
    lines.push(prefix + text.slice(from, end).trimEnd());
    from = end;
    while (text[from] === ' ') from++;
    prefix = continuation;
    branches = 0;
  }
}

/**
 * Whether a line may break at the space at `at`: not inside a number and its unit or what it
 * counts (`+1.2 s`, `2 min 5 s`, `for 2 tasks`), so a time stays on one line.
 */
function breaksAt(text: string, at: number): boolean {
  return !/[0-9]/.test(text[at - 1] ?? '') && !/[0-9+-]/.test(text[at + 1] ?? '');
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * `ms` after the origin, in words: `+0 ms`, `+999 ms`, `+1.2 s`, `+59.9 s`, `+2 min 5 s`,
 * `+1 h 3 min`; `-` before it. A time that is not a finite number as it is.
 */
function formatOffset(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const sign = ms < 0 ? '-' : '+';
  const abs = Math.abs(ms);
  if (Math.round(abs) < 1000) return `${sign}${Math.round(abs)} ms`;
  const tenths = Math.round(abs / 100);
  if (tenths < 600) return `${sign}${(tenths / 10).toFixed(1)} s`;
  const seconds = Math.round(abs / 1000);
  if (seconds < 3600) return `${sign}${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  const minutes = Math.round(abs / 60_000);
  return `${sign}${Math.floor(minutes / 60)} h ${minutes % 60} min`;
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

function describeTask(task: TaskSnapshot, origin: number): string {
  let text = `#${task.index} ${task.name}: ${task.state === 'cleanup' ? 'cleanup (onCancel running)' : task.state}`;
  if ((task.state === 'done' || task.state === 'finishing') && task.outcome) text += `, ${task.outcome}`;
  else if (task.state === 'cancelling' && task.outcome === 'failed') text += ' (timed out)';
  if (task.shield) text += ', shielded';
  if (task.startTime !== undefined && task.state !== 'done') text += `, since ${formatOffset(task.startTime - origin)}`;
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
 * An event costs the same however many tasks the tree holds: the new tree shares what did not
 * change with the previous one, and its `tasks` array is made when it is first read (then kept).
 * Reading `tasks` costs as many steps as there are tasks; reading it once per event would make a
 * long run quadratic again, so read it when the tree is shown.
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
      return publish(previous, 'shutting-down', stateOf(previous), previous.done);
    case 'group-finished':
      return publish(previous, 'finished', stateOf(previous), previous.done);
    case 'value':
      return previous;
  }
  const { task } = event;
  if (!task) return previous;
  const state = stateOf(previous);
  const { tasks } = state;
  let { positions } = state;
  const at = positionOf(state, task.index);
  const before: TaskSnapshot = at >= 0 ? taskAt(tasks, at)
    : { name: task.name, index: task.index, state: 'queued', shield: false, groups: [] };
  const after = nextTaskState(before, event);
  let next: Tasks;
  if (at >= 0) {
    next = withTaskAt(tasks, at, after);
  } else if (tasks.size === 0 || taskAt(tasks, tasks.size - 1).index < task.index) {
    // The common case: a new task, after every other. The map is shared by the trees made from
    // one another; `positionOf` checks what it finds, so a tree reduced twice stays right.
    next = withTaskAt(tasks, tasks.size, after);
    positions.set(task.index, tasks.size);
  } else {
    // A task older than the last one known: rebuilt, in index order.
    const array = toArray(tasks);
    array.splice(sortedIndex(array, task.index), 0, after);
    ({ tasks: next, positions } = fromArray(array));
  }
  return publish(previous, previous.state, { tasks: next, positions }, countDone(previous.done, before, after));
}

/**
 * What `reduceTaskTree` keeps of each tree it made, so that the next event costs no more than a
 * few small copies whatever the number of tasks: the tasks as a persistent vector (a new tree
 * shares all of it but the path to the task that changed) and each task's position by index.
 */
interface TreeState {
  readonly tasks: Tasks;
  readonly positions: Map<number, number>;
}

const treeStates = new WeakMap<TaskGroupSnapshot, TreeState>();

/** The state of a tree `reduceTaskTree` made, or one made from the tasks of any other tree. */
function stateOf(tree: TaskGroupSnapshot): TreeState {
  return treeStates.get(tree) ?? fromArray(tree.tasks);
}

function fromArray(array: readonly TaskSnapshot[]): TreeState {
  let tasks = NO_TASKS;
  const positions = new Map<number, number>();
  for (const task of array) {
    positions.set(task.index, tasks.size);
    tasks = withTaskAt(tasks, tasks.size, task);
  }
  return { tasks, positions };
}

/** Where the task of that index is, or -1. */
function positionOf({ tasks, positions }: TreeState, index: number): number {
  const at = positions.get(index);
  if (at !== undefined && at < tasks.size && taskAt(tasks, at).index === index) return at;
  if (at === undefined && (tasks.size === 0 || taskAt(tasks, tasks.size - 1).index < index)) return -1;
  // The shared map was written by another tree made from the same one: look.
  for (let i = 0; i < tasks.size; i++) if (taskAt(tasks, i).index === index) return i;
  return -1;
}

/**
 * A new tree: plain data whose `tasks` array is made when it is first read (then kept), since
 * making one for every event would cost as much as the tasks so far, each time.
 */
function publish(
  previous: TaskGroupSnapshot,
  groupState: TaskGroupSnapshot['state'],
  state: TreeState,
  done: TaskGroupSnapshot['done'],
): TaskGroupSnapshot {
  let array: TaskSnapshot[] | undefined;
  const tree: TaskGroupSnapshot = {
    state: groupState,
    listening: previous.listening,
    get tasks(): TaskSnapshot[] {
      return (array ??= toArray(state.tasks));
    },
    done,
    groups: previous.groups,
  };
  treeStates.set(tree, state);
  return tree;
}

/** `done` with `before`'s outcome taken out and `after`'s counted. */
function countDone(done: TaskGroupSnapshot['done'], before: TaskSnapshot, after: TaskSnapshot): TaskGroupSnapshot['done'] {
  const was = before.state === 'done' ? before.outcome : undefined;
  const is = after.state === 'done' ? after.outcome : undefined;
  if (was === is) return done; // shared with the previous tree: neither is ever changed
  const counts = { ...done };
  if (was) counts[was]--;
  if (is) counts[is]++;
  return counts;
}

// A persistent vector: a trie of arrays of 32, whose leaves hold the tasks in order. Setting or
// adding one copies the arrays on its path only (at most 4 of them for a million tasks).

interface Tasks {
  readonly size: number;
  /** Bits of an index consumed above the leaves: 0 while the root is the only leaf. */
  readonly shift: number;
  readonly root: readonly unknown[];
}

const BITS = 5;
const MASK = (1 << BITS) - 1;
const NO_TASKS: Tasks = { size: 0, shift: 0, root: [] };

function taskAt({ shift, root }: Tasks, at: number): TaskSnapshot {
  let node = root;
  for (let level = shift; level > 0; level -= BITS) node = node[(at >>> level) & MASK] as unknown[];
  return node[at & MASK] as TaskSnapshot;
}

/** `tasks` with `task` at `at`, which is a position it has or the next one. */
function withTaskAt(tasks: Tasks, at: number, task: TaskSnapshot): Tasks {
  let { shift } = tasks;
  let old = tasks.root;
  if (at >>> shift >= 1 << BITS) {
    old = [old]; // full: one level more
    shift += BITS;
  }
  const root = old.slice();
  let node = root;
  for (let level = shift; level > 0; level -= BITS) {
    const slot = (at >>> level) & MASK;
    const child = node[slot] ? (node[slot] as unknown[]).slice() : [];
    node[slot] = child;
    node = child;
  }
  node[at & MASK] = task;
  return { size: Math.max(tasks.size, at + 1), shift, root };
}

function toArray(tasks: Tasks): TaskSnapshot[] {
  const array = new Array<TaskSnapshot>(tasks.size);
  for (let at = 0; at < tasks.size; at++) array[at] = taskAt(tasks, at);
  return array;
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
