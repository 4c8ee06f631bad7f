// Shared by e2e/devtools-trace.e2e.test.mjs and `node e2e/screenshots.mjs --devtools-panel`: recording
// a Chromium trace (what the Performance panel records) while the demo's DevTools card runs, the
// card's measures in it, the trace trimmed to the run, and the trace opened in the Performance
// panel of the DevTools front end bundled with Chromium (devtools://devtools/bundled/trace_app.html).

/** What the card calls its tracks' groups (src/app/scenarios/devtools-trace.ts). */
export const TRACK_GROUP = 'The task tree card';

/**
 * The trace categories recorded: the user-timing measures, the timeline events, and the
 * disabled-by-default timeline category whose TracingStartedInBrowser event tells the Performance
 * panel which renderer and main thread the page ran on (without it the panel shows the trace as a
 * bare list of processes, and no custom tracks).
 */
export const TRACE_CATEGORIES = ['blink.user_timing', 'devtools.timeline', 'disabled-by-default-devtools.timeline'];

/**
 * Opens the demo at `baseUrl` in `page`, traces the DevTools card's Run until its status is done,
 * and resolves with the trace Chromium wrote (a Buffer of JSON).
 */
export async function recordCardTrace(browser, page, baseUrl) {
  await page.goto(baseUrl);
  const card = page.locator('[data-testid="card-devtools"]');
  await card.scrollIntoViewIfNeeded();
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  await card.getByRole('button', { name: 'Run', exact: true }).click();
  await card.locator('[data-testid="status"][data-status="done"]').waitFor({ timeout: 10_000 });
  return browser.stopTracing();
}

/** A trace's events: the JSON array format or the object format with `traceEvents`. */
export function traceEvents(trace) {
  return Array.isArray(trace) ? trace : trace.traceEvents;
}

/**
 * The trace's user-timing measures on the card's tracks: each begin event (`ph: 'b'`) with its
 * parsed `detail`, paired by `id2.local` with its end event (`ph: 'e'`).
 */
export function cardMeasures(events) {
  const ends = new Map(events.filter((e) => e.cat === 'blink.user_timing' && e.ph === 'e').map((e) => [e.id2?.local, e]));
  return events
    .filter((e) => e.cat === 'blink.user_timing' && e.ph === 'b' && typeof e.args?.detail === 'string')
    .map((begin) => ({ begin, end: ends.get(begin.id2?.local), detail: JSON.parse(begin.args.detail) }))
    .filter(({ detail }) => detail?.devtools?.trackGroup?.startsWith(`${TRACK_GROUP} #`));
}

/**
 * The trace cut to the card's run, `margin` (a fraction of the run) either side: the events that
 * begin and end in that window, the metadata events (process and thread names), and
 * TracingStartedInBrowser moved to the window's start — so the Performance panel opens on the run
 * alone, and the file is a fraction of the recording.
 */
export function trimTraceToRun(trace, margin = 0.04) {
  const events = traceEvents(trace);
  const measures = cardMeasures(events);
  if (measures.length === 0 || measures.some((m) => !m.end)) throw new Error('the trace holds no complete run of the card');
  const start = Math.min(...measures.map((m) => m.begin.ts));
  const end = Math.max(...measures.map((m) => m.end.ts));
  const [from, to] = [start - (end - start) * margin, end + (end - start) * margin];
  const kept = events
    .filter((e) => e.ph === 'M' || e.name === 'TracingStartedInBrowser' || (e.ts >= from && e.ts + (e.dur ?? 0) <= to))
    .map((e) => (e.name === 'TracingStartedInBrowser' ? { ...e, ts: Math.max(e.ts, Math.floor(from)) } : e));
  return { ...(Array.isArray(trace) ? {} : trace), traceEvents: kept };
}

/**
 * Opens the Performance panel of Chromium's bundled DevTools front end in a new page of `browser`
 * and loads `trace` (an object) through the file input of the panel's "Load trace…" button.
 * Resolves with the page once the panel has parsed it. No target is inspected: the front end's
 * "Debugging connection was closed" dialog is closed first.
 */
export async function openInPerformancePanel(browser, trace, { viewport = { width: 1280, height: 800 } } = {}) {
  const page = await browser.newPage({ viewport });
  await page.goto('devtools://devtools/bundled/trace_app.html');
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await page.getByRole('tab', { name: 'Performance' }).click();
  await page.evaluate(async () => {
    // The panel's module (relative to trace_app.html): its TimelinePanel is what a web test of
    // DevTools reads the parsed trace from.
    globalThis.timelineModule = await import('./panels/timeline/timeline.js');
  });
  await page.locator('input[type=file]').first().setInputFiles({
    name: 'devtools-trace.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(trace)),
  });
  await page.waitForFunction(() => {
    const panel = globalThis.timelineModule.TimelinePanel.TimelinePanel.instance();
    return panel.hasActiveTrace() && panel.getParsedTraceForLayoutTests() !== null;
  });
  return page;
}

