import { TaskCancelledError } from '../errors/task-cancelled-error';

/**
 * `value instanceof Class`, for a value that came from user code: false instead of a throw when
 * the value cannot be inspected (`instanceof` on a revoked `Proxy` throws a `TypeError`, as does
 * a `getPrototypeOf` trap that throws). The engine classifies errors in the middle of its steps,
 * where a throw must not happen. Not part of the public API: exported as `ɵisInstance` for
 * `rxjs-taskgroup/angular`, `/devtools` and `/otel`, which classify the errors of groups too; it
 * may change in any release.
 *
 * @example
 * ```ts
 * import { ɵisInstance } from 'rxjs-taskgroup';
 *
 * const { proxy, revoke } = Proxy.revocable({}, {});
 * revoke();
 * console.log(ɵisInstance(new RangeError('x'), Error)); // Logs: true
 * console.log(ɵisInstance(proxy, Error)); // Logs: false (where `proxy instanceof Error` throws)
 * ```
 */
export function isInstance(value: unknown, Class: abstract new (...args: never[]) => unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  try {
    return value instanceof Class;
  } catch {
    return false;
  }
}

/** Whether an error is a cancellation: a `TaskCancelledError` (rule 20). */
export function isCancellation(error: unknown): error is TaskCancelledError {
  return isInstance(error, TaskCancelledError);
}
