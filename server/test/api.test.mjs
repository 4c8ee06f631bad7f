// @ts-check
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MAX_URL_LENGTH } from '../request-path.mjs';
import { DEFAULT_SEARCH_SECONDS, searchTerms } from '../api.mjs';
import { rawRequest, startTestServer, waitFor } from '../test-support.mjs';

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
const get = (path, init) => fetch(server.url(path), init);

/**
 * Asserts a JSON error response and returns its message.
 * @param {Response} res
 * @param {number} status
 */
async function expectError(res, status) {
  assert.equal(res.status, status);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  const body = await res.json();
  assert.equal(typeof body.error, 'string');
  assert.ok(body.error.length > 0);
  return /** @type {string} */ (body.error);
}

describe('GET /api/delay/:seconds', () => {
  test('answers after the delay with the delay and the path', async () => {
    const started = performance.now();
    const res = await get('/api/delay/0.3');
    const elapsed = performance.now() - started;
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { delay: 0.3, path: '/api/delay/0.3' });
    assert.ok(elapsed >= 290, `answered after ${elapsed} ms`);
    assert.ok(elapsed < 1500, `answered after ${elapsed} ms`);
  });

  test('accepts whole seconds, zero and fractions', async () => {
    for (const [text, delay] of /** @type {const} */ ([['0', 0], ['.1', 0.1], ['0.05', 0.05]])) {
      const res = await get(`/api/delay/${text}`);
      assert.equal(res.status, 200, text);
      assert.deepEqual(await res.json(), { delay, path: `/api/delay/${text}` });
    }
  });

  test('sends JSON, Cache-Control: no-store and X-Content-Type-Options: nosniff', async () => {
    const res = await get('/api/delay/0');
    assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    await res.body?.cancel();
  });

  for (const bad of ['abc', '-1', 'NaN', 'Infinity', '-Infinity', '1e2', '0x10', '1.', '2s', ' 1', '', '%20']) {
    test(`answers 400 for the delay "${decodeURIComponent(bad)}"`, async () => {
      const message = await expectError(await get(`/api/delay/${bad}`), 400);
      assert.match(message, /number of seconds from 0 to 30/);
    });
  }

  test('answers 400 naming the limit for a delay over 30 s', async () => {
    for (const tooLong of ['31', '30.001', '99999999999999999999']) {
      const message = await expectError(await get(`/api/delay/${tooLong}`), 400);
      assert.match(message, /limit of 30 seconds/);
    }
  });

  test('answers 404 for extra path segments', async () => {
    await expectError(await get('/api/delay/1/2'), 404);
    await expectError(await get('/api/delay'), 404);
  });
});

describe('GET /api/search?q=text', () => {
  test('answers the text and the terms that contain it, after the delay', async () => {
    const started = performance.now();
    const res = await get('/api/search?q=MAP&delay=0.2');
    const elapsed = performance.now() - started;
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { q: 'MAP', hits: ['concatMap', 'exhaustMap', 'mergeMap', 'switchMap'] });
    assert.ok(elapsed >= 190 && elapsed < 1500, `answered after ${elapsed} ms`);
  });

  test(`takes ${DEFAULT_SEARCH_SECONDS} s unless told otherwise; no text gives the first 8 terms, an unknown one none`, async () => {
    const started = performance.now();
    assert.deepEqual((await (await get('/api/search')).json()).hits, searchTerms(''));
    assert.ok(performance.now() - started >= DEFAULT_SEARCH_SECONDS * 1000 - 10);
    assert.equal(searchTerms('').length, 8);
    assert.deepEqual(searchTerms('zzz'), []);
  });

  test('logs the text in the path, and a search the client abandons as aborted by client', async () => {
    const controller = new AbortController();
    const call = get('/api/search?q=sw&delay=5&run=search.1', { signal: controller.signal }).catch(() => 'aborted');
    await waitFor(async () => ((await (await get('/api/log?run=search.1')).json()).length === 1 ? true : undefined), 2000);
    controller.abort();
    assert.equal(await call, 'aborted');
    const entries = await waitFor(async () => {
      const log = await (await get('/api/log?run=search.1')).json();
      return log[0]?.outcome === 'pending' ? undefined : log;
    }, 2000);
    assert.deepEqual(
      entries.map((/** @type {any} */ e) => [e.method, e.path, e.outcome, e.status]),
      [['GET', '/api/search?q=sw&delay=5', 'aborted by client', null]],
    );
  });

  test('answers 400 for a text over 100 characters or a bad delay, 405 for another method', async () => {
    assert.match(await expectError(await get(`/api/search?q=${'x'.repeat(101)}`), 400), /at most 100 characters/);
    assert.match(await expectError(await get('/api/search?q=a&delay=abc'), 400), /number of seconds/);
    const post = await get('/api/search?q=a', { method: 'POST' });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('allow'), 'GET');
  });

  test('answers 404 for a path under it', async () => {
    await expectError(await get('/api/search/more'), 404);
  });
});

