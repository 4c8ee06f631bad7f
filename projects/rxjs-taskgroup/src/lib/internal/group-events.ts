import type { TaskEvent, TaskEventType, TaskOptions } from '../types';
import { channel } from './channel';
import type { Group } from './group';
import type { GroupConfig } from './options';
import { reportUnhandledError } from './report-unhandled-error';

/** What an event says of its task: a started task, or a queued one (its name and index only). */
export interface EventTask {
  readonly name: string;
  readonly index: number;
  readonly hasValue?: boolean;
  /** A started task's options (what process-wide listeners are told of its `shield` and `timeout`). */
  readonly options?: TaskOptions;
}

/**
 * Builds an event and hands it to `onEvent`, then to the process-wide listeners (rule 26): the
 * same object, which then carries the group's ids. The group calls this only when one of them
 * listens, and only once the transition it describes is complete. A listener that throws never
 * interrupts the group: what it throws is reported later, as RxJS reports an unhandled error.
 */
export function tellEvent(group: Group, config: GroupConfig, type: TaskEventType, task: EventTask | undefined, value: unknown, error: unknown): void {
  const { hook } = channel;
  let event: { -readonly [K in keyof TaskEvent]: TaskEvent[K] } | undefined;
  try {
    event = { type, time: config.scheduler.now() };
    if (task) event.task = { name: task.name, index: task.index };
    if (type === 'value' || (type === 'completed' && task?.hasValue)) event.value = value;
    if (error !== undefined) event.error = error;
    hook?.enrich(group, event, task, config);
    config.onEvent?.(event);
  } catch (thrown) {
    reportUnhandledError(thrown); // a broken logger (or scheduler) must not break the group
  }
  if (hook && event) hook.tell(event);
}
