import { Observable } from 'rxjs';
import { TaskOutcome } from 'rxjs-taskgroup';
import { Dashboard, DashboardLoader } from '../dashboard/dashboard-loader.service';
import { basic } from '../scenarios/basic';
import { checkUrls } from '../scenarios/check-urls';
import { cleanup } from '../scenarios/cleanup';
import { concurrency } from '../scenarios/concurrency';
import { ScenarioContext } from '../scenarios/context';
import { dashboard } from '../scenarios/dashboard';
import { failFast } from '../scenarios/fail-fast';
import { SideBySide, forkJoinVsTaskGroup } from '../scenarios/forkjoin-vs-group';
import { gather } from '../scenarios/gather';
import { nested } from '../scenarios/nested';
import { pitfall } from '../scenarios/pitfall';
import { search } from '../scenarios/search';
import { startConnection } from '../scenarios/start';
import { timeouts } from '../scenarios/timeout';
import { describeError, formatValue } from '../timeline/describe';
import { ScenarioSide } from './sides';

export type { EventSink, ScenarioContext } from '../scenarios/context';
export { ValueError, failingWorker, timedWorker } from '../scenarios/workers';

/** A titled list of result lines (the side-by-side card has one per side). */
export interface ResultSection {
  readonly heading: string;
  readonly lines: readonly string[];
}

