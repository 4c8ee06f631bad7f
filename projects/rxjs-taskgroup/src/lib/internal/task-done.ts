import type { Group } from './group';
import type { TaskRef } from './task-ref';

/** Any state → Done: the task leaves the live list and frees its slot; its outcome is counted and told (view, then handle). */
export function taskDone(group: Group, task: TaskRef): void {
  group.live.remove(task);
  group.startTimes?.delete(task);
  if (task.outcome === 'fulfilled') group.fulfilled++;
  else if (task.outcome === 'failed') group.failed++;
  else group.cancelled++;
  group.view.taskDone?.(task);
  task.finish();
}
