// End-to-end test of the demo: the real local API server (server/main.mjs) serving the built
// demo (dist/demo/browser), driven in headless Chromium through playwright-core, at 1280×800
// and at 390×844 (a phone). Every card is run; after each run the page must not scroll
// sideways and no page error may have happened; where a card promises aborted requests, the
// server's log (GET /api/log?run=<the card's run id>) must show them.
// Run by `npm test` through e2e/run.mjs, which builds the demo first.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { artifacts, demoInBrowser } from './server.mjs';

/** The cards, in page order. */
const CARDS = [
  'forkjoin',
  'concurrency',
  'search',
  'destroyed',
  'start',
  'type-ahead',
  'basic',
  'fail-fast',
  'timeout',
  'gather',
  'nested',
  'http',
  'cleanup',
  'pitfall',
  'dashboard',
  'click-race',
  'devtools',
];

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

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

const demo = demoInBrowser();

/** The server's log of one run. */
async function serverLog(run) {
  const res = await fetch(new URL(`api/log?run=${encodeURIComponent(run)}`, demo.baseUrl));
  assert.equal(res.status, 200);
  return res.json();
}

for (const viewport of VIEWPORTS) {
  describe(`demo at ${viewport.width}×${viewport.height} (built app on the local API server, headless Chromium)`, () => {
    const size = `${viewport.width}`;
    let page;
    const pageErrors = [];

    before(async () => {
      page = await demo.browser.newPage({ viewport });
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.goto(demo.baseUrl);
    });

    after(async () => {
      await page?.close().catch(() => undefined);
    });

    const card = (id) => page.locator(`[data-testid="card-${id}"]`);
    const lane = (id, label) => card(id).locator(`[data-testid="lane"][data-label="${label}"]`);
    const statusOf = (id) => card(id).locator('[data-testid="status"]').getAttribute('data-status');
    const waitForEnd = (id, ms = 20_000) =>
      card(id).locator('[data-testid="status"]:not([data-status="running"]):not([data-status="idle"])').waitFor({ timeout: ms });
    const runIdOf = (id) => card(id).locator('[data-testid="server-log"]').getAttribute('data-run');
    /** The card's own server log shows a row with this outcome for a request whose path starts with `path`. */
    const logRow = (id, path, outcome) =>
      card(id).locator(`[data-testid="server-log-row"][data-path^="${path}"][data-outcome="${outcome}"]`).first();

    /** No sideways scrolling, and no page error so far. */
    async function assertFits(when) {
      const [scrollWidth, innerWidth] = await page.evaluate('[document.documentElement.scrollWidth, innerWidth]');
      assert.ok(scrollWidth <= innerWidth, `${when}: the page is ${scrollWidth} px wide in a ${innerWidth} px window`);
      assert.deepEqual(pageErrors, [], `${when}: page errors`);
    }

    test('serves the cards in order, one legend for the page, and fits the window', async () => {
      assert.equal(await page.locator('h1').textContent(), 'rxjs-taskgroup');
      const ids = await page.locator('[data-testid^="card-"]').evaluateAll((cards) => cards.map((c) => c.dataset.testid));
      assert.deepEqual(ids, CARDS.map((id) => `card-${id}`));
      assert.equal(await page.getByRole('button', { name: 'Run', exact: true }).count(), CARDS.length - 3); // destroyed, type-ahead and click-race have none
      assert.equal(await page.locator('[data-testid="legend"]').count(), 1);
      // The first card's Run button shows without scrolling, on a phone too.
      const run = await card('forkjoin').getByRole('button', { name: 'Run' }).boundingBox();
      assert.ok(run && run.y >= 0 && run.y + run.height <= viewport.height, `the first Run button at ${JSON.stringify(run)}, the window ${viewport.height} px tall`);
      await assertFits('on load');
    });

    test('the legend stays in view down to the last card', async () => {
      await card('dashboard').scrollIntoViewIfNeeded();
      const legend = await page.locator('[data-testid="legend"]').boundingBox();
      assert.ok(legend && legend.y >= 0 && legend.y < 60, `the legend at ${JSON.stringify(legend)} once the last card is in view`);
      await page.evaluate('scrollTo(0, 0)');
    });

    test('forkJoin vs a task group: one error and late cleanups, versus both failures after the cleanups', async () => {
      const clicked = Date.now();
      await card('forkjoin').getByRole('button', { name: 'Run' }).click();
      // The server's log keeps up with the timeline: the six calls show as pending while they run,
      // before the 500 comes (at 1 s), though they take all six of the browser's connections to the host.
      await logRow('forkjoin', '/api/delay/3?call=hold&via=group', 'pending').waitFor({ timeout: 5000 });
      assert.ok(Date.now() - clicked < 1000, `the pending calls showed ${Date.now() - clicked} ms after Run`);
      assert.equal(await card('forkjoin').locator('[data-testid="server-log-row"][data-outcome="pending"]').count(), 6);
      await logRow('forkjoin', '/api/delay/3', 'aborted by client').waitFor({ timeout: 15_000 });
      // Mid-run, the group's task tree says what it still waits for: the hold's cleanup.
      await card('forkjoin').locator('[data-testid="task-tree-text"]', { hasText: 'hold: cleanup (onCancel running)' }).waitFor({ timeout: 3000 });
      await assertFits('forkJoin card mid-run');
      await waitForEnd('forkjoin');
      assert.equal(await statusOf('forkjoin'), 'done');
      // Each side says how it ended, in its own column.
      const sideStatus = (side) => card('forkjoin').locator(`[data-testid="side"][data-side="${side}"] [data-testid="side-status"]`).textContent();
      assert.match(await sideStatus('forkJoin'), /errored with 1 error at \d\.\d\d s; 1 cleanup done after its error, 1 failure lost/);
      assert.match(await sideStatus('task group'), /errored with TaskGroupError of 2 at \d\.\d\d s, after both cleanups/);
      assert.doesNotMatch(await card('forkjoin').locator('[data-testid="status"]').textContent(), /Completed/);

      const side = (heading) => card('forkjoin').locator(`[data-testid="result-section"][data-heading="${heading}"] [data-testid="result-item"]`).allTextContents();
      const forkJoinLines = await side('forkJoin');
      assert.match(forkJoinLines[0], /error: HttpErrorResponse 500; the only error it reports$/);
      assert.ok(forkJoinLines.some((line) => /upload cleanup done, after forkJoin's error/.test(line)), forkJoinLines.join('\n'));
      assert.ok(forkJoinLines.some((line) => /hold cleanup failed, and no one is told: TaskTimeoutError/.test(line)), forkJoinLines.join('\n'));
      const groupLines = await side('task group');
      assert.match(groupLines[0], /error: TaskGroupError with 2 errors: HttpErrorResponse 500; TaskTimeoutError/);
      assert.match(groupLines[1], /catchTaskErrors\(HttpErrorResponse, …\) handles HttpErrorResponse 500$/);
      assert.match(groupLines[2], /rethrows the rest: TaskGroupError with TaskTimeoutError/);
      // The timeline: the forkJoin side, then the group's, each with its three calls.
      const states = await card('forkjoin')
        .locator('[data-testid="lane"]')
        .evaluateAll((lanes) => lanes.map((l) => `${l.dataset.label}: ${l.dataset.state}`));
      assert.deepEqual(states, [
        'forkJoin: finished',
        'order: failed',
        'upload: cancelled',
        'hold: cancelled',
        'task group: finished',
        'order: failed',
        'upload: cancelled',
        'hold: cancelled',
      ]);

      // The server: only this run's requests; forkJoin's cleanup arrived after its error (the 500 it got).
      const run = await runIdOf('forkjoin');
      const log = await poll(
        async () => {
          const entries = await serverLog(run);
          return entries.some((e) => e.path === '/api/cleanup/upload?via=forkJoin' && e.outcome === 'completed') && entries;
        },
        5000,
        'the server logs forkJoin’s upload cleanup',
      );
      assert.ok(log.every((e) => e.run === run));
      const forkJoinError = log.find((e) => e.path === '/api/delay/1?status=500&via=forkJoin');
      const lateCleanup = log.find((e) => e.path === '/api/cleanup/upload?via=forkJoin');
      assert.equal(forkJoinError.status, 500);
      assert.ok(lateCleanup.start >= forkJoinError.end, 'forkJoin’s cleanup request reached the server after its error');
      for (const via of ['forkJoin', 'group']) {
        assert.equal(log.find((e) => e.path === `/api/delay/3?call=upload&via=${via}`)?.outcome, 'aborted by client', via);
      }
      await logRow('forkjoin', '/api/cleanup/upload', 'completed').waitFor({ timeout: 5000 });
      assert.ok(!(await card('forkjoin').textContent()).includes(run), 'no run id in what the card shows');
      await assertFits('forkJoin card done');
      await card('forkjoin').screenshot({ path: join(artifacts, `forkjoin-${size}.png`) });
    });

    test('concurrency: 3 — the running pages are aborted, the queued ones never reach the server', async () => {
      await card('concurrency').getByRole('button', { name: 'Run' }).click();
      await waitForEnd('concurrency');
      assert.equal(await statusOf('concurrency'), 'failed');
      for (const n of [7, 8, 9, 10]) {
        assert.equal(await lane('concurrency', `page ${n}`).getAttribute('data-state'), 'cancelled', `page ${n}`);
      }
      assert.equal(await lane('concurrency', 'page 5').getAttribute('data-state'), 'failed');

      const run = await runIdOf('concurrency');
      const log = await poll(
        async () => {
          const entries = await serverLog(run);
          return entries.length > 0 && entries.every((e) => e.outcome !== 'pending') && entries;
        },
        5000,
        'every request of the run settled',
      );
      const page = (n) => log.filter((e) => new URLSearchParams(e.path.split('?')[1]).get('page') === String(n));
      for (const n of [7, 8, 9, 10]) assert.equal(page(n).length, 0, `page ${n} never went out`);
      assert.equal(page(5)[0]?.status, 500);
      assert.equal(page(6)[0]?.outcome, 'aborted by client');
      assert.ok(log.length <= 6, `${log.length} requests went out`);
      await logRow('concurrency', '/api/delay/1.2', 'aborted by client').waitFor({ timeout: 5000 });
      await assertFits('concurrency card done');
    });

    test('tg.cancel() at 1 s aborts the fetch (ctx.signal) and the HttpClient call; the shielded audit finishes', async () => {
      await card('search').getByRole('button', { name: 'Run' }).click();
      await waitForEnd('search');
      assert.equal(await statusOf('search'), 'done');
      assert.equal(await lane('search', 'results').getAttribute('data-state'), 'cancelled');
      assert.equal(await lane('search', 'audit').getAttribute('data-state'), 'completed');
      const run = await runIdOf('search');
      const log = await poll(
        async () => {
          const entries = await serverLog(run);
          return entries.length === 3 && entries.every((e) => e.outcome !== 'pending') && entries;
        },
        5000,
        'the three requests settled',
      );
      const byPath = Object.fromEntries(log.map((e) => [e.path, e]));
      assert.equal(byPath['/api/delay/4?q=results']?.outcome, 'aborted by client', 'fetch aborted through ctx.signal');
      assert.equal(byPath['/api/delay/3?q=suggestions']?.outcome, 'aborted by client');
      assert.equal(byPath['/api/cleanup/audit?delay=1.5']?.status, 200);
      await logRow('search', '/api/delay/4', 'aborted by client').waitFor({ timeout: 5000 });
      await assertFits('search card done');
    });

    test('closing the panel mid-load destroys it: its requests are aborted', async () => {
      await card('destroyed').getByRole('button', { name: 'Open the profile panel' }).click();
      await card('destroyed').locator('[data-testid="panel-status"]').waitFor();
      const run = await runIdOf('destroyed');
      await poll(async () => (await serverLog(run)).some((e) => e.path === '/api/delay/4?part=friends'), 5000, 'the panel’s requests went out');
      // taskGroupResource's tasks() and taskTree(): user is done, the two others still load.
      await card('destroyed').locator('[data-testid="panel-tasks"] li[data-state="done"]', { hasText: 'user: done, fulfilled' }).waitFor({ timeout: 5000 });
      assert.match(await card('destroyed').locator('[data-testid="panel-tree"]').textContent(), /waiting for 2 tasks · done: 1 fulfilled/);
      await assertFits('panel loading');
      await card('destroyed').getByRole('button', { name: /Close the panel/ }).click();
      await card('destroyed').locator('app-profile-panel').waitFor({ state: 'detached', timeout: 5000 });
      const log = await poll(
        async () => {
          const entries = await serverLog(run);
          return entries.every((e) => e.outcome !== 'pending') && entries;
        },
        5000,
        'every request of the panel settled',
      );
      assert.equal(log.find((e) => e.path === '/api/delay/3?part=posts')?.outcome, 'aborted by client');
      assert.equal(log.find((e) => e.path === '/api/delay/4?part=friends')?.outcome, 'aborted by client');
      assert.equal(await lane('destroyed', 'friends').getAttribute('data-state'), 'cancelled');
      await logRow('destroyed', '/api/delay/4', 'aborted by client').waitFor({ timeout: 5000 });
      await assertFits('panel destroyed');
    });

    test('tg.start(): the calls go out only once the event stream is ready; tg.cancel() then closes it', async () => {
      const tree = card('start').locator('[data-testid="task-tree-text"]');
      await card('start').getByRole('button', { name: 'Run' }).click();
      await tree.filter({ hasText: /#1 orders: running/ }).waitFor({ timeout: 5000 });
      assert.match(await tree.textContent(), /#0 event stream: running/);
      await assertFits('tg.start() card mid-run');
      await waitForEnd('start');
      assert.equal(await statusOf('start'), 'done');
      const states = await card('start')
        .locator('[data-testid="lane"]')
        .evaluateAll((lanes) => lanes.map((l) => `${l.dataset.label}: ${l.dataset.state}`));
      assert.deepEqual(states, ['session: finished', 'event stream: cancelled', 'orders: completed', 'prices: completed']);
      assert.ok((await lane('start', 'event stream').locator('.mark.kind-value').count()) >= 1, 'ticks on the stream’s lane');
      const run = await runIdOf('start');
      const log = await poll(
        async () => {
          const entries = await serverLog(run);
          return entries.length === 3 && entries.every((e) => e.outcome !== 'pending') && entries;
        },
        5000,
        'the stream and both calls settled',
      );
      const stream = log.find((e) => e.path === '/api/events');
      assert.equal(stream?.outcome, 'aborted by client', 'tg.cancel() closed the EventSource');
      const calls = log.filter((e) => e.path !== '/api/events');
      assert.deepEqual(calls.map((e) => e.path.split('&')[0]).sort(), ['/api/cleanup/prices?delay=0.5', '/api/delay/0.8?call=orders']);
      for (const call of calls) {
        assert.match(call.path, /connection=c\d+/, 'tagged with the connection id');
        assert.ok(call.start >= stream.start + 250, `${call.path} went out after ready`);
        assert.equal(call.status, 200);
      }
      await logRow('start', '/api/events', 'aborted by client').waitFor({ timeout: 5000 });
      await assertFits('tg.start() card done');
    });

    test('tg.start(): the stream closes before ready — one TaskGroupError, and nothing else is sent', async () => {
      await card('start').locator('[data-testid="variant"]').check();
      await card('start').getByRole('button', { name: 'Run' }).click();
      // The card ran before: wait for this run to show, or the last run's end would pass for its end.
      await card('start').locator('[data-testid="status"][data-status="running"]').waitFor({ timeout: 5000 });
      await waitForEnd('start');
      assert.equal(await statusOf('start'), 'failed');
      assert.equal(await card('start').locator('[data-testid="error-name"]').first().textContent(), 'TaskGroupError');
      const members = await card('start').locator('[data-testid="error-member"]').allTextContents();
      assert.equal(members.length, 1);
      assert.match(members[0], /StreamClosedError/);
      assert.equal(await lane('start', 'event stream').getAttribute('data-state'), 'failed');
      assert.match(await card('start').locator('[data-testid="task-tree-text"]').textContent(), /#0 event stream: done, failed — StreamClosedError/);
      const run = await runIdOf('start');
      await page.waitForTimeout(800); // time for a call, or a reconnection, to show up if one were made
      const log = await serverLog(run);
      assert.deepEqual(
        log.map((e) => [e.method, e.path, e.outcome, e.status]),
        [['GET', '/api/events?fail=before-ready', 'completed', 200]],
        'the failed connection, and nothing after it',
      );
      await logRow('start', '/api/events', 'completed').waitFor({ timeout: 5000 });
      await assertFits('tg.start() card failed');
      await card('start').screenshot({ path: join(artifacts, `start-${size}.png`) });
      await card('start').locator('[data-testid="variant"]').uncheck();
    });

    test("keyed runs: typing fast in the search box aborts each search still running ('switch')", async () => {
      const input = card('type-ahead').getByLabel('Search the words of structured concurrency');
      await input.pressSequentially('switchMap', { delay: 60 });
      await card('type-ahead').locator('[data-testid="search-status"]', { hasText: '“switchMap”' }).waitFor({ timeout: 5000 });
      assert.deepEqual(await card('type-ahead').locator('[data-testid="search-hits"] li').allTextContents(), ['switchMap']);
      const run = await runIdOf('type-ahead');
      const log = await poll(
        async () => {
          const entries = await serverLog(run);
          return entries.length === 9 && entries.every((e) => e.outcome !== 'pending') && entries;
        },
        5000,
        'the nine searches settled',
      );
      const typed = ['s', 'sw', 'swi', 'swit', 'switc', 'switch', 'switchM', 'switchMa', 'switchMap'];
      assert.deepEqual(log.map((e) => e.path), typed.map((q) => `/api/search?q=${q}`));
      assert.deepEqual(log.map((e) => e.outcome), [...Array(8).fill('aborted by client'), 'completed']);
      await logRow('type-ahead', '/api/search?q=switchMa', 'aborted by client').waitFor({ timeout: 5000 });
      assert.match(await card('type-ahead').locator('[data-testid="status"]').textContent(), /9 searches, 8 cancelled by the next keystroke\./);
      await assertFits('type-ahead done');
      await card('type-ahead').getByRole('button', { name: 'Clear the timeline and the log' }).click();
      await card('type-ahead').locator('[data-testid="server-log"]').waitFor({ state: 'detached', timeout: 5000 });
    });

    test("a platform Observable as a task: button.when('click') — the click wins, then Cancel; the listener is removed each time", async () => {
      const click = card('click-race');
      const hasWhen = await page.evaluate('typeof EventTarget.prototype.when === "function"');
      if (!hasWhen) {
        assert.equal(await statusOf('click-race'), 'unsupported');
        assert.match(await click.locator('[data-testid="status"]').textContent(), /This browser has no EventTarget\.prototype\.when/);
        return;
      }
      const listenersAre = (count) => click.locator(`[data-testid="listeners"][data-count="${count}"]`).waitFor({ timeout: 2000 });
      await click.getByRole('button', { name: /Start waiting/ }).click();
      await click.locator('[data-testid="status"][data-status="running"]').waitFor({ timeout: 2000 });
      await listenersAre(1);
      await click.getByRole('button', { name: 'Click me' }).click();
      await waitForEnd('click-race', 5000);
      assert.equal(await statusOf('click-race'), 'done');
      assert.match(await click.locator('[data-testid="status"]').textContent(), /clicked after [\d.]+ s/);
      await listenersAre(0);
      assert.equal(await lane('click-race', 'click').getAttribute('data-state'), 'completed');
      await assertFits('click card, clicked');

      await click.getByRole('button', { name: /Start waiting/ }).click();
      await listenersAre(1);
      await click.getByRole('button', { name: 'Cancel the group' }).click();
      await click.locator('[data-testid="status"][data-status="cancelled"]').waitFor({ timeout: 2000 });
      await listenersAre(0);
      assert.equal(await lane('click-race', 'click').getAttribute('data-state'), 'cancelled');
      assert.deepEqual(
        (await click.locator('[data-testid="listener-log-line"]').allTextContents()).map((line) => line.replace(/^[\d.]+ s: /, '')),
        ['click listener added (1 now)', 'click listener removed (0 now)'],
      );
      await assertFits('click card, cancelled');
      await click.screenshot({ path: join(artifacts, `click-race-${size}.png`) });
    });

    test('the DevTools card traces its run and lists the entries it wrote; a second run gets new tracks', async () => {
      const devtools = card('devtools');
      const rows = () =>
        devtools.locator('[data-testid="entry"]').evaluateAll((trs) => trs.map((tr) => `${tr.dataset.name} · ${tr.dataset.track} · ${tr.dataset.color} · ${tr.dataset.outcome}`));
      await devtools.getByRole('button', { name: 'Run', exact: true }).click();
      await waitForEnd('devtools', 10_000);
      assert.match(await devtools.locator('[data-testid="status"]').textContent(), /TaskGroupError of 1 \(HTTP 500 from \/api\/delay\/0\.6\?status=500\).*tracing uninstalled, 7 entries written/);
      const first = await rows();
      const [root, inner] = [/^group #(\d+) · /.exec(first[0])?.[1], /^group #(\d+) in catalogue/m.exec(first.join('\n'))?.[1]];
      assert.ok(root && inner, first.join('\n'));
      assert.deepEqual([...first].sort(), [
        `group #${root} · group #${root} · primary-dark · —`,
        `profile · group #${root} · secondary-light · cancelled`,
        `catalogue · group #${root} · secondary-light · cancelled`,
        `group #${inner} in catalogue · group #${inner} in catalogue · primary-dark · —`,
        `prices · group #${inner} in catalogue · tertiary · fulfilled`,
        `stock · group #${inner} in catalogue · secondary-light · cancelled`,
        `reviews · group #${root} · error · failed`,
      ].sort());
      await assertFits('DevTools card after a run');
      await devtools.screenshot({ path: join(artifacts, `devtools-${size}.png`) });
      // Run again: the table lists the second run's entries only, on new tracks.
      await devtools.getByRole('button', { name: 'Run', exact: true }).click();
      await devtools.locator(`[data-testid="entry"][data-name="group #${root}"]`).waitFor({ state: 'detached', timeout: 5000 });
      await waitForEnd('devtools', 10_000);
      const second = await rows();
      assert.equal(second.length, 7);
      const ids = second.flatMap((row) => [...row.matchAll(/group #(\d+)/g)].map((match) => Number(match[1])));
      assert.ok(ids.length > 0 && ids.every((id) => id > Number(inner)), second.join('\n'));
    });

    test('every scenario of the article runs to its documented outcome', async () => {
      const expected = {
        basic: 'done',
        'fail-fast': 'done', // caught by catchTaskErrors
        timeout: 'done',
        gather: 'done',
        nested: 'done',
        http: 'failed',
        cleanup: 'failed',
        pitfall: 'failed',
        dashboard: 'done',
      };
      for (const id of Object.keys(expected)) {
        await card(id).getByRole('button', { name: 'Run' }).click();
      }
      await page.waitForTimeout(700);
      await assertFits('the article’s cards mid-run');
      for (const id of Object.keys(expected)) {
        await waitForEnd(id);
      }
      const statuses = {};
      for (const id of Object.keys(expected)) {
        statuses[id] = await statusOf(id);
      }
      assert.deepEqual(statuses, expected);

      assert.deepEqual(await card('basic').locator('[data-testid="result-item"]').allTextContents(), [
        'Worker A done in 2s',
        'Worker B done in 1s',
        'Worker C done in 3s',
      ]);
      assert.equal(await lane('fail-fast', 'A').getAttribute('data-state'), 'cancelled');
      assert.equal(await lane('timeout', 'A').getAttribute('data-state'), 'fell back');
      assert.equal(await lane('timeout', 'A').locator('.mark.kind-timeout').count(), 1);
      assert.equal(await lane('cleanup', 'cleanup_worker').getAttribute('data-state'), 'cancelled');
      assert.equal(await card('pitfall').locator('[data-testid="error-name"]').textContent(), 'TaskStateError');
      assert.equal(await lane('http', '/api/delay/10').getAttribute('data-state'), 'cancelled');
      assert.equal(await lane('http', '/api/delay/1?status=500').getAttribute('data-state'), 'failed');
      assert.equal(await lane('dashboard', 'news').getAttribute('data-state'), 'failed');
      assert.equal(await lane('dashboard', 'tips').getAttribute('data-state'), 'timed out');
      assert.equal(await lane('dashboard', 'weather').getAttribute('data-state'), 'completed');
      // Aborted at the server: check_urls' /api/delay/10, the dashboard widget that timed out.
      await logRow('http', '/api/delay/10', 'aborted by client').waitFor({ timeout: 5000 });
      await logRow('dashboard', '/api/delay/5', 'aborted by client').waitFor({ timeout: 5000 });
      const httpLog = await serverLog(await runIdOf('http'));
      assert.deepEqual(httpLog.map((e) => e.path).sort(), ['/api/delay/1?status=500', '/api/delay/10', '/api/delay/2'].sort());

      // Every Code panel open: still no sideways scrolling.
      for (const summary of await page.locator('details.code > summary').all()) {
        await summary.click();
      }
      await assertFits('every card run, every Code panel open');
      await page.screenshot({ path: join(artifacts, `playground-${size}.png`), fullPage: true });
    });
  });
}
