import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { VirtualTimeScheduler } from 'rxjs';
import { SOURCES } from '../scenarios/sources.generated';
import { PlaygroundComponent } from './playground.component';
import { SCENARIO_SCHEDULER } from './scenario-scheduler';
import { SERVER_LOG_FEED } from './server-log-feed';

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

/** A request's URL without its run id (`run=…`, added by the card). */
const withoutRun = (url: string) => url.replace(/[?&]run=[^&]*$/, '');
/** The run id a request was tagged with. */
const runOf = (req: TestRequest) => new URLSearchParams(req.request.url.split('?')[1]).get('run');

describe('PlaygroundComponent', () => {
  let fixture: ComponentFixture<PlaygroundComponent>;
  let element: HTMLElement;
  let scheduler: VirtualTimeScheduler;
  let http: HttpTestingController;

  const card = (id: string) => {
    const found = element.querySelector<HTMLElement>(`[data-testid="card-${id}"]`);
    if (!found) throw new Error(`no card ${id}`);
    return found;
  };
  const runButton = (id: string) => card(id).querySelector<HTMLButtonElement>('button[data-testid="run"]')!;
  const text = (root: Element, selector: string) => root.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const texts = (root: Element, selector: string) =>
    Array.from(root.querySelectorAll(selector), (node) => node.textContent?.replace(/\s+/g, ' ').trim() ?? '');
  const lanes = (id: string) =>
    Array.from(card(id).querySelectorAll<HTMLElement>('[data-testid="lane"]'), (lane) => `${lane.dataset['label']}: ${lane.dataset['state']}`);

  /** The one pending request to `path` (run id aside). */
  const expectPath = (path: string, method = 'GET') =>
    http.expectOne((req) => req.method === method && withoutRun(req.url) === path, `${method} ${path}`);
  /** The card's result sections, by heading. */
  const sections = (id: string) =>
    Object.fromEntries(
      Array.from(card(id).querySelectorAll<HTMLElement>('[data-testid="result-section"]'), (section) => [
        section.dataset['heading']!,
        texts(section, '[data-testid="result-item"]'),
      ]),
    );

  /** Renders and runs effects, without waiting for the app to be stable. */
  async function settle(): Promise<void> {
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
  }

  /** Clicks Run, lets virtual time run to the end, and renders. */
  async function run(id: string): Promise<void> {
    runButton(id).click();
    await fixture.whenStable();
    scheduler.flush();
    await fixture.whenStable();
  }

  beforeEach(async () => {
    scheduler = new VirtualTimeScheduler();
    await TestBed.configureTestingModule({
      imports: [PlaygroundComponent],
      // No live log (a WebSocket) here: the server logs poll GET /api/log, which HttpTestingController answers.
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: SCENARIO_SCHEDULER, useValue: scheduler },
        { provide: SERVER_LOG_FEED, useValue: null },
      ],
    }).compileComponents();
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(PlaygroundComponent);
    element = fixture.nativeElement;
    await fixture.whenStable();
  });

  afterEach(() => fixture.destroy());

  it('shows the cards in order, each with a real button and a live status region', () => {
    const cards = Array.from(element.querySelectorAll<HTMLElement>('[data-testid^="card-"]'), (c) => c.dataset['testid']);
    expect(cards).toEqual(CARDS.map((id) => `card-${id}`));
    for (const id of CARDS) {
      const own = { destroyed: 'toggle', 'type-ahead': 'clear' }[id] ?? 'run';
      const button = card(id).querySelector<HTMLButtonElement>(`button[data-testid="${own}"]`)!;
      expect(button.type).withContext(id).toBe('button');
      expect(card(id).querySelector('[data-testid="status"]')?.getAttribute('aria-live')).withContext(id).toBe('polite');
      expect(card(id).querySelector('h2')?.id).withContext(id).toBeTruthy();
    }
    expect(text(card('basic'), 'h2')).toContain('First example: three workers');
  });

  it('shows one legend for the page, none in the cards', async () => {
    await run('basic');
    expect(element.querySelectorAll('[data-testid="legend"]').length).toBe(1);
    expect(texts(element, '[data-testid="legend"] li')).toContain('timed out');
    expect(card('basic').querySelector('[data-testid="legend"], .legend')).toBeNull();
  });

  it('shows, in every Code panel, the text of the files that run, exactly, with what they mark as plumbing folded', () => {
    let panels = 0;
    for (const id of CARDS) {
      const blocks = Array.from(card(id).querySelectorAll<HTMLElement>('[data-testid="code"]'));
      expect(blocks.length).withContext(id).toBeGreaterThan(0);
      for (const block of blocks) {
        const path = block.dataset['path']!;
        expect(SOURCES[path]).withContext(path).toBeDefined();
        // The parts, shown and folded, joined: the file, character for character.
        const parts = Array.from(block.querySelectorAll('[data-testid="code-part"]'), (part) => part.textContent);
        expect(parts.join('')).withContext(path).toBe(SOURCES[path]);
        panels++;
      }
      // The card's own file comes first, with its imports.
      expect(SOURCES[blocks[0].dataset['path']!]).withContext(id).toMatch(/^(\/\/ #region imports\n)?import /);
      expect(SOURCES[blocks[0].dataset['path']!]).withContext(id).toMatch(/export (function|class) /);
    }
    expect(panels).toBeGreaterThan(CARDS.length);
  });

  it('1: shows the lines that matter of the forkJoin card first; imports, the calls and the tracing plumbing folded', () => {
    const [own, ...helpers] = Array.from(card('forkjoin').querySelectorAll<HTMLElement>('[data-testid="code"]'));
    const shown = Array.from(own.querySelectorAll(':scope > pre[data-testid="code-part"]'), (part) => part.textContent ?? '');
    expect(shown.length).toBe(1);
    expect(shown[0]).toMatch(/^\/\*\*\n \* forkJoin: /);
    expect(shown[0]).toContain('finalize(() => calls.deleteUpload().subscribe(');
    expect(shown[0]).toContain("tg.createTask(calls.upload, { name: 'upload', onCancel: calls.deleteUpload })");
    expect(shown[0]).toContain('catchTaskErrors(HttpErrorResponse, ');
    expect(shown[0].trim().split('\n').length).toBeLessThanOrEqual(45);
    expect(texts(own, '[data-testid="code-fold"] > summary')).toEqual([
      'show imports (6 lines)',
      'show the calls: checkout() (16 lines)',
      jasmine.stringMatching(/^show tracing plumbing: both sides at once.* \(\d+ lines\)$/),
    ]);
    // The helpers are plumbing through and through.
    for (const helper of helpers) {
      expect(helper.querySelector(':scope > pre')).withContext(helper.dataset['path']!).toBeNull();
      expect(text(helper, '[data-testid="code-fold"] > summary')).withContext(helper.dataset['path']!).toMatch(/^show tracing plumbing/);
    }
  });

  it('1: runs the three workers and shows their lanes and results in creation order', async () => {
    runButton('basic').click();
    await fixture.whenStable();
    expect(runButton('basic').disabled).toBeTrue();
    expect(text(card('basic'), '[data-testid="status"]')).toBe('Running…');
    expect(lanes('basic')).toEqual(['group: running', 'A: running', 'B: running', 'C: running']);

    scheduler.flush();
    await fixture.whenStable();

    expect(text(card('basic'), '[data-testid="status"]')).toBe('Completed in 3.00 s.');
    expect(lanes('basic')).toEqual(['group: finished', 'A: completed', 'B: completed', 'C: completed']);
    expect(texts(card('basic'), '[data-testid="result-item"]')).toEqual([
      'Worker A done in 2s',
      'Worker B done in 1s',
      'Worker C done in 3s',
    ]);
    expect(texts(card('basic'), '[data-testid="lane-state"]')).toEqual([
      'finished 3.00 s',
      'completed 2.00 s',
      'completed 1.00 s',
      'completed 3.00 s',
    ]);
    expect(runButton('basic').disabled).toBeFalse();
    // A text label and a spoken summary per lane.
    const laneA = card('basic').querySelector('[data-testid="lane"][data-label="A"]')!;
    expect(text(laneA, '.label')).toBe('└ A');
    expect(text(laneA, '.visually-hidden')).toContain('completed at 2.00 s');
    expect(laneA.querySelectorAll('.track .mark').length).toBe(3); // started, value, completed
  });

  it('2: shows A and C cancelled when B fails, and what except* caught; unchecked, the aggregate error', async () => {
    await run('fail-fast');
    expect(lanes('fail-fast')).toEqual(['group: finished', 'A: cancelled', 'B: failed', 'C: cancelled']);
    expect(texts(card('fail-fast'), '[data-testid="result-item"]')).toEqual(['Caught: B failed after 1s']);

    card('fail-fast').querySelector<HTMLInputElement>('[data-testid="variant"]')!.click();
    await run('fail-fast');
    expect(text(card('fail-fast'), '[data-testid="status"]')).toBe('Failed after 1.00 s: TaskGroupError with 1 error.');
    expect(text(card('fail-fast'), '[data-testid="error-name"]')).toBe('TaskGroupError');
    expect(texts(card('fail-fast'), '[data-testid="error-member"]')).toEqual(['ValueError: B failed after 1s']);
  });

  it('5: draws the inner groups’ lanes under their outer tasks', async () => {
    await run('nested');
    const labels = Array.from(card('nested').querySelectorAll('[data-testid="lane"] .label'), (l) => l.textContent?.trim());
    expect(labels).toEqual(['group (group)', '└ X', '└ X-1', '└ X-2', '└ Y', '└ Y-1', '└ Y-2']);
    expect(texts(card('nested'), '[data-testid="result-item"]')).toEqual([
      'X: Worker X-1 done in 0.5s, Worker X-2 done in 1s',
      'Y: Worker Y-1 done in 0.5s, Worker Y-2 done in 1s',
    ]);
  });

  it('5: mid-run, the task tree (outer.snapshot()) shows the inner group each task owns; at the end, the event tree', async () => {
    const treeLines = () => Array.from(card('nested').querySelectorAll('[data-testid="task-tree-text"] .line'), (line) => line.textContent ?? '');
    const tree = () => treeLines().join('\n');
    scheduler.maxFrames = 600; // stop virtual time at 0.6 s
    runButton('nested').click();
    await fixture.whenStable();
    scheduler.flush();
    await fixture.whenStable();
    expect(text(card('nested'), '[data-testid="task-tree"] figcaption')).toBe('Task tree tg.snapshot(), live');
    expect(treeLines()).toEqual([
      'task group: open, waiting for 2 tasks',
      '├─ #0 X: running, since +0 ms',
      '│  └─ task group: open, waiting for 1 task · done: 1 fulfilled',
      '│     └─ #1 X-2: running, since +0 ms',
      '└─ #1 Y: running, since +0 ms',
      '   └─ task group: open, waiting for 1 task · done: 1 fulfilled',
      '      └─ #1 Y-2: running, since +0 ms',
    ]);
    scheduler.maxFrames = Infinity;
    scheduler.flush();
    await fixture.whenStable();
    expect(text(card('nested'), '[data-testid="task-tree"] figcaption')).toBe('Task tree reduceTaskTree over onEvent');
    expect(tree()).toContain('│     ├─ #0 X-1: done, fulfilled');
    expect(tree()).toMatch(/^task group: finished · done: 2 fulfilled/);
  });

  it('7: shows the cleanup running after the cancellation, and the error only after it', async () => {
    await run('cleanup');
    expect(lanes('cleanup')).toEqual(['group: finished', 'cleanup_worker: cancelled', 'fast: failed']);
    expect(card('cleanup').querySelectorAll('.bar.cleanup').length).toBe(1);
    expect(text(card('cleanup'), '[data-testid="status"]')).toBe('Failed after 0.60 s: TaskGroupError with 1 error.');
  });

  it('8: shows the TaskStateError of the pitfall', async () => {
    await run('pitfall');
    expect(text(card('pitfall'), '[data-testid="error-name"]')).toBe('TaskStateError');
    expect(lanes('pitfall')).toEqual(['group: finished', 'A: completed']);
  });

  it('cancels a run when the subscriber unsubscribes', async () => {
    runButton('timeout').click();
    await fixture.whenStable();
    card('timeout').querySelector<HTMLButtonElement>('[data-testid="cancel"]')!.click();
    await fixture.whenStable();
    expect(text(card('timeout'), '[data-testid="status"]')).toContain('Cancelled after 0.00 s');
    expect(lanes('timeout')).toEqual(['group: finished', 'A: cancelled', 'B: cancelled', 'C: cancelled']);
  });

  it('10: check_urls — the 500 after a second cancels the two delayed requests (aborted), and the log of this run only', async () => {
    const serverLog = card('http').querySelector('[data-testid="server-log"]')!;
    expect(text(serverLog, 'p')).toContain('Run the scenario');

    runButton('http').click();
    await fixture.whenStable();
    http.expectNone({ method: 'DELETE' }); // no bookkeeping request before the run
    const delay2 = expectPath('/api/delay/2');
    const delay10 = expectPath('/api/delay/10');
    const failing = expectPath('/api/delay/1?status=500');
    const runId = runOf(failing);
    expect(runId).toMatch(/^http\.1\.\w+$/);
    expect(runOf(delay2)).toBe(runId);
    failing.flush({ status: 500 }, { status: 500, statusText: 'Server Error' });
    await fixture.whenStable();

    expect(delay2.cancelled).toBeTrue();
    expect(delay10.cancelled).toBeTrue();
    expect(lanes('http')).toEqual([
      'check_urls: finished',
      '/api/delay/2: cancelled',
      '/api/delay/10: cancelled',
      '/api/delay/1?status=500: failed',
    ]);
    expect(text(card('http'), '[data-testid="error-name"]')).toBe('TaskGroupError');
    const members = texts(card('http'), '[data-testid="error-member"]');
    expect(members.length).toBe(1);
    expect(members[0]).toContain('HttpErrorResponse');
    // The error names its URL, without the card's run id (bookkeeping for the server's log).
    expect(members[0]).toContain('/api/delay/1?status=500: 500 Server Error');
    expect(card('http').textContent).not.toContain(runId!);

    // After the run, the log of this run is read (the first read at once).
    await new Promise((resolve) => setTimeout(resolve, 20));
    const reads = http.match((req) => req.method === 'GET' && req.url.startsWith('/api/log'));
    expect(reads.length).toBeGreaterThan(0);
    expect(reads[0].request.url).toBe(`/api/log?run=${runId}`);
    reads[0].flush([
      { id: 1, method: 'GET', path: '/api/delay/2', run: runId, start: 1000, end: 2050, duration: 1050, status: null, outcome: 'aborted by client' },
      { id: 3, method: 'GET', path: '/api/delay/1?status=500', run: runId, start: 1001, end: 2002, duration: 1001, status: 500, outcome: 'completed' },
    ]);
    await fixture.whenStable();
    const rows = Array.from(serverLog.querySelectorAll<HTMLTableRowElement>('[data-testid="server-log-row"]'), (row) =>
      [row.dataset['outcome'], ...Array.from(row.cells, (cell) => cell.textContent?.trim())].join(' | '),
    );
    expect(rows).toEqual([
      'aborted by client | GET /api/delay/2 | +0.00 s | +1.05 s | 1.05 s | — | aborted by client',
      'completed | GET /api/delay/1?status=500 | +0.00 s | +1.00 s | 1.00 s | 500 | completed',
    ]);
    fixture.destroy();
    http.match(() => true);
  });

  it('13: loads the dashboard through the service, every request tagged with the run id', async () => {
    runButton('dashboard').click();
    await fixture.whenStable();
    http.expectNone({ method: 'DELETE' });
    for (const url of ['/api/delay/0.8', '/api/delay/1.2', '/api/delay/1.5', '/api/delay/0.6', '/api/delay/5']) {
      const req = expectPath(url);
      expect(runOf(req)).toMatch(/^dashboard\.1\./);
      req.flush({ url });
    }
    expectPath('/api/status/503').flush('down', { status: 503, statusText: 'Service Unavailable' });
    await fixture.whenStable();

    expect(lanes('dashboard')).toEqual([
      'dashboard: finished',
      'profile: completed',
      'user: completed',
      'preferences: completed',
      'stats: completed',
      'widgets: completed',
      'weather: completed',
      'news: failed',
      'tips: completed',
    ]);
    const result = texts(card('dashboard'), '[data-testid="result-item"]');
    expect(result[0]).toBe('profile.user: {"url":"/api/delay/0.8"}');
    expect(result.find((line) => line.startsWith('widgets.news'))).toContain('rejected: HttpErrorResponse');
    fixture.destroy();
    http.match(() => true);
  });

  it('1: forkJoin reports one error while its cleanups are still in flight; the group waits for them and reports both', async () => {
    runButton('forkjoin').click();
    await fixture.whenStable();
    const side = (via: string) => ({
      order: expectPath(`/api/delay/1?status=500&via=${via}`),
      upload: expectPath(`/api/delay/3?call=upload&via=${via}`),
      hold: expectPath(`/api/delay/3?call=hold&via=${via}`),
    });
    const forkJoinCalls = side('forkJoin');
    const groupCalls = side('group');
    expect(runOf(forkJoinCalls.order)).toBe(runOf(groupCalls.order));
    for (const calls of [forkJoinCalls, groupCalls]) {
      calls.order.flush({ status: 500 }, { status: 500, statusText: 'Server Error' });
    }
    await fixture.whenStable();

    // Both sides cancel the other calls: HttpClient aborts them either way.
    for (const calls of [forkJoinCalls, groupCalls]) {
      expect(calls.upload.cancelled).toBeTrue();
      expect(calls.hold.cancelled).toBeTrue();
    }
    // forkJoin has already reported its one error; its cleanups are only now on their way.
    expect(sections('forkjoin')['forkJoin']).toEqual(['0.00 s: error: HttpErrorResponse 500; the only error it reports']);
    expect(sections('forkjoin')['task group']).toEqual([]);
    expect(text(card('forkjoin'), '[data-testid="status"]')).toBe('Running…');
    // Each side says how it stands, above its own lanes.
    const sideStatus = (side: string) => text(card('forkjoin'), `[data-testid="side"][data-side="${side}"] [data-testid="side-status"]`);
    expect(sideStatus('forkJoin')).toBe('errored with 1 error at 0.00 s; 2 cleanups still running, unwatched');
    expect(sideStatus('task group')).toBe('shutting down: waiting for 2 cleanups before it reports');

    // The group's task tree: it waits for both cleanups.
    const tree = card('forkjoin').querySelector('[data-testid="task-tree-text"]')?.textContent ?? '';
    expect(tree).toMatch(/^task group: shutting down, waiting for 2 tasks · done: 1 failed/);
    expect(tree).toContain('#1 upload: cleanup (onCancel running)');
    expect(tree).toContain('#2 hold: cleanup (onCancel running)');
    // Every cleanup calls the server.
    const uploadCleanups = [expectPath('/api/cleanup/upload?via=forkJoin', 'POST'), expectPath('/api/cleanup/upload?via=group', 'POST')];
    const holdCleanups = [expectPath('/api/cleanup/hold?delay=5&via=forkJoin', 'POST'), expectPath('/api/cleanup/hold?delay=5&via=group', 'POST')];
    for (const cleanup of uploadCleanups) cleanup.flush({ cleaned: 'upload', status: 200 });
    scheduler.flush(); // releasing the hold gets 2 s: it times out
    await fixture.whenStable();
    for (const cleanup of holdCleanups) expect(cleanup.cancelled).toBeTrue();

    expect(sections('forkjoin')['forkJoin']).toEqual([
      '0.00 s: error: HttpErrorResponse 500; the only error it reports',
      "0.00 s: upload cleanup done, after forkJoin's error",
      '2.00 s: hold cleanup failed, and no one is told: TaskTimeoutError: Task "release hold" timed out after 2000 ms',
    ]);
    expect(sections('forkjoin')['task group']).toEqual([
      '2.00 s: error: TaskGroupError with 2 errors: HttpErrorResponse 500; TaskTimeoutError: Task "release hold" timed out after 2000 ms',
      '2.00 s: catchTaskErrors(HttpErrorResponse, …) handles HttpErrorResponse 500',
      '2.00 s: …and rethrows the rest: TaskGroupError with TaskTimeoutError: Task "release hold" timed out after 2000 ms',
    ]);
    // Not a green "Completed": the run is over, and each side says how it ended.
    expect(text(card('forkjoin'), '[data-testid="status"]')).toBe('Both sides have ended, 2.00 s after Run: how each ended is above its lanes.');
    expect(sideStatus('forkJoin')).toBe('errored with 1 error at 0.00 s; 1 cleanup done after its error, 1 failure lost');
    expect(sideStatus('task group')).toBe('errored with TaskGroupError of 2 at 2.00 s, after both cleanups');
    const sides = card('forkjoin').querySelectorAll<HTMLElement>('[data-testid="side"]');
    expect(Array.from(sides, (side) => side.dataset['side'])).toEqual(['forkJoin', 'task group']);
    expect(Array.from(sides, (side) => side.querySelectorAll('[data-testid="lane"]').length)).toEqual([4, 4]);
    expect(sides[1].querySelector('[data-testid="task-tree"]')).not.toBeNull();
    // The failed cleanup is drawn as failed, on both sides.
    expect(card('forkjoin').querySelectorAll('.bar.cleanup.failed').length).toBe(2);
    expect(card('forkjoin').querySelectorAll('.mark.kind-cleanup-finished.failed').length).toBe(2);
    // Both sides on the timeline: forkJoin finished with its error; its cleanups ran on, unwatched.
    expect(lanes('forkjoin')).toEqual([
      'forkJoin: finished',
      'order: failed',
      'upload: cancelled',
      'hold: cancelled',
      'task group: finished',
      'order: failed',
      'upload: cancelled',
      'hold: cancelled',
    ]);
    expect(card('forkjoin').querySelectorAll('.bar.cleanup').length).toBe(4);
    const forkJoinLane = card('forkjoin').querySelector('[data-testid="lane"][data-label="forkJoin"]')!;
    expect(text(forkJoinLane, '[data-testid="lane-state"]')).toBe('finished 0.00 s');
    fixture.destroy();
    http.match(() => true);
  });

  it('2: concurrency: 3 — the 500 aborts the running pages, and the queued ones are never requested', async () => {
    runButton('concurrency').click();
    await fixture.whenStable();
    const page = (n: number) => http.match((req) => new URLSearchParams(req.url.split('?')[1]).get('page') === String(n));
    // (http.match takes the requests it returns off the list of open ones.)
    const [p1] = page(1);
    const [p2] = page(2);
    const [p3] = page(3);
    expect([p1, p2, p3].every(Boolean)).toBeTrue();
    expect(page(4).length).toBe(0);
    p1.flush({ page: 1 });
    const [p4] = page(4);
    p2.flush({ page: 2 });
    const [p5] = page(5);
    expect(page(6).length).toBe(0);
    // The task tree: three running, the rest queued — what the group still waits for.
    await fixture.whenStable();
    const tree = card('concurrency').querySelector('[data-testid="task-tree-text"]')?.textContent ?? '';
    expect(tree).toMatch(/^task group: open, waiting for 8 tasks · done: 2 fulfilled/);
    expect(tree).toContain('#4 page 5: running');
    expect(tree).toContain('#5 page 6: queued');
    expect(tree).toContain('#9 page 10: queued');
    p5.flush({ status: 500 }, { status: 500, statusText: 'Server Error' });
    await fixture.whenStable();

    expect(p3.cancelled).toBeTrue();
    expect(p4.cancelled).toBeTrue();
    for (const n of [6, 7, 8, 9, 10]) expect(page(n).length).withContext(`page ${n}`).toBe(0);
    http.expectNone(() => true);
    expect(lanes('concurrency')).toEqual([
      'pages: finished',
      'page 1: completed',
      'page 2: completed',
      'page 3: cancelled',
      'page 4: cancelled',
      'page 5: failed',
      ...[6, 7, 8, 9, 10].map((n) => `page ${n}: cancelled`),
    ]);
    expect(texts(card('concurrency'), '[data-testid="error-member"]').length).toBe(1);
    fixture.destroy();
    http.match(() => true);
  });

  describe('3: tg.cancel(), ctx.signal with fetch, and shield', () => {
    let signals: AbortSignal[];
    beforeEach(() => {
      signals = [];
      spyOn(window, 'fetch').and.callFake((_url: RequestInfo | URL, init?: RequestInit) => {
        const signal = init!.signal!;
        signals.push(signal);
        return new Promise<Response>((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
      });
    });

    it('stops at 1 s: the fetch is aborted through ctx.signal, HttpClient by unsubscription, and the shielded audit finishes', async () => {
      runButton('search').click();
      await fixture.whenStable();
      expect(window.fetch).toHaveBeenCalledTimes(1);
      expect(String((window.fetch as jasmine.Spy).calls.argsFor(0)[0])).toMatch(/^\/api\/delay\/4\?q=results&run=search\.1\./);
      const suggestions = expectPath('/api/delay/3?q=suggestions');
      const audit = expectPath('/api/cleanup/audit?delay=1.5', 'POST');
      expect(signals[0].aborted).toBeFalse();

      scheduler.flush(); // the user presses Stop: tg.cancel()
      await fixture.whenStable();
      expect(signals[0].aborted).toBeTrue();
      expect(suggestions.cancelled).toBeTrue();
      expect(audit.cancelled).toBeFalse();
      expect(text(card('search'), '[data-testid="status"]')).toBe('Running…'); // waiting for the audit
      // The task tree (tg.snapshot(), live) says what the group waits for: the shielded audit.
      const tree = () => card('search').querySelector('[data-testid="task-tree-text"]')?.textContent ?? '';
      // (The aborted fetch may still be settling: it is then `cancelling`.)
      expect(tree()).toMatch(/^task group: shutting down, waiting for [12] tasks?/);
      expect(tree()).toContain('#2 audit: running, shielded');
      expect(text(card('search'), '[data-testid="task-tree"] figcaption')).toBe('Task tree tg.snapshot(), live');

      audit.flush({ cleaned: 'audit', status: 200 });
      await fixture.whenStable();
      expect(text(card('search'), '[data-testid="status"]')).toBe('Completed in 1.00 s.');
      expect(lanes('search')).toEqual(['search: finished', 'results: cancelled', 'suggestions: cancelled', 'audit: completed']);
      // Finished: the tree rebuilt from the events, done tasks included.
      expect(tree()).toContain('#2 audit: done, fulfilled');
      expect(text(card('search'), '[data-testid="task-tree"] figcaption')).toBe('Task tree reduceTaskTree over onEvent');
      fixture.destroy();
      http.match(() => true);
    });

    it('without shield, the audit is cancelled (aborted) too, and the group completes at once', async () => {
      card('search').querySelector<HTMLInputElement>('[data-testid="variant"]')!.click();
      runButton('search').click();
      await fixture.whenStable();
      expectPath('/api/delay/3?q=suggestions');
      const audit = expectPath('/api/cleanup/audit?delay=1.5', 'POST');
      scheduler.flush();
      await fixture.whenStable();
      expect(audit.cancelled).toBeTrue();
      expect(signals[0].aborted).toBeTrue();
      expect(text(card('search'), '[data-testid="status"]')).toBe('Completed in 1.00 s.');
      fixture.destroy();
      http.match(() => true);
    });
  });

  describe('5: tg.start() waits until the event stream is ready', () => {
    /** Stands in for the browser's EventSource: the test says when it is ready, ticks or fails. */
    class FakeEventSource extends EventTarget {
      static instances: FakeEventSource[] = [];
      closed = false;
      constructor(readonly url: string) {
        super();
        FakeEventSource.instances.push(this);
      }
      close(): void {
        this.closed = true;
      }
      send(type: string, data: unknown): void {
        this.dispatchEvent(new MessageEvent(type, { data: JSON.stringify(data) }));
      }
    }
    const tree = () => card('start').querySelector('[data-testid="task-tree-text"]')?.textContent ?? '';
    let original: typeof EventSource;
    beforeEach(() => {
      FakeEventSource.instances = [];
      original = window.EventSource;
      window.EventSource = FakeEventSource as unknown as typeof EventSource;
    });
    afterEach(() => (window.EventSource = original));

    it('sends nothing until ready; then the calls that need the connection; then tg.cancel() ends the stream', async () => {
      runButton('start').click();
      await fixture.whenStable();
      expect(FakeEventSource.instances.length).toBe(1);
      const [stream] = FakeEventSource.instances;
      expect(stream.url).toMatch(/^\/api\/events\?run=start\.1\./);
      http.expectNone(() => true);
      expect(tree()).toContain('#0 event stream: running');

      stream.send('ready', { connection: 'c7' });
      await fixture.whenStable();
      const orders = expectPath('/api/delay/0.8?call=orders&connection=c7');
      const prices = expectPath('/api/cleanup/prices?delay=0.5&connection=c7', 'POST');
      expect(runOf(orders)).toBe(runOf(prices));
      stream.send('tick', { tick: 1 });
      prices.flush({ cleaned: 'prices', status: 200 });
      await fixture.whenStable();
      // What the group waits for: the stream, and the call still out.
      expect(tree()).toContain('task group: open, waiting for 2 tasks · done: 1 fulfilled');
      expect(tree()).toContain('#1 orders: running');

      orders.flush({ delay: 0.8 });
      await fixture.whenStable();
      expect(stream.closed).toBeTrue();
      expect(text(card('start'), '[data-testid="status"]')).toBe('Completed in 0.00 s.');
      expect(lanes('start')).toEqual(['session: finished', 'event stream: cancelled', 'orders: completed', 'prices: completed']);
      expect(texts(card('start'), '[data-testid="result-item"]')[0]).toContain('c7');
      expect(tree()).toContain('#0 event stream: done, cancelled');
      expect(card('start').querySelector('.mark.kind-value')).not.toBeNull(); // the tick, on the stream's lane
      http.expectNone(() => true);
      fixture.destroy();
    });

    it('the stream closes before ready: the group fails with one TaskGroupError and no call is sent', async () => {
      card('start').querySelector<HTMLInputElement>('[data-testid="variant"]')!.click();
      runButton('start').click();
      await fixture.whenStable();
      const [stream] = FakeEventSource.instances;
      expect(stream.url).toMatch(/^\/api\/events\?fail=before-ready&run=start\.1\./);
      stream.dispatchEvent(new Event('error'));
      await fixture.whenStable();
      expect(stream.closed).toBeTrue();
      http.expectNone(() => true);
      expect(text(card('start'), '[data-testid="status"]')).toBe('Failed after 0.00 s: TaskGroupError with 1 error.');
      expect(texts(card('start'), '[data-testid="error-member"]')).toEqual([jasmine.stringMatching(/^StreamClosedError: /)]);
      expect(lanes('start')).toEqual(['session: finished', 'event stream: failed']);
      expect(tree()).toContain('#0 event stream: done, failed — StreamClosedError');
      fixture.destroy();
    });
  });

  it('4: destroying the panel mid-load cancels its group: the requests still running are aborted', async () => {
    const toggle = card('destroyed').querySelector<HTMLButtonElement>('[data-testid="toggle"]')!;
    // (No whenStable here: a resource that is loading keeps the app unstable.)
    toggle.click();
    await settle();
    const user = expectPath('/api/delay/0.5?part=user');
    const posts = expectPath('/api/delay/3?part=posts');
    const friends = expectPath('/api/delay/4?part=friends');
    expect(runOf(user)).toMatch(/^destroyed\.1\./);
    user.flush({ name: 'Ada' });
    await settle();
    expect(text(card('destroyed'), '[data-testid="panel-status"]')).toBe('Profile panel: loading');
    // taskGroupResource's tasks(): the progress list.
    expect(texts(card('destroyed'), '[data-testid="panel-tasks"] li')).toEqual(['user: done, fulfilled', 'posts: running', 'friends: running']);
    expect(text(card('destroyed'), '[data-testid="panel-tree"]')).toContain('task group: open, waiting for 2 tasks · done: 1 fulfilled');

    toggle.click(); // close: the @if destroys the panel
    await settle();
    expect(card('destroyed').querySelector('app-profile-panel')).toBeNull();
    expect(posts.cancelled).toBeTrue();
    expect(friends.cancelled).toBeTrue();
    expect(lanes('destroyed')).toEqual(['profile panel: finished', 'user: completed', 'posts: cancelled', 'friends: cancelled']);
    expect(card('destroyed').querySelector('[data-testid="status"]')?.getAttribute('data-status')).toBe('closed');
    fixture.destroy();
    http.match(() => true);
  });

  it('6: typing fast in the search box — each keystroke cancels the search still running (switch), whose request is aborted', async () => {
    const input = card('type-ahead').querySelector<HTMLInputElement>('[data-testid="search-input"]')!;
    const type = async (value: string) => {
      input.value = value;
      input.dispatchEvent(new Event('input'));
      await settle();
    };
    expect(input.labels?.[0]?.textContent).toBe('Search the words of structured concurrency');
    expect(card('type-ahead').querySelector('[data-testid="status"]')?.getAttribute('data-status')).toBe('idle');
    await type('s');
    const s = expectPath('/api/search?q=s');
    expect(runOf(s)).toMatch(/^type-ahead\.1\./);
    expect(card('type-ahead').querySelector('[data-testid="search-status"]')?.getAttribute('data-busy')).toBe('true');
    await type('sw');
    expect(s.cancelled).toBeTrue();
    await type('swi');
    const sw = http.match((req) => withoutRun(req.url) === '/api/search?q=sw');
    expect(sw.map((req) => req.cancelled)).toEqual([true]);
    expectPath('/api/search?q=swi').flush({ q: 'swi', hits: ['switchMap'] });
    await settle();
    expect(text(card('type-ahead'), '[data-testid="search-status"]')).toBe('1 term contains “swi”');
    expect(texts(card('type-ahead'), '[data-testid="search-hits"] li')).toEqual(['switchMap']);
    expect(lanes('type-ahead')).toEqual([
      'the component’s group: running',
      '“s”: cancelled',
      '“sw”: cancelled',
      '“swi”: completed',
    ]);
    expect(text(card('type-ahead'), '[data-testid="status"]')).toBe('3 searches, 2 cancelled by the next keystroke.');
    card('type-ahead').querySelector<HTMLButtonElement>('[data-testid="clear"]')!.click();
    await settle();
    expect(card('type-ahead').querySelector('[data-testid="server-log"]')).toBeNull();
    fixture.destroy();
    http.match(() => true);
  });
  describe('16: a platform Observable as a task — button.when(\'click\') races the task\'s timeout', () => {
    const button = (testid: string) => card('click-race').querySelector<HTMLButtonElement>(`[data-testid="${testid}"]`)!;
    const status = () => card('click-race').querySelector('[data-testid="status"]')?.getAttribute('data-status');
    const listeners = () => card('click-race').querySelector('[data-testid="listeners"]')?.getAttribute('data-count');
    const log = () => texts(card('click-race'), '[data-testid="listener-log-line"]').map((line) => line.replace(/^[\d.]+ s: /, ''));

    beforeEach(() => {
      if (typeof (EventTarget.prototype as { when?: unknown }).when !== 'function') {
        pending('this browser has no EventTarget.prototype.when (Chromium has it since 135)');
      }
    });

    it('the click wins: the task completes with it and its listener is removed', async () => {
      expect(status()).toBe('idle');
      button('run').click();
      await settle();
      expect(status()).toBe('running');
      expect(listeners()).toBe('1');
      button('target').click();
      await settle();
      expect(status()).toBe('done');
      expect(text(card('click-race'), '[data-testid="status"]')).toMatch(/^clicked after [\d.]+ s$/);
      expect(listeners()).toBe('0');
      expect(log()).toEqual(['click listener added (1 now)', 'click listener removed (0 now)']);
      expect(lanes('click-race')).toEqual(['the click group: finished', 'click: completed']);
    });

    it('the timeout wins: the task is cancelled, its listener removed, and a later click does nothing', async () => {
      button('run').click();
      await settle();
      scheduler.flush();
      await settle();
      expect(status()).toBe('done');
      expect(text(card('click-race'), '[data-testid="status"]')).toBe('nobody clicked within 5 s after 5.00 s');
      expect(listeners()).toBe('0');
      expect(lanes('click-race')).toEqual(['the click group: finished', 'click: timed out']);
      button('target').click();
      await settle();
      expect(log()).toEqual(['click listener added (1 now)', 'click listener removed (0 now)']);
    });

    it('Cancel aborts the group\'s signal: the group completes without a value and the listener is removed', async () => {
      button('run').click();
      await settle();
      button('cancel').click();
      await settle();
      expect(status()).toBe('cancelled');
      expect(text(card('click-race'), '[data-testid="status"]')).toMatch(/^cancelled after [\d.]+ s: the group completed without a value$/);
      expect(listeners()).toBe('0');
      expect(lanes('click-race')).toEqual(['the click group: finished', 'click: cancelled']);
    });
  });

  describe('17: the task tree in DevTools', () => {
    const rows = () =>
      Array.from(card('devtools').querySelectorAll<HTMLElement>('[data-testid="entry"]'), (row) =>
        [row.dataset['name']?.replace(/#\d+/, '#N'), row.dataset['track']?.replace(/#\d+/, '#N'), row.dataset['color'], row.dataset['outcome']].join(' · '),
      );
    /** Entries on the card's tracks in the page's performance timeline. */
    const traced = () =>
      (performance.getEntriesByType('measure') as PerformanceMeasure[]).filter((m) =>
        (m.detail as { devtools?: { trackGroup?: string } } | null)?.devtools?.trackGroup?.startsWith('The task tree card #'),
      ).length;

    it('traces its run only and lists the measures it wrote: both groups, each task coloured by outcome', async () => {
      const before = traced();
      expect(text(card('devtools'), '[data-testid="how"]')).toContain('DevTools → Performance → record');
      runButton('devtools').click();
      await settle();
      expect(card('devtools').querySelector('[data-testid="status"]')?.getAttribute('data-status')).toBe('running');
      expectPath('/api/delay/0.2').flush({ delay: 0.2 });
      await settle();
      expectPath('/api/delay/0.6?status=500').flush({ status: 500 }, { status: 500, statusText: 'Internal Server Error' });
      await settle();
      // The 500 failed the group: it cancelled the profile and the catalogue's stock (HttpClient aborts them).
      expect(expectPath('/api/delay/1').cancelled).toBeTrue();
      expect(expectPath('/api/delay/1.5').cancelled).toBeTrue();
      expect(card('devtools').querySelector('[data-testid="status"]')?.getAttribute('data-status')).toBe('done');
      expect(text(card('devtools'), '[data-testid="status"]')).toMatch(
        /^The group errored with a TaskGroupError of 1 \(HTTP 500 from \/api\/delay\/0\.6\?status=500\) after [\d.]+ s; tracing uninstalled, 7 entries written\.$/,
      );
      expect(rows().sort()).toEqual(
        [
          'group #N · group #N · primary-dark · —',
          'profile · group #N · secondary-light · cancelled',
          'catalogue · group #N · secondary-light · cancelled',
          'reviews · group #N · error · failed',
          'group #N in catalogue · group #N in catalogue · primary-dark · —',
          'prices · group #N in catalogue · tertiary · fulfilled',
          'stock · group #N in catalogue · secondary-light · cancelled',
        ].sort(),
      );
      expect(traced() - before).toBe(7);
      // Uninstalled once the run ended: another card's group writes nothing on any track.
      await run('basic');
      expect(traced() - before).toBe(7);
    });
  });
});
