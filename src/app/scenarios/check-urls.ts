import { forkJoin } from 'rxjs';
import { withTaskGroup } from 'rxjs-taskgroup';
import { ScenarioContext } from './context';

/** The article's URLs, on the demo's local API: the third fails with a 500 after 1 s. */
export const URLS = ['/api/delay/2', '/api/delay/10', '/api/delay/1?status=500'];

/**
 * The article's `check_urls`: every GET is a task, each bounded by 5 s. The 500 fails the
 * group, which cancels the other two tasks: unsubscribing from HttpClient aborts the request.
 */
export function checkUrls({ http, api, scheduler, onEvent }: ScenarioContext) {
  return withTaskGroup(
    (tg) => forkJoin(URLS.map((url) => tg.createTask(http.get(api(url)), { name: url, timeout: 5000 }))),
    { scheduler, onEvent },
  );
}
