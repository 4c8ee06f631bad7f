import { catchError, forkJoin, from, map, of } from 'rxjs';
import { TaskEvent, TaskOutcome, taskGroup } from 'rxjs-taskgroup';
import { EventSink, ScenarioContext } from './context';
import { failingWorker, worker } from './workers';

const NAMES = ['A', 'B', 'C'];

/** `taskGroup()` names its tasks task-0, task-1, …: report them to the timeline by name. */
const named = (onEvent: EventSink, group: string) => (event: TaskEvent) =>
  onEvent(event.task ? { ...event, task: { ...event.task, name: NAMES[event.task.index] } } : event, [group]);

/** The same three tasks twice: as a TaskGroup (fail-fast) and as `gather(return_exceptions=True)`. */
export function gather({ scheduler, onEvent }: ScenarioContext) {
  const tasks = () => [worker('A', 1.5, scheduler), failingWorker('B', 0.5, scheduler), worker('C', 1, scheduler)];
  const outcome = (o: TaskOutcome<string>, i: number) =>
    `${NAMES[i]} ${o.status === 'fulfilled' ? `fulfilled: ${o.value}` : `rejected: ${(o.reason as Error).message}`}`;
  return forkJoin({
    // TaskGroup: B's failure cancels A and C.
    'taskGroup()': from(tasks()).pipe(
      taskGroup<string>({ scheduler, onEvent: named(onEvent, 'taskGroup()') }),
      map((results) => [results.join(', ')]),
      catchError((error: AggregateError) => of([`${error.name}: ${error.message}`])),
    ),
    // gather(return_exceptions=True): every outcome, nothing cancelled.
    'taskGroup({ settle: true })': from(tasks()).pipe(
      taskGroup<string>({ settle: true, scheduler, onEvent: named(onEvent, 'settle: true') }),
      map((outcomes) => outcomes.map(outcome)),
    ),
  });
}
