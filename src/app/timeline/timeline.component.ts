import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TaskEventType } from 'rxjs-taskgroup';
import { MARK_LABELS, TimelineLane, formatSeconds, tickStep } from './timeline';

interface PlacedMark {
  readonly kind: TaskEventType;
  readonly text: string;
  /** Position along the track, in %. */
  readonly left: number;
  /** Pixels to the right, so marks at the same instant stay visible side by side. */
  readonly nudge: number;
}

interface LaneView {
  readonly lane: TimelineLane;
  readonly bar: { readonly left: number; readonly width: number } | undefined;
  readonly cleanup: { readonly left: number; readonly width: number } | undefined;
  readonly marks: readonly PlacedMark[];
  /** Short state for the right column: `cancelled 0.50 s`. */
  readonly stateText: string;
}

/** The kinds in the legend, in the order a task meets them. */
const LEGEND: readonly TaskEventType[] = [
  'started',
  'value',
  'completed',
  'failed',
  'cancelled',
  'cleanup-started',
  'cleanup-finished',
  'group-shutdown',
  'group-finished',
];

/**
 * A live timeline of one run: one lane per task (and per outermost group), marks placed by
 * time. Pure view: the card feeds it lanes built from `onEvent`, the span of the axis and
 * the current time (for the bars of tasks still running).
 */
@Component({
  selector: 'app-timeline',
  templateUrl: './timeline.component.html',
  styleUrl: './timeline.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TimelineComponent {
  /** Lanes, from `buildLanes`. */
  readonly lanes = input.required<readonly TimelineLane[]>();
  /** Length of the axis, in ms. */
  readonly span = input.required<number>();
  /** Now, in ms since the run started: where running bars end. */
  readonly now = input(0);
  /** An accessible name for the list of lanes. */
  readonly label = input('Timeline');

  readonly legend = LEGEND.map((kind) => ({ kind, label: MARK_LABELS[kind] }));

  readonly ticks = computed(() => {
    const span = this.span();
    const step = tickStep(span);
    const ticks: { left: number; text: string }[] = [];
    for (let t = 0; t <= span + 1e-9; t += step) {
      ticks.push({ left: (t / span) * 100, text: step < 1000 ? `${(t / 1000).toFixed(step < 100 ? 2 : 1)} s` : `${t / 1000} s` });
    }
    return ticks;
  });

  readonly views = computed<LaneView[]>(() => {
    const span = this.span();
    const now = this.now();
    const pct = (t: number) => Math.min(100, Math.max(0, (t / span) * 100));
    const segment = (start: number | undefined, end: number | undefined) =>
      start === undefined ? undefined : { left: pct(start), width: Math.max(pct(end ?? now) - pct(start), 0.4) };

    return this.lanes().map((lane) => {
      let previous = -Infinity;
      let nudge = 0;
      const marks = [...lane.marks]
        .sort((a, b) => a.time - b.time)
        .map((mark) => {
          const left = pct(mark.time);
          nudge = left - previous < 1.2 ? nudge + 9 : 0;
          previous = left;
          return { kind: mark.kind, text: mark.text, left, nudge };
        });
      const last = lane.end ?? lane.cleanup?.start;
      return {
        lane,
        bar: segment(lane.start, lane.end),
        cleanup: lane.cleanup && segment(lane.cleanup.start, lane.cleanup.end),
        marks,
        stateText: last === undefined || lane.state === 'running' ? lane.state : `${lane.state} ${formatSeconds(last)}`,
      };
    });
  });
}
