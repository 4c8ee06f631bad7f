import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { EMPTY, catchError, exhaustMap, filter, map, switchMap, take, tap, timer } from 'rxjs';
import { DashboardLoader, ServerLogEntry } from '../dashboard/dashboard-loader.service';
import { describeError } from '../timeline/describe';
import { formatSeconds } from '../timeline/timeline';

/** Reads a time the server wrote: ms since the epoch, or a date string. */
function toMs(value: number | string | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  const ms = typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * The local API's log of one run's requests (`GET /api/log?run=<id>`): polled while the card's
 * run is running and a few times after it, so the server's side of each request — completed,
 * or aborted by the client when its task was cancelled — shows next to the timeline. Requests
 * that never went out are simply not there.
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
  /** Poll period while running, and after the run ends (then `settlePolls` times), in ms. */
  readonly period = input(400);
  readonly settlePolls = input(4);

  private readonly loader = inject(DashboardLoader);
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
        switchMap(({ run, running }) =>
          (running ? timer(this.period() / 2, this.period()) : timer(0, this.period()).pipe(take(this.settlePolls()))).pipe(map(() => run)),
        ),
        exhaustMap((run) =>
          this.loader.serverLog(run).pipe(
            // A late answer for an older run is dropped.
            filter(() => run === this.shownRun),
            catchError((error: unknown) => {
              this.problem.set(`Could not read the server's log: ${describeError(error)}`);
              return EMPTY;
            }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((entries) => {
        this.problem.set(null);
        this.entries.set(entries);
      });
  }
}
