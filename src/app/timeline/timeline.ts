import { TaskEvent, TaskEventType, TaskTimeoutError } from 'rxjs-taskgroup';
import { describeError, formatValue } from './describe';

/** One `onEvent` event, with the path of group names it came from (`[]`: the outermost group). */
export interface EventRecord {
  readonly event: TaskEvent;
  readonly group: readonly string[];
}

/**
 * A `withTimeout` that expired inside a task (its `name` names the task's lane), even when its
 * fallback (`with`) then gives the task a result.
 */
export interface TimeoutRecord {
  readonly timeout: { readonly taskName: string | undefined; readonly time: number; readonly ms: number };
  readonly group: readonly string[];
}

export type TimelineRecord = EventRecord | TimeoutRecord;

/** `fell back`: a `withTimeout` in it expired and its fallback gave the result. */
export type LaneState =
  | 'queued'
  | 'running'
  | 'completed'
  | 'fell back'
  | 'failed'
  | 'timed out'
  | 'cancelled'
  | 'shutting down'
  | 'finished';

/** Every event type, and `timeout`: a timeout expired (the task failed with it, or fell back). */
export type MarkKind = TaskEventType | 'timeout';

export interface TimelineMark {
  readonly kind: MarkKind;
  /** ms since the run started. */
  readonly time: number;
  /** What happened, in words: `cancelled at 0.52 s`. */
  readonly text: string;
  /** A `cleanup-finished` with an error: the cleanup failed. */
  readonly failed?: boolean;
}

export interface TimelineLane {
  readonly id: string;
  /** The task's name, or the group's for a group lane. */
  readonly label: string;
  readonly kind: 'task' | 'group';
  /** Nesting depth: 0 for the outermost group's lanes. */
  readonly depth: number;
  readonly state: LaneState;
  /** When it started running (ms since the run started); undefined while queued. */
  readonly start: number | undefined;
  /** When it stopped running (completed, failed or cancelled); undefined while running. */
  readonly end: number | undefined;
  /** Its cancellation cleanup (`onCancel`), when it has one; `failed` once it has ended with an error. */
  readonly cleanup: { readonly start: number; readonly end: number | undefined; readonly failed?: true } | undefined;
  readonly marks: readonly TimelineMark[];
  /** The lane's state and marks in words, for screen readers (after its label). */
  readonly summary: string;
}

/** How each kind of mark is named in the legend and in the lane summaries. */
export const MARK_LABELS: Readonly<Record<MarkKind, string>> = {
  queued: 'queued',
  started: 'started',
  value: 'value',
  completed: 'completed',
  failed: 'failed',
  timeout: 'timed out',
  cancelled: 'cancelled',
  'cleanup-started': 'cleanup started',
  'cleanup-finished': 'cleanup finished',
  'group-shutdown': 'group shutting down',
  'group-finished': 'group finished',
};

/** `1.25 s` */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

interface MutableLane {
  id: string;
  label: string;
  kind: 'task' | 'group';
  group: string;
  index: number;
  state: LaneState;
  start: number | undefined;
  end: number | undefined;
  cleanup: { start: number; end: number | undefined; failed?: true } | undefined;
  marks: TimelineMark[];
  children: MutableLane[];
  /** A withTimeout inside it expired. */
  timedOut: boolean;
}

/**
 * Turns the recorded events of one run into lanes: one per task, in creation order, a nested
 * group's tasks right under the task that runs that group, and one lane per outermost group
 * for its shutdown and finish. A nested group's own shutdown and finish are marked on the
 * lane of the task that runs it. Times are ms since `origin`.
 */
export function buildLanes(records: readonly TimelineRecord[], origin: number, rootLabel = 'group'): TimelineLane[] {
  const lanes = new Map<string, MutableLane>();
  const roots: MutableLane[] = [];
  const key = (group: readonly string[]) => group.join('\u0000');

  /** The lane of the task that runs `group`, if that task is on the timeline. */
  const ownerOf = (group: readonly string[]): MutableLane | undefined => {
    if (group.length === 0) return undefined;
    const parent = key(group.slice(0, -1));
    const name = group[group.length - 1];
    for (const lane of lanes.values()) {
      if (lane.kind === 'task' && lane.group === parent && lane.label === name) return lane;
    }
    return undefined;
  };

  /** The lane that holds the group's own events: its owner task's, else a group lane of its own. */
  const groupLane = (group: readonly string[], time: number): MutableLane => {
    const owner = ownerOf(group);
    if (owner) return owner;
    const id = `group:${key(group)}`;
    let lane = lanes.get(id);
    if (!lane) {
      lane = newLane(id, group.length === 0 ? rootLabel : group.join(' › '), 'group', key(group), -1);
      lane.start = time;
      lane.state = 'running';
      lanes.set(id, lane);
      roots.push(lane);
    }
    return lane;
  };

  for (const record of records) {
    if ('timeout' in record) {
      const { taskName, time, ms } = record.timeout;
      const lane = findTask(lanes, key(record.group), taskName);
      if (lane) {
        lane.timedOut = true;
        lane.marks.push({ kind: 'timeout', time: time - origin, text: `timed out (${formatSeconds(ms)}) at ${formatSeconds(time - origin)}` });
      }
      continue;
    }
    const { event, group } = record;
    const time = event.time - origin;
    const container = groupLane(group, time);
    let lane = container;
    if (event.task) {
      const id = `task:${key(group)}:${event.task.index}`;
      const existing = lanes.get(id);
      if (existing) {
        lane = existing;
      } else {
        lane = newLane(id, event.task.name, 'task', key(group), event.task.index);
        lanes.set(id, lane);
        container.children.push(lane);
        container.children.sort((a, b) => (a.kind === b.kind ? a.index - b.index : a.kind === 'group' ? -1 : 1));
      }
    }
    apply(lane, event, time, lane === container && !event.task);
  }

  const result: TimelineLane[] = [];
  const visit = (lane: MutableLane, depth: number) => {
    result.push(freeze(lane, depth));
    for (const child of lane.children) visit(child, depth + 1);
  };
  for (const root of roots) {
    visit(root, 0);
  }
  return result;
}

