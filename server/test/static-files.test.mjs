// @ts-check
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_STATIC_DIR } from '../server.mjs';
import { rawRequest, startTestServer } from '../test-support.mjs';

const INDEX = '<!doctype html><title>demo</title><app-root></app-root>';
const SECRET = '{ "name": "outside the build folder" }';
const HTML = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

/** Files of the fake build, with the content type each must be served with. */
const ASSETS = {
  'main-ABC123.js': ['console.log(1);', 'text/javascript; charset=utf-8'],
  'styles-XYZ.css': ['body { margin: 0 }', 'text/css; charset=utf-8'],
  'media/logo.svg': ['<svg xmlns="http://www.w3.org/2000/svg"/>', 'image/svg+xml'],
  'media/logo.png': ['\x89PNG', 'image/png'],
  'favicon.ico': ['ico', 'image/x-icon'],
  'data.json': ['{"a":1}', 'application/json; charset=utf-8'],
  '3rdpartylicenses.txt': ['MIT', 'text/plain; charset=utf-8'],
  'main-ABC123.js.map': ['{"version":3}', 'application/json; charset=utf-8'],
  'blob.bin': ['xx', 'application/octet-stream'],
};

/** @type {string} */
let parent;
/** @type {Awaited<ReturnType<typeof startTestServer>>} */
let server;

before(async () => {
  parent = await mkdtemp(join(tmpdir(), 'rxjs-taskgroup-static-'));
  const build = join(parent, 'build');
  await mkdir(join(build, 'media'), { recursive: true });
  await mkdir(join(parent, 'build-sibling'));
  await writeFile(join(parent, 'package.json'), SECRET);
  await writeFile(join(parent, 'build-sibling', 'secret.txt'), SECRET);
  await writeFile(join(build, 'index.html'), INDEX);
  for (const [file, [content]] of Object.entries(ASSETS)) {
    await writeFile(join(build, file), content);
  }
  await symlink(join(parent, 'package.json'), join(build, 'escape.json'));
  await symlink(parent, join(build, 'outside'));
  await symlink(join(parent, 'build-sibling', 'secret.txt'), join(build, 'sibling.txt'));
  await symlink(join(build, 'data.json'), join(build, 'inside-link.json'));
  server = await startTestServer({ staticDir: build });
});

after(async () => {
  await server?.close();
  await rm(parent, { recursive: true, force: true });
});

/**
 * @param {string} path
 * @param {RequestInit} [init]
 */
const get = (path, init) => fetch(server.url(path), init);

describe('static files', () => {
  test('the default folder is dist/demo/browser in the repository', () => {
    assert.ok(DEFAULT_STATIC_DIR.endsWith(['', 'dist', 'demo', 'browser'].join(sep)));
  });

  test('/ is index.html', async () => {
    const res = await get('/');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(await res.text(), INDEX);
    assert.equal(await (await get('/index.html')).text(), INDEX);
  });

  for (const [file, [content, type]] of Object.entries(ASSETS)) {
    test(`serves ${file} as ${type}`, async () => {
      const res = await get(`/${file}`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), type);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(Buffer.from(await res.arrayBuffer()).toString('latin1'), Buffer.from(content).toString('latin1'));
    });
  }

  test('decodes percent-encoded names and ignores the query', async () => {
    assert.equal(await (await get('/%64ata.json?v=2')).text(), '{"a":1}');
  });

  test('HEAD sends the headers only', async () => {
    const res = await rawRequest(server.port, '/main-ABC123.js', { method: 'HEAD' });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-length'], String('console.log(1);'.length));
    assert.equal(res.body, '');
  });

  test('a client-side route gets index.html when the browser asks for HTML (SPA fallback)', async () => {
    for (const path of ['/some/route', '/examples/first', '/media']) {
      const res = await get(path, { headers: HTML });
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.equal(await res.text(), INDEX);
    }
  });

  test('no SPA fallback without Accept: text/html, nor for HEAD', async () => {
    const res = await get('/some/route');
    assert.equal(res.status, 404);
    assert.ok((await res.json()).error);
    assert.equal((await get('/some/route', { method: 'HEAD', headers: HTML })).status, 404);
  });

  test('a missing asset is a 404 in JSON, even for a browser', async () => {
    for (const path of ['/missing.js', '/media/missing.png', '/chunk-NOPE.js.map']) {
      const res = await get(path, { headers: HTML });
      assert.equal(res.status, 404, path);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      assert.match((await res.json()).error, /Not found/);
    }
  });

  test('other methods than GET and HEAD are a 405 with Allow', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const res = await get('/', { method });
      assert.equal(res.status, 405);
      assert.equal(res.headers.get('allow'), 'GET, HEAD');
      assert.ok((await res.json()).error);
    }
  });

  for (const path of [
    '/../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E/package.json',
    '/.%2e/package.json',
    '/media/../../package.json',
    '/assets/..%2f..%2fpackage.json',
    '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
    '/..%5cpackage.json',
    '/..\\package.json',
    '/%2fetc%2fpasswd',
    '//etc/passwd',
    '/index.html%00.js',
  ]) {
    test(`never serves outside the folder: ${path}`, async () => {
      const res = await rawRequest(server.port, path, { headers: HTML });
      assert.ok(!res.body.includes('outside the build folder'), path);
      assert.ok(!res.body.includes('root:'), path);
      if (res.status === 200) {
        assert.equal(res.body, INDEX, path); // `//etc/passwd` is the route /etc/passwd inside
      } else {
        assert.ok([400, 404].includes(res.status), `${path}: ${res.status}`);
        assert.ok(JSON.parse(res.body).error, path);
      }
    });
  }

  test('never follows a symlink out of the folder', async () => {
    for (const path of ['/escape.json', '/outside/package.json', '/outside/build-sibling/secret.txt', '/sibling.txt']) {
      const res = await rawRequest(server.port, path, { headers: HTML });
      assert.equal(res.status, 404, path);
      assert.ok(!res.body.includes('outside the build folder'), path);
    }
  });

  test('follows a symlink that stays inside', async () => {
    assert.equal(await (await get('/inside-link.json')).text(), '{"a":1}');
  });
});

describe('without a build', () => {
  /** @type {string} */
  let empty;
  /** @type {Awaited<ReturnType<typeof startTestServer>>} */
  let bare;
  before(async () => {
    empty = await mkdtemp(join(tmpdir(), 'rxjs-taskgroup-nobuild-'));
    bare = await startTestServer({ staticDir: join(empty, 'dist') });
  });
  after(async () => {
    await bare?.close();
    await rm(empty, { recursive: true, force: true });
  });

  test('/ is a 503 saying to run npm run build', async () => {
    const res = await fetch(bare.url('/'));
    assert.equal(res.status, 503);
    assert.match(await res.text(), /run `npm run build`/);
  });

  test('an asset is a 503 in JSON; the API still works', async () => {
    const res = await fetch(bare.url('/main.js'));
    assert.equal(res.status, 503);
    assert.match((await res.json()).error, /npm run build/);
    assert.deepEqual(await (await fetch(bare.url('/api/status/201'))).json(), { status: 201 });
  });

  test('serves the build as soon as it appears', async () => {
    await mkdir(join(empty, 'dist'));
    assert.equal((await fetch(bare.url('/'))).status, 503); // a folder without index.html
    await writeFile(join(empty, 'dist', 'index.html'), INDEX);
    const res = await fetch(bare.url('/'));
    assert.equal(res.status, 200);
    assert.equal(await res.text(), INDEX);
  });
});
