// The DevTools card, verified in a recorded trace: Chromium's tracing (what the Performance panel
// records) is started through playwright-core with the user-timing and timeline categories, the
// card's Run is clicked, and the trace must hold the card's tasks as user-timing measures — each an
// async begin/end pair whose begin carries `detail` (the DevTools extensibility API's track entry, as
// a JSON string) — agreeing with the table the card shows of `performance.getEntriesByType('measure')`;
// and the Performance panel of the DevTools front end bundled with Chromium, given that trace, must
// draw the card's group of custom tracks, each entry in the colour of its swatch in the card's
// table. Run by `npm test` through e2e/run.mjs, which builds the demo first (the production build:
// the card installs the tracing itself, for its run only).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { cardMeasures, customTracksIn, drawnColoursIn, openInPerformancePanel, recordCardTrace, showCustomTracks, TRACK_GROUP, traceEvents, trimTraceToRun } from './devtools-trace.mjs';
import { artifacts, demoInBrowser } from './server.mjs';

const demo = demoInBrowser();

test('a recorded trace holds the card’s run: every task and group a user-timing measure carrying its DevTools track entry', async () => {
  const page = await demo.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  try {
    const buffer = await recordCardTrace(demo.browser, page, demo.baseUrl);
    writeFileSync(join(artifacts, 'devtools-trace.json'), buffer);
    const card = page.locator('[data-testid="card-devtools"]');

    const events = traceEvents(JSON.parse(buffer.toString('utf8')));
    assert.ok(Array.isArray(events) && events.length > 0, 'the trace has events');
    assert.ok(events.some((e) => e.cat?.split(',').includes('devtools.timeline')), 'the trace has the Performance panel’s timeline events too');

    const measures = cardMeasures(events);
    // Every task of both groups, and each group itself: seven measures, each begun and ended.
    const names = measures.map((m) => m.begin.name).sort();
    const root = /^group #(\d+)$/.exec(names.find((name) => /^group #\d+$/.test(name)) ?? '')?.[1];
    const inner = /^group #(\d+) in catalogue$/.exec(names.find((name) => name.endsWith(' in catalogue')) ?? '')?.[1];
    assert.ok(root && inner, `the two groups' measures: ${names.join(', ')}`);
    assert.deepEqual(names, ['catalogue', `group #${inner} in catalogue`, `group #${root}`, 'prices', 'profile', 'reviews', 'stock'].sort());
    for (const { begin, end } of measures) {
      assert.ok(end, `${begin.name}: an end event`);
      assert.equal(end.name, begin.name);
      assert.ok(end.ts >= begin.ts, `${begin.name}: ends after it begins`);
    }

    // The detail each begin carries: DevTools' track entry, the track of its group, coloured by outcome.
    const byName = Object.fromEntries(measures.map((m) => [m.begin.name, m]));
    const devtools = (name) => byName[name].detail.devtools;
    const expected = {
      [`group #${root}`]: [`group #${root}`, 'primary-dark', undefined],
      profile: [`group #${root}`, 'secondary-light', 'cancelled'],
      catalogue: [`group #${root}`, 'secondary-light', 'cancelled'],
      reviews: [`group #${root}`, 'error', 'failed'],
      [`group #${inner} in catalogue`]: [`group #${inner} in catalogue`, 'primary-dark', undefined],
      prices: [`group #${inner} in catalogue`, 'tertiary', 'fulfilled'],
      stock: [`group #${inner} in catalogue`, 'secondary-light', 'cancelled'],
    };
    for (const [name, [track, color, outcome]] of Object.entries(expected)) {
      const entry = devtools(name);
      assert.equal(entry.dataType, 'track-entry', name);
      assert.equal(entry.trackGroup, `${TRACK_GROUP} #${root}`, name);
      assert.equal(entry.track, track, name);
      assert.equal(entry.color, color, name);
      assert.equal(new Map(entry.properties).get('outcome'), outcome, name);
    }
    assert.match(new Map(devtools('reviews').properties).get('error'), /^HttpErrorResponse: .*\/api\/delay\/0\.6\?status=500.*500/);

    // Its times: the inner group inside the task that owns it; prices took its 0.2 s; the 500 came at
    // 0.6 s and ended what still ran then (ts in µs).
    const ms = (name) => ({ start: byName[name].begin.ts / 1000, end: byName[name].end.ts / 1000 });
    const [catalogue, innerGroup, rootGroup] = [ms('catalogue'), ms(`group #${inner} in catalogue`), ms(`group #${root}`)];
    assert.ok(innerGroup.start >= catalogue.start && innerGroup.end <= catalogue.end, 'the inner group within catalogue');
    for (const name of Object.keys(expected)) {
      assert.ok(ms(name).start >= rootGroup.start && ms(name).end <= rootGroup.end, `${name} within the root group`);
    }
    assert.ok(ms('prices').end - ms('prices').start >= 150, `prices took ${ms('prices').end - ms('prices').start} ms`);
    assert.ok(ms('reviews').end - ms('reviews').start >= 550, `reviews took ${ms('reviews').end - ms('reviews').start} ms`);
    assert.ok(ms('stock').end <= ms('reviews').end + 100, 'stock was cancelled with the 500, not after its 1.5 s');

    // The same entries as the card's table (performance.getEntriesByType('measure') in the page).
    const rows = await card.locator('[data-testid="entry"]').evaluateAll((trs) =>
      trs.map((tr) => ({ name: tr.dataset.name, color: tr.dataset.color, duration: Number(tr.querySelectorAll('td')[3].textContent.replace(' ms', '')) })),
    );
    assert.deepEqual(rows.map((r) => r.name).sort(), names);
    for (const row of rows) {
      assert.equal(row.color, devtools(row.name).color, row.name);
      const traced = ms(row.name).end - ms(row.name).start;
      assert.ok(Math.abs(traced - row.duration) <= 2, `${row.name}: ${traced} ms in the trace, ${row.duration} ms in the table`);
    }
    assert.deepEqual(pageErrors, []);
  } finally {
    await page.close();
  }
});

