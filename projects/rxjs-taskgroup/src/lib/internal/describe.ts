/** `Name: message` for an Error or an error-like object, a short rendering for any other thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message ? `${error.name}: ${error.message}` : error.name;
  if (typeof error === 'string') return JSON.stringify(error);
  if (error === null || typeof error !== 'object') return String(error);
  // Error-like objects (Angular's HttpErrorResponse, say) carry their own name and message;
  // a constructor's name is no help once a production build has minified it.
  const { name, message } = error as { name?: unknown; message?: unknown };
  if (typeof message === 'string') return typeof name === 'string' && name ? `${name}: ${message}` : message;
  return `[non-error ${(error as object).constructor?.name ?? 'Object'}]`;
}
