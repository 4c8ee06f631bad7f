import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { VirtualTimeScheduler } from 'rxjs';
import { PlaygroundComponent } from './playground.component';
import { SCENARIO_SCHEDULER } from './scenario-scheduler';

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
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: SCENARIO_SCHEDULER, useValue: scheduler }],
    }).compileComponents();
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(PlaygroundComponent);
    element = fixture.nativeElement;
    await fixture.whenStable();
  });

  afterEach(() => fixture.destroy());

  it('shows one card per scenario, each with a real Run button and a live status region', () => {
    const cards = Array.from(element.querySelectorAll<HTMLElement>('[data-testid^="card-"]'), (c) => c.dataset['testid']);
    expect(cards).toEqual([
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
    for (const id of cards) {
      const root = element.querySelector(`[data-testid="${id}"]`)!;
      const button = root.querySelector<HTMLButtonElement>('button[data-testid="run"]')!;
      expect(button.type).withContext(id!).toBe('button');
      expect(button.textContent?.trim()).toBe('Run');
      expect(root.querySelector('[data-testid="status"]')?.getAttribute('aria-live')).toBe('polite');
      expect(root.querySelector('h2')?.id).toBeTruthy();
    }
    expect(text(card('basic'), 'h2')).toContain('First example: three workers');
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
    // A legend, and a text label and a spoken summary per lane.
    expect(texts(card('basic'), '.legend li')).toContain('cancelled');
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

  it('6: clears the server log, shows the delayed requests cancelled when /api/status/500 fails, and the server’s log', async () => {
    const serverLog = card('http').querySelector('[data-testid="server-log"]')!;
    expect(text(serverLog, 'p')).toContain('Run the scenario');

    runButton('http').click();
    await fixture.whenStable();
    const clear = http.expectOne({ method: 'DELETE', url: '/api/log' });
    clear.flush(null, { status: 204, statusText: 'No Content' });
    const delay2 = http.expectOne('/api/delay/2');
    const delay10 = http.expectOne('/api/delay/10');
    http.expectOne('/api/status/500').flush('boom', { status: 500, statusText: 'Server Error' });
    await fixture.whenStable();

    expect(delay2.cancelled).toBeTrue();
    expect(delay10.cancelled).toBeTrue();
    expect(lanes('http')).toEqual([
      'check_urls: finished',
      '/api/delay/2: cancelled',
      '/api/delay/10: cancelled',
      '/api/status/500: failed',
    ]);
    expect(text(card('http'), '[data-testid="error-name"]')).toBe('TaskGroupError');
    const members = texts(card('http'), '[data-testid="error-member"]');
    expect(members.length).toBe(1);
    expect(members[0]).toContain('HttpErrorResponse');
    expect(members[0]).toContain('500');

    // After the run, the log is read (the first read at once).
    await new Promise((resolve) => setTimeout(resolve, 20));
    const reads = http.match({ method: 'GET', url: '/api/log' });
    expect(reads.length).toBeGreaterThan(0);
    reads[0].flush([
      { id: 1, method: 'GET', path: '/api/delay/2', start: 1000, end: 1050, duration: 50, status: null, outcome: 'aborted by client' },
      { id: 2, method: 'GET', path: '/api/delay/10', start: 1000, end: 1050, duration: 50, status: null, outcome: 'aborted by client' },
      { id: 3, method: 'GET', path: '/api/status/500', start: 1001, end: 1002, duration: 1, status: 500, outcome: 'completed' },
    ]);
    await fixture.whenStable();
    const rows = Array.from(serverLog.querySelectorAll<HTMLTableRowElement>('[data-testid="server-log-row"]'), (row) =>
      [row.dataset['path'], row.dataset['outcome'], ...Array.from(row.cells, (cell) => cell.textContent?.trim())].join(' | '),
    );
    expect(rows).toEqual([
      '/api/delay/2 | aborted by client | GET /api/delay/2 | +0.00 s | +0.05 s | 0.05 s | — | aborted by client',
      '/api/delay/10 | aborted by client | GET /api/delay/10 | +0.00 s | +0.05 s | 0.05 s | — | aborted by client',
      '/api/status/500 | completed | GET /api/status/500 | +0.00 s | +0.00 s | 0.00 s | 500 | completed',
    ]);
    fixture.destroy();
    http.match(() => true);
  });

  it('9: loads the dashboard through the service, with the nested profile group and every widget outcome', async () => {
    runButton('dashboard').click();
    await fixture.whenStable();
    http.expectOne({ method: 'DELETE', url: '/api/log' }).flush(null, { status: 204, statusText: 'No Content' });
    for (const url of ['/api/delay/0.8', '/api/delay/1.2', '/api/delay/1.5', '/api/delay/0.6', '/api/delay/5']) {
      http.expectOne(url).flush({ url });
    }
    http.expectOne('/api/status/503').flush('down', { status: 503, statusText: 'Service Unavailable' });
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
    expect(result).toContain('widgets.weather: fulfilled: {"url":"/api/delay/0.6"}');
    expect(result.find((line) => line.startsWith('widgets.news'))).toContain('rejected: HttpErrorResponse');
    fixture.destroy();
    http.match(() => true);
  });
});
