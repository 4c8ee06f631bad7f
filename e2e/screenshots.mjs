#!/usr/bin/env node
// Screenshots of the built demo for a human to look at (and docs/demo.png): starts the local
// server on a free port, runs cards in headless Chromium at 1280 px and 390 px, and writes PNGs
// to e2e/artifacts/ (ignored by git). `--hero` also writes docs/demo.png: the forkJoin card
// mid-run at 1280 px, with "aborted by client" in its server log. `--devtools-card` also writes
// docs/devtools-card.png: the DevTools card after a run at 1280 px, cropped to the card.
// `--devtools-panel` also writes docs/devtools-panel.png: DevTools' own Performance panel (the front
// end bundled with Chromium) at 1280 px with a trace recorded while the card ran, cut to the run
// (e2e/devtools-trace.mjs; the trace in e2e/artifacts/devtools-trace-run.json): the card's group of
// custom tracks expanded, the failed `reviews` selected and its properties in the Summary.
// Usage: npm run build && node e2e/screenshots.mjs [--hero] [--devtools-card] [--devtools-panel]
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import chrome from '../scripts/chrome.cjs';
import { openInPerformancePanel, recordCardTrace, showCustomTracks, trimTraceToRun } from './devtools-trace.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'e2e', 'artifacts');
mkdirSync(out, { recursive: true });

