/** An error as the demo shows it: its name, message and, for a group's error, every member. */
export interface ErrorView {
  readonly name: string;
  readonly message: string;
  /** The members of a `TaskGroupError` (or any `AggregateError`), nested groups included. */
  readonly members?: readonly ErrorView[];
}

/**
 * `text` without the run ids the cards tag their requests with (`?run=…`, for the server's log):
 * an HTTP error's message names its URL, and the run id is bookkeeping, not part of the story.
 */
export function withoutRunIds(text: string): string {
  return text.replace(/([?&])run=[\w.%~-]+(&?)/g, (_, separator: string, next: string) => (next ? separator : ''));
}

/**
 * An error's text as the cards show it: without the run ids, and URLs without their origin
 * (always this page's server): `Http failure response for /api/delay/1?status=500: …`.
 */
export function readableErrorText(text: string): string {
  return withoutRunIds(text).replace(/https?:\/\/[^/\s]+(?=\/)/g, '');
}

/**
 * Describes anything thrown: an Error, an `HttpErrorResponse` (not an Error), or a plain value.
 * Messages are shown without the cards' run ids and URLs' origin (`readableErrorText`).
 */
export function viewError(error: unknown): ErrorView {
  if (error instanceof AggregateError) {
    // The members are listed one by one: the message only counts them.
    const count = error.errors.length;
    return { name: error.name, message: `${count} error${count === 1 ? '' : 's'}`, members: error.errors.map(viewError) };
  }
  if (error instanceof Error) {
    return { name: error.name, message: readableErrorText(error.message) };
  }
  if (typeof error === 'object' && error !== null) {
    const { name, message } = error as { name?: unknown; message?: unknown };
    if (typeof message === 'string') {
      return { name: typeof name === 'string' ? name : (error.constructor?.name ?? 'Object'), message: readableErrorText(message) };
    }
  }
  return { name: typeof error, message: formatValue(error) };
}

/** `Name: message` on one line; a group's members in brackets. */
export function describeError(error: unknown): string {
  const line = (view: ErrorView): string =>
    view.members ? `${view.name} [${view.members.map(line).join('; ')}]` : `${view.name}: ${view.message}`;
  return line(viewError(error));
}

/** A short, readable rendering of a value: strings as they are, anything else as JSON. */
export function formatValue(value: unknown, max = 120): string {
  let text: string;
  if (typeof value === 'string') {
    text = value;
  } else if (value === undefined) {
    text = 'undefined';
  } else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
