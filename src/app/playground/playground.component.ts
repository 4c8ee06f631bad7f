import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { DashboardLoader } from '../dashboard/dashboard-loader.service';
import { ScenarioCardComponent } from './scenario-card.component';
import {
  basicScenario,
  cleanupScenario,
  dashboardScenario,
  failFastScenario,
  gatherScenario,
  httpScenario,
  nestedScenario,
  pitfallScenario,
  timeoutScenario,
} from './scenarios';
import { ServerLogComponent } from './server-log.component';

/** The article's scenarios, one card each, plus the dashboard service. */
@Component({
  selector: 'app-playground',
  imports: [ScenarioCardComponent, ServerLogComponent],
  templateUrl: './playground.component.html',
  styleUrl: './playground.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlaygroundComponent {
  private readonly loader = inject(DashboardLoader);

  readonly basic = basicScenario;
  readonly failFast = failFastScenario;
  readonly timeout = timeoutScenario;
  readonly gather = gatherScenario;
  readonly nested = nestedScenario;
  readonly http = httpScenario(this.loader);
  readonly cleanup = cleanupScenario;
  readonly pitfall = pitfallScenario;
  readonly dashboard = dashboardScenario(this.loader);
}
