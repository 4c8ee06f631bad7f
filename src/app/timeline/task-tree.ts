import { TaskGroupSnapshot, reduceTaskTree } from 'rxjs-taskgroup';
import { TimelineRecord } from './timeline';

/**
 * The task tree of a run's outermost group (`group: []`), rebuilt from its `onEvent` records by
 * the core's `reduceTaskTree`, one tree per group path. Events carry no nesting, but the demo
 * tags each inner group's events with its path (`['X']`: the group task X runs), so each inner
 * tree is hung under the task of that name, as `tg.snapshot()` would show it. Records of other
 * roots (the forkJoin side's `['forkJoin']`, which has no owner task) are left out.
 * Undefined before the first event of the outermost group.
 */
export function buildTaskTree(records: readonly TimelineRecord[]): TaskGroupSnapshot | undefined {
  const trees = new Map<string, { readonly path: readonly string[]; tree: TaskGroupSnapshot }>();
  for (const record of records) {
    if ('timeout' in record) continue;
    const key = record.group.join('\u0000');
    const entry = trees.get(key);
    if (entry) entry.tree = reduceTaskTree(entry.tree, record.event);
    else trees.set(key, { path: record.group, tree: reduceTaskTree(undefined, record.event) });
  }
  const withInner = (tree: TaskGroupSnapshot, path: readonly string[]): TaskGroupSnapshot => {
    const inner = [...trees.values()].filter(
      (entry) => entry.path.length === path.length + 1 && path.every((name, i) => entry.path[i] === name),
    );
    if (inner.length === 0) return tree;
    return {
      ...tree,
      tasks: tree.tasks.map((task) => {
        const owned = inner.find((entry) => entry.path[path.length] === task.name);
        return owned ? { ...task, groups: [withInner(owned.tree, owned.path)] } : task;
      }),
    };
  };
  const root = trees.get('');
  return root && withInner(root.tree, []);
}
