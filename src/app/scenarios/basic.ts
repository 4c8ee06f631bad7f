import { forkJoin } from 'rxjs';
import { withTaskGroup } from 'rxjs-taskgroup';
import { ScenarioContext } from './context';
import { worker } from './workers';

/** `async with asyncio.TaskGroup() as tg:` with three workers; results in creation order. */
export function basic({ scheduler, onEvent }: ScenarioContext) {
  return withTaskGroup(
    (tg) => {
      const task1 = tg.createTask(worker('A', 2, scheduler), { name: 'A' });
      const task2 = tg.createTask(worker('B', 1, scheduler), { name: 'B' });
      const task3 = tg.createTask(worker('C', 3, scheduler), { name: 'C' });
      return forkJoin([task1, task2, task3]); // a task's handle replays its result
    },
    { scheduler, onEvent },
  );
}
