// @ts-check
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { DEFAULT_LOG_SIZE, RequestLog } from '../request-log.mjs';
import { startTestServer, waitFor } from '../test-support.mjs';

/** @typedef {import('../request-log.mjs').LogEntry} LogEntry */

describe('RequestLog', () => {
  test('keeps 200 entries by default', () => {
    assert.equal(DEFAULT_LOG_SIZE, 200);
    assert.equal(new RequestLog().capacity, 200);
  });

  test('lists entries oldest first, pending ones without end, duration or status', () => {
    const log = new RequestLog(3);
    const a = log.start('GET', '/api/delay/1', 1000);
    log.start('GET', '/api/status/500', 1010);
    log.finish(a, 'completed', 200, 2000);
    assert.deepEqual(log.entries(), [
      { id: 1, method: 'GET', path: '/api/delay/1', start: 1000, end: 2000, duration: 1000, status: 200, outcome: 'completed' },
      { id: 2, method: 'GET', path: '/api/status/500', start: 1010, outcome: 'pending' },
    ]);
  });

  test('drops the oldest entries beyond its capacity, never growing', () => {
    const log = new RequestLog(3);
    for (let i = 1; i <= 10; i++) {
      log.start('GET', `/api/delay/${i}`, i);
      assert.equal(log.size, Math.min(i, 3));
    }
    assert.deepEqual(log.entries().map((entry) => entry.id), [8, 9, 10]);
  });

  test('settles an entry once; an aborted one has status null', () => {
    const log = new RequestLog(2);
    const entry = log.start('GET', '/api/delay/5', 0);
    log.finish(entry, 'aborted by client', null, 100);
    log.finish(entry, 'completed', 200, 5000);
    assert.deepEqual(log.entries()[0], {
      id: 1, method: 'GET', path: '/api/delay/5', start: 0, end: 100, duration: 100, status: null, outcome: 'aborted by client',
    });
  });

  test('clear() empties it; ids keep increasing; entries settled after a clear stay out', () => {
    const log = new RequestLog(2);
    const pending = log.start('GET', '/a', 0);
    log.start('GET', '/b', 0);
    log.clear();
    assert.deepEqual(log.entries(), []);
    log.finish(pending, 'completed', 200, 5);
    assert.deepEqual(log.entries(), []);
    assert.equal(log.start('GET', '/c', 0).id, 3);
    assert.equal(log.size, 1);
  });

  test('entries() returns copies', () => {
    const log = new RequestLog(2);
    log.start('GET', '/a', 0);
    log.entries()[0].path = '/changed';
    assert.equal(log.entries()[0].path, '/a');
  });

  test('onChange() tells of each start, settle and clear as it happens, until stopped', () => {
    const log = new RequestLog(2);
    /** @type {(string | undefined)[]} */
    const seen = [];
    const stop = log.onChange((entry) => seen.push(entry && `${entry.path} ${entry.outcome}`));
    const entry = log.start('GET', '/a', 0);
    log.finish(entry, 'completed', 200, 5);
    log.finish(entry, 'completed', 200, 6); // settled already: no change
    log.clear();
    stop();
    log.start('GET', '/b', 0);
    assert.deepEqual(seen, ['/a pending', '/a completed', undefined]);
  });

  test('a listener that throws is dropped; the others and the log go on', (t) => {
    const log = new RequestLog(2);
    t.mock.method(console, 'error', () => undefined);
    let calls = 0;
    log.onChange(() => {
      calls++;
      throw new Error('boom');
    });
    /** @type {string[]} */
    const seen = [];
    log.onChange((entry) => seen.push(entry?.path ?? ''));
    log.start('GET', '/a', 0);
    log.start('GET', '/b', 0);
    assert.equal(calls, 1);
    assert.deepEqual(seen, ['/a', '/b']);
    assert.equal(log.size, 2);
  });

  test('refuses a size that is not a positive integer', () => {
    for (const size of [0, -1, 1.5, NaN, Infinity]) {
      assert.throws(() => new RequestLog(size), RangeError);
    }
  });
});