function findTask(lanes: Map<string, MutableLane>, group: string, name: string | undefined): MutableLane | undefined {
  for (const lane of lanes.values()) {
    if (lane.kind === 'task' && lane.group === group && lane.label === name) return lane;
  }
  return undefined;
}

function newLane(id: string, label: string, kind: 'task' | 'group', group: string, index: number): MutableLane {
  return {
    id,
    label,
    kind,
    group,
    index,
    state: 'queued',
    start: undefined,
    end: undefined,
    cleanup: undefined,
    marks: [],
    children: [],
    timedOut: false,
  };
}

function apply(lane: MutableLane, event: TaskEvent, time: number, isGroupLane: boolean): void {
  const timeout = event.type === 'failed' && event.error instanceof TaskTimeoutError;
  const kind: MarkKind = timeout ? 'timeout' : event.type;
  let text = `${MARK_LABELS[kind]} at ${formatSeconds(time)}`;
  switch (event.type) {
    case 'queued':
      lane.state = 'queued';
      break;
    case 'started':
      lane.state = 'running';
      lane.start = time;
      break;
    case 'value':
      text += `: ${formatValue(event.value)}`;
      break;
    case 'completed':
      lane.state = lane.timedOut ? 'fell back' : 'completed';
      lane.end = time;
      break;
    case 'failed':
      lane.state = timeout ? 'timed out' : 'failed';
      lane.end = time;
      text += `: ${describeError(event.error)}`;
      break;
    case 'cancelled':
      lane.state = 'cancelled';
      lane.end = lane.start === undefined ? undefined : time;
      break;
    case 'cleanup-started':
      lane.cleanup = { start: time, end: undefined };
      break;
    case 'cleanup-finished':
      if (lane.cleanup) lane.cleanup.end = time;
      if (event.error !== undefined) {
        text = `cleanup failed at ${formatSeconds(time)}: ${describeError(event.error)}`;
        if (lane.cleanup) lane.cleanup.failed = true;
        lane.marks.push({ kind, time, text, failed: true });
        return;
      }
      break;
    case 'group-shutdown':
      if (isGroupLane) lane.state = 'shutting down';
      break;
    case 'group-finished':
      if (isGroupLane) {
        lane.state = 'finished';
        lane.end = time;
      }
      break;
  }
  lane.marks.push({ kind, time, text });
}

function freeze(lane: MutableLane, depth: number): TimelineLane {
  const summary = `${lane.state}; ${lane.marks.map((mark) => mark.text).join('; ')}`;
  return {
    id: lane.id,
    label: lane.label,
    kind: lane.kind,
    depth,
    state: lane.state,
    start: lane.start,
    end: lane.end,
    cleanup: lane.cleanup && { ...lane.cleanup },
    marks: [...lane.marks],
    summary,
  };
}

/**
 * The axis labels for `span` ms: one per round step, with just the decimals that step needs
 * (`0.005 s` steps get three, `0.5 s` steps one, whole seconds none), so no two labels read alike.
 */
export function axisTicks(span: number, count = 5): { readonly time: number; readonly text: string }[] {
  const step = tickStep(span, count);
  const decimals = Math.max(0, -Math.floor(Math.log10(step / 1000) + 1e-9));
  const ticks: { time: number; text: string }[] = [];
  for (let i = 0; i * step <= span + 1e-9; i++) {
    ticks.push({ time: i * step, text: `${((i * step) / 1000).toFixed(decimals)} s` });
  }
  return ticks;
}

/** A round axis step (1, 2 or 5 × 10ⁿ ms) giving about `count` ticks over `span` ms. */
export function tickStep(span: number, count = 5): number {
  const raw = Math.max(span, 1) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const factor of [1, 2, 5, 10]) {
    if (raw <= factor * power) return factor * power;
  }
  return 10 * power;
}
