import { Observable, SchedulerLike, catchError, concat, defer, forkJoin, from, identity, map, of, switchMap, throwError, timer } from 'rxjs';
import {
  TaskEvent,
  TaskGroup,
  TaskOutcome,
  catchTaskErrors,
  taskGroup,
  withTaskGroup,
  withTimeout,
} from 'rxjs-taskgroup';
import { Dashboard, DashboardLoader } from '../dashboard/dashboard-loader.service';
import { runFirstExample, worker } from '../first-example/first-example';
import { describeError, formatValue } from '../timeline/describe';

/** Receives every group's events; `group` is the path of group names (`[]`: the outermost group). */
export type EventSink = (event: TaskEvent, group?: readonly string[]) => void;

/** What a card gives the scenario it runs. */
export interface ScenarioContext {
  /** For every timer and timeout: real time in the app, virtual time in tests. */
  readonly scheduler: SchedulerLike;
  /** Draws the timeline. */
  readonly onEvent: EventSink;
  /** The card's checkbox, when the scenario has one. */
  readonly variant: boolean;
}

export interface Scenario {
  readonly id: string;
  readonly title: string;
  /** The code the card runs, shortened, to show under the card. */
  readonly code: string;
  /** About how long a run takes, in ms: the length of the time axis while it runs. */
  readonly span: number;
  /** A checkbox that changes the run. */
  readonly variant?: { readonly label: string; readonly initial: boolean };
  /** Label of the outermost group's lane. */
  readonly groupLabel?: string;
  run(context: ScenarioContext): Observable<unknown>;
  /** The result, one line each; default: array items, or `key: value`. */
  format?(value: unknown): string[];
}

/** Python's ValueError, for the article's failing workers. */
export class ValueError extends Error {
  override readonly name = 'ValueError';
}

/** The article's `failing_worker`: fails after `seconds`. */
export function failingWorker(name: string, seconds: number, scheduler: SchedulerLike): Observable<never> {
  return timer(seconds * 1000, scheduler).pipe(switchMap(() => throwError(() => new ValueError(`${name} failed after ${seconds}s`))));
}

/** The article's `timed_worker`: `delay` s of work bounded by `timeout` s, with a fallback result. */
export function timedWorker(name: string, delay: number, timeout: number, scheduler: SchedulerLike): Observable<string> {
  return timer(delay * 1000, scheduler).pipe(
    map(() => `${name} completed`),
    withTimeout(timeout * 1000, { with: () => of(`${name} timed out`), scheduler, name }),
  );
}

/** Renames the tasks of a `taskGroup()` (named `task-0`, `task-1`, …) by index, for the timeline. */
function named(onEvent: EventSink, group: readonly string[], names: readonly string[]): (event: TaskEvent) => void {
  return (event) => onEvent(event.task ? { ...event, task: { ...event.task, name: names[event.task.index] } } : event, group);
}

export function formatOutcome(outcome: TaskOutcome<unknown>): string {
  return outcome.status === 'fulfilled' ? `fulfilled: ${formatValue(outcome.value)}` : `rejected: ${describeError(outcome.reason)}`;
}

/** Array items, or `key: value` lines, or the value. */
export function formatResult(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((item) => formatValue(item));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).map(([key, item]) => `${key}: ${formatValue(item)}`);
  }
  return [formatValue(value)];
}

// ── 1. The basic three workers ─────────────────────────────────────────────────────────────

export const basicScenario: Scenario = {
  id: 'basic',
  title: 'First example: three workers',
  span: 3000,
  code: `withTaskGroup(tg => {
  const task1 = tg.createTask(worker('A', 2), { name: 'A' });
  const task2 = tg.createTask(worker('B', 1), { name: 'B' });
  const task3 = tg.createTask(worker('C', 3), { name: 'C' });
  return forkJoin([task1, task2, task3]); // results in creation order
})`,
  run: ({ scheduler, onEvent }) => runFirstExample({ scheduler, onEvent }),
};

// ── 2. One failure cancels the others; except* ─────────────────────────────────────────────

export const failFastScenario: Scenario = {
  id: 'fail-fast',
  title: 'One fails, all are cancelled',
  span: 3000,
  variant: { label: 'Catch it with catchTaskErrors(ValueError, …) — except*', initial: true },
  code: `withTaskGroup(tg => {
  tg.createTask(worker('A', 3), { name: 'A' });
  tg.createTask(failingWorker('B', 1), { name: 'B' }); // ValueError at 1 s
  tg.createTask(worker('C', 2), { name: 'C' });
}).pipe(
  catchTaskErrors(ValueError, eg =>                     // except* ValueError as eg:
    of(eg.leaves().map(e => \`Caught: \${e.message}\`))),
)`,
  run: ({ scheduler, onEvent, variant }) =>
    withTaskGroup(
      (tg) => {
        tg.createTask(worker('A', 3, scheduler), { name: 'A' });
        tg.createTask(failingWorker('B', 1, scheduler), { name: 'B' });
        tg.createTask(worker('C', 2, scheduler), { name: 'C' });
      },
      { scheduler, onEvent },
    ).pipe(
      variant
        ? catchTaskErrors(ValueError, (eg) => of(eg.leaves().map((error) => `Caught: ${(error as Error).message}`)))
        : identity,
    ),
};

