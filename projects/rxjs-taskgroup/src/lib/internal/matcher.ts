import type { ErrorClass, ErrorMatcher } from '../types';
import { typeError } from './type-error';
import { isInstance } from './user-values';

/** Turns an {@link ErrorMatcher} into a predicate over one error; rejects anything else at once. */
export function toErrorPredicate(matcher: ErrorMatcher, where: string): (error: unknown) => boolean {
  if (typeof matcher !== 'function') {
    throw typeError(`${where}: the matcher`, 'an error class or a predicate function', matcher);
  }
  if (isClass(matcher)) {
    // A class with its own `Symbol.hasInstance` is user code: what it throws is the matcher's to
    // throw. The default test throws only on a value that cannot be inspected (a revoked Proxy),
    // which is no instance of anything: it does not match.
    if (hasOwnInstanceTest(matcher)) return error => error instanceof matcher;
    return error => isInstance(error, matcher as ErrorClass<unknown>);
  }
  const predicate = matcher as (error: unknown) => boolean;
  return error => Boolean(predicate(error));
}

/**
 * Whether a function is a constructor, to be tested with `instanceof` and never called: `class`
 * syntax (extending `Error` or not: Angular's `HttpErrorResponse` only implements it), a native
 * constructor (`Error`, `DOMException`), or a function whose prototype has members of its own or
 * inherits from something other than `Object.prototype`. Arrow functions, methods and async
 * functions have no prototype; a plain `function` has one holding only `constructor`: predicates.
 */
function isClass(fn: ErrorMatcher): boolean {
  const prototype: unknown = (fn as { prototype?: unknown }).prototype;
  if (typeof prototype !== 'object' || prototype === null) return false;
  if (CLASS_SOURCE.test(Function.prototype.toString.call(fn))) return true;
  if (Object.getPrototypeOf(prototype) !== Object.prototype) return true;
  return Reflect.ownKeys(prototype).some(key => key !== 'constructor');
}

/** Whether a class defines how `instanceof` tests it, instead of the prototype chain every function inherits. */
function hasOwnInstanceTest(fn: ErrorMatcher): boolean {
  // Read here, not in a module constant: a top-level property read would stay in every bundle.
  return (fn as unknown as Record<symbol, unknown>)[Symbol.hasInstance] !== Function.prototype[Symbol.hasInstance];
}

/** The source text of a `class`: `class X …`, `class{…`, `class extends …`. */
const CLASS_SOURCE = /^class\b/;
