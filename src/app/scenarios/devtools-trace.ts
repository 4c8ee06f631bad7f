// #region imports
import { HttpClient } from '@angular/common/http';
import { defer, finalize, forkJoin } from 'rxjs';
import { withTaskGroup } from 'rxjs-taskgroup';
import { traceTaskGroupsInDevTools } from 'rxjs-taskgroup/devtools';
// #endregion

/** What the card's tracks' groups are called in the Performance panel: `The task tree card #<id>`. */
export const TRACK_GROUP = 'The task tree card';

/**
 * A page that loads three things from the local API, one of them a nested group of two owned by
 * its task, while `reviews` fails with a 500 at 0.6 s: the group cancels what still runs (the
 * profile, and the catalogue's inner group with its stock call) and errors with one
 * TaskGroupError. Every task of every group is written to DevTools' Performance tracks, for
 * this run only: tracing is installed when the run is subscribed and uninstalled when it ends.
 */
export function traceTaskTree(http: HttpClient, api: (url: string) => string) {
  return defer(() => {
    const stop = traceTaskGroupsInDevTools({ trackGroup: TRACK_GROUP });
    return withTaskGroup((tg) => {
      const catalogue = () =>
        withTaskGroup((inner) =>
          forkJoin([
            inner.createTask(http.get(api('/api/delay/0.2')), { name: 'prices' }),
            inner.createTask(http.get(api('/api/delay/1.5')), { name: 'stock' }),
          ]),
        );
      return forkJoin([
        tg.createTask(http.get(api('/api/delay/1')), { name: 'profile' }),
        tg.createTask(catalogue, { name: 'catalogue' }), // owns the inner group: a row of its own
        tg.createTask(http.get(api('/api/delay/0.6?status=500')), { name: 'reviews' }),
      ]);
    }).pipe(finalize(stop));
  });
}
