import type { Observable } from 'rxjs';
import type { TaskEvent } from '../types';
import type { EventTask } from './group-events';
import type { Group } from './group';
import type { GroupConfig } from './options';
import type { TaskRef } from './task-ref';

/**
 * The process-wide channel of rule 26, in the spirit of Node's `diagnostics_channel`: one slot
 * that the engine tests once per event. It is empty while nothing listens, and then nothing else
 * happens: no id is given, no event is built for it, nothing is allocated. `subscribeToTaskGroups`
 * fills it (`subscribe-to-task-groups.ts`, where all of the channel's code is, so that an
 * application that never listens does not bundle it); only its shape is here, beside the engine.
 */
export const channel: { hook: ChannelHook | undefined } = { hook: undefined };

/** What the engine calls while someone listens. None of it throws. */
export interface ChannelHook {
  /** A group was made (`group-started`). */
  started(group: Group, config: GroupConfig): void;
  /** Before `onEvent`: gives the event its group's ids (and, on `started`, the task's shield and time limit). */
  enrich(group: Group, event: { -readonly [K in keyof TaskEvent]: TaskEvent[K] }, task: EventTask | undefined, config: GroupConfig): void;
  /** After `onEvent`: hands the event to every process-wide listener. */
  tell(event: TaskEvent): void;
  /** Subscribes a task (`subscribeAs`), inside the scopes installed (rule 27: OpenTelemetry's context). */
  subscribe(group: Group, task: TaskRef, observable: Observable<unknown>): void;
}