describe('/api/log', () => {
  /** @type {Awaited<ReturnType<typeof startTestServer>>} */
  let server;
  before(async () => {
    server = await startTestServer({ staticDir: '/nonexistent-build-folder', logSize: 5 });
  });
  after(() => server.close());
  beforeEach(async () => {
    assert.equal((await fetch(server.url('/api/log'), { method: 'DELETE' })).status, 204);
  });

  /** @returns {Promise<LogEntry[]>} */
  async function readLog() {
    const res = await fetch(server.url('/api/log'));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    return res.json();
  }

  /** @param {string} path */
  async function request(path, init = {}) {
    const res = await fetch(server.url(path), init);
    await res.arrayBuffer();
    return res;
  }

  test('lists requests to /api/delay and /api/status, newest last, with their times', async () => {
    const before = Date.now();
    await request('/api/delay/0.1');
    await request('/api/status/503');
    await request('/api/delay/abc');
    await request('/api/status/200', { method: 'POST' });
    await request('/api/log');
    await request('/api/nope');
    await request('/index.html');
    const after = Date.now();

    const log = await readLog();
    assert.deepEqual(
      log.map(({ method, path, status, outcome }) => ({ method, path, status, outcome })),
      [
        { method: 'GET', path: '/api/delay/0.1', status: 200, outcome: 'completed' },
        { method: 'GET', path: '/api/status/503', status: 503, outcome: 'completed' },
        { method: 'GET', path: '/api/delay/abc', status: 400, outcome: 'completed' },
        { method: 'POST', path: '/api/status/200', status: 405, outcome: 'completed' },
      ],
    );
    assert.deepEqual(Object.keys(log[0]), ['id', 'method', 'path', 'start', 'end', 'duration', 'status', 'outcome']);
    for (let i = 1; i < log.length; i++) {
      assert.ok(log[i].id > log[i - 1].id);
    }
    for (const entry of log) {
      assert.ok(entry.start >= before && /** @type {number} */ (entry.end) <= after);
      assert.equal(entry.duration, /** @type {number} */ (entry.end) - entry.start);
    }
    assert.ok(/** @type {number} */ (log[0].duration) >= 90);
  });

  test('keeps only the newest entries (here logSize 5)', async () => {
    for (let i = 0; i < 8; i++) {
      await request(`/api/status/${200 + i}`);
    }
    const log = await readLog();
    assert.deepEqual(log.map((entry) => entry.path), [203, 204, 205, 206, 207].map((s) => `/api/status/${s}`));
  });

  test('DELETE clears it', async () => {
    await request('/api/status/200');
    assert.equal((await readLog()).length, 1);
    const res = await fetch(server.url('/api/log'), { method: 'DELETE' });
    assert.equal(res.status, 204);
    assert.equal(await res.text(), '');
    assert.deepEqual(await readLog(), []);
  });

  test('other methods are a 405 with Allow: GET, DELETE', async () => {
    const res = await fetch(server.url('/api/log'), { method: 'POST', body: '{}' });
    assert.equal(res.status, 405);
    assert.equal(res.headers.get('allow'), 'GET, DELETE');
    assert.ok((await res.json()).error);
  });

  test('lists a request still waiting as pending, without end', async () => {
    const controller = new AbortController();
    const pending = fetch(server.url('/api/delay/30'), { signal: controller.signal }).catch((error) => error);
    const entry = await waitFor(async () => (await readLog()).find((e) => e.path === '/api/delay/30'), 3000);
    assert.equal(entry.outcome, 'pending');
    assert.deepEqual(Object.keys(entry), ['id', 'method', 'path', 'start', 'outcome']);
    controller.abort();
    assert.equal((await pending).name, 'AbortError');
  });

  test('logs a request whose client went away as aborted by client', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const pending = fetch(server.url('/api/delay/5'), { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(pending, { name: 'AbortError' });

    const entry = await waitFor(async () => {
      const found = (await readLog()).find((e) => e.path === '/api/delay/5');
      return found?.outcome === 'aborted by client' ? found : undefined;
    }, 3000);
    assert.equal(entry.status, null);
    assert.ok(/** @type {number} */ (entry.duration) >= 50, `duration ${entry.duration}`);
    assert.ok(/** @type {number} */ (entry.duration) < 1000, `duration ${entry.duration}`);
    assert.ok(Date.now() - started < 3000);
  });
});
