import { asyncScheduler, type SchedulerLike } from 'rxjs';
import type { TaskEvent, TaskGroupOptions, TaskOptions } from '../types';
import { typeError } from './type-error';

/** A group's options, checked and with defaults filled in. */
export interface GroupConfig {
  readonly concurrency: number;
  readonly timeout: number;
  readonly signal: AbortSignal | undefined;
  readonly scheduler: SchedulerLike;
  readonly onEvent: ((event: TaskEvent) => void) | undefined;
}

/**
 * What an option must be: a test of its kind and the words for that kind (a `TypeError` when it
 * fails); for a number, also a test of its range and the words for that (a `RangeError`).
 */
type Rule = readonly [isKind: (value: unknown) => boolean, kind: string, inRange?: (value: number) => boolean, range?: string];

const isNumber = (value: unknown) => typeof value === 'number';
const isFunction = (value: unknown) => typeof value === 'function';

/** A time limit in milliseconds: a number ≥ 0, `Infinity` for none. */
const TIMEOUT: Rule = [isNumber, 'a number of milliseconds', ms => ms >= 0, 'a number of milliseconds ≥ 0 or Infinity'];

const GROUP_RULES: Record<keyof TaskGroupOptions, Rule> = {
  concurrency: [isNumber, 'a number', n => n >= 1 && (Number.isInteger(n) || n === Infinity), 'an integer ≥ 1 or Infinity'],
  timeout: TIMEOUT,
  signal: [isAbortSignal, 'an AbortSignal'],
  scheduler: [isScheduler, 'a SchedulerLike (with now() and schedule())'],
  onEvent: [isFunction, 'a function'],
};

/** The rules of {@link TaskOptions}; its keys tell a typo from an option. */
export const TASK_OPTION_RULES: Record<keyof TaskOptions, Rule> = {
  name: [value => typeof value === 'string', 'a string'],
  timeout: TIMEOUT,
  onCancel: [isFunction, 'a function'],
  shield: [value => typeof value === 'boolean', 'a boolean'],
};

/**
 * Checks a group's options where the user wrote them (`withTaskGroup(…)`, `taskGroup(…)`),
 * not at subscription, so a bad option fails at the line that has it.
 */
export function resolveGroupOptions(options: TaskGroupOptions | undefined, where: string): GroupConfig {
  if (options === undefined || options === null) return DEFAULT_CONFIG;
  return checkOptions(options, GROUP_RULES, `${where}: options`, { ...DEFAULT_CONFIG })!;
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
 * Checks that `options` is an object and that each option it gives follows its rule (one absent
 * or `undefined` is not given; each is read once), and copies the options given over `into`, if
 * given. Runs per task for task options, so a message is built only when a check fails.
 */
function checkOptions<C extends object>(options: object, rules: Record<string, Rule>, where: string, into?: C): C | undefined {
  if (typeof options !== 'object' || options === null) throw typeError(where, 'an object', options);
  for (const key in rules) {
    const value: unknown = (options as Record<string, unknown>)[key];
    if (value === undefined) continue;
    check(value, rules[key], where, key);
    if (into) (into as Record<string, unknown>)[key] = value;
  }
  return into;
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
};
