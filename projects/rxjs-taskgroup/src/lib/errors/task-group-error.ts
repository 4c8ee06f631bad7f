import type { ErrorMatcher } from '../types';
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
 * errors with equal messages hold equal members. Use {@link catchTaskErrors} to handle part of
 * it the way `except*` does.
 *
 * @example
 * ```ts
 * import { TaskGroupError } from 'rxjs-taskgroup';
 *
 * const error = new TaskGroupError([new TypeError('bad input'), new RangeError('too far')]);
 * console.log(error.message); // Logs: 2 errors in task group: TypeError: bad input; RangeError: too far
 * const [types, rest] = error.split(TypeError);
 * console.log(types?.errors.length, rest?.errors.length); // Logs: 1 1
 * ```
 */
export class TaskGroupError extends AggregateError {
  /** The member errors, in the order they happened; nested groups are members too. */
  declare readonly errors: unknown[];

  /**
   * @param errors - the member errors, in order; at least one.
   * @param message - defaults to a summary naming every member.
   */
  constructor(errors: Iterable<unknown>, message?: string) {
    const members = Array.from(errors);
    if (members.length === 0) throw new TypeError('TaskGroupError needs at least one error');
    super(members, message ?? summarize(members));
    this.name = 'TaskGroupError';
  }

  /**
   * Splits the group by a matcher, recursing into nested groups and keeping their shape.
   * Nested groups are never matched themselves; their leaves are.
   *
   * @param matcher - an error class or a predicate.
   * @returns `[matching, rest]`; either is `undefined` when empty (`[undefined, this]` when nothing matches).
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
  split(matcher: ErrorMatcher): [TaskGroupError | undefined, TaskGroupError | undefined] {
    return this.splitBy(toErrorPredicate(matcher, 'TaskGroupError.split'));
  }

  /**
   * The part of this group that matches, shape kept; `undefined` when nothing does.
   *
   * @param matcher - an error class or a predicate.
   * @returns the matching part, or `undefined`.
   * @example
   * ```ts
   * import { TaskGroupError, TaskTimeoutError } from 'rxjs-taskgroup';
   *
   * const error = new TaskGroupError([new TaskTimeoutError(100, 'a'), new Error('b')]);
   * console.log(error.subgroup(TaskTimeoutError)?.errors.length); // Logs: 1
   * ```
   */
  subgroup(matcher: ErrorMatcher): TaskGroupError | undefined {
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
  leaves(): unknown[] {
    const out: unknown[] = [];
    // An explicit stack rather than recursion: nesting depth is the user's, not ours.
    const stack: { errors: unknown[]; at: number }[] = [{ errors: this.errors, at: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.at === top.errors.length) {
        stack.pop();
        continue;
      }
      const error = top.errors[top.at++];
      if (error instanceof TaskGroupError) stack.push({ errors: error.errors, at: 0 });
      else out.push(error);
    }
    return out;
  }

  private splitBy(test: (error: unknown) => boolean): [TaskGroupError | undefined, TaskGroupError | undefined] {
    const matching: unknown[] = [];
    const rest: unknown[] = [];
    for (const error of this.errors) {
      if (error instanceof TaskGroupError) {
        const [m, r] = error.splitBy(test);
        if (m) matching.push(m);
        if (r) rest.push(r);
      } else {
        (test(error) ? matching : rest).push(error);
      }
    }
    if (matching.length === 0) return [undefined, this];
    if (rest.length === 0) return [this, undefined];
    return [this.derive(matching), this.derive(rest)];
  }

  /** A group of the same kind holding a part of this one's members. */
  private derive(errors: unknown[]): TaskGroupError {
    return new TaskGroupError(errors);
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
