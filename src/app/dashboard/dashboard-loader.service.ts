import { HttpClient } from '@angular/common/http';
import { Injectable, InjectionToken, inject } from '@angular/core';
import { Observable, SchedulerLike, forkJoin, from, map } from 'rxjs';
import { TaskEvent, TaskOutcome, taskGroup, withTaskGroup, withTimeout } from 'rxjs-taskgroup';

/**
 * Receives the lifecycle events of every group a load runs, with the path of group names:
 * `[]` for the outermost group, `['profile']` for the group that the task named `profile`
 * runs, and so on. A timeline draws one lane per task from them.
 */
export type GroupEventSink = (event: TaskEvent, group: readonly string[]) => void;

/** What every method that runs a group accepts. */
export interface LoadOptions {
  /** Lifecycle events, for a log or a timeline. */
  readonly onEvent?: GroupEventSink;
  /** Aborting it cancels the whole load: every pending request is aborted. */
  readonly signal?: AbortSignal;
  /** Scheduler for the timeouts (tests pass a virtual one); default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
  /** Rewrites each URL before it is requested (the demo tags them with a run id); default: as is. */
  readonly url?: (url: string) => string;
}

/** Where the dashboard's resources live, and how long each call may take. */
export interface DashboardEndpoints {
  readonly user: string;
  readonly preferences: string;
  readonly stats: string;
  /** Optional widgets: one failing or timing out does not stop the others. */
  readonly widgets: Readonly<Record<string, string>>;
  /** Per-call timeout of the required resources, in ms. */
  readonly requestTimeout: number;
  /** Per-call timeout of an optional widget, in ms. */
  readonly widgetTimeout: number;
}

/**
 * The demo's local API (`server/`): `/api/delay/:s` answers after s seconds, `/api/status/:code`
 * with that status. Every resource has its own URL: browsers run concurrent GETs of one URL
 * one after the other (cache lock), which would skew the timings.
 */
export const DASHBOARD_ENDPOINTS = new InjectionToken<DashboardEndpoints>('DASHBOARD_ENDPOINTS', {
  providedIn: 'root',
  factory: () => ({
    user: '/api/delay/0.8',
    preferences: '/api/delay/1.2',
    stats: '/api/delay/1.5',
    widgets: { weather: '/api/delay/0.6', news: '/api/status/503', tips: '/api/delay/5' },
    requestTimeout: 4000,
    widgetTimeout: 2500,
  }),
});

export interface Dashboard {
  readonly profile: { readonly user: unknown; readonly preferences: unknown };
  readonly stats: unknown;
  /** Every optional widget's outcome, by name: a failed one is `rejected`, the others are still there. */
  readonly widgets: Readonly<Record<string, TaskOutcome<unknown>>>;
}

/** One entry of the local API's request log (`GET /api/log`). */
export interface ServerLogEntry {
  readonly id: number;
  readonly method: string;
  readonly path: string;
  /** The run id the request was tagged with, if any. */
  readonly run?: string;
  readonly start: number;
  readonly end: number | null;
  readonly duration: number | null;
  readonly status: number | null;
  readonly outcome: 'completed' | 'aborted by client' | 'pending';
}

/**
 * Loads several resources at once with structured concurrency: every request is a task of a
 * group, so when a required one fails (or times out) the others are cancelled — and since
 * HttpClient aborts a request when it is unsubscribed (with either backend, fetch or XHR),
 * cancelled means aborted on the wire — and every failure comes back
 * as one `TaskGroupError`. Each method returns a cold Observable: subscribe to start,
 * unsubscribe (e.g. `takeUntilDestroyed`) to abort everything.
 */
@Injectable({ providedIn: 'root' })
export class DashboardLoader {
  private readonly http = inject(HttpClient);
  private readonly endpoints = inject(DASHBOARD_ENDPOINTS);

  /**
   * The article's `check_urls`: GET every URL concurrently, each bounded by `timeout` ms
   * (default 5 s); fail-fast: the first failure aborts the other requests and the result
   * errors with a `TaskGroupError`. Emits the bodies by URL, in the order given.
   */
  checkUrls(urls: readonly string[], options: LoadOptions & { readonly timeout?: number } = {}): Observable<Record<string, unknown>> {
    const { timeout = 5000 } = options;
    return withTaskGroup(
      (tg) => forkJoin(urls.map((url) => tg.createTask(this.get(url, options), { name: url, timeout }))),
      this.groupOptions(options, []),
    ).pipe(map((bodies) => Object.fromEntries(urls.map((url, i) => [url, bodies[i]]))));
  }

