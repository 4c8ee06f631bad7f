/**
 * Re-entrancy, property-based (rule 10 of docs/contract.md): fast-check generates groups (tasks with random
 * durations, values, failures, timeouts, shields, failing teardowns, `onCancel` cleanups, groups
 * nested inside tasks, a concurrency limit) and random user callbacks that call back into the group
 * at random moments — at any `onEvent` type, inside a factory, inside `onCancel`, in an abort
 * listener on `ctx.signal`, `tg.signal` or `options.signal`, in a task's teardown — doing
 * `tg.cancel()`, `createTask`, `task.cancel()`, aborting `options.signal`, unsubscribing the group,
 * or throwing. Each schedule runs once in virtual time and once with every task synchronous and
 * `queueScheduler` as the group's scheduler. Whatever the callbacks do:
 *
 *  - no error the harness did not raise (a `TypeError` from inside the engine, say) reaches the
 *    subscriber or `config.onUnhandledError`;
 *  - every error the harness raised is reported exactly once, in the `TaskGroupError` or to
 *    `config.onUnhandledError`;
 *  - the group ends exactly once (unless its subscriber left first), and says `group-finished` once;
 *  - `tg.signal` has aborted before a group that shut down reports;
 *  - no task or cleanup subscription is left open.
 *
 * Abort listeners never throw here: what an `EventTarget` listener throws is the platform's to
 * report (the browser's `error` event, Node's `uncaughtException`), not the group's.
 *
 * Each property runs 1,000 schedules from a seed taken from the clock; a failure message holds the
 * seed, the path and the shrunk counterexample (set `REPLAY` to `{ seed, path }` to replay it).
 */
import * as fc from 'fast-check';
import { config, NEVER, Observable, queueScheduler, Subscriber } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import {
  TaskGroupError,
  TaskStateError,
  TaskTimeoutError,
  withTaskGroup,
  type Task,
  type TaskContext,
  type TaskEvent,
  type TaskEventType,
  type TaskGroup,
  type TaskInput,
} from 'rxjs-taskgroup';

const REPLAY: { seed: number; path?: string } | undefined = undefined;
const NUM_RUNS = 1000;

// ── What is generated ───────────────────────────────────────────────────────────────────────

interface LeafPlan {
  readonly frames: number;
  readonly values: number;
  readonly fails: boolean;
  readonly teardownThrows: boolean;
}

interface TaskPlan {
  readonly leaf: LeafPlan;
  /** A group nested in the task (its tasks are leaves with cleanups), instead of the leaf. */
  readonly nested: readonly { leaf: LeafPlan; cleanup: CleanupPlan | null; shield: boolean }[] | null;
  readonly factory: boolean;
  readonly shield: boolean;
  readonly timeout: number | null;
  readonly cleanup: CleanupPlan | null;
}

interface CleanupPlan {
  readonly frames: number;
  readonly fails: boolean;
}

type Action =
  | { readonly kind: 'cancel-group' }
  | { readonly kind: 'create-task' }
  | { readonly kind: 'cancel-task'; readonly task: number }
  | { readonly kind: 'abort-options' }
  | { readonly kind: 'unsubscribe' }
  | { readonly kind: 'throw' };

type Point =
  | { readonly kind: 'event'; readonly type: TaskEventType; readonly task: number | null }
  | { readonly kind: 'factory' | 'on-cancel' | 'ctx-abort' | 'teardown'; readonly task: number }
  | { readonly kind: 'tg-abort' | 'options-abort' };

interface Hook {
  readonly at: Point;
  readonly action: Action;
}

interface Plan {
  readonly concurrency: number;
  readonly tasks: readonly TaskPlan[];
  readonly hooks: readonly Hook[];
}

const EVENT_TYPES: TaskEventType[] = ['queued', 'started', 'value', 'completed', 'failed', 'cancelled',
  'cleanup-started', 'cleanup-finished', 'group-shutdown', 'group-finished'];

