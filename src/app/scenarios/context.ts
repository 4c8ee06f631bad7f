import { HttpClient } from '@angular/common/http';
import { SchedulerLike } from 'rxjs';
import { TaskEvent, TaskGroup, TaskTimeoutError } from 'rxjs-taskgroup';

/** Receives every group's events; `group` is the path of group names (`[]`: the outermost group). */
export type EventSink = (event: TaskEvent, group?: readonly string[]) => void;

/** What a card gives the scenario it runs. */
export interface ScenarioContext {
  /** For every timer and timeout: real time in the app, virtual time in tests. */
  readonly scheduler: SchedulerLike;
  /** Draws the timeline. */
  readonly onEvent: EventSink;
  /**
   * Marks a `withTimeout` that expired on the timeline (on the lane its `name` names), even
   * when a fallback (`with`) turns it into a result.
   */
  readonly onTimeout: (error: TaskTimeoutError, group?: readonly string[]) => void;
  /** The card's checkbox, when the scenario has one. */
  readonly variant: boolean;
  /**
   * Hands the card a group, so that its task-tree panel reads `tg.snapshot()` on each event
   * while the group runs: exact where events say too little (shields, the groups a task owns).
   */
  readonly watch: (tg: TaskGroup) => void;
  /** Angular's HttpClient (`withFetch()` in the app, `HttpTestingController` in tests). */
  readonly http: HttpClient;
  /**
   * Tags a local API URL with this run's id (`?run=…`), so that the card's server log lists
   * this run's requests only.
   */
  readonly api: (url: string) => string;
}
