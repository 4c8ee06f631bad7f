import { toComparable } from './to-comparable';

/**
 * A deep equality for `new TestScheduler(taskGroupMatcher)`: compares notifications after
 * {@link toComparable}, so two `TaskGroupError`s are equal only when their members are (class,
 * name, message, fields, nested groups), and throws a readable difference otherwise.
 *
 * @example
 * ```ts
 * import { TestScheduler } from 'rxjs/testing';
 * import { taskGroupMatcher } from 'rxjs-taskgroup/testing';
 *
 * const scheduler = new TestScheduler(taskGroupMatcher);
 * ```
 *
 * @param actual - what happened.
 * @param expected - what should have.
 * @throws Error naming the first difference and showing both sides.
 */
export function taskGroupMatcher(actual: unknown, expected: unknown): void {
  const a = toComparable(actual);
  const e = toComparable(expected);
  const difference = findDifference(a, e, '');
  if (difference !== undefined) {
    throw new Error(`Expected values to be equal; they differ at ${difference || 'the top'}.\n` +
      `actual:   ${show(a)}\nexpected: ${show(e)}`);
  }
}

/** The path of the first difference, or `undefined` when equal. */
function findDifference(a: unknown, e: unknown, path: string): string | undefined {
  if (Object.is(a, e)) return undefined;
  if (typeof a !== 'object' || typeof e !== 'object' || a === null || e === null) return path;
  if (Array.isArray(a) !== Array.isArray(e)) return path;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(e)) return path;
  if (Array.isArray(a) && a.length !== (e as unknown[]).length) return `${path}.length`;
  const keys = new Set([...Object.keys(a), ...Object.keys(e)]);
  for (const key of keys) {
    const found = findDifference((a as Record<string, unknown>)[key], (e as Record<string, unknown>)[key], `${path}[${JSON.stringify(key)}]`);
    if (found !== undefined) return found;
  }
  return undefined;
}

function show(value: unknown): string {
  try {
    return JSON.stringify(value, (_, v: unknown) => (v === undefined ? '<undefined>' : typeof v === 'function' ? `<function ${v.name}>` : v), 2)
      .replace(/\n/g, '\n          ');
  } catch {
    return String(value);
  }
}
