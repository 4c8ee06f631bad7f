/**
 * `Name: message` for an Error or an error-like object, a short rendering for any other thrown
 * value. Total: it never throws, whatever it is given. A value it cannot read — a getter that
 * throws, a revoked `Proxy`, a `name` or `message` that cannot become text (a Symbol, an object
 * whose `toString` throws) — is `[unreadable error]`. Error messages and snapshots are built
 * with it, so they cannot fail. Not part of the public API: exported as `ɵdescribeError` for
 * `rxjs-taskgroup/devtools` and `rxjs-taskgroup/otel`; it may change in any release.
 *
 * @example
 * ```ts
 * import { ɵdescribeError } from 'rxjs-taskgroup';
 *
 * console.log(ɵdescribeError(new RangeError('too far'))); // Logs: RangeError: too far
 * console.log(ɵdescribeError(null)); // Logs: null
 * ```
 */
export function describeError(error: unknown): string {
  try {
    if (typeof error === 'string') return JSON.stringify(error);
    if (typeof error !== 'object' || error === null) return String(error);
    if (error instanceof Error) {
      const { name, message } = error;
      return message ? `${name}: ${message}` : `${name}`;
    }
    // Error-like objects (Angular's HttpErrorResponse, say) carry their own name and message;
    // a constructor's name is no help once a production build has minified it.
    const { name, message } = error as { name?: unknown; message?: unknown };
    if (typeof message === 'string') return typeof name === 'string' && name ? `${name}: ${message}` : message;
    return `[non-error ${(error as object).constructor?.name ?? 'Object'}]`;
  } catch {
    return '[unreadable error]';
  }
}
