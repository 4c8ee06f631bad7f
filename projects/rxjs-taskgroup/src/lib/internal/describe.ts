/** What {@link describeError} says of a value it cannot read. */
export const UNREADABLE_ERROR = '[unreadable error]';

/**
 * `Name: message` for an Error or an error-like object, a short rendering for any other thrown
 * value. Total: it never throws, whatever it is given — a getter that throws, a revoked `Proxy`,
 * a `name` that is a Symbol, a `message` that cannot become text — such a value is
 * `[unreadable error]`. Error messages and snapshots are built with it, so they cannot fail.
 */
export function describeError(error: unknown): string {
  try {
    return describe(error);
  } catch {
    return UNREADABLE_ERROR;
  }
}

function describe(error: unknown): string {
  if (typeof error === 'string') return JSON.stringify(error);
  if (error === null || (typeof error !== 'object' && typeof error !== 'function')) return String(error);
  if (error instanceof Error) {
    const name = text(error.name);
    const message: unknown = error.message;
    return message === undefined || message === '' ? name : `${name}: ${text(message)}`;
  }
  if (typeof error === 'function') return String(error);
  // Error-like objects (Angular's HttpErrorResponse, say) carry their own name and message;
  // a constructor's name is no help once a production build has minified it.
  const { name, message } = error as { name?: unknown; message?: unknown };
  if (typeof message === 'string') return typeof name === 'string' && name ? `${name}: ${message}` : message;
  const constructorName: unknown = (error as { constructor?: { name?: unknown } }).constructor?.name;
  return `[non-error ${typeof constructorName === 'string' && constructorName ? constructorName : 'Object'}]`;
}

/** A field of an Error as text; a Symbol (which a template literal would throw on) is unreadable. */
function text(value: unknown): string {
  if (typeof value === 'symbol') throw new TypeError('a Symbol');
  return `${value as string}`;
}