export interface Scenario {
  readonly id: string;
  readonly title: string;
  /**
   * The files its Code panel shows, by path under src/app/ (the scenario's own file first, then
   * the local helpers it imports): their text comes from the files at build time
   * (scripts/scenario-sources.mjs).
   */
  readonly files: readonly string[];
  /** About how long a run takes, in ms: the length of the time axis while it runs. */
  readonly span: number;
  /** A checkbox that changes the run. */
  readonly variant?: { readonly label: string; readonly initial: boolean };
  /** Label of the outermost group's lane. */
  readonly groupLabel?: string;
  /** Whether it calls the local API (the card then shows the server's log of its run). */
  readonly http?: boolean;
  /**
   * Whether the card shows the outermost group's task tree beside its timeline: `tg.snapshot()`
   * while a group handed to `watch` runs, else `reduceTaskTree` over the run's events.
   */
  readonly tree?: boolean;
  /**
   * Two versions of the same work, run at once: each side gets its own column — its lanes (an
   * outermost lane and the lanes under it), a status saying how it ended, and its result section.
   */
  readonly sides?: readonly ScenarioSide[];
  run(context: ScenarioContext): Observable<unknown>;
  /** The result, one line each, or in sections; default: array items, or `key: value`. */
  format?(value: unknown): readonly string[] | readonly ResultSection[];
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

const WORKERS = 'scenarios/workers.ts';

export const basicScenario: Scenario = {
  id: 'basic',
  title: 'First example: three workers',
  files: ['scenarios/basic.ts', WORKERS],
  span: 3000,
  run: basic,
};

export const failFastScenario: Scenario = {
  id: 'fail-fast',
  title: 'One fails, all are cancelled',
  files: ['scenarios/fail-fast.ts', WORKERS],
  span: 3000,
  variant: { label: 'Catch it with catchTaskErrors(ValueError, …) — except*', initial: true },
  run: failFast,
};

export const timeoutScenario: Scenario = {
  id: 'timeout',
  title: 'Timeouts: timed_worker',
  files: ['scenarios/timeout.ts', WORKERS],
  span: 3000,
  variant: { label: "Use createTask's timeout option instead (no fallback: the timeout fails the group)", initial: false },
  run: timeouts,
};

export const gatherScenario: Scenario = {
  id: 'gather',
  title: 'gather(return_exceptions=True) vs TaskGroup',
  files: ['scenarios/gather.ts', WORKERS],
  span: 1500,
  run: gather,
  format: (value) =>
    Object.entries(value as Record<string, string[]>).map(([heading, lines]) => ({ heading, lines })),
};

export const nestedScenario: Scenario = {
  id: 'nested',
  title: 'Nested groups',
  files: ['scenarios/nested.ts', WORKERS],
  span: 1000,
  variant: { label: 'Make Y-2 fail at 0.75 s (the inner group fails, so the outer one cancels X)', initial: false },
  tree: true,
  run: nested,
  format: (value) => (value as string[][]).map((results, i) => `${['X', 'Y'][i]}: ${results.join(', ')}`),
};

export const httpScenario: Scenario = {
  id: 'http',
  title: 'Concurrent HTTP requests, fail fast',
  files: ['scenarios/check-urls.ts'],
  span: 2000,
  groupLabel: 'check_urls',
  http: true,
  run: checkUrls,
};

export const cleanupScenario: Scenario = {
  id: 'cleanup',
  title: 'Cleanup on cancellation',
  files: ['scenarios/cleanup.ts', WORKERS],
  span: 700,
  tree: true,
  run: cleanup,
};

export const pitfallScenario: Scenario = {
  id: 'pitfall',
  title: 'Pitfall: createTask after the group finished',
  files: ['scenarios/pitfall.ts', WORKERS],
  span: 500,
  variant: { label: 'Instead, call task.result() inside the block, before the task is done', initial: false },
  run: pitfall,
};

export function dashboardScenario(loader: DashboardLoader): Scenario {
  return {
    id: 'dashboard',
    title: 'An Angular service: a dashboard with nested and settled groups',
    files: ['scenarios/dashboard.ts', 'dashboard/dashboard-loader.service.ts'],
    span: 2500,
    groupLabel: 'dashboard',
    http: true,
    variant: { label: 'Make the user request fail (HTTP 500)', initial: false },
    run: (context) => dashboard(loader, context),
    format: (value) => {
      const result = value as Dashboard;
      return [
        `profile.user: ${formatValue(result.profile.user)}`,
        `profile.preferences: ${formatValue(result.profile.preferences)}`,
        `stats: ${formatValue(result.stats)}`,
        ...Object.entries(result.widgets).map(([name, outcome]) => `widgets.${name}: ${formatOutcome(outcome)}`),
      ];
    },
  };
}

export const forkJoinScenario: Scenario = {
  id: 'forkjoin',
  title: 'forkJoin vs a task group, on the same HTTP calls',
  files: ['scenarios/forkjoin-vs-group.ts', 'scenarios/describe-http.ts', 'scenarios/trace.ts'],
  span: 3000,
  groupLabel: 'task group',
  http: true,
  tree: true,
  sides: [
    { lane: 'forkJoin', kind: 'forkJoin', heading: 'forkJoin' },
    { lane: 'task group', kind: 'task group', heading: 'task group', tree: true },
  ],
  run: forkJoinVsTaskGroup,
  format: (value) => Object.entries(value as SideBySide).map(([heading, lines]) => ({ heading, lines })),
};

export const concurrencyScenario: Scenario = {
  id: 'concurrency',
  title: 'concurrency: 3 — ten URLs, one fails',
  files: ['scenarios/concurrency.ts'],
  span: 2000,
  groupLabel: 'pages',
  http: true,
  tree: true,
  run: concurrency,
};

export const searchScenario: Scenario = {
  id: 'search',
  title: 'tg.cancel(), ctx.signal with fetch, and shield',
  files: ['scenarios/search.ts'],
  span: 2000,
  groupLabel: 'search',
  http: true,
  tree: true,
  variant: { label: 'Without shield: the audit is cancelled too', initial: false },
  run: search,
};

export const startScenario: Scenario = {
  id: 'start',
  title: 'tg.start(): wait until a connection is ready',
  files: ['scenarios/start.ts'],
  span: 1500,
  groupLabel: 'session',
  http: true,
  tree: true,
  variant: { label: 'The stream closes before it is ready', initial: false },
  run: startConnection,
};
