import { HttpClient } from '@angular/common/http';
import { Observable, forkJoin, map, switchMap, tap } from 'rxjs';
import { TaskStartContext, withTaskGroup } from 'rxjs-taskgroup';
import { ScenarioContext } from './context';

/** The event stream closed (or could not open) before it said `ready`, or broke after. */
export class StreamClosedError extends Error {
  override readonly name = 'StreamClosedError';
}

/**
 * The connection, as a task started with `tg.start()`: it opens an EventSource, calls
 * `ctx.started(connection)` when the server's `ready` event comes, then keeps running (emitting
 * each `tick`) until it is cancelled, which closes the EventSource. If the stream closes first,
 * the task fails: before `ready`, that is also the error of the Observable `tg.start()` returned.
 */
function eventStream(url: string, ctx: TaskStartContext<string>): Observable<number> {
  return new Observable<number>((subscriber) => {
    const source = new EventSource(url);
    let ready = false;
    source.addEventListener('ready', (event) => {
      ready = true;
      ctx.started(JSON.parse(event.data).connection);
    });
    source.addEventListener('tick', (event) => subscriber.next(JSON.parse(event.data).tick));
    source.addEventListener('error', () =>
      subscriber.error(new StreamClosedError(ready ? 'the event stream closed' : 'the event stream closed before it was ready')),
    );
    return () => source.close();
  });
}

/** Two calls that need the connection id (the server's log shows them tagged with it). */
function requests(http: HttpClient, api: (url: string) => string, connection: string) {
  return {
    orders: http.get(api(`/api/delay/0.8?call=orders&connection=${connection}`)),
    prices: http.post(api(`/api/cleanup/prices?delay=0.5&connection=${connection}`), null),
  };
}

/**
 * `tg.start()`: open the event stream, wait until it is ready, then send the calls that depend
 * on it, while the stream keeps running as a task of the group. When both calls are done,
 * `tg.cancel()` ends the stream and the group completes. The variant makes the stream close
 * before `ready`: `connected$` errors, the group fails with one TaskGroupError, and no call is
 * ever sent.
 */
export function startConnection({ http, api, scheduler, onEvent, variant: failBeforeReady }: ScenarioContext) {
  const url = api(failBeforeReady ? '/api/events?fail=before-ready' : '/api/events');
  return withTaskGroup(
    (tg) => {
      const connected$ = tg.start<string>((ctx) => eventStream(url, ctx), { name: 'event stream' });
      return connected$.pipe(
        switchMap((connection) => {
          const { orders, prices } = requests(http, api, connection);
          return forkJoin({
            orders: tg.createTask(orders, { name: 'orders' }),
            prices: tg.createTask(prices, { name: 'prices' }),
          }).pipe(map((results) => ({ connection, ...results })));
        }),
        tap({ complete: () => tg.cancel() }), // the calls are done: end the stream too
      );
    },
    { scheduler, onEvent },
  );
}
