import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { Subscription, interval } from 'rxjs';
import { EventSink } from '../scenarios/context';
import { ProfilePanelComponent } from '../scenarios/profile-panel.component';
import { TimelineRecord, buildLanes } from '../timeline/timeline';
import { TimelineComponent } from '../timeline/timeline.component';
import { CodePanelComponent } from './code-panel.component';
import { tagRun } from './run-id';
import { SCENARIO_SCHEDULER } from './scenario-scheduler';
import { ServerLogComponent } from './server-log.component';

/**
 * A component destroyed mid-load: Open creates the profile panel, which loads through a task
 * group; Close destroys it (an `@if`), which cancels the group and aborts its requests. The
 * timeline and the server's log show it.
 */
@Component({
  selector: 'app-destroyed-card',
  imports: [ProfilePanelComponent, TimelineComponent, ServerLogComponent, CodePanelComponent],
  templateUrl: './destroyed-card.component.html',
  styleUrl: './scenario-card.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DestroyedCardComponent {
  /** Its number on the page. */
  readonly number = input.required<number>();
  readonly files = ['scenarios/profile-panel.component.ts'];
  private readonly scheduler = inject(SCENARIO_SCHEDULER);

  readonly open = signal(false);
  readonly opens = signal(0);
  readonly runId = signal<string | null>(null);
  readonly records = signal<readonly TimelineRecord[]>([]);
  readonly now = signal(0);
  readonly origin = signal(0);
  private ticker?: Subscription;

  readonly lanes = computed(() => buildLanes(this.records(), this.origin(), 'profile panel'));
  readonly span = computed(() => Math.max(4000, this.now()));
  /** Whether any task of the panel's group is still running. */
  readonly loading = computed(() => this.lanes().some((lane) => lane.state === 'running'));

  /** What the panel gets: its URLs tagged with this opening's run id, and the timeline. */
  readonly api = computed(() => {
    const run = this.runId();
    return (url: string) => (run === null ? url : tagRun(url, run));
  });
  readonly onEvent: EventSink = (event, group = []) => this.records.update((records) => [...records, { event, group }]);

  toggle(): void {
    if (this.open()) {
      this.open.set(false); // destroys the panel
      this.now.set(this.scheduler.now() - this.origin());
      this.ticker?.unsubscribe();
      return;
    }
    const opens = this.opens() + 1;
    this.opens.set(opens);
    this.runId.set(`destroyed.${opens}.${Date.now().toString(36)}`);
    this.records.set([]);
    this.origin.set(this.scheduler.now());
    this.now.set(0);
    this.ticker?.unsubscribe();
    this.ticker = interval(50).subscribe(() => {
      this.now.set(this.scheduler.now() - this.origin());
      // The group has finished (every request answered): the axis stops growing.
      if (this.lanes()[0]?.state === 'finished') this.ticker?.unsubscribe();
    });
    this.open.set(true);
  }
}
