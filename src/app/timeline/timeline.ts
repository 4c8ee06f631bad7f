import { TaskEvent, TaskEventType, TaskTimeoutError } from 'rxjs-taskgroup';
import { describeError, formatValue } from './describe';

/** One `onEvent` event, with the path of group names it came from (`[]`: the outermost group). */
export interface EventRecord {
  readonly event: TaskEvent;
  readonly group: readonly string[];
}

export type LaneState = 'queued' | 'running' | 'completed' | 'failed' | 'timed out' | 'cancelled' | 'shutting down' | 'finished';

export interface TimelineMark {
  readonly kind: TaskEventType;
  /** ms since the run started. */
  readonly time: number;
  /** What happened, in words: `cancelled at 0.52 s`. */
  readonly text: string;
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
  /** Its cancellation cleanup (`onCancel`), when it has one. */
  readonly cleanup: { readonly start: number; readonly end: number | undefined } | undefined;
  readonly marks: readonly TimelineMark[];
  /** The lane's state and marks in words, for screen readers (after its label). */
  readonly summary: string;
}

/** How each kind of mark is named in the legend and in the lane summaries. */
export const MARK_LABELS: Readonly<Record<TaskEventType, string>> = {
  queued: 'queued',
  started: 'started',
  value: 'value',
  completed: 'completed',
  failed: 'failed',
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
  cleanup: { start: number; end: number | undefined } | undefined;
  marks: TimelineMark[];
  children: MutableLane[];
}

/**
 * Turns the recorded events of one run into lanes: one per task, in creation order, a nested
 * group's tasks right under the task that runs that group, and one lane per outermost group
 * for its shutdown and finish. A nested group's own shutdown and finish are marked on the
 * lane of the task that runs it. Times are ms since `origin`.
 */
export function buildLanes(records: readonly EventRecord[], origin: number, rootLabel = 'group'): TimelineLane[] {
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

  for (const { event, group } of records) {
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

function newLane(id: string, label: string, kind: 'task' | 'group', group: string, index: number): MutableLane {
  return { id, label, kind, group, index, state: 'queued', start: undefined, end: undefined, cleanup: undefined, marks: [], children: [] };
}

function apply(lane: MutableLane, event: TaskEvent, time: number, isGroupLane: boolean): void {
  let text = `${MARK_LABELS[event.type]} at ${formatSeconds(time)}`;
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
      lane.state = 'completed';
      lane.end = time;
      break;
    case 'failed':
      lane.state = event.error instanceof TaskTimeoutError ? 'timed out' : 'failed';
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
      if (event.error !== undefined) text += `: ${describeError(event.error)}`;
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
  lane.marks.push({ kind: event.type, time, text });
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

/** A round axis step (1, 2 or 5 × 10ⁿ ms) giving about `count` ticks over `span` ms. */
export function tickStep(span: number, count = 5): number {
  const raw = Math.max(span, 1) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const factor of [1, 2, 5, 10]) {
    if (raw <= factor * power) return factor * power;
  }
  return 10 * power;
}
