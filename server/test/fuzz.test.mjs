// @ts-check
// A request fuzz test: seeded random paths made of traversal attempts, odd encodings, unicode,
// huge and malformed numbers. The server must answer every one (never crash, never 5xx), and
// never serve the file that sits outside the build folder. Bounded: a fixed number of requests,
// to 127.0.0.1 only.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { rawRequest, startTestServer } from '../test-support.mjs';

const REQUESTS = 600;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const SECRET = 'secret-outside-the-build-folder';

/** mulberry32: a small seeded PRNG, so a failure can be replayed with FUZZ_SEED. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const SEGMENTS = [
  '..', '.', '%2e%2e', '%2E%2e', '%252e%252e', '..%2f', '..%5c', '%c0%ae%c0%ae', '..\\', '\\..',
  'secret.txt', 'outside', 'index.html', 'assets', '%00', '%zz', '%', 'é', '日本', '%F0%9F%98%80', '😀',
  '', 'api', 'log', 'delay', 'status', 'a'.repeat(300), '%2f', ';', '?x=1', '#frag', '*',
];
const NUMBERS = [
  '1e308', '99999999999999999999', '-1', '-0', 'NaN', 'Infinity', '0x10', '１', '0.01', '1e3',
  '30.000001', '31', '600', '200.5', '099', '', ' 1', '1%20', '%31', '1/2', '0', '5e-3',
];

/** Ways to say "the folder above", plain and encoded. */
const TRAVERSALS = ['..', '%2e%2e', '%2E%2E', '.%2e', '%2e.', '%252e%252e', '..%2f', '..%5c', '..\\', '%c0%ae%c0%ae', '....'];
/** Files outside the build folder, seen from it. */
const TARGETS = ['secret.txt', 'outside/secret.txt', 'outside%2fsecret.txt'];

function randomPath(random) {
  const pick = list => list[Math.floor(random() * list.length)];
  const kind = random();
  if (kind < 0.2) return `/api/delay/${pick(NUMBERS)}`;
  if (kind < 0.3) return `/api/status/${pick(NUMBERS)}`;
  if (kind < 0.7) {
    // Traversal-shaped: [a real folder] + one to three steps up + a file outside.
    const steps = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(TRAVERSALS));
    const start = random() < 0.3 ? ['assets'] : [];
    return `/${[...start, ...steps, pick(TARGETS)].join(random() < 0.8 ? '/' : pick(['%2f', '\\', '//']))}`;
  }
  const length = 1 + Math.floor(random() * 6);
  const segments = Array.from({ length }, () => pick(SEGMENTS));
  if (random() < 0.3) segments.unshift('api');
  return `/${segments.join('/')}`;
}

let parent = '';
/** @type {Awaited<ReturnType<typeof startTestServer>>} */
let server;

before(async () => {
  parent = await mkdtemp(join(tmpdir(), 'rxjs-taskgroup-fuzz-'));
  const build = join(parent, 'build');
  await mkdir(join(build, 'assets'), { recursive: true });
  await writeFile(join(build, 'index.html'), '<!doctype html><title>demo</title>');
  await writeFile(join(build, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(parent, 'secret.txt'), SECRET);
  await mkdir(join(parent, 'outside'));
  await writeFile(join(parent, 'outside', 'secret.txt'), SECRET);
  server = await startTestServer({ staticDir: build });
});

after(async () => {
  await server?.close();
  await rm(parent, { recursive: true, force: true });
});

test(`answers ${REQUESTS} random requests without a crash, a 5xx or a file from outside (seed ${SEED})`, async () => {
  const random = prng(SEED);
  for (let i = 0; i < REQUESTS; i++) {
    const path = randomPath(random);
    const headers = random() < 0.5 ? { accept: 'text/html' } : {};
    const { status, body } = await rawRequest(server.port, sendable(path), { headers });
    const where = `request ${i} ${JSON.stringify(path)} (FUZZ_SEED=${SEED})`;
    assert.ok(status >= 200 && status < 500, `${where} answered ${status}`);
    assert.ok(!body.includes(SECRET), `${where} served a file from outside the build folder`);
    if (status >= 400) assert.doesNotThrow(() => JSON.parse(body), `${where}: a ${status} without a JSON body`);
  }
  const alive = await rawRequest(server.port, '/api/status/204');
  assert.equal(alive.status, 204, 'the server still answers after the fuzzing');
});

/** Node's client refuses spaces, control characters and code points above U+00FF: encode just those. */
function sendable(path) {
  return path.replace(/[^\u0021-\u00ff]/gu, c => encodeURIComponent(c));
}