  /**
   * The dashboard: the profile (its own group of two calls), the stats and the optional
   * widgets, all at once. Profile and stats are required: if one fails or times out,
   * everything still running is aborted and the result errors. The widgets are loaded in
   * settle mode: each one's outcome is reported and none cancels another. `endpoints`
   * overrides the injected ones for this load.
   */
  loadDashboard(options: LoadOptions & { readonly endpoints?: Partial<DashboardEndpoints> } = {}): Observable<Dashboard> {
    const endpoints = { ...this.endpoints, ...options.endpoints };
    return withTaskGroup((tg) => {
      const profile = tg.createTask((ctx) => this.profile(endpoints, options, [ctx.name]), { name: 'profile' });
      const stats = tg.createTask(this.get(endpoints.stats, options), { name: 'stats', timeout: endpoints.requestTimeout });
      const widgets = tg.createTask((ctx) => this.widgets(endpoints, options, [ctx.name]), { name: 'widgets' });
      return forkJoin({ profile, stats, widgets });
    }, this.groupOptions(options, []));
  }

  /** The profile alone: user and preferences, fail-fast (in the dashboard, a nested group). */
  loadProfile(options: LoadOptions = {}): Observable<Dashboard['profile']> {
    return this.profile(this.endpoints, options, []);
  }

  /** The optional widgets alone, in settle mode (`gather(return_exceptions=True)`): every outcome, by name. */
  loadWidgets(options: LoadOptions = {}): Observable<Dashboard['widgets']> {
    return this.widgets(this.endpoints, options, []);
  }

  /** The local API's recent requests; with `run`, only those tagged with that run id (`?run=`). */
  serverLog(run?: string): Observable<ServerLogEntry[]> {
    return this.http
      .get<ServerLogEntry[]>(run === undefined ? '/api/log' : `/api/log?run=${encodeURIComponent(run)}`)
      .pipe(map((entries) => entries.filter((entry) => !entry.path.startsWith('/api/log'))));
  }

  /** Empties the local API's request log. */
  clearServerLog(): Observable<void> {
    return this.http.delete<unknown>('/api/log').pipe(map(() => undefined));
  }

  private profile(endpoints: DashboardEndpoints, options: LoadOptions, group: readonly string[]): Observable<Dashboard['profile']> {
    const { user, preferences, requestTimeout: timeout } = endpoints;
    return withTaskGroup(
      (tg) =>
        forkJoin({
          user: tg.createTask(this.get(user, options), { name: 'user', timeout }),
          preferences: tg.createTask(this.get(preferences, options), { name: 'preferences', timeout }),
        }),
      this.groupOptions(options, group),
    );
  }

  private widgets(endpoints: DashboardEndpoints, options: LoadOptions, group: readonly string[]): Observable<Dashboard['widgets']> {
    const names = Object.keys(endpoints.widgets);
    const { onEvent, ...rest } = this.groupOptions(options, group);
    const { widgetTimeout, widgets } = endpoints;
    const { scheduler } = options;
    return from(names.map((name) => this.get(widgets[name], options).pipe(withTimeout(widgetTimeout, { name, scheduler })))).pipe(
      taskGroup<unknown>({
        ...rest,
        settle: true,
        // taskGroup() names its tasks task-0, task-1, …: report them by widget name.
        onEvent: onEvent && ((event) => onEvent(event.task ? { ...event, task: { ...event.task, name: names[event.task.index] } } : event)),
      }),
      map((outcomes) => Object.fromEntries(names.map((name, i) => [name, outcomes[i]]))),
    );
  }

  private get(url: string, options: LoadOptions): Observable<unknown> {
    return this.http.get<unknown>(options.url ? options.url(url) : url);
  }

  private groupOptions(options: LoadOptions, group: readonly string[]) {
    const { onEvent, scheduler } = options;
    return {
      scheduler,
      // Only the outermost group listens to the signal: cancelling it cancels the nested ones.
      signal: group.length === 0 ? options.signal : undefined,
      onEvent: onEvent && ((event: TaskEvent) => onEvent(event, group)),
    };
  }
}
