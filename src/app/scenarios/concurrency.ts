import { forkJoin } from 'rxjs';
import { withTaskGroup } from 'rxjs-taskgroup';
import { ScenarioContext } from './context';

/** Ten pages to fetch; page 5 fails with a 500 after 0.4 s. */
export const PAGES = [0.6, 0.8, 1, 0.9, 0.4, 1.2, 0.5, 0.5, 0.5, 0.5].map((seconds, i) =>
  i === 4 ? `/api/delay/${seconds}?page=${i + 1}&status=500` : `/api/delay/${seconds}?page=${i + 1}`,
);

/**
 * Ten GETs, three at a time (`concurrency: 3`): the others wait in a queue, in order. When page 5
 * fails (at 1.2 s), the two pages still running are cancelled — aborted on the wire — and the
 * queued pages 7 to 10 never start: the server never sees them.
 */
export function concurrency({ http, api, scheduler, onEvent }: ScenarioContext) {
  return withTaskGroup(
    (tg) => forkJoin(PAGES.map((url, i) => tg.createTask(http.get(api(url)), { name: `page ${i + 1}` }))),
    { concurrency: 3, scheduler, onEvent },
  );
}
