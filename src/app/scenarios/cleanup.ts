import { timer } from 'rxjs';
import { withTaskGroup } from 'rxjs-taskgroup';
import { ScenarioContext } from './context';
import { failingWorker } from './workers';

/**
 * `cleanup_worker` sleeps 10 s; when cancelled, its cleanup takes 0.5 s (`except
 * CancelledError: await cleanup`). The group reports `fast`'s error only after that cleanup.
 */
export function cleanup({ scheduler, onEvent }: ScenarioContext) {
  return withTaskGroup(
    (tg) => {
      tg.createTask(timer(10_000, scheduler), { name: 'cleanup_worker', onCancel: () => timer(500, scheduler) });
      tg.createTask(failingWorker('fast', 0.1, scheduler), { name: 'fast' });
    },
    { scheduler, onEvent },
  );
}
