import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { VirtualTimeScheduler } from 'rxjs';
import { TaskEvent, TaskGroupError, TaskOutcome, TaskTimeoutError } from 'rxjs-taskgroup';
import { DASHBOARD_ENDPOINTS, Dashboard, DashboardEndpoints, DashboardLoader } from './dashboard-loader.service';

const ENDPOINTS: DashboardEndpoints = {
  user: '/user',
  preferences: '/preferences',
  stats: '/stats',
  widgets: { weather: '/weather', news: '/news', tips: '/tips' },
  requestTimeout: 4000,
  widgetTimeout: 2500,
};

const URLS = ['/api/delay/2', '/api/delay/10', '/api/status/500'];

/** What an Observable delivered, synchronously observable by the test. */
function observe<T>() {
  const seen: { values: T[]; error?: unknown; completed: boolean } = { values: [], completed: false };
  return {
    seen,
    observer: {
      next: (value: T) => seen.values.push(value),
      error: (error: unknown) => (seen.error = error),
      complete: () => (seen.completed = true),
    },
  };
}

function serverError(request: TestRequest): void {
  request.flush('boom', { status: 500, statusText: 'Server Error' });
}

describe('DashboardLoader', () => {
  let loader: DashboardLoader;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: DASHBOARD_ENDPOINTS, useValue: ENDPOINTS }],
    });
    loader = TestBed.inject(DashboardLoader);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  describe('checkUrls (fail-fast)', () => {
    it('sends every request at once and emits the bodies by URL, in order', () => {
      const { seen, observer } = observe<Record<string, unknown>>();
      loader.checkUrls(['/a', '/b']).subscribe(observer);
      const [a, b] = ['/a', '/b'].map((url) => http.expectOne(url));
      b.flush({ name: 'b' });
      expect(seen.values).toEqual([]);
      a.flush({ name: 'a' });
      expect(seen.values).toEqual([{ '/a': { name: 'a' }, '/b': { name: 'b' } }]);
      expect(Object.keys(seen.values[0])).toEqual(['/a', '/b']);
      expect(seen.completed).toBeTrue();
    });

    it('cancels the pending requests when one fails, and errors with one TaskGroupError', () => {
      const { seen, observer } = observe<Record<string, unknown>>();
      loader.checkUrls(URLS).subscribe(observer);
      const [delay2, delay10, status500] = URLS.map((url) => http.expectOne(url));

      serverError(status500);

      expect(delay2.cancelled).toBeTrue();
      expect(delay10.cancelled).toBeTrue();
      expect(seen.values).toEqual([]);
      expect(seen.error).toBeInstanceOf(TaskGroupError);
      const errors = (seen.error as TaskGroupError).errors;
      expect(errors.length).toBe(1);
      expect(errors[0]).toBeInstanceOf(HttpErrorResponse);
      expect((errors[0] as HttpErrorResponse).status).toBe(500);
      expect((errors[0] as HttpErrorResponse).url).toBe('/api/status/500');
    });

    it('reports every step to onEvent, each task named by its URL', () => {
      const events: { type: string; task?: string; group: readonly string[] }[] = [];
      loader
        .checkUrls(URLS, { onEvent: (event, group) => events.push({ type: event.type, task: event.task?.name, group }) })
        .subscribe({ error: () => undefined });
      serverError(http.expectOne('/api/status/500'));
      http.match(() => true); // the cancelled ones

      expect(events.filter((e) => e.type === 'started').map((e) => e.task)).toEqual(URLS);
      const afterFailure = events.slice(events.findIndex((e) => e.type === 'failed'));
      expect(afterFailure.map((e) => `${e.type} ${e.task ?? ''}`.trim())).toEqual([
        'failed /api/status/500',
        'group-shutdown',
        'cancelled /api/delay/10', // newest first
        'cancelled /api/delay/2',
        'group-finished',
      ]);
      expect(events.every((e) => e.group.length === 0)).toBeTrue();
    });

    it('times a call out after its own timeout, aborting it and the others', () => {
      const scheduler = new VirtualTimeScheduler();
      const { seen, observer } = observe<Record<string, unknown>>();
      loader.checkUrls(['/fast', '/slow'], { timeout: 5000, scheduler }).subscribe(observer);
      const fast = http.expectOne('/fast');
      const slow = http.expectOne('/slow');
      fast.flush({ ok: true });

      scheduler.flush(); // virtual time runs to the 5 s deadline

      expect(slow.cancelled).toBeTrue();
      const [timeout] = (seen.error as TaskGroupError).errors as TaskTimeoutError[];
      expect(timeout).toBeInstanceOf(TaskTimeoutError);
      expect(timeout.taskName).toBe('/slow');
      expect(timeout.timeout).toBe(5000);
      expect(scheduler.now()).toBe(5000);
    });

    it('aborts every request when its AbortSignal aborts, and completes without error', () => {
      const controller = new AbortController();
      const { seen, observer } = observe<Record<string, unknown>>();
      loader.checkUrls(URLS, { signal: controller.signal }).subscribe(observer);
      const requests = URLS.map((url) => http.expectOne(url));

      controller.abort('user left');

      expect(requests.map((request) => request.cancelled)).toEqual([true, true, true]);
      expect(seen.error).toBeUndefined();
      expect(seen.completed).toBeTrue();
    });

    it('aborts every request when the subscriber unsubscribes', () => {
      const subscription = loader.checkUrls(URLS).subscribe();
      const requests = URLS.map((url) => http.expectOne(url));
      subscription.unsubscribe();
      expect(requests.map((request) => request.cancelled)).toEqual([true, true, true]);
    });
  });

  describe('loadWidgets (settle mode)', () => {
    it('cancels nothing when a widget fails, and reports every outcome by name', () => {
      const { seen, observer } = observe<Dashboard['widgets']>();
      loader.loadWidgets().subscribe(observer);
      const weather = http.expectOne('/weather');
      const news = http.expectOne('/news');
      const tips = http.expectOne('/tips');

      serverError(news);
      expect(weather.cancelled).toBeFalse();
      expect(tips.cancelled).toBeFalse();
      tips.flush({ tip: 'hydrate' });
      weather.flush({ sky: 'clear' });

      expect(seen.error).toBeUndefined();
      expect(seen.values.length).toBe(1);
      const widgets = seen.values[0];
      expect(Object.keys(widgets)).toEqual(['weather', 'news', 'tips']);
      expect(widgets['weather']).toEqual({ status: 'fulfilled', value: { sky: 'clear' } });
      expect(widgets['tips']).toEqual({ status: 'fulfilled', value: { tip: 'hydrate' } });
      const news500 = widgets['news'] as Extract<TaskOutcome<unknown>, { status: 'rejected' }>;
      expect(news500.status).toBe('rejected');
      expect((news500.reason as HttpErrorResponse).status).toBe(500);
    });

    it('reports a widget that times out as rejected, without touching the others', () => {
      const scheduler = new VirtualTimeScheduler();
      const { seen, observer } = observe<Dashboard['widgets']>();
      loader.loadWidgets({ scheduler }).subscribe(observer);
      http.expectOne('/weather').flush({ sky: 'clear' });
      http.expectOne('/news').flush({ headline: 'hello' });
      const tips = http.expectOne('/tips');

      scheduler.flush();

      expect(tips.cancelled).toBeTrue();
      const widgets = seen.values[0];
      expect(widgets['weather'].status).toBe('fulfilled');
      expect(widgets['news'].status).toBe('fulfilled');
      const timedOut = widgets['tips'] as Extract<TaskOutcome<unknown>, { status: 'rejected' }>;
      expect(timedOut.reason).toBeInstanceOf(TaskTimeoutError);
      expect((timedOut.reason as TaskTimeoutError).taskName).toBe('tips');
      expect(scheduler.now()).toBe(2500);
    });
  });

  describe('loadDashboard (a nested group inside the dashboard group)', () => {
    const all = ['/user', '/preferences', '/stats', '/weather', '/news', '/tips'];

    it('loads everything: required parts, and every widget outcome even when one fails', () => {
      const { seen, observer } = observe<Dashboard>();
      loader.loadDashboard().subscribe(observer);
      const requests = Object.fromEntries(all.map((url) => [url, http.expectOne(url)]));

      serverError(requests['/news']);
      const others = all.filter((u) => u !== '/news');
      expect(others.filter((url) => requests[url].cancelled)).toEqual([]);
      for (const url of others) {
        requests[url].flush({ url });
      }

      expect(seen.error).toBeUndefined();
      const [dashboard] = seen.values;
      expect(dashboard.profile).toEqual({ user: { url: '/user' }, preferences: { url: '/preferences' } });
      expect(dashboard.stats).toEqual({ url: '/stats' });
      expect(dashboard.widgets['weather']).toEqual({ status: 'fulfilled', value: { url: '/weather' } });
      expect(dashboard.widgets['news'].status).toBe('rejected');
      expect(dashboard.widgets['tips']).toEqual({ status: 'fulfilled', value: { url: '/tips' } });
    });

    it('when a profile call fails, cancels its sibling in the profile group and every other dashboard request', () => {
      const { seen, observer } = observe<Dashboard>();
      loader.loadDashboard().subscribe(observer);
      const requests = Object.fromEntries(all.map((url) => [url, http.expectOne(url)]));
      requests['/weather'].flush({ sky: 'clear' });

      serverError(requests['/user']);

      // (A TestRequest also reads as cancelled once answered: only the pending ones are checked.)
      const pending = ['/preferences', '/stats', '/news', '/tips'];
      expect(pending.map((url) => requests[url].cancelled)).toEqual([true, true, true, true]);
      // The dashboard's error holds the profile group's error as one member.
      const outer = seen.error as TaskGroupError;
      expect(outer).toBeInstanceOf(TaskGroupError);
      expect(outer.errors.length).toBe(1);
      const inner = outer.errors[0] as TaskGroupError;
      expect(inner).toBeInstanceOf(TaskGroupError);
      expect(inner.errors.length).toBe(1);
      expect((inner.errors[0] as HttpErrorResponse).url).toBe('/user');
      expect(outer.leaves().length).toBe(1);
    });

    it('when a call of the nested group times out, the profile group fails and the dashboard cancels the rest', () => {
      const scheduler = new VirtualTimeScheduler();
      const { seen, observer } = observe<Dashboard>();
      loader.loadDashboard({ scheduler }).subscribe(observer);
      const requests = Object.fromEntries(all.map((url) => [url, http.expectOne(url)]));
      for (const url of ['/user', '/weather', '/news', '/tips']) requests[url].flush({});

      // At 4 s both /preferences and /stats are due; /preferences was started first.
      scheduler.flush();

      expect(requests['/preferences'].cancelled).toBeTrue();
      expect(requests['/stats'].cancelled).toBeTrue();
      const outer = seen.error as TaskGroupError;
      expect(outer.errors.length).toBe(1);
      const inner = outer.errors[0] as TaskGroupError;
      expect(inner).toBeInstanceOf(TaskGroupError);
      const [timeout] = inner.errors as TaskTimeoutError[];
      expect(timeout).toBeInstanceOf(TaskTimeoutError);
      expect(timeout.taskName).toBe('preferences');
      expect(timeout.timeout).toBe(ENDPOINTS.requestTimeout);
      expect(scheduler.now()).toBe(ENDPOINTS.requestTimeout);
    });

    it('passes every group’s events on with its path, widget tasks named by widget', () => {
      const events: { event: TaskEvent; group: readonly string[] }[] = [];
      loader.loadDashboard({ onEvent: (event, group) => events.push({ event, group }) }).subscribe();
      for (const url of all) http.expectOne(url).flush({});

      const started = (path: string) =>
        events.filter(({ event, group }) => event.type === 'started' && group.join('/') === path).map(({ event }) => event.task?.name);
      expect(started('')).toEqual(['profile', 'stats', 'widgets']);
      expect(started('profile')).toEqual(['user', 'preferences']);
      expect(started('widgets')).toEqual(['weather', 'news', 'tips']);
      const finished = events.filter(({ event }) => event.type === 'group-finished').map(({ group }) => group.join('/'));
      expect(finished).toEqual(['profile', 'widgets', '']);
    });

    it('takes endpoint overrides for one load', () => {
      loader.loadDashboard({ endpoints: { user: '/other-user' } }).subscribe();
      http.expectOne('/other-user').flush({});
      for (const url of all.filter((u) => u !== '/user')) http.expectOne(url).flush({});
    });
  });

  describe('the server log', () => {
    it('reads GET /api/log without the log’s own requests', () => {
      const { seen, observer } = observe<unknown>();
      loader.serverLog().subscribe(observer);
      const request = http.expectOne('/api/log');
      expect(request.request.method).toBe('GET');
      request.flush([
        { id: 1, method: 'GET', path: '/api/delay/10', start: 0, end: 50, duration: 50, status: null, outcome: 'aborted by client' },
        { id: 2, method: 'GET', path: '/api/log', start: 60, end: 61, duration: 1, status: 200, outcome: 'completed' },
      ]);
      expect(seen.values).toEqual([
        [{ id: 1, method: 'GET', path: '/api/delay/10', start: 0, end: 50, duration: 50, status: null, outcome: 'aborted by client' }],
      ]);
    });

    it('clears it with DELETE /api/log', () => {
      const { seen, observer } = observe<void>();
      loader.clearServerLog().subscribe(observer);
      const request = http.expectOne('/api/log');
      expect(request.request.method).toBe('DELETE');
      request.flush(null, { status: 204, statusText: 'No Content' });
      expect(seen.completed).toBeTrue();
      expect(seen.values).toEqual([undefined]);
    });
  });
});
