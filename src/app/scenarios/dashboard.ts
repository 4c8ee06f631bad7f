import { DashboardLoader } from '../dashboard/dashboard-loader.service';
import { ScenarioContext } from './context';

/**
 * An Angular service (`DashboardLoader`, below) loads a dashboard: the profile (a nested group
 * of two calls) and the stats are required; the optional widgets load in settle mode. The
 * variant makes the user request fail.
 */
export function dashboard(loader: DashboardLoader, { api, scheduler, onEvent, variant: userFails }: ScenarioContext) {
  return loader.loadDashboard({
    scheduler,
    onEvent,
    url: api,
    endpoints: userFails ? { user: '/api/status/500' } : {},
  });
}
