// End-to-end test of the demo: the real local API server (server/main.mjs) serving the built
// demo (dist/demo/browser), driven in headless Chromium through playwright-core.
// Run by `npm test` through e2e/run.mjs, which builds the demo first.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import chrome from '../scripts/chrome.cjs';

const { CHROME_FLAGS, findChrome, NO_CHROME_MESSAGE } = chrome;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = join(root, 'e2e', 'artifacts');
/** The browser, found as karma.conf.js finds it (and started with the same flags). */
const CHROME = findChrome();

/** Starts `node server/main.mjs` on a free port; resolves with the child and the URL it prints. */
function startServer() {
  const child = spawn(process.execPath, [join(root, 'server', 'main.mjs')], {
    cwd: root,
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server printed no URL within 15 s:\n${output}`)), 15_000);
    const onData = (chunk) => {
      output += chunk;
      const match = /rxjs-taskgroup demo: (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1].replace(/\/?$/, '/'));
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', (chunk) => (output += chunk));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code ?? signal}) before printing its URL:\n${output}`));
    });
    child.once('error', reject);
  });
  return { child, url };
}

/** Calls `check` every 100 ms until it returns something truthy; fails after `ms`. */
async function poll(check, ms, what) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    last = await check();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('demo (built app on the local API server, headless Chromium)', () => {
  let server;
  let browser;
  let page;
  let baseUrl;
  const pageErrors = [];

  before(async () => {
    assert.ok(
      existsSync(join(root, 'dist', 'demo', 'browser', 'index.html')),
      'no demo build in dist/demo/browser: run `ng build demo` (or `npm run build`) first',
    );
    assert.ok(CHROME, NO_CHROME_MESSAGE);
    mkdirSync(artifacts, { recursive: true });
    const started = startServer();
    server = started.child;
    baseUrl = await started.url;
    browser = await chromium.launch({ executablePath: CHROME, args: CHROME_FLAGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(baseUrl);
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    if (server && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  });

  const card = (id) => page.locator(`[data-testid="card-${id}"]`);
  const lane = (id, label) => card(id).locator(`[data-testid="lane"][data-label="${label}"]`);
  const waitForEnd = (id, ms) =>
    card(id).locator('[data-testid="status"]:not([data-status="running"]):not([data-status="idle"])').waitFor({ timeout: ms });

  test('serves the playground: one card per scenario, each with a Run button', async () => {
    assert.equal(await page.locator('h1').textContent(), 'rxjs-taskgroup');
    const ids = await page.locator('[data-testid^="card-"]').evaluateAll((cards) => cards.map((c) => c.dataset.testid));
    assert.deepEqual(ids, [
      'card-basic',
      'card-fail-fast',
      'card-timeout',
      'card-gather',
      'card-nested',
      'card-http',
      'card-cleanup',
      'card-pitfall',
      'card-dashboard',
    ]);
    assert.equal(await page.getByRole('button', { name: 'Run' }).count(), 9);
  });

  test('HTTP scenario: /api/status/500 fails the group, /api/delay/10 is cancelled and aborted at the server', async () => {
    const started = Date.now();
    await card('http').getByRole('button', { name: 'Run' }).click();
    await waitForEnd('http', 15_000);

    // The UI: the group's error, and the two delayed requests cancelled.
    assert.equal(await card('http').locator('[data-testid="status"]').getAttribute('data-status'), 'failed');
    assert.equal(await lane('http', '/api/delay/10').getAttribute('data-state'), 'cancelled');
    assert.equal(await lane('http', '/api/delay/2').getAttribute('data-state'), 'cancelled');
    assert.equal(await lane('http', '/api/status/500').getAttribute('data-state'), 'failed');
    assert.match(await lane('http', '/api/delay/10').locator('[data-testid="lane-state"]').textContent(), /^cancelled \d+\.\d\d s$/);
    assert.equal(await card('http').locator('[data-testid="error-name"]').first().textContent(), 'TaskGroupError');
    const members = await card('http').locator('[data-testid="error-member"]').allTextContents();
    assert.equal(members.length, 1);
    assert.match(members[0], /HttpErrorResponse.*\/api\/status\/500.*500/);
    assert.ok(Date.now() - started < 8000, 'the group failed fast, long before /api/delay/10 would have answered');

    // The server: /api/delay/10 was aborted by the client, soon after it started.
    const entry = await poll(
      async () => {
        const log = await (await fetch(new URL('api/log', baseUrl))).json();
        return log.find((e) => e.path === '/api/delay/10' && e.outcome === 'aborted by client');
      },
      5000,
      'GET /api/log lists /api/delay/10 as aborted by client',
    );
    assert.ok(entry.duration < 2000, `aborted after ${entry.duration} ms, not after 10 s`);
    const log = await (await fetch(new URL('api/log', baseUrl))).json();
    assert.equal(log.find((e) => e.path === '/api/status/500')?.status, 500);
    assert.equal(log.find((e) => e.path === '/api/delay/2')?.outcome, 'aborted by client');

    // The card shows the server's log too.
    await card('http')
      .locator('[data-testid="server-log-row"][data-path="/api/delay/10"][data-outcome="aborted by client"]')
      .waitFor({ timeout: 5000 });
    await card('http').screenshot({ path: join(artifacts, 'http-scenario.png') });
  });

  test('every other scenario runs to its documented outcome', async () => {
    const expected = {
      basic: 'done',
      'fail-fast': 'done', // caught by catchTaskErrors
      timeout: 'done',
      gather: 'done',
      nested: 'done',
      cleanup: 'failed',
      pitfall: 'failed',
      dashboard: 'done',
    };
    for (const id of Object.keys(expected)) {
      await card(id).getByRole('button', { name: 'Run' }).click();
    }
    for (const id of Object.keys(expected)) {
      await waitForEnd(id, 15_000);
    }
    const statuses = {};
    for (const id of Object.keys(expected)) {
      statuses[id] = await card(id).locator('[data-testid="status"]').getAttribute('data-status');
    }
    assert.deepEqual(statuses, expected);

    assert.deepEqual(await card('basic').locator('[data-testid="result-item"]').allTextContents(), [
      'Worker A done in 2s',
      'Worker B done in 1s',
      'Worker C done in 3s',
    ]);
    assert.equal(await lane('fail-fast', 'A').getAttribute('data-state'), 'cancelled');
    assert.equal(await lane('cleanup', 'cleanup_worker').getAttribute('data-state'), 'cancelled');
    assert.equal(await card('pitfall').locator('[data-testid="error-name"]').textContent(), 'TaskStateError');
    assert.equal(await lane('dashboard', 'news').getAttribute('data-state'), 'failed');
    assert.equal(await lane('dashboard', 'tips').getAttribute('data-state'), 'timed out');
    assert.equal(await lane('dashboard', 'weather').getAttribute('data-state'), 'completed');
    // The widget that timed out was aborted at the server too.
    await card('dashboard')
      .locator('[data-testid="server-log-row"][data-path="/api/delay/5"][data-outcome="aborted by client"]')
      .waitFor({ timeout: 5000 });
    assert.deepEqual(pageErrors, []);

    await page.screenshot({ path: join(artifacts, 'playground.png'), fullPage: true });
    await page.evaluate('window.scrollTo(0, 0)'); // a string: it runs in the page
    await page.screenshot({ path: join(artifacts, 'playground-top.png') });
  });
});