const leafArb = fc.record({
  frames: fc.integer({ min: 0, max: 4 }),
  values: fc.integer({ min: 0, max: 2 }),
  fails: fc.boolean(),
  teardownThrows: fc.boolean(),
});
const cleanupArb = fc.option(fc.record({ frames: fc.integer({ min: 0, max: 3 }), fails: fc.boolean() }), { freq: 2 });

const taskArb: fc.Arbitrary<TaskPlan> = fc.record({
  leaf: leafArb,
  nested: fc.option(fc.array(fc.record({ leaf: leafArb, cleanup: cleanupArb, shield: fc.boolean() }), { minLength: 1, maxLength: 3 }),
    { freq: 4 }),
  factory: fc.boolean(),
  shield: fc.boolean(),
  timeout: fc.option(fc.integer({ min: 1, max: 4 }), { freq: 3 }),
  cleanup: cleanupArb,
});

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  fc.constant({ kind: 'cancel-group' as const }),
  fc.constant({ kind: 'create-task' as const }),
  fc.integer({ min: 0, max: 5 }).map(task => ({ kind: 'cancel-task' as const, task })),
  fc.constant({ kind: 'abort-options' as const }),
  fc.constant({ kind: 'unsubscribe' as const }),
  fc.constant({ kind: 'throw' as const }),
);

const pointArb: fc.Arbitrary<Point> = fc.oneof(
  fc.record({ kind: fc.constant('event' as const), type: fc.constantFrom(...EVENT_TYPES),
    task: fc.option(fc.integer({ min: 0, max: 5 })) }),
  fc.record({ kind: fc.constantFrom('factory' as const, 'on-cancel' as const, 'ctx-abort' as const, 'teardown' as const),
    task: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ kind: fc.constantFrom('tg-abort' as const, 'options-abort' as const) }),
);

const planArb: fc.Arbitrary<Plan> = fc.record({
  concurrency: fc.constantFrom(1, 2, Infinity),
  tasks: fc.array(taskArb, { minLength: 1, maxLength: 5 }),
  hooks: fc.array(fc.record({ at: pointArb, action: actionArb }), { maxLength: 5 }),
});

// ── Running one plan ────────────────────────────────────────────────────────────────────────

interface Outcome {
  /** Errors the harness raised (thrown by a callback, a task's or a cleanup's error, a teardown's throw). */
  readonly raised: Set<unknown>;
  readonly terminal: { kind: 'error' | 'complete'; error?: unknown; tgSignalAborted: boolean }[];
  readonly unhandled: unknown[];
  /** Subscriptions made and torn down, per tracked Observable. */
  readonly open: string[];
  groupFinished: number;
  shutDown: boolean;
  unsubscribedByHarness: boolean;
  readonly eventsAfterFinish: string[];
}

const isAbortPoint = (point: Point) => point.kind === 'ctx-abort' || point.kind === 'tg-abort' || point.kind === 'options-abort';

