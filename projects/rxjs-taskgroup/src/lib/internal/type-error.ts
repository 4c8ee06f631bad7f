/** `typeof`, with `null` named as itself: what an error message says a value of the wrong kind was. */
function typeOf(value: unknown): string {
  return value === null ? 'null' : typeof value;
}

/**
 * The `TypeError` for a value of the wrong kind, in the one shape every check uses:
 * `<what> must be <expected>; got <its type>`, where `what` names the place
 * (`taskGroup: options.timeout`).
 */
export function typeError(what: string, expected: string, value: unknown): TypeError {
  return new TypeError(`${what} must be ${expected}; got ${typeOf(value)}`);
}
