import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, signal } from '@angular/core';
import { Subscription } from 'rxjs';
import { TaskGroupError } from 'rxjs-taskgroup';
import { TRACK_GROUP, traceTaskTree } from '../scenarios/devtools-trace';
import { describeError, readableErrorText } from '../timeline/describe';
import { CodePanelComponent } from './code-panel.component';
import { tagRun } from './run-id';

/** One `performance.measure` entry of the run, as DevTools draws it on its Performance tracks. */
export interface TrackEntryRow {
  readonly name: string;
  readonly trackGroup: string;
  readonly track: string;
  /** ms since Run was pressed. */
  readonly start: number;
  readonly duration: number;
  readonly color: string;
  /** The entry's `outcome` property; a group's entry has none (`—`). */
  readonly outcome: string;
  readonly tooltip: string;
}

interface DevToolsDetail {
  readonly devtools?: {
    readonly track?: string;
    readonly trackGroup?: string;
    readonly color?: string;
    readonly properties?: readonly (readonly [string, string])[];
    readonly tooltipText?: string;
  };
}

/** The measures written since `since` (a `performance.now()`) on the card's tracks, in start order. */
export function trackEntriesSince(since: number): TrackEntryRow[] {
  return (performance.getEntriesByType('measure') as PerformanceMeasure[])
    .filter((measure) => measure.startTime >= since && (measure.detail as DevToolsDetail | null)?.devtools?.trackGroup?.startsWith(`${TRACK_GROUP} #`))
    .map((measure) => {
      const devtools = (measure.detail as Required<DevToolsDetail>).devtools;
      return {
        name: measure.name,
        trackGroup: devtools.trackGroup ?? '',
        track: devtools.track ?? '',
        start: measure.startTime - since,
        duration: measure.duration,
        color: devtools.color ?? '',
        outcome: devtools.properties?.find(([key]) => key === 'outcome')?.[1] ?? '—',
        tooltip: devtools.tooltipText ?? '',
      };
    })
    .sort((a, b) => a.start - b.start || b.duration - a.duration);
}

/** A member error in a few words: an HTTP error as its status and path. */
const briefly = (error: unknown) =>
  error instanceof HttpErrorResponse ? `HTTP ${error.status} from ${readableErrorText(error.url ?? '?')}` : describeError(error);

/**
 * The task tree in Chrome DevTools: Run installs `traceTaskGroupsInDevTools` for one run of a
 * group with an owned inner group and a failure, uninstalls it when the run ends, and lists the
 * `performance.measure` entries the run wrote — what the Performance panel draws on its tracks.
 */
@Component({
  selector: 'app-devtools-card',
  imports: [CodePanelComponent],
  templateUrl: './devtools-card.component.html',
  styleUrls: ['./scenario-card.component.css', './devtools-card.component.css'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DevToolsCardComponent {
  /** Its number on the page. */
  readonly number = input.required<number>();
  readonly files = ['scenarios/devtools-trace.ts'];
  readonly trackGroup = TRACK_GROUP;
  private readonly http = inject(HttpClient);

  readonly status = signal<'idle' | 'running' | 'done'>('idle');
  readonly outcome = signal('');
  readonly entries = signal<readonly TrackEntryRow[]>([]);
  private runs = 0;
  private run?: Subscription;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.run?.unsubscribe());
  }

  start(): void {
    this.run?.unsubscribe();
    const runId = `devtools.${++this.runs}.${Date.now().toString(36)}`;
    const since = performance.now();
    this.entries.set([]);
    this.outcome.set('');
    this.status.set('running');
    const end = (outcome: string) => {
      const entries = trackEntriesSince(since);
      this.entries.set(entries);
      this.outcome.set(`${outcome} after ${((performance.now() - since) / 1000).toFixed(2)} s; tracing uninstalled, ${entries.length} entries written.`);
      this.status.set('done');
    };
    this.run = traceTaskTree(this.http, (url) => tagRun(url, runId)).subscribe({
      error: (error: unknown) =>
        end(
          error instanceof TaskGroupError
            ? `The group errored with a TaskGroupError of ${error.errors.length} (${error.errors.map(briefly).join('; ')})`
            : `The group errored: ${describeError(error)}`,
        ),
      complete: () => end('The group completed'),
    });
  }
}