function run(plan: Plan, synchronous: boolean): Outcome {
  const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
  const outcome: Outcome = {
    raised: new Set(), terminal: [], unhandled: [], open: [], groupFinished: 0, shutDown: false,
    unsubscribedByHarness: false, eventsAfterFinish: [],
  };
  const counts = new Map<string, { subs: number; ends: number }>();
  const saved = config.onUnhandledError;
  config.onUnhandledError = error => outcome.unhandled.push(error);
  try {
    scheduler.run(({ cold }) => {
      const fired = new Set<Hook>();
      const handles: Task<unknown>[] = [];
      const controller = new AbortController();
      let tg: TaskGroup | undefined;
      let created = 0;

      const raise = (what: string) => {
        const error = new Error(`harness: ${what}`);
        outcome.raised.add(error);
        return error;
      };

      /** An Observable whose subscriptions are counted, whose error is registered when it is really delivered. */
      const tracked = (name: string, frames: number, values: number, fails: boolean, teardownThrows: boolean,
        teardownHook?: () => void): Observable<unknown> => {
        const marbles = synchronous ? `(${'v'.repeat(values)}${fails ? '#' : '|'})`
          : frames === 0 ? `(${'v'.repeat(values)}${fails ? '#' : '|'})` : `${'-'.repeat(frames)}(${'v'.repeat(values)}${fails ? '#' : '|'})`;
        return new Observable(observer => {
          const count = counts.get(name) ?? { subs: 0, ends: 0 };
          counts.set(name, count);
          count.subs++;
          const error = fails ? new Error(`harness: ${name} failed`) : undefined;
          const inner = cold(marbles, { v: name }, error).subscribe({
            next: v => observer.next(v),
            error: e => {
              outcome.raised.add(e);
              observer.error(e);
            },
            complete: () => observer.complete(),
          });
          return () => {
            count.ends++;
            inner.unsubscribe();
            teardownHook?.();
            if (teardownThrows) throw raise(`${name} teardown`);
          };
        });
      };

      const act = (hook: Hook) => {
        if (fired.has(hook)) return;
        fired.add(hook);
        const { action } = hook;
        switch (action.kind) {
          case 'cancel-group':
            tg?.cancel('hook');
            break;
          case 'create-task':
            try {
              tg?.createTask(tracked(`created ${created++}`, 1, 1, false, false));
            } catch (error) {
              if (!(error instanceof TaskStateError)) throw error;
            }
            break;
          case 'cancel-task':
            handles[action.task]?.cancel('hook');
            break;
          case 'abort-options':
            controller.abort('hook');
            break;
          case 'unsubscribe':
            if (!subscriber.closed) outcome.unsubscribedByHarness = true;
            subscriber.unsubscribe();
            break;
          case 'throw':
            if (!isAbortPoint(hook.at)) throw raise(`thrown at ${hook.at.kind}`);
            break;
        }
      };
      const reach = (matches: (point: Point) => boolean) => {
        for (const hook of plan.hooks) if (matches(hook.at)) act(hook);
      };

      const onEvent = (event: TaskEvent) => {
        if (outcome.groupFinished > 0) outcome.eventsAfterFinish.push(event.type);
        if (event.type === 'group-finished') outcome.groupFinished++;
        if (event.type === 'group-shutdown') outcome.shutDown = true;
        reach(p => p.kind === 'event' && p.type === event.type && (p.task === null || p.task === event.task?.index));
      };

      const makeTask = (i: number, task: TaskPlan): TaskInput<unknown> => {
        const observable = () => task.nested
          ? withTaskGroup(inner => {
            task.nested!.forEach((n, j) => inner.createTask(tracked(`task ${i}.${j}`, n.leaf.frames, n.leaf.values, n.leaf.fails,
              n.leaf.teardownThrows), {
              shield: n.shield,
              onCancel: n.cleanup ? () => tracked(`cleanup ${i}.${j}`, n.cleanup!.frames, 0, n.cleanup!.fails, false) : undefined,
            }));
          })
          : tracked(`task ${i}`, task.leaf.frames, task.leaf.values, task.leaf.fails, task.leaf.teardownThrows,
            () => reach(p => p.kind === 'teardown' && p.task === i));
        if (!task.factory) return observable();
        return (ctx: TaskContext) => {
          ctx.signal.addEventListener('abort', () => reach(p => p.kind === 'ctx-abort' && p.task === i));
          reach(p => p.kind === 'factory' && p.task === i);
          return observable();
        };
      };

      controller.signal.addEventListener('abort', () => reach(p => p.kind === 'options-abort'));
      const group = withTaskGroup(g => {
        tg = g;
        g.signal.addEventListener('abort', () => reach(p => p.kind === 'tg-abort'));
        for (const [i, task] of plan.tasks.entries()) {
          if (g.signal.aborted) break; // a hook shut the group down: createTask would throw TaskStateError
          const handle = g.createTask(makeTask(i, task), {
            shield: task.shield,
            timeout: task.timeout ?? undefined,
            onCancel: task.cleanup ? () => {
              reach(p => p.kind === 'on-cancel' && p.task === i);
              return tracked(`cleanup ${i}`, task.cleanup!.frames, 0, task.cleanup!.fails, false);
            } : undefined,
          });
          handles.push(handle);
          handle.subscribe({ error: () => undefined }); // a handle replays its task's error: heard here, not unhandled
        }
      }, { concurrency: plan.concurrency, signal: controller.signal, onEvent, scheduler: synchronous ? queueScheduler : undefined });

      const subscriber: Subscriber<unknown> = new Subscriber<unknown>({
        next: () => undefined,
        error: (error: unknown) => outcome.terminal.push({ kind: 'error', error, tgSignalAborted: tg?.signal.aborted ?? false }),
        complete: () => outcome.terminal.push({ kind: 'complete', tgSignalAborted: tg?.signal.aborted ?? false }),
      });
      group.subscribe(subscriber);
      return NEVER; // keeps `run` from asserting anything itself
    });
  } finally {
    config.onUnhandledError = saved;
  }
  for (const [name, { subs, ends }] of counts) if (subs !== ends) outcome.open.push(`${name}: ${subs} subscribed, ${ends} torn down`);
  return outcome;
}

