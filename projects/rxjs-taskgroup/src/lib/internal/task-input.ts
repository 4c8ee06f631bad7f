import type { TaskDescriptor, TaskInput, TaskOptions } from '../types';
import { checkTaskOptions, TASK_OPTION_RULES, unknownOptionError } from './options';
import type { Group } from './group';
import { toTaskSource } from './task-source';

/**
 * Checks, where the user wrote it, that a value can be a task ({@link toTaskSource}'s rule; the
 * engine applies it again when it spawns). Checking subscribes to nothing, so this has no effect
 * on the input.
 */
export function checkTaskInput(input: unknown, where: string): asserts input is TaskInput<unknown> {
  toTaskSource(input as TaskInput<unknown>, where);
}

/**
 * Whether an operator's source value is a {@link TaskDescriptor}: a plain object (prototype
 * `Object.prototype` or `null`) with a `task` property. No `ObservableInput` is one: Observables,
 * Promises, arrays and iterables all have other prototypes.
 */
export function isTaskDescriptor(value: unknown): value is TaskDescriptor<unknown> {
  if (typeof value !== 'object' || value === null || !('task' in value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * A descriptor's options, checked: an unknown key (a typo of an option) or a bad option is a
 * `TypeError` (or `RangeError`) naming it. A fresh object, so the task does not keep the
 * descriptor, and with it the input, once started.
 */
export function descriptorOptions(descriptor: TaskDescriptor<unknown>, where: string): TaskOptions | undefined {
  return pickTaskOptions(descriptor, where, 'task', undefined);
}

/**
 * The task options found in `source` (skipping the key `except`), over `defaults`, checked; an
 * unknown key is a `TypeError` that names it. `undefined` when there are none.
 */
export function pickTaskOptions(
  source: object,
  where: string,
  except: string | undefined,
  defaults: TaskOptions | undefined,
): TaskOptions | undefined {
  let options: { -readonly [K in keyof TaskOptions]: TaskOptions[K] } | undefined = defaults && { ...defaults };
  for (const key of Object.keys(source)) {
    if (key === except) continue;
    if (!Object.hasOwn(TASK_OPTION_RULES, key)) {
      const options = Object.keys(TASK_OPTION_RULES);
      throw unknownOptionError(where, key, except === undefined ? options : [except, ...options]);
    }
    const value = (source as Record<string, unknown>)[key];
    if (value !== undefined) (options ??= {})[key as keyof TaskOptions] = value as never;
  }
  checkTaskOptions(options, where);
  return options;
}

/** Spawns an operator's source value: a task, or a {@link TaskDescriptor} naming it and giving its options. */
export function spawnSourceValue(group: Group, value: unknown, where: string): void {
  if (isTaskDescriptor(value)) group.spawn(value.task, descriptorOptions(value, `${where}: descriptor`), where);
  else group.spawn(value as TaskInput<unknown>, undefined, where);
}

/**
 * Checks a task and its options where the user wrote them, with the messages `createTask` gives:
 * a value that cannot be a task, an unknown option or a bad one is a `TypeError` (or
 * `RangeError`) naming it. Not part of the public API: exported as `ɵcheckTask` for
 * `rxjs-taskgroup/angular`, whose helpers take tasks they start later (a queued keyed run); it
 * may change in any release.
 *
 * @example
 * ```ts
 * import { ɵcheckTask } from 'rxjs-taskgroup';
 *
 * try {
 *   ɵcheckTask(() => fetch('/api/delay/1'), { timeout: -1 }, 'myHelper');
 * } catch (error) {
 *   console.log((error as Error).message); // Logs: myHelper: options.timeout must be a number of milliseconds ≥ 0 or Infinity; got -1
 * }
 * ```
 *
 * @param input - what the user passed as the task.
 * @param options - its task options (`undefined` passes).
 * @param where - names the place in the messages (`run`; options are `run: options`).
 * @throws TypeError or RangeError naming what is wrong.
 */
export function checkTask(input: unknown, options: TaskOptions | undefined, where: string): void {
  checkTaskInput(input, where);
  checkTaskOptions(options, `${where}: options`);
}
