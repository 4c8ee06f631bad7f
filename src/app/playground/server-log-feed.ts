import { InjectionToken } from '@angular/core';
import { Observable, map } from 'rxjs';
import { webSocket } from 'rxjs/webSocket';
import { ServerLogEntry } from '../dashboard/dashboard-loader.service';

/** The live log of one run: the whole list at once, then again on each change. */
export type ServerLogFeed = (run: string) => Observable<ServerLogEntry[]>;

/**
 * The live server log (`/api/log/live?run=<id>`, a WebSocket: server/live-log.mjs), or null
 * where there is no WebSocket: the server log then polls `GET /api/log`. A WebSocket, because
 * a browser opens at most 6 HTTP/1.1 connections to a host: while a run keeps 6 requests open
 * (the forkJoin card does), a poll waits until one of them ends, and the log lags the timeline.
 */
export const SERVER_LOG_FEED = new InjectionToken<ServerLogFeed | null>('SERVER_LOG_FEED', {
  providedIn: 'root',
  factory: () => (typeof WebSocket === 'undefined' ? null : webSocketFeed),
});

function webSocketFeed(run: string): Observable<ServerLogEntry[]> {
  const url = new URL(`/api/log/live?run=${encodeURIComponent(run)}`, document.baseURI);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return webSocket<ServerLogEntry[]>({ url: url.href, deserializer: (message) => JSON.parse(message.data) }).pipe(
    map((entries) => entries.filter((entry) => !entry.path.startsWith('/api/log'))),
  );
}
