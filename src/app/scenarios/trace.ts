// #region tracing plumbing: draws the forkJoin side on the timeline
import { MonoTypeOperatorFunction, Observable, SchedulerLike } from 'rxjs';
import { TaskEventType } from 'rxjs-taskgroup';
import { EventSink } from './context';

/**
 * For the timeline only: draws code that is not a task group (the forkJoin side) with the same
 * lanes and marks, as if each traced Observable were a task of a group called `group`.
 */
export class Tracer {
  private count = 0;

  constructor(
    private readonly group: string,
    private readonly onEvent: EventSink,
    private readonly scheduler: SchedulerLike,
  ) {}

  /** Marks `type` for the lane `name` (no name: the group's own lane). */
  mark(type: TaskEventType, name?: string, index = 0, error?: unknown): void {
    const task = name === undefined ? undefined : { name, index };
    this.onEvent({ type, task, time: this.scheduler.now(), error }, [this.group]);
  }

  /** Started when subscribed; then completed, failed, or cancelled if unsubscribed before that. */
  task<T>(name: string): MonoTypeOperatorFunction<T> {
    const index = this.count++;
    return (source) =>
      new Observable<T>((subscriber) => {
        let ended = false;
        this.mark('started', name, index);
        const subscription = source.subscribe({
          next: (value) => subscriber.next(value),
          error: (error: unknown) => {
            ended = true;
            this.mark('failed', name, index, error);
            subscriber.error(error);
          },
          complete: () => {
            ended = true;
            this.mark('completed', name, index);
            subscriber.complete();
          },
        });
        return () => {
          subscription.unsubscribe();
          if (!ended) this.mark('cancelled', name, index);
        };
      });
  }
}
// #endregion
