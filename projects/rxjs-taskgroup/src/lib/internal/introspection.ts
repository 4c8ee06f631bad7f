import type { TaskGroupSnapshot, TaskSnapshot, TaskSnapshotState } from '../task-tree';
import { describeError } from './describe';
import type { Group } from './group';
import { ownedGroups, type Owner } from './owner';
import { taskName, TaskState, type TaskRef } from './task-ref';

/** A snapshot state per engine state: the same names (rule 18). */
const SNAPSHOT_STATES: Record<TaskState, TaskSnapshotState> = {
  [TaskState.Queued]: 'queued',
  [TaskState.Running]: 'running',
  [TaskState.Finishing]: 'finishing',
  [TaskState.Cancelling]: 'cancelling',
  [TaskState.Cleanup]: 'cleanup',
  [TaskState.Done]: 'done',
};

/** Owners whose owned groups are still to describe, each followed by the array they go into. */
type Pending = (Owner | TaskGroupSnapshot[])[];

/**
 * `tg.snapshot()`: the group now, as plain data, with the groups its tasks and its body own,
 * recursively. From the first call on, the group keeps its tasks' start times. Iterative, not
 * recursive: groups may be nested deeper than the stack (the engine runs them on a trampoline),
 * so each group is described flat and the groups it owns are filled in from a work list.
 */
export function snapshotOf(root: Group): TaskGroupSnapshot {
  const pending: Pending = [];
  const snapshot = describeGroup(root, pending);
  while (pending.length > 0) {
    const into = pending.pop() as TaskGroupSnapshot[];
    const groups = ownedGroups.get(pending.pop() as Owner);
    if (groups) for (const group of groups) into.push(describeGroup(group, pending));
  }
  return snapshot;
}

/** A group's snapshot with every `groups` empty; each owner whose groups belong there is added to `pending`. */
function describeGroup(group: Group, pending: Pending): TaskGroupSnapshot {
  group.startTimes ??= new Map();
  const tasks: TaskSnapshot[] = [];
  for (let task = group.live.newest; task; task = task.older) tasks.push(describeTask(group, task, pending));
  group.queue.forEachWaiting(group, (options, index) => {
    tasks.push({ name: taskName(options, index), index, state: 'queued', shield: options?.shield === true, groups: [] });
  });
  tasks.sort((a, b) => a.index - b.index);
  const groups: TaskGroupSnapshot[] = [];
  if (group.body) pending.push(group.body, groups);
  return {
    state: group.state,
    listening: !group.detached,
    tasks,
    done: { fulfilled: group.fulfilled, failed: group.failed, cancelled: group.cancelled },
    groups,
  };
}

function describeTask(group: Group, task: TaskRef, pending: Pending): TaskSnapshot {
  const groups: TaskGroupSnapshot[] = [];
  pending.push(task, groups);
  const snapshot: { -readonly [K in keyof TaskSnapshot]: TaskSnapshot[K] } = {
    name: task.name, index: task.index, state: SNAPSHOT_STATES[task.state], shield: task.shield, groups,
  };
  const startTime = group.startTimes?.get(task);
  if (startTime !== undefined) snapshot.startTime = startTime;
  if (task.outcome) snapshot.outcome = task.outcome;
  if (task.outcome === 'failed') snapshot.error = describeError(task.failure);
  return snapshot;
}
