import { ChangeDetectionStrategy, Component, computed, inject, input, signal, viewChild } from '@angular/core';
import { Subscription, interval } from 'rxjs';
import { EventSink } from '../scenarios/context';
import { TypeAheadComponent } from '../scenarios/type-ahead.component';
import { TimelineRecord, buildLanes } from '../timeline/timeline';
import { TimelineComponent } from '../timeline/timeline.component';
import { CodePanelComponent } from './code-panel.component';
import { tagRun } from './run-id';
import { SCENARIO_SCHEDULER } from './scenario-scheduler';
import { ServerLogComponent } from './server-log.component';

/**
 * Keyed runs: a search box whose every keystroke runs `run('search', …, { strategy: 'switch' })`.
 * Typing fast cancels each search still running; the timeline shows them cancelled and the
 * server's log "aborted by client". The first keystroke starts a run id; Clear starts afresh.
 */
@Component({
  selector: 'app-type-ahead-card',
  imports: [TypeAheadComponent, TimelineComponent, ServerLogComponent, CodePanelComponent],
  templateUrl: './type-ahead-card.component.html',
  styleUrl: './scenario-card.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TypeAheadCardComponent {
  /** Its number on the page. */
  readonly number = input.required<number>();
  readonly files = ['scenarios/type-ahead.component.ts'];
  private readonly scheduler = inject(SCENARIO_SCHEDULER);
  private readonly box = viewChild.required(TypeAheadComponent);

  /** How many times the log was started (the first keystroke, then after each Clear). */
  readonly runs = signal(0);
  readonly runId = signal<string | null>(null);
  readonly records = signal<readonly TimelineRecord[]>([]);
  readonly now = signal(0);
  readonly origin = signal(0);
  private ticker?: Subscription;

  readonly lanes = computed(() => buildLanes(this.records(), this.origin(), 'the component’s group'));
  readonly span = computed(() => Math.max(4000, this.now()));
  readonly busy = computed(() => this.box().status().busy);
  /** The searches the timeline shows, by how they ended. */
  readonly counts = computed(() => {
    const tasks = this.lanes().filter((lane) => lane.kind === 'task');
    return { all: tasks.length, cancelled: tasks.filter((lane) => lane.state === 'cancelled').length };
  });

  /** What the box gets: its URLs tagged with the current run id (one is started at the first keystroke). */
  readonly api = (url: string) => {
    if (this.runId() === null) this.start();
    return tagRun(url, this.runId()!);
  };
  readonly onEvent: EventSink = (event, group = []) => {
    if (this.runId() !== null) this.records.update((records) => [...records, { event, group }]);
  };

  /** Forgets the timeline and the log: the next keystroke starts a new run id. */
  clear(): void {
    this.runId.set(null);
    this.records.set([]);
    this.now.set(0);
    this.ticker?.unsubscribe();
  }

  private start(): void {
    const runs = this.runs() + 1;
    this.runs.set(runs);
    this.runId.set(`type-ahead.${runs}.${Date.now().toString(36)}`);
    this.records.set([]);
    this.origin.set(this.scheduler.now());
    this.now.set(0);
    this.ticker?.unsubscribe();
    this.ticker = interval(50).subscribe(() => this.now.set(this.scheduler.now() - this.origin()));
  }
}
