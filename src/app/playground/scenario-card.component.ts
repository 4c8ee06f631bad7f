import { NgTemplateOutlet } from '@angular/common';
import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { Subscription, interval } from 'rxjs';
import { TaskGroup, TaskGroupSnapshot, TaskTimeoutError } from 'rxjs-taskgroup';
import { ErrorView, viewError } from '../timeline/describe';
import { TimelineRecord, buildLanes, formatSeconds } from '../timeline/timeline';
import { TimelineComponent } from '../timeline/timeline.component';
import { buildTaskTree } from '../timeline/task-tree';
import { TaskTreeComponent } from '../timeline/task-tree.component';
import { CodePanelComponent } from './code-panel.component';
import { EventSink, ResultSection, Scenario, ScenarioContext, formatResult } from './scenarios';
import { SCENARIO_SCHEDULER } from './scenario-scheduler';
import { ServerLogComponent } from './server-log.component';
import { tagRun } from './run-id';
import { lanesBySide, sideStatus } from './sides';

export type RunStatus = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

/**
 * One scenario: its description (projected), a Run button, the live timeline drawn from
 * `onEvent` (with, for some, the group's task tree beside it), the result or the error with every member, the server's log of this run (for
 * scenarios that call the local API) and the code that runs.
 */
@Component({
  selector: 'app-scenario-card',
  imports: [NgTemplateOutlet, TimelineComponent, TaskTreeComponent, ServerLogComponent, CodePanelComponent],
  templateUrl: './scenario-card.component.html',
  styleUrl: './scenario-card.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ScenarioCardComponent {
  readonly scenario = input.required<Scenario>();
  /** Its number on the page. */
  readonly number = input.required<number>();

  private readonly scheduler = inject(SCENARIO_SCHEDULER);
  private readonly http = inject(HttpClient);

  /** The card's checkbox (for scenarios that have one). */
  readonly variant = linkedSignal(() => this.scenario().variant?.initial ?? false);
  readonly status = signal<RunStatus>('idle');
  /** How many runs were started. */
  readonly runs = signal(0);
  /** The id the current run tags its requests with (`?run=`): the server log shows its requests only. */
  readonly runId = signal<string | null>(null);
  readonly records = signal<readonly TimelineRecord[]>([]);
  /** Now, in ms since the run started (ticks while running). */
  readonly now = signal(0);
  /** How long the run took, in ms; null while running. */
  readonly elapsed = signal<number | null>(null);
  readonly result = signal<readonly string[] | null>(null);
  /** The result in titled sections (side-by-side scenarios). */
  readonly sections = signal<readonly ResultSection[] | null>(null);
  readonly error = signal<ErrorView | null>(null);

  readonly origin = signal(0);
  private subscription?: Subscription;
  private ticker?: Subscription;

  readonly lanes = computed(() => buildLanes(this.records(), this.origin(), this.scenario().groupLabel));

  /**
   * For a scenario with sides: each side's lanes, how it stands, and its result section. A side
   * that has not started yet has no lane, and says so.
   */
  readonly sideViews = computed(() => {
    const sides = this.scenario().sides ?? [];
    const byLane = lanesBySide(this.lanes());
    const sections = this.sections() ?? [];
    return sides.map((side) => {
      const lanes = byLane.get(side.lane) ?? [];
      const status = this.status() === 'idle' ? { state: 'idle' as const, text: 'not run yet' } : sideStatus(side.kind, lanes);
      return { side, lanes, status, section: sections.find((section) => section.heading === side.heading) };
    });
  });

  /**
   * The last `tg.snapshot()` of the group the scenario handed to `watch`, taken on each event
   * and on each tick of the clock (a cancelled task without `onCancel` ends with no event of its
   * own); null when there is none, or once it has finished (a snapshot then lists no task).
   */
  readonly liveTree = signal<TaskGroupSnapshot | null>(null);
  /** The outermost group's tree, rebuilt from the run's events by the core's `reduceTaskTree`. */
  readonly eventTree = computed(() => buildTaskTree(this.records()));
  /** What the task-tree panel shows: the live snapshot while there is one, else the event tree (done tasks included). */
  readonly tree = computed(() => this.liveTree() ?? this.eventTree());
  readonly treeSource = computed(() => (this.liveTree() ? 'tg.snapshot(), live' : 'reduceTaskTree over onEvent'));

  /** The time axis: the scenario's planned span while it runs; fitted to what happened after. */
  readonly span = computed(() => {
    const planned = this.scenario().span;
    const elapsed = this.elapsed();
    if (elapsed === null) return Math.max(planned, this.now());
    const origin = this.origin();
    const extent = this.records().reduce((latest, record) => Math.max(latest, ('event' in record ? record.event.time : record.timeout.time) - origin), elapsed);
    return extent < planned / 4 ? Math.max(extent * 1.1, 20) : Math.max(planned, extent);
  });

  readonly statusText = computed(() => {
    const elapsed = this.elapsed();
    const took = elapsed === null ? '' : formatSeconds(elapsed);
    switch (this.status()) {
      case 'idle':
        return 'Not run yet.';
      case 'running':
        return 'Running…';
      case 'done':
        // A side-by-side run is over once both sides have ended: how each ended is its own status.
        return this.scenario().sides ? `Both sides have ended, ${took} after Run: how each ended is above its lanes.` : `Completed in ${took}.`;
      case 'cancelled':
        return `Cancelled after ${took}: the group was unsubscribed, so every task was cancelled.`;
      case 'failed': {
        const error = this.error();
        const members = error?.members ? ` with ${error.members.length} error${error.members.length === 1 ? '' : 's'}` : '';
        return `Failed after ${took}: ${error?.name ?? 'error'}${members}.`;
      }
    }
  });

  readonly titleId = computed(() => `card-${this.scenario().id}-title`);

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.subscription?.unsubscribe();
      this.ticker?.unsubscribe();
    });
  }

  run(): void {
    this.subscription?.unsubscribe();
    this.ticker?.unsubscribe();
    const { scheduler } = this;
    const scenario = this.scenario();
    const origin = scheduler.now();
    this.origin.set(origin);
    this.records.set([]);
    this.now.set(0);
    this.elapsed.set(null);
    this.result.set(null);
    this.sections.set(null);
    this.error.set(null);
    this.liveTree.set(null);
    this.status.set('running');
    const runs = this.runs() + 1;
    this.runs.set(runs);
    const runId = `${scenario.id}.${runs}.${Date.now().toString(36)}`;
    this.runId.set(runId);

    let watched: TaskGroup | undefined;
    let sampling = false;
    // Sampled once the current event has been handled: inside `onEvent`, the group has not yet
    // applied the change the event reports.
    const sample = () => {
      if (sampling) return;
      sampling = true;
      queueMicrotask(() => {
        sampling = false;
        const snapshot = watched?.snapshot();
        this.liveTree.set(snapshot && snapshot.state !== 'finished' ? snapshot : null);
      });
    };
    const onEvent: EventSink = (event, group = []) => {
      this.records.update((records) => [...records, { event, group }]);
      sample();
    };
    const watch = (tg: TaskGroup) => {
      watched = tg;
      sample();
    };
    const onTimeout = (error: TaskTimeoutError, group: readonly string[] = []) =>
      this.records.update((records) => [...records, { timeout: { taskName: error.taskName, ms: error.timeout, time: scheduler.now() }, group }]);
    const ticker = interval(50).subscribe(() => {
      this.now.set(scheduler.now() - origin);
      sample();
    });
    this.ticker = ticker;
    const finish = (status: RunStatus) => {
      ticker.unsubscribe();
      this.now.set(scheduler.now() - origin);
      this.elapsed.set(scheduler.now() - origin);
      this.status.set(status);
    };

    const context: ScenarioContext = {
      scheduler,
      onEvent,
      onTimeout,
      watch,
      variant: this.variant(),
      http: this.http,
      api: (url) => tagRun(url, runId),
    };
    this.subscription = scenario.run(context).subscribe({
      next: (value) => {
        const shown = (scenario.format ?? formatResult)(value);
        if (shown.length > 0 && typeof shown[0] !== 'string') {
          this.sections.set(shown as readonly ResultSection[]);
        } else {
          this.result.set(shown as readonly string[]);
        }
      },
      error: (error: unknown) => {
        this.error.set(viewError(error));
        finish('failed');
      },
      complete: () => finish('done'),
    });
  }

  /** Unsubscribes from the running group: it cancels every task (their cleanups still run). */
  cancel(): void {
    if (this.status() !== 'running') return;
    this.subscription?.unsubscribe();
    this.ticker?.unsubscribe();
    const elapsed = this.scheduler.now() - this.origin();
    this.now.set(elapsed);
    this.elapsed.set(elapsed);
    this.status.set('cancelled');
  }

  setVariant(event: Event): void {
    this.variant.set((event.target as HTMLInputElement).checked);
  }
}
