import type { ErrorClass, ErrorMatcher } from '../types';
import { describeError } from '../internal/describe';
import { toErrorPredicate } from '../internal/matcher';

/**
 * All the failures of a task group, in the order they happened: the first failure, then every
 * error raised while the group shut down. The `ExceptionGroup` of this library.
 *
 * @remarks
 * A group always fails with a `TaskGroupError`, even for a single error, so callers catch one
 * type. A nested group's `TaskGroupError` is one member (structure is kept); {@link TaskGroupError.leaves}
 * flattens it. The `message` names the count and every member's name and message, so two
 * errors with equal messages hold equal members. Use `catchTaskErrors` to handle part of
 * it the way `except*` does.
 *
 * `E` is the type of the leaves when it is known: `split` and `subgroup` narrow it by a matcher
 * class or type guard, and `catchTaskErrors(HttpErrorResponse, eg => …)` hands its handler a
 * `TaskGroupError<HttpErrorResponse>`. A group made by the engine is a `TaskGroupError<unknown>`.
 *
 * @example
 * ```ts
 * import { TaskGroupError } from 'rxjs-taskgroup';
 *
 * const error = new TaskGroupError([new TypeError('bad input'), new RangeError('too far')]);
 * console.log(error.message); // Logs: 2 errors in task group: TypeError: bad input; RangeError: too far
 * const [types, rest] = error.split(TypeError); // types: TaskGroupError<TypeError> | undefined
 * console.log(types?.leaves()[0].message, rest?.errors.length); // Logs: bad input 1
 * ```
 *
 * @typeParam E - the type of the leaf errors (`unknown` unless a matcher narrowed it).
 */
export class TaskGroupError<E = unknown> extends AggregateError {
  /** The member errors, in the order they happened; nested groups are members too. */
  declare readonly errors: (E | TaskGroupError<E>)[];

  /**
   * @param errors - the member errors, in order; at least one.
   * @param message - defaults to a summary naming every member.
   */
  // `[E][E extends unknown ? 0 : never]` is `E` that the arguments do not infer (TypeScript's own
  // `NoInfer` needs 5.4): `new TaskGroupError([new TypeError()])` is a `TaskGroupError<unknown>`,
  // as the engine makes them; `new TaskGroupError<TypeError>(…)` types one.
  constructor(errors: Iterable<[E][E extends unknown ? 0 : never] | TaskGroupError<E>>, message?: string) {
    const members = Array.from(errors);
    if (members.length === 0) throw new TypeError('TaskGroupError needs at least one error');
    super(members, message ?? summarize(members));
    this.name = 'TaskGroupError';
  }

  /**
   * Splits the group by a matcher, recursing into nested groups and keeping their shape.
   * Nested groups are never matched themselves; their leaves are.
   *
   * A matcher that throws (a predicate, or a class's `Symbol.hasInstance`) makes `split` throw
   * `new TaskGroupError([matcherError, this])`: the matcher's error first, then this whole group,
   * so no error is lost (rule 14 of `docs/contract.md`). `subgroup` and `catchTaskErrors` do the same.
   *
   * @param matcher - an error class or a predicate; a class or a type guard narrows the matching part's type.
   * @returns `[matching, rest]`; either is `undefined` when empty (`[undefined, this]` when nothing matches).
   * @throws TaskGroupError of `[the matcher's error, this]` when the matcher throws.
   * @example
   * ```ts
   * import { TaskGroupError } from 'rxjs-taskgroup';
   *
   * const error = new TaskGroupError([new TypeError('a'), new TaskGroupError([new TypeError('b'), new Error('c')])]);
   * const [match, rest] = error.split(TypeError);
   * console.log(match?.message); // Logs: 2 errors in task group: TypeError: a; TaskGroupError: 1 error in task group: TypeError: b
   * console.log(rest?.leaves().length); // Logs: 1
   * ```
   */
  split<M>(matcher: (error: unknown) => error is M): [TaskGroupError<M> | undefined, TaskGroupError<E> | undefined];
  /**
   * Splits by a class, tested with `instanceof` on the leaves (never called): the matching part is
   * a `TaskGroupError` of that class, even for a class that does not extend `Error`.
   *
   * @param matcher - a class.
   * @returns `[matching, rest]`; either is `undefined` when empty.
   * @example
   * ```ts
   * import { TaskGroupError } from 'rxjs-taskgroup';
   *
   * class HttpFailure { constructor(readonly status: number) {} }
   * const [http] = new TaskGroupError([new HttpFailure(503), new Error('x')]).split(HttpFailure);
   * console.log(http?.leaves()[0].status); // Logs: 503
   * ```
   */
  split<M>(matcher: ErrorClass<M>): [TaskGroupError<M> | undefined, TaskGroupError<E> | undefined];
  /**
   * Splits by a predicate that is not a type guard: both parts keep this group's type.
   *
   * @param matcher - a class or a predicate.
   * @returns `[matching, rest]`; either is `undefined` when empty.
   * @example
   * ```ts
   * import { TaskGroupError } from 'rxjs-taskgroup';
   *
   * const [short] = new TaskGroupError(['a', 'long one']).split(e => String(e).length < 3);
   * console.log(short?.leaves()); // Logs: ['a']
   * ```
   */
  split(matcher: ErrorMatcher): [TaskGroupError<E> | undefined, TaskGroupError<E> | undefined];
  split(matcher: ErrorMatcher): [TaskGroupError<unknown> | undefined, TaskGroupError<E> | undefined] {
    const test = toErrorPredicate(matcher, 'TaskGroupError.split');
    try {
      return this.splitBy(test);
    } catch (matcherError) {
      // The matcher threw (or a class's `Symbol.hasInstance` did): nothing is lost, the group is kept with it.
      throw new TaskGroupError([matcherError, this]);
    }
  }

