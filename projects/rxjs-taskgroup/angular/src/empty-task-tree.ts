import type { TaskGroupSnapshot } from 'rxjs-taskgroup';

/**
 * The tree of a group that has told nothing yet (open, no tasks): what the `taskTree()` signals
 * hold before the first event, since `reduceTaskTree` starts from `undefined`.
 *
 * @internal
 */
export const EMPTY_TASK_TREE: TaskGroupSnapshot = {
  state: 'open',
  listening: true,
  tasks: [],
  done: { fulfilled: 0, failed: 0, cancelled: 0 },
  groups: [],
};