// ── The invariants ──────────────────────────────────────────────────────────────────────────

/** Every error that reached somebody, groups opened into their leaves. */
function reported(outcome: Outcome): unknown[] {
  const errors: unknown[] = [];
  for (const t of outcome.terminal) if (t.kind === 'error') errors.push(t.error);
  errors.push(...outcome.unhandled);
  return errors.flatMap(e => (e instanceof TaskGroupError ? e.leaves() : [e]));
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function checkNoInternalError(outcome: Outcome): void {
  for (const error of reported(outcome)) {
    if (outcome.raised.has(error) || error instanceof TaskTimeoutError) continue;
    throw new Error(`an error the harness never raised reached the user: ${describeError(error)}`);
  }
}

function checkExactlyOnce(outcome: Outcome): void {
  const leaves = reported(outcome);
  for (const error of outcome.raised) {
    const times = leaves.filter(e => e === error).length;
    if (times !== 1) throw new Error(`${describeError(error)} was reported ${times} times`);
  }
}

function checkEndsOnce(outcome: Outcome): void {
  if (outcome.terminal.length > 1) throw new Error(`the group ended ${outcome.terminal.length} times`);
  if (outcome.terminal.length === 0 && !outcome.unsubscribedByHarness) throw new Error('the group never ended');
  if (outcome.groupFinished !== 1) throw new Error(`'group-finished' was emitted ${outcome.groupFinished} times`);
  if (outcome.eventsAfterFinish.length > 0) throw new Error(`events after 'group-finished': ${outcome.eventsAfterFinish.join(', ')}`);
}

function checkSignalBeforeReport(outcome: Outcome): void {
  if (!outcome.shutDown) return;
  for (const t of outcome.terminal) if (!t.tgSignalAborted) throw new Error(`the group reported (${t.kind}) before tg.signal aborted`);
}

function checkNothingOpen(outcome: Outcome): void {
  if (outcome.open.length > 0) throw new Error(`left open: ${outcome.open.join('; ')}`);
}

function property(check: (outcome: Outcome) => void, synchronous: boolean): void {
  const seed = REPLAY?.seed ?? Date.now() % 0x7fffffff;
  fc.assert(fc.property(planArb, plan => check(run(plan, synchronous))),
    { numRuns: NUM_RUNS, seed, path: REPLAY?.path, endOnFailure: REPLAY !== undefined });
}

describe('re-entrant user callbacks, generated (rule 10; fast-check, 1,000 schedules each)', () => {
  for (const synchronous of [false, true]) {
    describe(synchronous ? 'every task synchronous, queueScheduler' : 'in virtual time', () => {
      it('no internal error ever reaches the subscriber or onUnhandledError', () => property(checkNoInternalError, synchronous));
      it('every error raised is reported exactly once', () => property(checkExactlyOnce, synchronous));
      it('the group ends exactly once, and says group-finished once, last', () => property(checkEndsOnce, synchronous));
      it('tg.signal has aborted before a group that shut down reports', () => property(checkSignalBeforeReport, synchronous));
      it('no task or cleanup subscription is left open', () => property(checkNothingOpen, synchronous));
    });
  }
});