  /**
   * The part of this group that matches, shape kept; `undefined` when nothing does. A matcher
   * that throws makes it throw `new TaskGroupError([matcherError, this])`, as `split` does.
   *
   * @param matcher - an error class or a predicate; a class or a type guard narrows the result's type.
   * @returns the matching part, or `undefined`.
   * @throws TaskGroupError of `[the matcher's error, this]` when the matcher throws.
   * @example
   * ```ts
   * import { TaskGroupError, TaskTimeoutError } from 'rxjs-taskgroup';
   *
   * const error = new TaskGroupError([new TaskTimeoutError(100, 'a'), new Error('b')]);
   * console.log(error.subgroup(TaskTimeoutError)?.leaves()[0].taskName); // Logs: a
   * ```
   */
  subgroup<M>(matcher: (error: unknown) => error is M): TaskGroupError<M> | undefined;
  /**
   * The part whose leaves are instances of a class (tested with `instanceof`, never called).
   *
   * @param matcher - a class.
   * @returns the matching part, typed by the class, or `undefined`.
   * @example
   * ```ts
   * import { TaskGroupError } from 'rxjs-taskgroup';
   *
   * console.log(new TaskGroupError([new RangeError('far')]).subgroup(RangeError)?.leaves()[0].message); // Logs: far
   * ```
   */
  subgroup<M>(matcher: ErrorClass<M>): TaskGroupError<M> | undefined;
  /**
   * The part whose leaves a predicate accepts; it keeps this group's type.
   *
   * @param matcher - a class or a predicate.
   * @returns the matching part, or `undefined`.
   * @example
   * ```ts
   * import { TaskGroupError } from 'rxjs-taskgroup';
   *
   * console.log(new TaskGroupError(['a', 'b']).subgroup(e => e === 'b')?.leaves()); // Logs: ['b']
   * ```
   */
  subgroup(matcher: ErrorMatcher): TaskGroupError<E> | undefined;
  subgroup(matcher: ErrorMatcher): TaskGroupError<unknown> | undefined {
    return this.split(matcher)[0];
  }

  /**
   * Every member that is not itself a group, depth first, in order.
   *
   * @returns the leaf errors.
   * @example
   * ```ts
   * import { TaskGroupError } from 'rxjs-taskgroup';
   *
   * const error = new TaskGroupError([new Error('a'), new TaskGroupError([new Error('b')])]);
   * console.log(error.leaves().map(e => (e as Error).message)); // Logs: ['a', 'b']
   * ```
   */
  leaves(): E[] {
    const out: E[] = [];
    // An explicit stack rather than recursion: nesting depth is the user's, not ours. It holds
    // the members still to visit, the next one on top.
    const stack: unknown[] = [this];
    while (stack.length > 0) {
      const error = stack.pop();
      if (!isTaskGroupError(error)) out.push(error as E);
      else for (let i = error.errors.length; i-- > 0;) stack.push(error.errors[i]);
    }
    return out;
  }

  private splitBy(test: (error: unknown) => boolean): [TaskGroupError<E> | undefined, TaskGroupError<E> | undefined] {
    const matching: (E | TaskGroupError<E>)[] = [];
    const rest: (E | TaskGroupError<E>)[] = [];
    for (const error of this.errors) {
      if (isTaskGroupError(error)) {
        const [m, r] = error.splitBy(test);
        if (m) matching.push(m);
        if (r) rest.push(r);
      } else {
        (test(error) ? matching : rest).push(error);
      }
    }
    if (matching.length === 0) return [undefined, this];
    if (rest.length === 0) return [this, undefined];
    return [new TaskGroupError<E>(matching), new TaskGroupError<E>(rest)];
  }
}

/**
 * `instanceof TaskGroupError` that cannot throw: a revoked `Proxy` throws on `instanceof`, and is
 * then a leaf like any value that is not a group.
 */
export function isTaskGroupError(error: unknown): error is TaskGroupError {
  try {
    return error instanceof TaskGroupError;
  } catch {
    return false;
  }
}

function summarize(errors: unknown[]): string {
  const count = errors.length === 1 ? '1 error' : `${errors.length} errors`;
  return `${count} in task group: ${errors.map(describeMember).join('; ')}`;
}

/** Long enough to tell members apart; bounded so that deep nesting cannot grow messages quadratically. */
const MEMBER_TEXT_LIMIT = 500;

function describeMember(error: unknown): string {
  const text = describeError(error);
  return text.length > MEMBER_TEXT_LIMIT ? `${text.slice(0, MEMBER_TEXT_LIMIT - 1)}…` : text;
}
