import { asyncScheduler, type ObservableInput, type SchedulerLike } from 'rxjs';
import type { TaskTimeoutError } from '../errors/task-timeout-error';
import type { TaskEvent, TaskGroupOptions, TaskOptions } from '../types';
import { TaskContextImpl } from './task-context';
import { typeError } from './type-error';

/** A group's options, checked and with defaults filled in. */
export interface GroupConfig {
  readonly concurrency: number;
  readonly timeout: number;
  readonly signal: AbortSignal | undefined;
  readonly scheduler: SchedulerLike;
  readonly onEvent: ((event: TaskEvent) => void) | undefined;
  /** `options.owner`: the context of the task the group belongs to. */
  readonly owner: TaskContextImpl | undefined;
  /** `failurePolicy: 'keep-going'`. */
  readonly keepGoing: boolean;
  /** Under `'keep-going'`: each failure, as it happens, instead of the group's final error. */
  readonly onError: ((error: unknown, task: { readonly name: string; readonly index: number } | undefined) => void) | undefined;
}

/**
 * What an option must be: a test of its kind and the words for that kind (a `TypeError` when it
 * fails); for a number, also a test of its range and the words for that (a `RangeError`).
 */
type Rule = readonly [isKind: (value: unknown) => boolean, kind: string, inRange?: (value: number) => boolean, range?: string];

const isNumber = (value: unknown) => typeof value === 'number';
const isFunction = (value: unknown) => typeof value === 'function';
const BOOLEAN: Rule = [value => typeof value === 'boolean', 'a boolean'];
const STRING: Rule = [value => typeof value === 'string', 'a string'];
const SCHEDULER: Rule = [isScheduler, 'a SchedulerLike (with now() and schedule())'];

/** A time limit in milliseconds: a number ≥ 0, `Infinity` for none. */
const TIMEOUT: Rule = [isNumber, 'a number of milliseconds', ms => ms >= 0, 'a number of milliseconds ≥ 0 or Infinity'];

const GROUP_RULES: Record<keyof TaskGroupOptions, Rule> = {
  concurrency: [isNumber, 'a number', n => n >= 1 && (Number.isInteger(n) || n === Infinity), 'an integer ≥ 1 or Infinity'],
  timeout: TIMEOUT,
  signal: [isAbortSignal, 'an AbortSignal'],
  scheduler: SCHEDULER,
  onEvent: [isFunction, 'a function'],
  owner: [value => value instanceof TaskContextImpl, "a task's context (the ctx its factory received)"],
  failurePolicy: [value => value === 'fail-fast' || value === 'keep-going', "'fail-fast' or 'keep-going'"],
  onError: [isFunction, 'a function'],
};

/** The rules of {@link TaskOptions}; its keys tell a typo from an option. */
export const TASK_OPTION_RULES: Record<keyof TaskOptions, Rule> = {
  name: STRING,
  timeout: TIMEOUT,
  onCancel: [isFunction, 'a function'],
  shield: BOOLEAN,
};

/** `withTimeout`'s options, checked, with the default scheduler. */
export interface TimeoutConfig {
  scheduler: SchedulerLike;
  name: string | undefined;
  with: ((error: TaskTimeoutError) => ObservableInput<unknown>) | undefined;
}

const WITH_TIMEOUT_RULES: Record<keyof TimeoutConfig, Rule> = {
  with: [isFunction, 'a function'],
  scheduler: SCHEDULER,
  name: STRING,
};

/** Checks `withTimeout(ms, options)` where it is written: `ms` and every option, unknown keys included. */
export function resolveTimeoutOptions(ms: unknown, options: object | undefined): TimeoutConfig {
  checkTimeout(ms, 'withTimeout: ms');
  const config: TimeoutConfig = { scheduler: asyncScheduler, name: undefined, with: undefined };
  return options === undefined ? config : checkOptions(options, WITH_TIMEOUT_RULES, 'withTimeout: options', config)!;
}

/** `options.settle` of the gathering operators (`taskGroup`, `forkJoinTasks`): a boolean, `false` when absent. */
export function readSettle(options: { settle?: unknown } | undefined, where: string): boolean {
  const settle = options?.settle;
  if (settle === undefined) return false;
  check(settle, BOOLEAN, `${where}: options`, 'settle');
  return settle as boolean;
}

/**
 * Checks a group's options where the user wrote them (`withTaskGroup(…)`, `taskGroup(…)`),
 * not at subscription, so a bad option fails at the line that has it.
 */
