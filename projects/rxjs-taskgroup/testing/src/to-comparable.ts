/**
 * Turns a value into plain data that a deep equality can compare meaningfully: every `Error`
 * becomes `{ error: <class name>, name, message, ...own fields }`, with an aggregate's
 * `errors` (a `TaskGroupError`'s members) and a `TaskCancelledError`'s `reason` compared member
 * by member. Stacks are left out. Arrays and plain objects are walked; other values stay as
 * they are.
 *
 * @remarks
 * Jasmine's `toEqual` compares two Errors by message only, and RxJS's `TestScheduler` compares
 * notifications with the function you give it; this is what makes both see an error's class,
 * its members and their fields.
 *
 * @example
 * ```ts
 * import { toComparable } from 'rxjs-taskgroup/testing';
 * import { TaskGroupError } from 'rxjs-taskgroup';
 *
 * console.log(toComparable(new TaskGroupError([new TypeError('bad')])));
 * // Logs: { error: 'TaskGroupError', name: 'TaskGroupError', message: '1 error in task group: TypeError: bad',
 * //         errors: [{ error: 'TypeError', name: 'TypeError', message: 'bad' }] }
 * ```
 *
 * @param value - anything: a notification list from `TestScheduler`, an error, a value.
 * @returns a structure of plain objects, arrays and primitives.
 */
export function toComparable(value: unknown): unknown {
  return convert(value, new Set());
}

function convert(value: unknown, path: Set<object>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (path.has(value)) return '[Circular]';
  path.add(value);
  try {
    if (value instanceof Error) return convertError(value, path);
    if (Array.isArray(value)) return value.map(item => convert(item, path));
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) return value; // class instances: identity
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = convert((value as Record<string, unknown>)[key], path);
    return out;
  } finally {
    path.delete(value);
  }
}

function convertError(error: Error, path: Set<object>): Record<string, unknown> {
  const out: Record<string, unknown> = { error: error.constructor.name, name: error.name, message: error.message };
  for (const key of Object.keys(error)) {
    if (key !== 'stack') out[key] = convert((error as unknown as Record<string, unknown>)[key], path);
  }
  if (error instanceof AggregateError) out['errors'] = convert(error.errors, path); // `errors` is not enumerable
  if ('cause' in error && error.cause !== undefined) out['cause'] = convert(error.cause, path);
  return out;
}
