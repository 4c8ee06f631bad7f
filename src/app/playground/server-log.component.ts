import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { EMPTY, Observable, catchError, distinctUntilChanged, exhaustMap, filter, switchMap, take, takeUntil, tap, timer } from 'rxjs';
import { DashboardLoader, ServerLogEntry } from '../dashboard/dashboard-loader.service';
import { SERVER_LOG_FEED } from './server-log-feed';
import { describeError } from '../timeline/describe';
import { formatSeconds } from '../timeline/timeline';

/** Reads a time the server wrote: ms since the epoch, or a date string. */
function toMs(value: number | string | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  const ms = typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * The local API's log of one run's requests, next to the timeline: the server's side of each
 * request — completed, or aborted by the client when its task was cancelled. Requests that
 * never went out are simply not there. Read live (`SERVER_LOG_FEED`: a WebSocket the server
 * writes to as each request starts and ends) while the card's run is running and for a moment
 * after; where that cannot open, by polling `GET /api/log?run=<id>` instead.
 */
@Component({
  selector: 'app-server-log',
  templateUrl: './server-log.component.html',
  styleUrl: './server-log.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ServerLogComponent {
  /** The run id the card's requests are tagged with; null before the first run. */
  readonly run = input.required<string | null>();
  /** Whether the card's run is running. */
  readonly running = input.required<boolean>();
  /** How many runs the card has started (0: none yet, nothing to show). */
  readonly runs = input.required<number>();
  /**
   * Poll period while running, and after the run ends (then `settlePolls` times), in ms; the
   * live log stays open `period × settlePolls` ms after the run.
   */
  readonly period = input(400);
  readonly settlePolls = input(4);

  private readonly loader = inject(DashboardLoader);
  private readonly feed = inject(SERVER_LOG_FEED);
  readonly entries = signal<readonly ServerLogEntry[] | null>(null);
  readonly problem = signal<string | null>(null);
  /** The run whose requests are shown. */
  private shownRun: string | null = null;

  readonly rows = computed(() => {
    const entries = this.entries() ?? [];
    const first = Math.min(...entries.map((entry) => toMs(entry.start) ?? Infinity));
    const at = (value: number | string | null) => {
      const ms = toMs(value);
      return ms === undefined || !Number.isFinite(first) ? '…' : `+${formatSeconds(ms - first)}`;
    };
    return entries.map((entry) => ({
      entry,
      started: at(entry.start),
      ended: at(entry.end),
      duration: typeof entry.duration === 'number' ? `${(entry.duration / 1000).toFixed(2)} s` : '…',
    }));
  });

  constructor() {
    const state = computed(() => ({ run: this.run(), running: this.running(), runs: this.runs() }));
    toObservable(state)
      .pipe(
        filter((state): state is { run: string; running: boolean; runs: number } => state.runs > 0 && state.run !== null),
        tap(({ run }) => {
          if (run !== this.shownRun) {
            this.shownRun = run;
            this.entries.set([]);
          }
        }),
        distinctUntilChanged((a, b) => a.run === b.run && a.running === b.running),
        switchMap(({ run, running }) => this.read(run, running)),
        takeUntilDestroyed(),
      )
      .subscribe((entries) => {
        this.problem.set(null);
        this.entries.set(entries);
      });
  }

  /** The run's log: live while it runs and for a moment after; polled where it cannot be live. */
  private read(run: string, running: boolean): Observable<ServerLogEntry[]> {
    const period = this.period();
    const polls = (running ? timer(period / 2, period) : timer(0, period).pipe(take(this.settlePolls()))).pipe(
      exhaustMap(() =>
        this.loader.serverLog(run).pipe(
          catchError((error: unknown) => {
            this.problem.set(`Could not read the server's log: ${describeError(error)}`);
            return EMPTY;
          }),
        ),
      ),
    );
    const live = this.feed?.(run);
    if (!live) return polls.pipe(filter(() => run === this.shownRun)); // a late answer for an older run is dropped
    return live.pipe(
      running ? (source) => source : takeUntil(timer(period * this.settlePolls())),
      catchError(() => polls),
      filter(() => run === this.shownRun),
    );
  }
}
