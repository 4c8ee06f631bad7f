import { InjectionToken } from '@angular/core';
import { SchedulerLike, asyncScheduler } from 'rxjs';

/**
 * The scheduler the playground's scenarios run their timers and timeouts on: real time in
 * the app; tests provide a `VirtualTimeScheduler` and `flush()` it.
 */
export const SCENARIO_SCHEDULER = new InjectionToken<SchedulerLike>('SCENARIO_SCHEDULER', {
  providedIn: 'root',
  factory: () => asyncScheduler,
});
