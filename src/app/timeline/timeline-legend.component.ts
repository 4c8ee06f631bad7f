import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MARK_LABELS, MarkKind } from './timeline';

/** The kinds in the legend, in the order a task meets them. */
const LEGEND: readonly MarkKind[] = [
  'queued',
  'started',
  'value',
  'completed',
  'failed',
  'timeout',
  'cancelled',
  'cleanup-started',
  'cleanup-finished',
  'group-shutdown',
  'group-finished',
];

/** The timelines' legend, shown once for the whole page. */
@Component({
  selector: 'app-timeline-legend',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul class="legend" aria-label="Timeline legend" data-testid="legend">
      @for (item of legend; track item.kind) {
        <li><span [class]="'mark kind-' + item.kind" aria-hidden="true"></span>{{ item.label }}</li>
      }
      <li><span class="mark kind-cleanup-finished failed" aria-hidden="true"></span>cleanup failed</li>
      <li><span class="swatch cleanup" aria-hidden="true"></span>cleanup (<code>onCancel</code>) running</li>
    </ul>
  `,
  styles: `
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 0.15rem 0.8rem;
      margin: 0;
      padding: 0;
      list-style: none;
      font-size: 0.78rem;
      color: var(--muted);
    }
    .legend li {
      display: inline-flex;
      align-items: center;
      gap: 0.35rem;
    }
    .mark {
      position: relative;
      top: auto;
      transform: none;
    }
    .kind-cleanup-started,
    .kind-cleanup-finished {
      transform: rotate(45deg);
    }
    /* A phone: one line (the page's legend bar scrolls it sideways). */
    @media (max-width: 40rem) {
      .legend {
        flex-wrap: nowrap;
      }
    }
  `,
})
export class TimelineLegendComponent {
  readonly legend = LEGEND.map((kind) => ({ kind, label: MARK_LABELS[kind] }));
}
