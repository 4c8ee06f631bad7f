import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, computed, inject, input, signal, viewChild } from '@angular/core';
import { Subscription, interval } from 'rxjs';
import { browserHasWhen, waitForClick, type WhenTarget } from '../scenarios/click-race';
import { EventSink } from '../scenarios/context';
import { describeError } from '../timeline/describe';
import { TimelineRecord, buildLanes } from '../timeline/timeline';
import { TimelineComponent } from '../timeline/timeline.component';
import { CodePanelComponent } from './code-panel.component';
import { SCENARIO_SCHEDULER } from './scenario-scheduler';

/** How long the card waits for the click, in ms. */
export const CLICK_WAIT = 5000;

/**
 * A platform Observable as a task: Start runs `waitForClick` on the card's target button, whose
 * `when('click')` races the task's 5 s timeout; Cancel aborts the group's signal. The card counts
 * the click listeners the task holds (1 while it waits, 0 once anything ended it) and logs when
 * each was added and removed; the timeline shows the task. Without `EventTarget.when` it says so.
 */
@Component({
  selector: 'app-click-race-card',
  imports: [TimelineComponent, CodePanelComponent],
  templateUrl: './click-race-card.component.html',
  styleUrl: './scenario-card.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ClickRaceCardComponent {
  /** Its number on the page. */
  readonly number = input.required<number>();
  readonly files = ['scenarios/click-race.ts'];
  readonly supported = browserHasWhen();
  readonly seconds = CLICK_WAIT / 1000;
  private readonly scheduler = inject(SCENARIO_SCHEDULER);
  private readonly target = viewChild.required<ElementRef<HTMLButtonElement>>('target');

  readonly status = signal<'idle' | 'running' | 'done' | 'cancelled' | 'failed'>('idle');
  readonly outcome = signal('');
  /** Click listeners the task holds on the target button now. */
  readonly listeners = signal(0);
  /** When listeners were added and removed, in words. */
  readonly log = signal<readonly string[]>([]);
  readonly records = signal<readonly TimelineRecord[]>([]);
  readonly now = signal(0);
  readonly origin = signal(0);
  readonly lanes = computed(() => buildLanes(this.records(), this.origin(), 'the click group'));
  readonly span = computed(() => Math.max(CLICK_WAIT + 500, this.now()));

  private controller?: AbortController;
  private run?: Subscription;
  private ticker?: Subscription;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.run?.unsubscribe();
      this.ticker?.unsubscribe();
    });
  }

  private readonly onEvent: EventSink = (event, group = []) => this.records.update((records) => [...records, { event, group }]);

  private elapsed(): string {
    return `${((this.scheduler.now() - this.origin()) / 1000).toFixed(2)} s`;
  }

  start(): void {
    this.run?.unsubscribe();
    this.ticker?.unsubscribe();
    const controller = (this.controller = new AbortController());
    this.records.set([]);
    this.log.set([]);
    this.outcome.set('');
    this.origin.set(this.scheduler.now());
    this.now.set(0);
    this.status.set('running');
    this.ticker = interval(50).subscribe(() => this.now.set(this.scheduler.now() - this.origin()));
    const listeners = (change: 1 | -1) => {
      this.listeners.update((count) => count + change);
      this.log.update((log) => [...log, `${this.elapsed()}: click listener ${change > 0 ? 'added' : 'removed'} (${this.listeners()} now)`]);
    };
    const button = this.target().nativeElement as HTMLButtonElement & WhenTarget;
    this.run = waitForClick(button, { ms: CLICK_WAIT, signal: controller.signal, scheduler: this.scheduler, onEvent: this.onEvent, listeners })
      .subscribe({
        next: (outcome) => this.outcome.set(`${outcome} after ${this.elapsed()}`),
        error: (error: unknown) => this.end('failed', describeError(error)),
        complete: () => this.end(controller.signal.aborted ? 'cancelled' : 'done'),
      });
  }

  /** Aborts the group's signal: the group cancels the click task. */
  cancel(): void {
    if (this.status() === 'running') this.controller?.abort();
  }

  private end(status: 'done' | 'cancelled' | 'failed', detail?: string): void {
    if (status === 'cancelled') this.outcome.set(`cancelled after ${this.elapsed()}: the group completed without a value`);
    if (detail) this.outcome.set(detail);
    this.status.set(status);
    this.now.set(this.scheduler.now() - this.origin());
    this.ticker?.unsubscribe();
  }
}
