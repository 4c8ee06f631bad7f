import { from, ignoreElements, tap, timer } from 'rxjs';
import { withTaskGroup } from 'rxjs-taskgroup';
import { ScenarioContext } from './context';

/**
 * A search: `results` uses `fetch` with the task's `ctx.signal`, `suggestions` uses HttpClient,
 * and `audit` records the search on the server, `shield`ed: it must finish even if the search is
 * stopped. At 1 s the user presses Stop: `tg.cancel()` cancels the group — the fetch is aborted
 * through its signal, the HttpClient request by unsubscription — and waits for the shielded
 * audit; then the group completes without an error. The variant drops `shield`.
 */
export function search({ http, api, scheduler, onEvent, watch, variant: noShield }: ScenarioContext) {
  return withTaskGroup(
    (tg) => {
      watch(tg); // the card's task tree reads tg.snapshot(): it knows which task is shielded
      tg.createTask((ctx) => from(fetch(api('/api/delay/4?q=results'), { signal: ctx.signal }).then((res) => res.json())), {
        name: 'results',
      });
      tg.createTask(http.get(api('/api/delay/3?q=suggestions')), { name: 'suggestions' });
      tg.createTask(http.post(api('/api/cleanup/audit?delay=1.5'), { q: 'task groups' }), { name: 'audit', shield: !noShield });
      // The user presses Stop after 1 s.
      return timer(1000, scheduler).pipe(
        tap(() => tg.cancel()),
        ignoreElements(),
      );
    },
    { scheduler, onEvent },
  );
}
