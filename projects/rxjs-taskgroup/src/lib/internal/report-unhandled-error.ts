import { throwError } from 'rxjs';

/** An observer with no `error` handler: RxJS reports what reaches it as unhandled. */
const NO_HANDLER = {};

/**
 * Hands an error nobody can receive any more to RxJS's own unhandled-error path: a timer, then
 * `config.onUnhandledError`, or a throw from that timer when none is set. Never synchronously,
 * whatever the group's scheduler (a synchronous scheduler would throw in the middle of a
 * transition); `TestScheduler.run` virtualises that timer, so it arrives in virtual time. Not part
 * of the public API: exported as `ɵreportUnhandledError` for `rxjs-taskgroup/angular`, whose
 * long-lived group reports what its handlers throw the same way; it may change in any release.
 *
 * @example
 * ```ts
 * import { config } from 'rxjs';
 * import { ɵreportUnhandledError } from 'rxjs-taskgroup';
 *
 * config.onUnhandledError = error => console.log('unhandled:', (error as Error).message);
 * ɵreportUnhandledError(new Error('lost'));
 * // Logs (on the next timer): unhandled: lost
 * ```
 */
export function reportUnhandledError(error: unknown): void {
  throwError(() => error).subscribe(NO_HANDLER);
}
