import { asyncScheduler, type SchedulerLike } from 'rxjs';
import type { TaskEvent, TaskGroupOptions, TaskOptions } from '../types';

/** A group's options, checked and with defaults filled in. */
export interface GroupConfig {
  readonly concurrency: number;
  readonly timeout: number;
  readonly signal: AbortSignal | undefined;
  readonly scheduler: SchedulerLike;
  readonly onEvent: ((event: TaskEvent) => void) | undefined;
}

/**
 * Checks a group's options where the user wrote them (`withTaskGroup(…)`, `taskGroup(…)`),
 * not at subscription, so a bad option fails at the line that has it.
 */
export function resolveGroupOptions(options: TaskGroupOptions | undefined, where: string): GroupConfig {
  if (options === undefined || options === null) return DEFAULT_CONFIG;
  if (typeof options !== 'object') throw new TypeError(`${where}: options must be an object; got ${typeof options}`);
  const { concurrency = Infinity, timeout = Infinity, signal, scheduler = asyncScheduler, onEvent } = options;
  checkConcurrency(concurrency, where);
  checkTimeout(timeout, `${where}: options.timeout`);
  if (signal !== undefined && !isAbortSignal(signal)) {
    throw new TypeError(`${where}: options.signal must be an AbortSignal; got ${typeof signal}`);
  }
  if (typeof scheduler?.schedule !== 'function' || typeof scheduler.now !== 'function') {
    throw new TypeError(`${where}: options.scheduler must be a SchedulerLike (with now() and schedule())`);
  }
  if (onEvent !== undefined && typeof onEvent !== 'function') {
    throw new TypeError(`${where}: options.onEvent must be a function; got ${typeof onEvent}`);
  }
  return { concurrency, timeout, signal, scheduler, onEvent };
}

/** The keys of {@link TaskOptions}, for telling a typo from an option. */
export const TASK_OPTION_KEYS: readonly string[] = ['name', 'timeout', 'onCancel', 'shield'];

/**
 * Checks one task's options where they were written: `createTask`, a task descriptor of an
 * operator, `forkJoinTasks`'s `options.tasks`. `where` names the place in the messages.
 */
export function checkTaskOptions(options: TaskOptions | undefined, where = 'createTask: options'): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${where} must be an object; got ${options === null ? 'null' : typeof options}`);
  }
  const { name, timeout, onCancel, shield } = options;
  if (name !== undefined && typeof name !== 'string') {
    throw new TypeError(`${where}.name must be a string; got ${typeof name}`);
  }
  if (timeout !== undefined) checkTimeout(timeout, `${where}.timeout`);
  if (onCancel !== undefined && typeof onCancel !== 'function') {
    throw new TypeError(`${where}.onCancel must be a function; got ${typeof onCancel}`);
  }
  if (shield !== undefined && typeof shield !== 'boolean') {
    throw new TypeError(`${where}.shield must be a boolean; got ${typeof shield}`);
  }
}

/** A time limit in milliseconds: a number ≥ 0, `Infinity` for none. */
export function checkTimeout(timeout: unknown, what: string): asserts timeout is number {
  if (typeof timeout !== 'number') throw new TypeError(`${what} must be a number of milliseconds; got ${typeof timeout}`);
  if (Number.isNaN(timeout) || timeout < 0) {
    throw new RangeError(`${what} must be a number of milliseconds ≥ 0 or Infinity; got ${timeout}`);
  }
}

function checkConcurrency(concurrency: unknown, where: string): asserts concurrency is number {
  if (typeof concurrency !== 'number') {
    throw new TypeError(`${where}: options.concurrency must be a number; got ${typeof concurrency}`);
  }
  if (!(concurrency >= 1 && (Number.isInteger(concurrency) || concurrency === Infinity))) {
    throw new RangeError(`${where}: options.concurrency must be an integer ≥ 1 or Infinity; got ${concurrency}`);
  }
}

function isAbortSignal(value: unknown): value is AbortSignal {
  const signal = value as AbortSignal | null;
  return typeof signal === 'object' && signal !== null && typeof signal.aborted === 'boolean' &&
    typeof signal.addEventListener === 'function';
}

const DEFAULT_CONFIG: GroupConfig = {
  concurrency: Infinity,
  timeout: Infinity,
  signal: undefined,
  scheduler: asyncScheduler,
  onEvent: undefined,
};
