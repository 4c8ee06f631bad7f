import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { DashboardLoader } from '../dashboard/dashboard-loader.service';
import { TimelineLegendComponent } from '../timeline/timeline-legend.component';
import { ClickRaceCardComponent } from './click-race-card.component';
import { DestroyedCardComponent } from './destroyed-card.component';
import { DevToolsCardComponent } from './devtools-card.component';
import { ScenarioCardComponent } from './scenario-card.component';
import { TypeAheadCardComponent } from './type-ahead-card.component';
import {
  basicScenario,
  cleanupScenario,
  concurrencyScenario,
  dashboardScenario,
  failFastScenario,
  forkJoinScenario,
  gatherScenario,
  httpScenario,
  nestedScenario,
  pitfallScenario,
  searchScenario,
  startScenario,
  timeoutScenario,
} from './scenarios';

/**
 * First what forkJoin cannot do (on real HTTP calls against the local API), then the article's
 * scenarios, one card each, and the dashboard service; then a platform Observable as a task; last,
 * the task tree in Chrome DevTools. One legend for every timeline.
 */
@Component({
  selector: 'app-playground',
  imports: [
    ScenarioCardComponent,
    DestroyedCardComponent,
    TypeAheadCardComponent,
    ClickRaceCardComponent,
    DevToolsCardComponent,
    TimelineLegendComponent,
  ],
  templateUrl: './playground.component.html',
  styleUrl: './playground.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlaygroundComponent {
  private readonly loader = inject(DashboardLoader);

  readonly forkJoin = forkJoinScenario;
  readonly concurrency = concurrencyScenario;
  readonly search = searchScenario;
  readonly start = startScenario;
  readonly basic = basicScenario;
  readonly failFast = failFastScenario;
  readonly timeout = timeoutScenario;
  readonly gather = gatherScenario;
  readonly nested = nestedScenario;
  readonly http = httpScenario;
  readonly cleanup = cleanupScenario;
  readonly pitfall = pitfallScenario;
  readonly dashboard = dashboardScenario(this.loader);
}
