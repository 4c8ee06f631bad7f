import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MarkKind, TimelineLane, axisTicks, formatSeconds } from './timeline';

interface PlacedMark {
  readonly kind: MarkKind;
  readonly text: string;
  /** Position along the track, in %. */
  readonly left: number;
  /** Pixels to the right, so marks at the same instant stay visible side by side. */
  readonly nudge: number;
  /** A cleanup that failed. */
  readonly failed: boolean;
}

interface LaneView {
  readonly lane: TimelineLane;
  readonly bar: { readonly left: number; readonly width: number } | undefined;
  readonly cleanup: { readonly left: number; readonly width: number; readonly failed: boolean } | undefined;
  readonly marks: readonly PlacedMark[];
  /** Short state for the right column: `cancelled 0.50 s`. */
  readonly stateText: string;
}

/**
 * A live timeline of one run: one lane per task (and per outermost group), marks placed by
 * time. Pure view: the card feeds it lanes built from `onEvent`, the span of the axis and
 * the current time (for the bars of tasks still running). The page shows the legend once
 * (`app-timeline-legend`). Narrow screens put each lane's label and state above its track.
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

  readonly ticks = computed(() => {
    const span = this.span();
    return axisTicks(span).map(({ time, text }) => ({ left: (time / span) * 100, text }));
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
          return { kind: mark.kind, text: mark.text, left, nudge, failed: mark.failed === true };
        });
      const last = lane.end ?? lane.cleanup?.start;
      return {
        lane,
        bar: segment(lane.start, lane.end),
        cleanup: lane.cleanup && { ...segment(lane.cleanup.start, lane.cleanup.end)!, failed: lane.cleanup.failed === true },
        marks,
        stateText: last === undefined || lane.state === 'running' ? lane.state : `${lane.state} ${formatSeconds(last)}`,
      };
    });
  });
}
