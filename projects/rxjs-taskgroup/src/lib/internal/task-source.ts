import type { Observable } from 'rxjs';
import type { TaskInput } from '../types';
import { describeError } from './describe';
import { observableFrom } from './platform-observable';
import type { TaskSource } from './task-ref';

/**
 * What a task starts from, checked: a factory, or what {@link observableFrom} makes of anything
 * else but a string (a string is iterable: it would emit its characters) — what `from()` accepts,
 * or a platform Observable (rule 25). The one rule for what a task is, used by the engine when it
 * spawns and by the functions that check their input when called.
 */
export function toTaskSource<T>(input: TaskInput<T>, where: string): TaskSource<T> {
  if (typeof input === 'function') return input;
  if (typeof input === 'string') {
    throw new TypeError(`${where}: a string is not a task (it would emit its characters); wrap a value in of(…)`);
  }
  const source = observableFrom(input) as Observable<T> | undefined;
  if (source) return source;
  throw new TypeError(`${where}: expected an Observable, a Promise, an array or iterable, or a function returning one; ` +
    `got ${describeError(input)}`);
}

/**
 * A factory's result as an Observable: anything {@link toTaskSource} accepts but a function. A
 * `TypeError` naming the task otherwise (the task fails with it).
 */
export function fromFactoryResult(result: unknown, name: string): Observable<unknown> {
  return asObservable(result, name, 'its factory returned', '');
}

/**
 * An `onCancel` cleanup's result as an Observable. A `TypeError` naming the task otherwise: the
 * common slip is a cleanup written as a block that returns nothing.
 */
export function fromCleanupResult(result: unknown, name: string): Observable<unknown> {
  return asObservable(result, name, 'its onCancel returned', '; EMPTY when there is nothing to wait for');
}

function asObservable(result: unknown, name: string, what: string, hint: string): Observable<unknown> {
  const source = result !== undefined && typeof result !== 'string' ? observableFrom(result) : undefined;
  if (source) return source;
  throw new TypeError(`task "${name}": ${what} ${describeError(result)}, which is not an ObservableInput ` +
    `(an Observable, a Promise, an array or iterable${hint})`);
}
