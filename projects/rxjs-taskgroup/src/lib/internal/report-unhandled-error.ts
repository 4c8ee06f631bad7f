import { config, type SchedulerLike } from 'rxjs';

/**
 * Hands an error nobody can receive any more to RxJS's `config.onUnhandledError`, or throws it
 * out of a scheduled callback when none is set: the way RxJS reports unhandled errors. It goes
 * through the group's scheduler, so `TestScheduler.run` delivers it in virtual time.
 */
export function reportUnhandledError(error: unknown, scheduler: SchedulerLike): void {
  scheduler.schedule(() => {
    const { onUnhandledError } = config;
    if (onUnhandledError) onUnhandledError(error);
    else throw error;
  });
}
