import type { ErrorMatcher } from '../types';

/** Turns an {@link ErrorMatcher} into a predicate over one error; rejects anything else at once. */
export function toErrorPredicate(matcher: ErrorMatcher, where: string): (error: unknown) => boolean {
  if (typeof matcher !== 'function') {
    throw new TypeError(`${where}: the matcher must be an error class or a predicate function; got ${typeof matcher}`);
  }
  if (isErrorClass(matcher)) return error => error instanceof matcher;
  const predicate = matcher as (error: unknown) => boolean;
  return error => Boolean(predicate(error));
}

function isErrorClass(matcher: ErrorMatcher): matcher is abstract new () => Error {
  // Classes whose prototype is an Error count as classes; arrow functions have no prototype.
  return matcher === Error || (matcher as { prototype?: unknown }).prototype instanceof Error;
}