// ── 3. Timeouts ────────────────────────────────────────────────────────────────────────────

export const timeoutScenario: Scenario = {
  id: 'timeout',
  title: 'Timeouts: timed_worker',
  span: 3000,
  variant: { label: "Use createTask's timeout option instead (no fallback: the timeout fails the group)", initial: false },
  code: `const timedWorker = (name, delay, timeout) =>
  timer(delay * 1000).pipe(
    map(() => \`\${name} completed\`),
    withTimeout(timeout * 1000, { with: () => of(\`\${name} timed out\`) }), // asyncio.timeout
  );
withTaskGroup(tg => forkJoin([
  tg.createTask(timedWorker('A', 5, 2), { name: 'A' }), // times out
  tg.createTask(timedWorker('B', 1, 3), { name: 'B' }),
  tg.createTask(timedWorker('C', 3, 10), { name: 'C' }),
]))`,
  run: ({ scheduler, onEvent, variant }) =>
    withTaskGroup(
      (tg) => {
        const task = (name: string, delay: number, timeout: number) =>
          variant
            ? tg.createTask(timer(delay * 1000, scheduler).pipe(map(() => `${name} completed`)), { name, timeout: timeout * 1000 })
            : tg.createTask(timedWorker(name, delay, timeout, scheduler), { name });
        return forkJoin([task('A', 5, 2), task('B', 1, 3), task('C', 3, 10)]);
      },
      { scheduler, onEvent },
    ),
};

// ── 4. gather(return_exceptions=True) vs TaskGroup ─────────────────────────────────────────

const GATHER_NAMES = ['A', 'B', 'C'];
const gatherTasks = (scheduler: SchedulerLike) => [worker('A', 1.5, scheduler), failingWorker('B', 0.5, scheduler), worker('C', 1, scheduler)];

export const gatherScenario: Scenario = {
  id: 'gather',
  title: 'gather(return_exceptions=True) vs TaskGroup',
  span: 1500,
  code: `const tasks = [worker('A', 1.5), failingWorker('B', 0.5), worker('C', 1)];
from(tasks).pipe(taskGroup());                 // TaskGroup: B cancels A and C
from(tasks).pipe(taskGroup({ settle: true })); // gather(return_exceptions=True):
                                               // every outcome, nothing cancelled`,
  run: ({ scheduler, onEvent }) =>
    forkJoin({
      'taskGroup()': from(gatherTasks(scheduler)).pipe(
        taskGroup<string>({ scheduler, onEvent: named(onEvent, ['taskGroup()'], GATHER_NAMES) }),
        map((results) => results.join(', ')),
        catchError((error: unknown) => of(describeError(error))),
      ),
      'taskGroup({ settle: true })': from(gatherTasks(scheduler)).pipe(
        taskGroup<string>({ settle: true, scheduler, onEvent: named(onEvent, ['settle: true'], GATHER_NAMES) }),
        map((outcomes) => outcomes.map((outcome, i) => `${GATHER_NAMES[i]} ${formatOutcome(outcome)}`)),
      ),
    }),
  format: (value) => {
    const result = value as { 'taskGroup()': string; 'taskGroup({ settle: true })': string[] };
    return [
      `taskGroup(): ${result['taskGroup()']}`,
      ...result['taskGroup({ settle: true })'].map((line) => `taskGroup({ settle: true }): ${line}`),
    ];
  },
};

// ── 5. Nested groups ───────────────────────────────────────────────────────────────────────

export const nestedScenario: Scenario = {
  id: 'nested',
  title: 'Nested groups',
  span: 1000,
  variant: { label: 'Make Y-2 fail at 0.75 s (the inner group fails, so the outer one cancels X)', initial: false },
  code: `const subWorker = (label: string) => withTaskGroup(inner => forkJoin([
  inner.createTask(worker(\`\${label}-1\`, 0.5), { name: \`\${label}-1\` }),
  inner.createTask(worker(\`\${label}-2\`, 1.0), { name: \`\${label}-2\` }),
]));
withTaskGroup(outer => forkJoin([
  outer.createTask(subWorker('X'), { name: 'X' }),
  outer.createTask(subWorker('Y'), { name: 'Y' }),
]))`,
  run: ({ scheduler, onEvent, variant }) => {
    const subWorker = (label: string) =>
      withTaskGroup(
        (inner) =>
          forkJoin([
            inner.createTask(worker(`${label}-1`, 0.5, scheduler), { name: `${label}-1` }),
            inner.createTask(
              variant && label === 'Y' ? failingWorker(`${label}-2`, 0.75, scheduler) : worker(`${label}-2`, 1, scheduler),
              { name: `${label}-2` },
            ),
          ]),
        { scheduler, onEvent: (event) => onEvent(event, [label]) },
      );
    return withTaskGroup(
      (outer) => forkJoin([outer.createTask(subWorker('X'), { name: 'X' }), outer.createTask(subWorker('Y'), { name: 'Y' })]),
      { scheduler, onEvent },
    );
  },
  format: (value) => (value as string[][]).map((results, i) => `${['X', 'Y'][i]}: ${results.join(', ')}`),
};

