// Shared by the end-to-end tests (e2e/*.e2e.test.mjs): the local API server serving the built
// demo (dist/demo/browser) on a free port, how to stop it, and a test file's server and browser.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import chrome from '../scripts/chrome.cjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Where the tests put their screenshots and traces (git-ignored). */
export const artifacts = join(root, 'e2e', 'artifacts');

/** Starts `node server/main.mjs` on a free port; resolves with the child and the URL it prints. */
export function startServer() {
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

/** SIGTERM, then SIGKILL after 5 s; resolves once the server has exited. */
export async function stopServer(server) {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/**
 * For a test file: before its tests, the server on the built demo and headless Chromium (found
 * and flagged as karma.conf.js does); after them, both stopped. Returns the two, readable once the
 * tests run: `const demo = demoInBrowser(); … demo.browser.newPage() … demo.baseUrl`.
 */
export function demoInBrowser() {
  const demo = { browser: undefined, baseUrl: undefined };
  let server;
  before(async () => {
    assert.ok(
      existsSync(join(root, 'dist', 'demo', 'browser', 'index.html')),
      'no demo build in dist/demo/browser: run `ng build demo` (or `npm run build`) first',
    );
    const executablePath = chrome.findChrome();
    assert.ok(executablePath, chrome.NO_CHROME_MESSAGE);
    mkdirSync(artifacts, { recursive: true });
    const started = startServer();
    server = started.child;
    demo.baseUrl = await started.url;
    demo.browser = await chromium.launch({ executablePath, args: chrome.CHROME_FLAGS });
  });
  after(async () => {
    await demo.browser?.close().catch(() => undefined);
    await stopServer(server);
  });
  return demo;
}
