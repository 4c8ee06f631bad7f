import { identity, of } from 'rxjs';
import { catchTaskErrors, withTaskGroup } from 'rxjs-taskgroup';
import { ScenarioContext } from './context';
import { ValueError, failingWorker, worker } from './workers';

/** B fails after 1 s: A and C are cancelled; `catchTaskErrors` is `except* ValueError as eg:`. */
export function failFast({ scheduler, onEvent, variant: exceptStar }: ScenarioContext) {
  return withTaskGroup(
    (tg) => {
      tg.createTask(worker('A', 3, scheduler), { name: 'A' });
      tg.createTask(failingWorker('B', 1, scheduler), { name: 'B' }); // ValueError at 1 s
      tg.createTask(worker('C', 2, scheduler), { name: 'C' });
    },
    { scheduler, onEvent },
  ).pipe(
    exceptStar
      ? catchTaskErrors(ValueError, (eg) => of(eg.leaves().map((error) => `Caught: ${(error as ValueError).message}`)))
      : identity,
  );
}