const server = spawn(process.execPath, [join(root, 'server', 'main.mjs')], { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((resolve, reject) => {
  let text = '';
  server.stdout.setEncoding('utf8').on('data', (chunk) => {
    text += chunk;
    const match = /demo: (http:\/\/\S+)/.exec(text);
    if (match) resolve(match[1]);
  });
  server.once('exit', () => reject(new Error(`server exited: ${text}`)));
});

const browser = await chromium.launch({ executablePath: chrome.findChrome(), args: chrome.CHROME_FLAGS });
try {
  if (process.argv.includes('--hero')) {
    // The README's hero: the top of the page at 1280 px, the forkJoin card mid-run — forkJoin has
    // failed, the group still waits for its cleanups — with "aborted by client" in its log.
    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    await page.goto(base);
    await page.addStyleTag({ content: '.legend-bar { position: static !important; }' });
    const card = page.locator('[data-testid="card-forkjoin"]');
    await card.getByRole('button', { name: 'Run' }).click();
    await card.locator('[data-testid="server-log-row"][data-outcome="aborted by client"]').first().waitFor({ timeout: 10_000 });
    await card.locator('[data-testid="server-log-row"][data-path^="/api/cleanup/upload"][data-outcome="completed"]').first().waitFor({ timeout: 10_000 });
    const status = await card.locator('[data-testid="status"]').getAttribute('data-status');
    const box = await card.boundingBox();
    await page.screenshot({ path: join(root, 'docs', 'demo.png'), clip: { x: 0, y: 0, width: 1280, height: Math.min(1400, Math.ceil(box.y + box.height + 16)) } });
    console.log(`hero: docs/demo.png, card status ${status} when taken`);
    await page.close();
  }
  if (process.argv.includes('--devtools-card')) {
    // The README's tracing section: the DevTools card after a run, its table of the entries written.
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(base);
    await page.addStyleTag({ content: '.legend-bar { position: static !important; }' });
    const card = page.locator('[data-testid="card-devtools"]');
    await card.getByRole('button', { name: 'Run', exact: true }).click();
    await card.locator('[data-testid="status"][data-status="done"]').waitFor({ timeout: 10_000 });
    await card.screenshot({ path: join(root, 'docs', 'devtools-card.png') });
    console.log(`devtools card: docs/devtools-card.png, ${await card.locator('[data-testid="entry"]').count()} entries`);
    await page.close();
  }
  if (process.argv.includes('--devtools-panel')) {
    // The README's tracing section: what the card's entries look like where they are meant to be read.
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const trace = trimTraceToRun(JSON.parse((await recordCardTrace(browser, page, base)).toString('utf8')));
    writeFileSync(join(out, 'devtools-trace-run.json'), JSON.stringify(trace));
    await page.close();
    const panel = await openInPerformancePanel(browser, trace, { viewport: { width: 1280, height: 620 } });
    const tracks = await showCustomTracks(panel, { select: 'reviews' });
    await panel.getByText('HttpErrorResponse: Http failure response for').waitFor({ timeout: 5000 });
    await panel.screenshot({ path: join(root, 'docs', 'devtools-panel.png') });
    console.log(`devtools panel: docs/devtools-panel.png, tracks ${tracks.join(' > ')}`);
    await panel.close();
  }
  for (const width of [1280, 390]) {
    const page = await browser.newPage({ viewport: { width, height: width === 390 ? 844 : 800 } });
    page.on('pageerror', (error) => console.error(`[${width}] page error: ${error.message}`));
    await page.goto(base);
    const card = (id) => page.locator(`[data-testid="card-${id}"]`);
    // On load, as a visitor sees it: the first card's Run button above the fold.
    await page.screenshot({ path: join(out, `top-${width}.png`) });
    // The legend is sticky: in a card's screenshot it would be painted over the card wherever
    // the page was scrolled to; static while the cards are shot (it is shot sticky at the end).
    const staticLegend = await page.addStyleTag({ content: '.legend-bar { position: static !important; }' });
    await card('forkjoin').getByRole('button', { name: 'Run' }).click();
    await card('concurrency').getByRole('button', { name: 'Run' }).click();
    await card('search').getByRole('button', { name: 'Run' }).click();
    // The search stopped at 1 s: its tree (tg.snapshot()) shows the shielded audit it waits for.
    const searchTree = card('search').locator('[data-testid="task-tree-text"]');
    await searchTree.filter({ hasText: /shutting down.*audit: running, shielded/ }).waitFor({ timeout: 5000 });
    await searchTree.screenshot({ path: join(out, `search-tree-mid-${width}.png`) });
    // Mid-run: the forkJoin side has failed, the group waits for its cleanups.
    await card('forkjoin').locator('[data-testid="server-log-row"][data-outcome="aborted by client"]').first().waitFor({ timeout: 10_000 });
    await card('forkjoin').screenshot({ path: join(out, `forkjoin-mid-${width}.png`) });
    for (const id of ['forkjoin', 'concurrency', 'search']) {
      await card(id).locator('[data-testid="status"]:not([data-status="running"])').waitFor({ timeout: 15_000 });
    }
    await page.waitForTimeout(1800); // the server logs' last polls
    for (const id of ['forkjoin', 'concurrency', 'search']) {
      await card(id).screenshot({ path: join(out, `${id}-${width}.png`) });
    }
    await card('destroyed').getByRole('button', { name: 'Open the profile panel' }).click();
    await page.waitForTimeout(1000);
    await card('destroyed').screenshot({ path: join(out, `destroyed-mid-${width}.png`) });
    await card('destroyed').getByRole('button', { name: /Close the panel/ }).click();
    await page.waitForTimeout(1800);
    await card('destroyed').screenshot({ path: join(out, `destroyed-${width}.png`) });
    // Keyed runs: typing fast, the last search running (the others cancelled), then done.
    const typeAhead = card('type-ahead').getByLabel('Search the words of structured concurrency');
    await typeAhead.pressSequentially('switchMap', { delay: 60 });
    await card('type-ahead').locator('[data-testid="server-log-row"][data-outcome="aborted by client"]').nth(7).waitFor({ timeout: 5000 });
    await card('type-ahead').screenshot({ path: join(out, `type-ahead-mid-${width}.png`) });
    await card('type-ahead').locator('[data-testid="search-status"]', { hasText: '“switchMap”' }).waitFor({ timeout: 5000 });
    await page.waitForTimeout(1800);
    await card('type-ahead').screenshot({ path: join(out, `type-ahead-${width}.png`) });
    // tg.start(): mid-run (the stream ready, the calls out), done, and the stream failing before ready.
    const tree = (id) => card(id).locator('[data-testid="task-tree-text"]');
    await card('start').getByRole('button', { name: 'Run' }).click();
    await tree('start').filter({ hasText: '#1 orders: running' }).waitFor({ timeout: 5000 });
    await card('start').screenshot({ path: join(out, `start-mid-${width}.png`) });
    await card('start').locator('[data-testid="status"]:not([data-status="running"])').waitFor({ timeout: 15_000 });
    await page.waitForTimeout(1800);
    await card('start').screenshot({ path: join(out, `start-${width}.png`) });
    await card('start').locator('[data-testid="variant"]').check();
    await card('start').getByRole('button', { name: 'Run' }).click();
    await card('start').locator('[data-testid="status"]:not([data-status="running"])').waitFor({ timeout: 15_000 });
    await page.waitForTimeout(1800);
    await card('start').screenshot({ path: join(out, `start-failed-${width}.png`) });
    // The task trees mid-run: the cleanup the group waits for; the inner groups.
    await card('cleanup').getByRole('button', { name: 'Run' }).click();
    await tree('cleanup').filter({ hasText: 'cleanup (onCancel running)' }).waitFor({ timeout: 5000 });
    await card('cleanup').screenshot({ path: join(out, `cleanup-mid-${width}.png`) });
    await card('nested').getByRole('button', { name: 'Run' }).click();
    await tree('nested').filter({ hasText: 'waiting for 1 task · done: 1 fulfilled' }).first().waitFor({ timeout: 5000 });
    await tree('nested').screenshot({ path: join(out, `nested-mid-${width}.png`) }); // the tree only: quick, while it runs
    await card('nested').locator('[data-testid="status"]:not([data-status="running"])').waitFor({ timeout: 15_000 });
    for (const id of ['basic', 'fail-fast', 'timeout', 'gather', 'nested', 'http', 'cleanup', 'pitfall', 'dashboard']) {
      await card(id).getByRole('button', { name: 'Run' }).click();
    }
    await page.waitForTimeout(1200);
    await card('timeout').screenshot({ path: join(out, `timeout-mid-${width}.png`) });
    for (const id of ['basic', 'fail-fast', 'timeout', 'gather', 'nested', 'http', 'cleanup', 'pitfall', 'dashboard']) {
      await card(id).locator('[data-testid="status"]:not([data-status="running"])').waitFor({ timeout: 15_000 });
    }
    await page.waitForTimeout(1800);
    for (const id of ['timeout', 'http', 'dashboard', 'cleanup', 'gather', 'nested']) {
      await card(id).screenshot({ path: join(out, `${id}-${width}.png`) });
    }
    // A platform Observable as a task: waiting (one click listener), clicked, timed out, cancelled.
    const click = card('click-race');
    if (await page.evaluate('typeof EventTarget.prototype.when === "function"')) {
      await click.getByRole('button', { name: /Start waiting/ }).click();
      await page.waitForTimeout(1200);
      await click.screenshot({ path: join(out, `click-race-waiting-${width}.png`) });
      await click.getByRole('button', { name: 'Click me' }).click();
      await page.waitForTimeout(300);
      await click.screenshot({ path: join(out, `click-race-clicked-${width}.png`) });
      await click.getByRole('button', { name: /Start waiting/ }).click();
      await click.locator('[data-testid="status"][data-status="done"]').waitFor({ timeout: 8000 });
      await page.waitForTimeout(200);
      await click.screenshot({ path: join(out, `click-race-timed-out-${width}.png`) });
      await click.getByRole('button', { name: /Start waiting/ }).click();
      await page.waitForTimeout(800);
      await click.getByRole('button', { name: 'Cancel the group' }).click();
      await page.waitForTimeout(200);
      await click.screenshot({ path: join(out, `click-race-cancelled-${width}.png`) });
    }
    // Where a browser has no EventTarget.when (taken away here before the app loads), the card says so.
    const without = await browser.newPage({ viewport: { width, height: width === 390 ? 844 : 800 } });
    await without.addInitScript('delete EventTarget.prototype.when');
    await without.goto(base);
    await without.addStyleTag({ content: '.legend-bar { position: static !important; }' });
    await without.locator('[data-testid="card-click-race"]').screenshot({ path: join(out, `click-race-unsupported-${width}.png`) });
    await without.close();
    // The task tree in DevTools: the entries one traced run wrote.
    await card('devtools').getByRole('button', { name: 'Run', exact: true }).click();
    await card('devtools').locator('[data-testid="status"][data-status="done"]').waitFor({ timeout: 10_000 });
    await card('devtools').screenshot({ path: join(out, `devtools-${width}.png`) });
    // The sticky legend, still in view at the last card.
    await staticLegend.evaluate((style) => style.remove());
    await card('dashboard').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(out, `legend-sticky-${width}.png`) });
    await page.evaluate('scrollTo(0, 0)'); // the whole page from its top, the sticky legend where it starts
    const overflow = await page.evaluate('[document.documentElement.scrollWidth, innerWidth]');
    console.log(`${width}: scrollWidth ${overflow[0]}, innerWidth ${overflow[1]}`);
    await page.screenshot({ path: join(out, `page-${width}.png`), fullPage: width === 390 ? false : true });
    await page.close();
  }
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