/**
 * What the Performance panel in `page` (from openInPerformancePanel) parsed of the DevTools
 * extensibility API: its custom track groups and tracks, each track with its entries' names and colours.
 */
export function customTracksIn(page) {
  return page.evaluate(() => {
    const parsed = globalThis.timelineModule.TimelinePanel.TimelinePanel.instance().getParsedTraceForLayoutTests();
    return parsed.ExtensionTraceData.extensionTrackData.map((group) => ({
      name: group.name,
      isTrackGroup: group.isTrackGroup,
      tracks: Object.fromEntries(Object.entries(group.entriesByTrack).map(([track, entries]) => [track, entries.map((e) => [e.name, e.devtoolsObj.color])])),
    }));
  });
}

/**
 * The colour the Performance panel in `page` (from openInPerformancePanel) draws each entry of a
 * custom track in, by entry name, as `#rrggbb`: what its flame chart's data provider paints the
 * entry's bar with (the palette name resolved through DevTools' own theme).
 */
export function drawnColoursIn(page) {
  return page.evaluate(() => {
    const view = globalThis.timelineModule.TimelinePanel.TimelinePanel.instance().getFlameChart();
    const provider = view.getMainDataProvider();
    const count = view.getMainFlameChart().timelineData().entryStartTimes.length;
    const context = new globalThis.OffscreenCanvas(1, 1).getContext('2d');
    const hex = (colour) => {
      context.fillStyle = '#000';
      context.fillStyle = colour; // a canvas gives an opaque colour back as #rrggbb
      return context.fillStyle;
    };
    const drawn = {};
    for (let i = 0; i < count; i++) {
      const event = provider.eventByIndex(i);
      if (event?.cat === 'devtools.extension') drawn[event.name] = hex(provider.entryColor(i));
    }
    return drawn;
  });
}

/**
 * Arranges the Performance panel in `page` (from openInPerformancePanel) for a screenshot of the
 * card's custom tracks: the flame chart's shortcuts dialog and the insights sidebar closed, the
 * card's track group and its tracks expanded and the main thread collapsed, the whole (trimmed)
 * trace in view, and the entry called `select` selected, so that the Summary below shows the
 * properties it was written with.
 */
export async function showCustomTracks(page, { select } = {}) {
  // The flame chart's shortcuts, shown once on a profile's first trace, catch the clicks until closed.
  const shortcuts = page.getByRole('dialog').filter({ hasText: 'Keyboard shortcuts for flame chart' });
  if (await shortcuts.waitFor({ timeout: 5000 }).then(() => true, () => false)) {
    await shortcuts.getByRole('button', { name: 'Close' }).click();
    await shortcuts.waitFor({ state: 'hidden' });
  }
  await page.getByRole('button', { name: 'Hide sidebar' }).click();
  await page.waitForTimeout(300); // the flame chart's canvas takes the sidebar's width
  const result = await page.evaluate(
    ({ trackGroup, select }) => {
      const panel = globalThis.timelineModule.TimelinePanel.TimelinePanel.instance();
      const view = panel.getFlameChart();
      const chart = view.getMainFlameChart();
      const groups = chart.timelineData().groups;
      const at = groups.findIndex((group) => group.name.startsWith(`${trackGroup} #`));
      if (at < 0) return { error: `no track group "${trackGroup} #…" among ${groups.map((g) => g.name).join(', ')}` };
      chart.expandGroup(at, true, true);
      // Its tracks: the groups after it nested one level deeper, up to the next top-level group.
      for (let i = at + 1; i < groups.length && groups[i].style.nestingLevel > 0; i++) chart.expandGroup(i, true, true);
      groups.forEach((group, i) => {
        if (group.name.startsWith('Main') && group.expanded) chart.expandGroup(i, false, true);
      });
      const { min, max } = panel.getParsedTraceForLayoutTests().Meta.traceBounds;
      view.windowChanged(min / 1000, max / 1000, false);
      if (select) {
        const provider = view.getMainDataProvider();
        const count = chart.timelineData().entryStartTimes.length;
        const index = Array.from({ length: count }, (_, i) => i).find((i) => provider.eventByIndex(i)?.name === select && provider.eventByIndex(i)?.cat === 'devtools.extension');
        if (index === undefined) return { error: `no entry "${select}" on a custom track` };
        panel.select({ event: provider.eventByIndex(index) });
      }
      const end = groups.findIndex((group, i) => i > at && group.style.nestingLevel === 0);
      return { tracks: groups.slice(at, end < 0 ? undefined : end).map((group) => group.name) };
    },
    { trackGroup: TRACK_GROUP, select },
  );
  if (result.error) throw new Error(`the Performance panel: ${result.error}`);
  await page.mouse.move(0, 0);
  await page.waitForTimeout(500); // the flame chart redraws on the next animation frames
  return result.tracks;
}
