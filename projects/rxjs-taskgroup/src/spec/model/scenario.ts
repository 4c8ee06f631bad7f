/**
 * Generated group scenarios for the property tests: plain data describing a (possibly nested)
 * group of tasks, and the fast-check arbitraries that produce them.
 *
 * Times are virtual frames of `TestScheduler.run`. They are drawn from a SMALL range on purpose,
 * so that several events often land on the same frame: the model does not avoid ties, it
 * decides them the way the `TestScheduler` does (actions due on the same frame run in the order
 * they were scheduled), which is where "one failure per frame" is decided.
 */
import * as fc from 'fast-check';

export type GroupMode = 'withTaskGroup' | 'taskGroup' | 'settle';

/** What a task does when its `ctx.signal` aborts (only for factory tasks). */
export type OnAbort = 'nothing' | 'error' | 'echo';

export interface CleanupDesc {
  /** Frames until the cleanup ends; 0 = it ends synchronously when subscribed. */
  readonly duration: number;
  readonly fails: boolean;
}

export interface TaskDesc {
  /** Frames from its start to its end; 0 = it ends synchronously when subscribed. Leaves only. */
  readonly duration: number;
  /** Emitted, in order, when it ends (before completing or failing). Leaves only. */
  readonly values: readonly number[];
  /** Ends with an error instead of completing. Leaves only. */
  readonly fails: boolean;
  readonly shield: boolean;
  /** Given as `ctx => Observable` (its `ctx.signal` is watched) rather than as an Observable. */
  readonly factory: boolean;
  /** When its signal aborts: nothing, error with its own Error, or error with the signal's reason. */
  readonly onAbort: OnAbort;
  readonly cleanup: CleanupDesc | null;
  /** A nested group instead of a leaf. */
  readonly group: GroupDesc | null;
}

export interface GroupDesc {
  /**
   * `withTaskGroup` (the body creates every task with `tg.createTask`, returns nothing),
   * `taskGroup` (`from(tasks).pipe(taskGroup())`) or `settle` (`taskGroup({ settle: true })`).
   */
  readonly mode: GroupMode;
  readonly concurrency: number;
  readonly tasks: readonly TaskDesc[];
}

export interface StopDesc {
  /** `cancel`: `tg.cancel('stop')` (withTaskGroup) or `options.signal` aborted with `'stop'`; `unsubscribe`: the subscriber leaves. */
  readonly kind: 'cancel' | 'unsubscribe';
  readonly at: number;
}

export interface Scenario {
  readonly group: GroupDesc;
  readonly stop: StopDesc | null;
}

const cleanupArb: fc.Arbitrary<CleanupDesc> = fc.record({
  duration: fc.oneof({ arbitrary: fc.constant(0), weight: 1 }, { arbitrary: fc.integer({ min: 1, max: 8 }), weight: 4 }),
  fails: fc.boolean(),
});

function weighted(trueWeight: number, falseWeight: number): fc.Arbitrary<boolean> {
  return fc.oneof({ arbitrary: fc.constant(true), weight: trueWeight }, { arbitrary: fc.constant(false), weight: falseWeight });
}

function taskArb(depth: number, maxDepth: number): fc.Arbitrary<TaskDesc> {
  const nested: fc.Arbitrary<GroupDesc | null> = depth < maxDepth
    ? fc.oneof({ arbitrary: fc.constant(null), weight: 7 }, { arbitrary: groupArb(depth + 1, maxDepth, 5), weight: 1 })
    : fc.constant(null);
  return fc
    .record({
      duration: fc.oneof({ arbitrary: fc.constant(0), weight: 1 }, { arbitrary: fc.integer({ min: 1, max: 12 }), weight: 9 }),
      values: fc.array(fc.integer({ min: 0, max: 99 }), { maxLength: 2 }),
      fails: weighted(1, 4),
      shield: weighted(1, 6),
      factory: weighted(3, 1),
      onAbort: fc.constantFrom<OnAbort>('nothing', 'nothing', 'nothing', 'error', 'echo'),
      cleanup: fc.oneof({ arbitrary: fc.constant(null), weight: 1 }, { arbitrary: cleanupArb, weight: 1 }),
      group: nested,
    })
    .map(task => (task.factory ? task : { ...task, onAbort: 'nothing' as const }));
}

function groupArb(depth: number, maxDepth: number, maxTasks: number): fc.Arbitrary<GroupDesc> {
  return fc
    .record({
      mode: fc.constantFrom<GroupMode>('withTaskGroup', 'taskGroup', 'settle'),
      concurrency: fc.constantFrom(1, 2, 3, Infinity),
      tasks: fc.array(taskArb(depth, maxDepth), { maxLength: maxTasks, size: maxTasks > 5 ? 'medium' : 'small' }),
    })
    // The operators take bare TaskInputs: no per-task options (shield, onCancel) there.
    .map(group => (group.mode === 'withTaskGroup'
      ? group
      : { ...group, tasks: group.tasks.map(task => ({ ...task, shield: false, cleanup: null })) }));
}

/**
 * 0–30 tasks at the top, nested groups of 0–5 tasks down to `maxDepth` (the top group is depth 1),
 * and maybe a cancel or an unsubscription.
 */
export function scenarioArbitrary(maxDepth = 3): fc.Arbitrary<Scenario> {
  return fc.record({
    group: groupArb(1, maxDepth, 30),
    stop: fc.oneof(
      { arbitrary: fc.constant(null), weight: 2 },
      { arbitrary: fc.record({ kind: fc.constantFrom<'cancel' | 'unsubscribe'>('cancel', 'unsubscribe'), at: fc.integer({ min: 0, max: 20 }) }), weight: 3 },
    ),
  });
}

/** Ids of the errors a scenario raises; the model and the runner both use them. */
export const taskErrorId = (path: string) => `task ${path}`;
export const cleanupErrorId = (path: string) => `cleanup ${path}`;
export const abortErrorId = (path: string) => `abort ${path}`;
/** The reason given to `tg.cancel()` / `AbortController.abort()` by a `cancel` stop. */
export const STOP_REASON = 'stop';
