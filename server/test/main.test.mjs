// @ts-check
// server/main.mjs as `npm run serve` runs it: the printed URL, the environment, the signals.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';

const MAIN = fileURLToPath(new URL('../main.mjs', import.meta.url));
const LINE = /^rxjs-taskgroup demo: (http:\/\/127\.0\.0\.1:(\d+)\/)$/m;

/**
 * Runs main.mjs with `env` added to the environment.
 * @param {Record<string, string>} env
 */
function runMain(env) {
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const exited = once(child, 'exit').then(([code, signal]) => ({ code, signal, stdout, stderr }));
  /** Resolves with the URL printed at start. */
  const started = new Promise((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = LINE.exec(stdout);
      if (match) {
        resolve(match[1]);
      }
    });
    exited.then((result) => reject(new Error(`exited before printing its URL: ${JSON.stringify(result)}`)));
  });
  started.catch(() => {}); // awaited only by the tests that expect a start
  return { child, started, exited };
}

describe('server/main.mjs', () => {
  /** @type {string} */
  let build;
  before(async () => {
    build = await mkdtemp(join(tmpdir(), 'rxjs-taskgroup-main-'));
    await writeFile(join(build, 'index.html'), '<p>built</p>');
  });
  after(() => rm(build, { recursive: true, force: true }));

  test('prints its URL, serves STATIC_DIR and the API, and closes gracefully on SIGTERM', async () => {
    const { child, started, exited } = runMain({ PORT: '0', STATIC_DIR: build });
    try {
      const url = /** @type {string} */ (await started);
      assert.equal(await (await fetch(url)).text(), '<p>built</p>');
      assert.deepEqual(await (await fetch(`${url}api/status/500`)).json(), { status: 500 });

      const pending = fetch(`${url}api/delay/10`).catch((error) => error);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const signalled = Date.now();
      child.kill('SIGTERM');
      const result = await exited;
      assert.equal(result.code, 0, result.stderr);
      assert.ok(Date.now() - signalled < 3000, 'the pending request did not hold the server open');
      assert.ok((await pending) instanceof Error, 'the pending request was cut');
      assert.equal(result.stdout.trim().split('\n').length, 1, 'one line on stdout');
    } finally {
      child.kill('SIGKILL');
    }
  });

  test('says to build when the build folder is missing, and still starts', async () => {
    const { child, started, exited } = runMain({ PORT: '0', STATIC_DIR: join(build, 'missing') });
    try {
      const url = /** @type {string} */ (await started);
      assert.equal((await fetch(url)).status, 503);
      child.kill('SIGINT');
      const result = await exited;
      assert.equal(result.code, 0);
      assert.match(result.stderr, /npm run build/);
    } finally {
      child.kill('SIGKILL');
    }
  });

  test('refuses a PORT that is not a port number', async () => {
    for (const port of ['abc', '-1', '65536', '80.5']) {
      const result = await runMain({ PORT: port }).exited;
      assert.equal(result.code, 2, port);
      assert.match(result.stderr, /PORT must be an integer from 0 to 65535/);
    }
  });

  test('explains a port already in use', async () => {
    const first = runMain({ PORT: '0', STATIC_DIR: build });
    try {
      const port = new URL(/** @type {string} */ (await first.started)).port;
      const second = await runMain({ PORT: port, STATIC_DIR: build }).exited;
      assert.equal(second.code, 1);
      assert.match(second.stderr, new RegExp(`Port ${port} is already in use`));
    } finally {
      first.child.kill('SIGKILL');
    }
  });
});
