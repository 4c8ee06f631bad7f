import { forkJoin } from 'rxjs';
import { withTaskGroup } from 'rxjs-taskgroup';
import { ScenarioContext } from './context';
import { failingWorker, worker } from './workers';

/** `sub_worker`: each outer task runs an inner group. The variant makes Y-2 fail at 0.75 s. */
export function nested({ scheduler, onEvent, watch, variant: y2Fails }: ScenarioContext) {
  const subWorker = (label: string) =>
    withTaskGroup(
      (inner) =>
        forkJoin([
          inner.createTask(worker(`${label}-1`, 0.5, scheduler), { name: `${label}-1` }),
          inner.createTask(
            y2Fails && label === 'Y' ? failingWorker(`${label}-2`, 0.75, scheduler) : worker(`${label}-2`, 1, scheduler),
            { name: `${label}-2` },
          ),
        ]),
      { scheduler, onEvent: (event) => onEvent(event, [label]) },
    );
  return withTaskGroup(
    (outer) => {
      watch(outer); // the card's task tree reads outer.snapshot(): it shows the inner groups each task owns
      return forkJoin([outer.createTask(subWorker('X'), { name: 'X' }), outer.createTask(subWorker('Y'), { name: 'Y' })]);
    },
    { scheduler, onEvent },
  );
}