export function resolveGroupOptions(options: TaskGroupOptions | undefined, where: string, extra?: readonly string[]): GroupConfig {
  if (options === undefined || options === null) return DEFAULT_CONFIG;
  const config = checkOptions(options, GROUP_RULES, `${where}: options`, { ...DEFAULT_CONFIG, failurePolicy: undefined }, extra)!;
  const keepGoing = config.failurePolicy === 'keep-going';
  if (config.onError && !keepGoing) {
    throw new TypeError(`${where}: options.onError needs failurePolicy: 'keep-going' (a fail-fast group reports its failures in its TaskGroupError)`);
  }
  return { ...config, keepGoing };
}

/**
 * Checks one task's options where they were written: `createTask`, a task descriptor of an
 * operator, `forkJoinTasks`'s `options.tasks`. `where` names the place in the messages.
 */
export function checkTaskOptions(options: TaskOptions | undefined, where = 'createTask: options'): void {
  if (options !== undefined) checkOptions(options, TASK_OPTION_RULES, where);
}

/** A time limit in milliseconds: a number ≥ 0, `Infinity` for none. */
export function checkTimeout(timeout: unknown, what: string): asserts timeout is number {
  check(timeout, TIMEOUT, what);
}

/**
 * Checks that `options` is an object, that it has no key of its own that is neither a rule's nor
 * in `extra` (a typo: see {@link unknownOptionError}), and that each option it gives follows its
 * rule (one absent or `undefined` is not given; each is read once), and copies the options given
 * over `into`, if given. Runs per task for task options, so nothing is allocated and no message
 * built unless a check fails.
 */
function checkOptions<C extends object>(
  options: object,
  rules: Record<string, Rule>,
  where: string,
  into?: C,
  extra?: readonly string[],
): C | undefined {
  if (typeof options !== 'object' || options === null) throw typeError(where, 'an object', options);
  for (const key in options) {
    if (Object.hasOwn(rules, key) || !Object.hasOwn(options, key) || extra?.includes(key)) continue;
    throw unknownOptionError(where, key, extra ? [...Object.keys(rules), ...extra] : Object.keys(rules));
  }
  for (const key in rules) {
    const value: unknown = (options as Record<string, unknown>)[key];
    if (value === undefined) continue;
    check(value, rules[key], where, key);
    if (into) (into as Record<string, unknown>)[key] = value;
  }
  return into;
}

/**
 * The one message for an option that does not exist, wherever options are checked:
 * `createTask: options: "timout" is not an option (expected name, timeout, onCancel, shield)`.
 */
export function unknownOptionError(where: string, key: string, expected: readonly string[]): TypeError {
  return new TypeError(`${where}: "${key}" is not an option (expected ${expected.join(', ')})`);
}

/**
 * Checks that `options`, when given, is an object with no key of its own outside `known`, with
 * the message every options check of the package uses. Not part of the public API: exported as
 * `ɵcheckOptionKeys` for `rxjs-taskgroup/angular`, whose helpers check their options with it; it
 * may change in any release.
 *
 * @example
 * ```ts
 * import { ɵcheckOptionKeys } from 'rxjs-taskgroup';
 *
 * try {
 *   ɵcheckOptionKeys({ timout: 5 }, ['timeout'], 'myHelper: options');
 * } catch (error) {
 *   console.log((error as Error).message); // Logs: myHelper: options: "timout" is not an option (expected timeout)
 * }
 * ```
 *
 * @param options - what the user passed; `undefined` passes.
 * @param known - every key it may have.
 * @param where - names the place in the message (`injectTaskGroup: options`).
 * @throws TypeError naming the first unknown key, or when `options` is not an object.
 */
export function checkOptionKeys(options: unknown, known: readonly string[], where: string): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null) throw typeError(where, 'an object', options);
  for (const key in options) {
    if (Object.hasOwn(options, key) && !known.includes(key)) throw unknownOptionError(where, key, known);
  }
}

/** Checks one value against its rule; `what` (and `.key`, if given) names it in the error. */
function check(value: unknown, [isKind, kind, inRange, range]: Rule, what: string, key?: string): void {
  if (isKind(value) && (!inRange || inRange(value as number))) return;
  const name = key === undefined ? what : `${what}.${key}`;
  if (!isKind(value)) throw typeError(name, kind, value);
  throw new RangeError(`${name} must be ${range}; got ${value as number}`);
}

function isAbortSignal(value: unknown): boolean {
  const signal = value as AbortSignal | null;
  return typeof signal === 'object' && signal !== null && typeof signal.aborted === 'boolean' &&
    typeof signal.addEventListener === 'function';
}

function isScheduler(value: unknown): boolean {
  const scheduler = value as SchedulerLike | null | undefined;
  return typeof scheduler?.schedule === 'function' && typeof scheduler.now === 'function';
}

const DEFAULT_CONFIG: GroupConfig = {
  concurrency: Infinity,
  timeout: Infinity,
  signal: undefined,
  scheduler: asyncScheduler,
  onEvent: undefined,
  owner: undefined,
  keepGoing: false,
  onError: undefined,
};
