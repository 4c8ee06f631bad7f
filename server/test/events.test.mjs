// @ts-check
// GET /api/events: the server-sent-events stream the tg.start() card waits on.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { EVENTS_READY_SECONDS, EVENTS_TICK_SECONDS } from '../api.mjs';
import { startTestServer, waitFor } from '../test-support.mjs';

/** @typedef {import('../request-log.mjs').LogEntry} LogEntry */

/** @type {Awaited<ReturnType<typeof startTestServer>>} */
let server;
before(async () => {
  server = await startTestServer({ staticDir: '/nonexistent-build-folder' });
});
after(() => server.close());

/**
 * Opens the stream and collects its events until `stop` says so (then closes it) or it ends.
 * @param {string} path
 * @param {(events: { event: string, data: unknown, at: number }[]) => boolean} stop
 */
function listen(path, stop) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    /** @type {{ event: string, data: unknown, at: number }[]} */
    const events = [];
    const req = request({ host: '127.0.0.1', port: server.port, path, agent: false }, (res) => {
      let buffer = '';
      let closedByUs = false;
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event !== undefined) events.push({ event, data: data === undefined ? null : JSON.parse(data), at: performance.now() - started });
        }
        if (!closedByUs && stop(events)) {
          closedByUs = true;
          req.destroy();
          resolve({ status: res.statusCode, headers: res.headers, events, ended: false });
        }
      });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, events, ended: true }));
      res.on('error', () => undefined);
    });
    req.on('error', (error) => (/** @type {{ code?: string }} */ (error).code === 'ECONNRESET' ? undefined : reject(error)));
    req.end();
  });
}

/**
 * @param {string} run
 * @returns {Promise<LogEntry[]>}
 */
async function readLog(run) {
  const res = await fetch(server.url(`/api/log?run=${run}`));
  return res.json();
}

describe('GET /api/events', () => {
  test(`sends ready with a connection id after ${EVENTS_READY_SECONDS} s, then ticks; closing it is logged as aborted`, async () => {
    const result = /** @type {any} */ (await listen('/api/events?run=sse.1', (events) => events.length >= 3));
    assert.equal(result.status, 200);
    assert.match(result.headers['content-type'], /^text\/event-stream/);
    const [ready, ...ticks] = result.events;
    assert.equal(ready.event, 'ready');
    assert.match(/** @type {{ connection: string }} */ (ready.data).connection, /^c\d+$/);
    assert.ok(ready.at >= EVENTS_READY_SECONDS * 1000 - 10, `ready after ${ready.at} ms`);
    assert.deepEqual(ticks.map((t) => [t.event, t.data]), [['tick', { tick: 1 }], ['tick', { tick: 2 }]]);
    assert.ok(ticks[1].at - ready.at >= 2 * EVENTS_TICK_SECONDS * 1000 - 20);
    const entries = await waitFor(async () => {
      const log = await readLog('sse.1');
      return log[0]?.outcome === 'pending' ? undefined : log;
    }, 2000);
    assert.deepEqual(entries.map((e) => [e.method, e.path, e.outcome, e.status]), [['GET', '/api/events', 'aborted by client', null]]);
  });

  test('with ?fail=before-ready, ends the stream where ready would come, and sends no event', async () => {
    const result = /** @type {any} */ (await listen('/api/events?fail=before-ready&run=sse.2', () => false));
    assert.equal(result.status, 200);
    assert.equal(result.ended, true);
    assert.deepEqual(result.events, []);
    const entries = await readLog('sse.2');
    assert.deepEqual(entries.map((e) => [e.method, e.path, e.outcome, e.status]), [['GET', '/api/events?fail=before-ready', 'completed', 200]]);
    assert.ok(/** @type {number} */ (entries[0].duration) >= EVENTS_READY_SECONDS * 1000 - 10);
  });

  test('refuses other failures and other methods', async () => {
    const bad = await fetch(server.url('/api/events?fail=later'));
    assert.equal(bad.status, 400);
    assert.match((await bad.json()).error, /fail=before-ready/);
    const post = await fetch(server.url('/api/events'), { method: 'POST' });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('allow'), 'GET');
  });
});