test('after its run the card’s tracing is uninstalled: a group run later is not traced', async () => {
  const page = await demo.browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await page.goto(demo.baseUrl);
    const card = page.locator('[data-testid="card-devtools"]');
    await card.getByRole('button', { name: 'Run', exact: true }).click();
    await card.locator('[data-testid="status"][data-status="done"]').waitFor({ timeout: 10_000 });
    const traced = () =>
      page.evaluate(
        (label) => performance.getEntriesByType('measure').filter((m) => m.detail?.devtools?.trackGroup?.startsWith(`${label} #`)).length,
        TRACK_GROUP,
      );
    assert.equal(await traced(), 7);
    // Another card's group (the article's first example: three workers) runs after it.
    await page.locator('[data-testid="card-basic"]').getByRole('button', { name: 'Run' }).click();
    await page.locator('[data-testid="card-basic"] [data-testid="status"][data-status="done"]').waitFor({ timeout: 10_000 });
    assert.equal(await traced(), 7);
    assert.equal(await page.evaluate(() => performance.getEntriesByType('measure').filter((m) => m.detail?.devtools).length), 7);
  } finally {
    await page.close();
  }
});

test('the Performance panel of Chromium’s own DevTools, given the trace of a run, draws the card’s group of custom tracks', async () => {
  const page = await demo.browser.newPage({ viewport: { width: 1280, height: 800 } });
  let panel;
  try {
    // The trace cut to the run, as docs/devtools-panel.png shows it (e2e/screenshots.mjs --devtools-panel).
    const trace = trimTraceToRun(JSON.parse((await recordCardTrace(demo.browser, page, demo.baseUrl)).toString('utf8')));
    const names = cardMeasures(trace.traceEvents).map((m) => m.begin.name);
    const root = names.map((name) => /^group #(\d+)$/.exec(name)?.[1]).find(Boolean);
    const inner = names.map((name) => /^group #(\d+) in catalogue$/.exec(name)?.[1]).find(Boolean);
    assert.ok(root && inner, `the two groups' measures in the trace cut to the run: ${names.join(', ')}`);
    writeFileSync(join(artifacts, 'devtools-trace-run.json'), JSON.stringify(trace));
    panel = await openInPerformancePanel(demo.browser, trace);
    const pageErrors = [];
    panel.on('pageerror', (error) => pageErrors.push(error.message));

    // What the panel parsed of the extensibility API: one group of tracks, a track per task group,
    // each task an entry (in start order, a group before its first task) with the colour it was written with.
    assert.deepEqual(await customTracksIn(panel), [
      {
        name: `${TRACK_GROUP} #${root}`,
        isTrackGroup: true,
        tracks: {
          [`group #${root}`]: [
            [`group #${root}`, 'primary-dark'],
            ['profile', 'secondary-light'],
            ['catalogue', 'secondary-light'],
            ['reviews', 'error'],
          ],
          [`group #${inner} in catalogue`]: [
            [`group #${inner} in catalogue`, 'primary-dark'],
            ['prices', 'tertiary'],
            ['stock', 'secondary-light'],
          ],
        },
      },
    ]);
    // What its flame chart draws: the group of tracks, with both tracks nested under it.
    assert.deepEqual(await showCustomTracks(panel, { select: 'reviews' }), [`${TRACK_GROUP} #${root}`, `group #${root}`, `group #${inner} in catalogue`]);
    // Each entry in the colour of its swatch in the card's table (devtools-card.component.css): the
    // swatches are the colours DevTools draws, not guesses from the palette's names.
    const drawn = await drawnColoursIn(panel);
    const swatches = await page.locator('[data-testid="card-devtools"] [data-testid="entry"]').evaluateAll((trs) => {
      const context = new globalThis.OffscreenCanvas(1, 1).getContext('2d');
      return Object.fromEntries(trs.map((tr) => {
        context.fillStyle = globalThis.getComputedStyle(tr.querySelector('.swatch')).backgroundColor;
        return [tr.dataset.name, context.fillStyle];
      }));
    });
    assert.deepEqual(swatches, drawn);
    // The selected entry's Summary: the properties the task was written with.
    const summary = panel.getByText('HttpErrorResponse: Http failure response for');
    await summary.waitFor({ timeout: 5000 });
    assert.deepEqual(pageErrors, []);
  } finally {
    await panel?.close();
    await page.close();
  }
});