describe('GET /api/status/:code', () => {
  for (const status of [200, 201, 299, 400, 404, 418, 500, 503, 599]) {
    test(`answers ${status} with { status: ${status} }`, async () => {
      const res = await get(`/api/status/${status}`, { redirect: 'manual' });
      assert.equal(res.status, status);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.deepEqual(await res.json(), { status });
    });
  }

  test('answers redirects without following anything', async () => {
    const res = await get('/api/status/302', { redirect: 'manual' });
    assert.equal(res.status, 302);
    assert.deepEqual(await res.json(), { status: 302 });
  });

  for (const status of [204, 205, 304]) {
    test(`answers ${status} without a body`, async () => {
      const res = await rawRequest(server.port, `/api/status/${status}`);
      assert.equal(res.status, status);
      assert.equal(res.body, '');
      assert.equal(res.headers['content-type'], undefined);
      assert.equal(res.headers['cache-control'], 'no-store');
    });
  }

  for (const bad of ['99', '100', '199', '600', '1000', '2.5', '200.0', 'abc', '-200', '2e2', '0200', '']) {
    test(`answers 400 for the status "${bad}"`, async () => {
      const message = await expectError(await get(`/api/status/${bad}`), 400);
      assert.match(message, /integer from 200 to 599/);
    });
  }
});

describe('bad requests', () => {
  test('an unknown /api path is a 404 listing the routes', async () => {
    for (const path of ['/api', '/api/', '/api/nope', '/api/log/extra', '/api/delay2/1', '/api/status']) {
      const message = await expectError(await get(path), 404);
      assert.match(message, /GET \/api\/delay\/:seconds/, path);
    }
  });

  test('another method than GET is a 405 with Allow', async () => {
    for (const [method, path] of [['POST', '/api/delay/0'], ['PUT', '/api/status/200'], ['DELETE', '/api/delay/0'], ['PATCH', '/api/status/500']]) {
      const res = await get(path, { method });
      await expectError(res, 405);
      assert.equal(res.headers.get('allow'), 'GET', `${method} ${path}`);
    }
  });

  test('HEAD on an API route is a 405 too', async () => {
    const res = await get('/api/status/200', { method: 'HEAD' });
    assert.equal(res.status, 405);
    assert.equal(res.headers.get('allow'), 'GET');
  });

  test('malformed percent-encoding is a 400', async () => {
    for (const path of ['/api/delay/%E0%A4%A', '/api/status/%zz', '/%', '/index%2.html']) {
      const message = await expectError(await rawRequest(server.port, path).then(toResponse), 400);
      assert.match(message, /percent-encoding/, path);
    }
  });

  test('dot segments and encoded slashes are a 400, under /api too', async () => {
    for (const path of ['/api/../api/log', '/api/%2e%2e/log', '/api/delay/..%2f1', '/api/./log', '/api/delay/1%5c']) {
      const res = await rawRequest(server.port, path);
      assert.equal(res.status, 400, path);
      assert.ok(JSON.parse(res.body).error, path);
    }
  });

  test(`a URL over ${MAX_URL_LENGTH} characters is a 414`, async () => {
    const message = await expectError(await get(`/api/delay/${'1'.repeat(MAX_URL_LENGTH)}`), 414);
    assert.match(message, /longer than 2048/);
    assert.equal((await get(`/api/status/200?${'x'.repeat(MAX_URL_LENGTH - 20)}`)).status, 200);
  });

  test('a request Node cannot parse (headers over 16 KB) gets a JSON error', async () => {
    const res = await rawRequest(server.port, `/api/delay/${'1'.repeat(20_000)}`);
    assert.equal(res.status, 431);
    assert.ok(JSON.parse(res.body).error);
  });

  test('a request target that is not a path is a 400', async () => {
    const res = await rawRequest(server.port, '*', { method: 'OPTIONS' });
    assert.equal(res.status, 400);
    assert.ok(JSON.parse(res.body).error);
  });

  test('the server still answers after all of that', async () => {
    const res = await get('/api/status/200');
    assert.equal(res.status, 200);
    await res.body?.cancel();
  });
});

/**
 * A raw response as a fetch Response, to reuse expectError.
 * @param {{ status: number, headers: import('node:http').IncomingHttpHeaders, body: string }} raw
 */
function toResponse(raw) {
  return new Response(raw.body, {
    status: raw.status,
    headers: { 'content-type': String(raw.headers['content-type'] ?? '') },
  });
}
