import type { TaskEvent, TaskEventType } from '../types';
import type { GroupConfig } from './options';
import { reportUnhandledError } from './report-unhandled-error';

/** What an event says of its task: a started task, or a queued one (its name and index only). */
export interface EventTask {
  readonly name: string;
  readonly index: number;
  readonly hasValue?: boolean;
}

/**
 * Builds an event and hands it to `onEvent` (the group calls this only when there is one, and
 * only once the transition it describes is complete). A listener that throws never interrupts
 * the group: what it throws is reported later, as RxJS reports an unhandled error.
 */
export function tellEvent(config: GroupConfig, type: TaskEventType, task: EventTask | undefined, value: unknown, error: unknown): void {
  try {
    const event: { -readonly [K in keyof TaskEvent]: TaskEvent[K] } = { type, time: config.scheduler.now() };
    if (task) event.task = { name: task.name, index: task.index };
    if (type === 'value' || (type === 'completed' && task?.hasValue)) event.value = value;
    if (error !== undefined) event.error = error;
    config.onEvent!(event);
  } catch (thrown) {
    reportUnhandledError(thrown); // a broken logger (or scheduler) must not break the group
  }
}
