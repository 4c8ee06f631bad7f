import { concat, defer, of } from 'rxjs';
import { TaskGroup, withTaskGroup } from 'rxjs-taskgroup';
import { ScenarioContext } from './context';
import { worker } from './workers';

/**
 * A group takes tasks only while it runs: `createTask` on a finished group throws
 * TaskStateError. The variant calls `task.result()` inside the block, before the task is done.
 */
export function pitfall({ scheduler, onEvent, variant: resultTooEarly }: ScenarioContext) {
  if (resultTooEarly) {
    return withTaskGroup(
      (tg) => {
        const a = tg.createTask(worker('A', 0.5, scheduler), { name: 'A' });
        return of(a.result()); // throws TaskStateError: A is still running
      },
      { scheduler, onEvent },
    );
  }
  let saved: TaskGroup | undefined;
  return concat(
    withTaskGroup(
      (tg) => {
        saved = tg;
        tg.createTask(worker('A', 0.5, scheduler), { name: 'A' });
      },
      { scheduler, onEvent },
    ),
    defer(() => {
      saved?.createTask(worker('late', 0.5, scheduler), { name: 'late' }); // throws TaskStateError
      return of('unreachable: createTask threw');
    }),
  );
}
