// @ts-check
// The routes the demo's cards need beyond delays and statuses: a delayed failure, a cleanup
// endpoint, and run ids that give each card a log of its own requests.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_CLEANUP_SECONDS } from '../api.mjs';
import { RequestLog } from '../request-log.mjs';
import { startTestServer, waitFor } from '../test-support.mjs';

/** @typedef {import('../request-log.mjs').LogEntry} LogEntry */

/** @type {Awaited<ReturnType<typeof startTestServer>>} */
let server;
before(async () => {
  server = await startTestServer({ staticDir: '/nonexistent-build-folder' });
});
after(() => server.close());

/**
 * @param {string} path
 * @param {RequestInit} [init]
 */
async function request(path, init) {
  const started = performance.now();
  const res = await fetch(server.url(path), init);
  const body = res.status === 204 ? null : await res.json();
  return { res, body, elapsed: performance.now() - started };
}

/**
 * @param {string} [run]
 * @returns {Promise<LogEntry[]>}
 */
async function readLog(run) {
  const { res, body } = await request(run === undefined ? '/api/log' : `/api/log?run=${run}`);
  assert.equal(res.status, 200);
  return body;
}

describe('GET /api/delay/:seconds?status=NNN', () => {
  test('answers with that status after the delay: a failure that takes time', async () => {
    const { res, body, elapsed } = await request('/api/delay/0.3?status=500');
    assert.equal(res.status, 500);
    assert.deepEqual(body, { delay: 0.3, path: '/api/delay/0.3', status: 500 });
    assert.ok(elapsed >= 290, `answered after ${elapsed} ms`);
  });

  test('refuses a bad status with a 400', async () => {
    for (const bad of ['abc', '99', '600', '']) {
      const { res, body } = await request(`/api/delay/0?status=${bad}`);
      assert.equal(res.status, 400, bad);
      assert.match(body.error, /integer from 200 to 599/);
    }
  });
});

describe('POST /api/cleanup/:name', () => {
  test(`answers { cleaned, status } after ${DEFAULT_CLEANUP_SECONDS} s by default`, async () => {
    const { res, body, elapsed } = await request('/api/cleanup/cart', { method: 'POST', body: '{"items":3}' });
    assert.equal(res.status, 200);
    assert.deepEqual(body, { cleaned: 'cart', status: 200 });
    assert.ok(elapsed >= DEFAULT_CLEANUP_SECONDS * 1000 - 10, `answered after ${elapsed} ms`);
  });

  test('takes ?delay and ?status: a cleanup that fails', async () => {
    const { res, body, elapsed } = await request('/api/cleanup/upload?delay=0.05&status=503', { method: 'POST' });
    assert.equal(res.status, 503);
    assert.deepEqual(body, { cleaned: 'upload', status: 503 });
    assert.ok(elapsed < DEFAULT_CLEANUP_SECONDS * 1000, `answered after ${elapsed} ms`);
  });

  test('only POST, with Allow: POST', async () => {
    const { res } = await request('/api/cleanup/cart');
    assert.equal(res.status, 405);
    assert.equal(res.headers.get('allow'), 'POST');
  });

  test('refuses a bad name, delay or status with a 400', async () => {
    for (const path of ['/api/cleanup/a%20b', `/api/cleanup/${'x'.repeat(41)}`, '/api/cleanup/a?delay=31', '/api/cleanup/a?status=1']) {
      const { res } = await request(path, { method: 'POST' });
      assert.equal(res.status, 400, path);
    }
  });
});

describe('run ids (?run=)', () => {
  test('the log records the run id and shows the path without it', async () => {
    await request('/api/status/200?run=card-a.1');
    await request('/api/delay/0?status=201&run=card-a.1');
    await request('/api/cleanup/x?delay=0&run=card-a.1', { method: 'POST' });
    const log = await readLog('card-a.1');
    assert.deepEqual(
      log.map(({ method, path, run, status }) => ({ method, path, run, status })),
      [
        { method: 'GET', path: '/api/status/200', run: 'card-a.1', status: 200 },
        { method: 'GET', path: '/api/delay/0?status=201', run: 'card-a.1', status: 201 },
        { method: 'POST', path: '/api/cleanup/x?delay=0', run: 'card-a.1', status: 200 },
      ],
    );
    assert.deepEqual(Object.keys(log[0]), ['id', 'method', 'path', 'run', 'start', 'end', 'duration', 'status', 'outcome']);
  });

  test('GET /api/log?run=id lists only that run: two cards running at once do not mix', async () => {
    const a = request('/api/delay/0.2?run=left');
    const b = request('/api/delay/0.1?run=right');
    await request('/api/status/404?run=right');
    await Promise.all([a, b]);
    assert.deepEqual((await readLog('left')).map((e) => e.path), ['/api/delay/0.2']);
    assert.deepEqual((await readLog('right')).map((e) => e.path), ['/api/delay/0.1', '/api/status/404']);
    assert.deepEqual(await readLog('nobody'), []);
    const all = await readLog();
    assert.ok(all.some((e) => e.run === 'left') && all.some((e) => e.run === 'right'));
  });

  test('an aborted request keeps its run id', async () => {
    const controller = new AbortController();
    const pending = fetch(server.url('/api/delay/5?run=aborting'), { signal: controller.signal }).catch((error) => error);
    await waitFor(async () => ((await readLog('aborting')).length ? true : undefined), 3000);
    controller.abort();
    assert.equal((await pending).name, 'AbortError');
    const entry = await waitFor(async () => {
      const [found] = await readLog('aborting');
      return found?.outcome === 'aborted by client' ? found : undefined;
    }, 3000);
    assert.equal(entry.run, 'aborting');
    assert.equal(entry.status, null);
  });

  test('a malformed run id is a 400, and nothing is logged', async () => {
    for (const bad of ['', 'a b', 'x'.repeat(65), '<script>']) {
      const { res, body } = await request(`/api/status/200?run=${encodeURIComponent(bad)}`);
      assert.equal(res.status, 400, bad);
      assert.match(body.error, /run id/);
    }
    assert.ok(!(await readLog()).some((e) => e.path === '/api/status/200' && e.status === 400));
  });

  test('RequestLog.entries(run) filters; entries without a run have no run field', () => {
    const log = new RequestLog(4);
    log.start('GET', '/a', 0, 'r1');
    log.start('GET', '/b', 0);
    log.start('GET', '/c', 0, 'r2');
    assert.deepEqual(log.entries('r1').map((e) => e.path), ['/a']);
    assert.deepEqual(log.entries().map((e) => e.path), ['/a', '/b', '/c']);
    assert.equal('run' in log.entries()[1], false);
  });
});