// ── 6. Concurrent HTTP requests (the local API) ────────────────────────────────────────────

export const HTTP_URLS: readonly string[] = ['/api/delay/2', '/api/delay/10', '/api/status/500'];

export function httpScenario(loader: DashboardLoader): Scenario {
  return {
    id: 'http',
    title: 'Concurrent HTTP requests, fail fast',
    span: 1000,
    groupLabel: 'check_urls',
    code: `// DashboardLoader.checkUrls (HttpClient with withFetch(): unsubscribing aborts the request)
withTaskGroup(tg => forkJoin(urls.map(url =>
  tg.createTask(this.http.get(url), { name: url, timeout: 5000 }))))`,
    run: ({ scheduler, onEvent }) =>
      loader.clearServerLog().pipe(switchMap(() => loader.checkUrls(HTTP_URLS, { scheduler, onEvent, timeout: 5000 }))),
  };
}

// ── 7. Cleanup on cancellation ─────────────────────────────────────────────────────────────

export const cleanupScenario: Scenario = {
  id: 'cleanup',
  title: 'Cleanup on cancellation',
  span: 700,
  code: `withTaskGroup(tg => {
  tg.createTask(timer(10_000), {                 // cleanup_worker: sleeps 10 s
    name: 'cleanup_worker',
    onCancel: () => timer(500),                  // except CancelledError: await cleanup
  });
  tg.createTask(failingWorker('fast', 0.1), { name: 'fast' });
}) // errors at 0.6 s: after the cleanup, not at 0.1 s`,
  run: ({ scheduler, onEvent }) =>
    withTaskGroup(
      (tg) => {
        tg.createTask(timer(10_000, scheduler), { name: 'cleanup_worker', onCancel: () => timer(500, scheduler) });
        tg.createTask(failingWorker('fast', 0.1, scheduler), { name: 'fast' });
      },
      { scheduler, onEvent },
    ),
};

// ── 8. Pitfall: a task outside the block ───────────────────────────────────────────────────

export const pitfallScenario: Scenario = {
  id: 'pitfall',
  title: 'Pitfall: createTask after the group finished',
  span: 500,
  variant: { label: 'Instead, call task.result() inside the block, before the task is done', initial: false },
  code: `let saved: TaskGroup;
concat(
  withTaskGroup(tg => { saved = tg; tg.createTask(worker('A', 0.5), { name: 'A' }); }),
  defer(() => { saved.createTask(worker('late', 0.5)); return EMPTY; }), // TaskStateError
)`,
  run: ({ scheduler, onEvent, variant }) => {
    if (variant) {
      return withTaskGroup(
        (tg) => {
          const a = tg.createTask(worker('A', 0.5, scheduler), { name: 'A' });
          return of(a.result()); // throws TaskStateError: A is still running
        },
        { scheduler, onEvent },
      );
    }
    let saved: TaskGroup | undefined;
    return concat(
      withTaskGroup(
        (tg) => {
          saved = tg;
          tg.createTask(worker('A', 0.5, scheduler), { name: 'A' });
        },
        { scheduler, onEvent },
      ),
      defer(() => {
        saved?.createTask(worker('late', 0.5, scheduler), { name: 'late' });
        return of('unreachable: createTask threw');
      }),
    );
  },
};

// ── 9. The dashboard service ───────────────────────────────────────────────────────────────

export function dashboardScenario(loader: DashboardLoader): Scenario {
  return {
    id: 'dashboard',
    title: 'An Angular service: a dashboard with nested and settled groups',
    span: 2500,
    groupLabel: 'dashboard',
    variant: { label: 'Make the user request fail (HTTP 500)', initial: false },
    code: `// DashboardLoader.loadDashboard
withTaskGroup(tg => forkJoin({
  profile: tg.createTask(() => this.loadProfile(), { name: 'profile' }), // nested group: user + preferences
  stats: tg.createTask(this.http.get(stats), { name: 'stats', timeout: 4000 }),
  widgets: tg.createTask(() => this.loadWidgets(), { name: 'widgets' }),
}))
// loadWidgets: from(calls.map(call => call.pipe(withTimeout(2500)))).pipe(taskGroup({ settle: true }))`,
    run: ({ scheduler, onEvent, variant }) =>
      loader
        .clearServerLog()
        .pipe(switchMap(() => loader.loadDashboard({ scheduler, onEvent, endpoints: variant ? { user: '/api/status/500' } : {} }))),
    format: (value) => {
      const dashboard = value as Dashboard;
      return [
        `profile.user: ${formatValue(dashboard.profile.user)}`,
        `profile.preferences: ${formatValue(dashboard.profile.preferences)}`,
        `stats: ${formatValue(dashboard.stats)}`,
        ...Object.entries(dashboard.widgets).map(([name, outcome]) => `widgets.${name}: ${formatOutcome(outcome)}`),
      ];
    },
  };
}
