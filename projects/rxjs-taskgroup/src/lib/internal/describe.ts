/** `Name: message` for an Error, a short rendering for any other thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message ? `${error.name}: ${error.message}` : error.name;
  if (typeof error === 'string') return JSON.stringify(error);
  if (error === null || typeof error !== 'object') return String(error);
  const name = (error as object).constructor?.name ?? 'Object';
  return `[non-error ${name}]`;
}
