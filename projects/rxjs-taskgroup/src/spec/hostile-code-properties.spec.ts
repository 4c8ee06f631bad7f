/**
 * The promise under hostile code, property-based (rules 10, 20 and 21 of docs/contract.md: whatever
 * user code does, every task ends, the group ends exactly once, every raised error is reported
 * exactly once).
 *
 * fast-check generates groups whose user code is hostile rather than re-entrant at random moments
 * (that is `reentrancy-properties.spec.ts`): tasks that complete or error synchronously, or later,
 * and whose teardown then throws, subscribe functions that throw, errors whose `message`, `name`
 * or `stack` getter throws, an object whose `constructor` getter throws, revoked proxies, frozen and cyclic errors, `null`,
 * `undefined` and Symbols thrown as errors, tasks that error with their own signal's reason when
 * cancelled, tasks awaiting a sibling's handle, `onCancel` cleanups made of the same, queued tasks
 * (concurrency 1–3), timeouts, and `onEvent` listeners that cancel the group or a task (with
 * hostile reasons) at any event — `cancelled` included — or throw. Every plan runs under one of
 * `withTaskGroup` (tasks created by the body), a body returning a hostile Observable, `taskGroup`,
 * `cancelSiblingsOnError` and `forkJoinTasks`, in virtual time (`TestScheduler.run`), and
 * `tg.snapshot()` is taken from every callback. On every run:
 *
 *  - nothing escapes: no exception out of `subscribe`, out of a virtual timer (an uncaught
 *    exception in real life) or out of an `EventTarget` listener, and nothing thrown back into a
 *    call of `tg.cancel`, `task.cancel`, `createTask` (except `TaskStateError` once the group is
 *    shutting down) or `tg.snapshot`;
 *  - the group ends exactly once (one error or completion, never a hang), and an error is one
 *    `TaskGroupError` whose `leaves()` can be read;
 *  - every error the harness raised is reported exactly once, among the leaves of the
 *    `TaskGroupError` or to `config.onUnhandledError` (a throwing `onEvent`), and nothing else is,
 *    but each timed-out task's `TaskTimeoutError`: a task's echo of its own cancellation, or of a
 *    cancelled sibling it awaited, is a cancellation, not an error (as in asyncio);
 *  - events pair up: per task at most one `started`, exactly one of `completed` / `failed` /
 *    `cancelled` (a task never started was queued and dropped, so `cancelled`), nothing but its
 *    cleanup's events after that, as many `cleanup-finished` as `cleanup-started`; one
 *    `group-finished`, last;
 *  - a snapshot taken in the `group-finished` listener counts every task created as done, with the
 *    outcome its terminal event gave, and lists none.
 *
 * Each property turns on one family of hostile behaviours (the knobs of `planArb`), so that a
 * defect in one family does not hide another behind the same counterexample; the last mixes them
 * all. Each runs 1,000 plans from a fixed seed (printed with the path and the shrunk
 * counterexample on failure; set `REPLAY` to `{ seed, path }` to replay one). The plans are plain
 * data: hostile values are made when a plan runs, so a counterexample reads as what the user code
 * did. The same plans run in Node, against the built package and with real timers, in
 * `test-node/hostile-code.test.mjs`.
 */
import * as fc from 'fast-check';
import { asyncScheduler, config, forkJoin, from, Observable, type Subscription } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import {
  cancelSiblingsOnError,
  forkJoinTasks,
  task as describeTask,
  taskGroup,
  TaskCancelledError,
  TaskGroupError,
  TaskStateError,
  TaskTimeoutError,
  withTaskGroup,
  type Task,
  type TaskContext,
  type TaskEvent,
  type TaskEventType,
  type TaskGroup,
  type TaskGroupSnapshot,
  type TaskInput,
  type TaskOptions,
} from 'rxjs-taskgroup';

const SEED = 20_261_206;
const REPLAY: { seed: number; path?: string } | undefined = undefined;
const NUM_RUNS = 1000;

// ── What is generated ───────────────────────────────────────────────────────────────────────

/** What user code throws or errors with. */
type Value =
  | 'error'
  | 'throwing-message'
  | 'throwing-name'
  | 'throwing-stack'
  /** A plain object (not an Error, no `message`) whose `constructor` getter throws. */
  | 'throwing-constructor'
  | 'revoked-proxy'
  | 'frozen'
  | 'cyclic'
  | 'null'
  | 'undefined'
  | 'symbol';

const HOSTILE_VALUES: Value[] = ['throwing-message', 'throwing-name', 'throwing-stack', 'throwing-constructor', 'revoked-proxy',
  'frozen', 'cyclic', 'null', 'undefined', 'symbol'];

/** An Observable written by the user: it ends after `delay` frames (0: inside its subscribe function). */
interface ObservableSpec {
  readonly end: 'complete' | 'error' | 'throw-in-subscribe';
  readonly delay: number;
  /** What it errors with or throws. */
  readonly value: Value;
  /** Its teardown throws this. */
  readonly teardown: Value | null;
}

interface TaskSpec {
  /** `observable`: the Observable itself; `factory`: returned by a factory; `echo`: a factory whose
   * Observable errors with `ctx.signal.reason` when the signal aborts; `await`: a factory awaiting
   * the handle of task `target` (`forkJoin([handle])`; only under `withTaskGroup`). */
  readonly kind: 'observable' | 'factory' | 'echo' | 'await';
  readonly observable: ObservableSpec;
  readonly target: number;
  readonly timeout: number | null;
  /** `onCancel` returns this Observable, or (`throw`) throws its value itself. */
  readonly onCancel: (ObservableSpec & { readonly throws: boolean }) | null;
}

type Action =
  | { readonly kind: 'cancel-group'; readonly reason: Value }
  | { readonly kind: 'cancel-task'; readonly task: number; readonly reason: Value }
  | { readonly kind: 'throw'; readonly value: Value };

type Point =
  | { readonly kind: 'event'; readonly type: TaskEventType; readonly task: number | null }
  | { readonly kind: 'frame'; readonly frame: number }
  | { readonly kind: 'factory' | 'on-cancel' | 'teardown'; readonly task: number };

interface Hook {
  readonly at: Point;
  readonly action: Action;
}

type Entry = 'withTaskGroup' | 'body' | 'taskGroup' | 'cancelSiblingsOnError' | 'forkJoinTasks';

interface Plan {
  readonly entry: Entry;
  readonly concurrency: number;
  readonly tasks: readonly TaskSpec[];
  /** Under `body`: what the body returns. */
  readonly body: ObservableSpec;
  readonly hooks: readonly Hook[];
}

const EVENT_TYPES: TaskEventType[] = ['queued', 'started', 'value', 'completed', 'failed', 'cancelled',
  'cleanup-started', 'cleanup-finished', 'group-shutdown', 'group-finished'];
const ENTRIES: Entry[] = ['withTaskGroup', 'body', 'taskGroup', 'cancelSiblingsOnError', 'forkJoinTasks'];

/** How the user's Observables of one role (tasks, cleanups, the body) may behave. */
interface ObservableKnobs {
  readonly ends: readonly ObservableSpec['end'][];
  readonly delays: { readonly min: number; readonly max: number };
  /** When a teardown may throw: only after the Observable ended inside its subscribe function
   * (`sync`), only after a later end or a cancellation (`async`), either, or never. */
  readonly teardown: 'sync' | 'async' | 'any' | 'never';
}

/** The knobs of a family of plans: each property turns on the hostile behaviours it is about. */
interface Knobs {
  readonly entries: readonly Entry[];
  readonly concurrency: readonly number[];
  /** At most this many tasks (hooks name tasks below it). */
  readonly maxTasks: number;
  readonly values: readonly Value[];
  readonly tasks: ObservableKnobs;
  readonly kinds: readonly TaskSpec['kind'][];
  readonly timeouts: boolean;
  /** `onCancel` cleanups (`throws`: `onCancel` may throw itself), or none. */
  readonly cleanups: (ObservableKnobs & { readonly throws: boolean }) | null;
  readonly body: ObservableKnobs;
  readonly hooks: number;
  /** Pairs of hooks: somewhere, `task.cancel()` of task k; in task k's `cancelled` listener, another action. */
  readonly cancelledPairs?: number;
  readonly points: readonly Point['kind'][];
  readonly actions: readonly Action['kind'][];
  readonly eventTypes: readonly TaskEventType[];
  readonly reasons: readonly Value[];
}

const EVERY_END: ObservableSpec['end'][] = ['complete', 'error', 'throw-in-subscribe'];
const CALM: ObservableKnobs = { ends: ['complete'], delays: { min: 0, max: 3 }, teardown: 'never' };

function observableArb(k: ObservableKnobs, value: fc.Arbitrary<Value>): fc.Arbitrary<ObservableSpec> {
  return fc.record({
    end: fc.constantFrom(...k.ends),
    delay: fc.integer(k.delays),
    value,
    teardown: k.teardown === 'never' ? fc.constant(null) : fc.option(value, { freq: 2 }),
  }).map(spec => {
    const sync = spec.delay === 0 && spec.end !== 'throw-in-subscribe';
    const allowed = k.teardown === 'any' || (k.teardown === 'sync' ? sync : !sync);
    return allowed ? spec : { ...spec, teardown: null };
  });
}

function planArb(k: Knobs): fc.Arbitrary<Plan> {
  const value = fc.constantFrom(...k.values);
  const cleanups = k.cleanups;
  const task: fc.Arbitrary<TaskSpec> = fc.record({
    kind: fc.constantFrom(...k.kinds),
    observable: observableArb(k.tasks, value),
    target: fc.nat({ max: k.maxTasks - 1 }),
    timeout: k.timeouts ? fc.option(fc.integer({ min: 1, max: 5 }), { freq: 2 }) : fc.constant(null),
    onCancel: cleanups
      ? fc.option(fc.record({ spec: observableArb(cleanups, value), throws: cleanups.throws ? fc.boolean() : fc.constant(false) })
        .map(({ spec, throws }) => ({ ...spec, throws })), { freq: 3 })
      : fc.constant(null),
  });
  const reason = fc.constantFrom(...k.reasons);
  const action: fc.Arbitrary<Action> = fc.oneof(...k.actions.map((kind): fc.Arbitrary<Action> => {
    switch (kind) {
      case 'cancel-group': return fc.record({ kind: fc.constant('cancel-group' as const), reason });
      case 'cancel-task': return fc.record({ kind: fc.constant('cancel-task' as const), task: fc.nat({ max: k.maxTasks - 1 }), reason });
      case 'throw': return fc.record({ kind: fc.constant('throw' as const), value });
    }
  }));
  const eventTask: fc.Arbitrary<number | null> = fc.option(fc.nat({ max: k.maxTasks - 1 }));
  const point: fc.Arbitrary<Point> = fc.oneof(...k.points.map((kind): fc.Arbitrary<Point> => {
    switch (kind) {
      case 'event':
        return fc.record({ kind: fc.constant('event' as const), type: fc.constantFrom(...k.eventTypes), task: eventTask });
      case 'frame':
        return fc.record({ kind: fc.constant('frame' as const), frame: fc.nat({ max: 6 }) });
      default:
        return fc.record({ kind: fc.constant(kind), task: fc.nat({ max: k.maxTasks - 1 }) });
    }
  }));
  return fc.record({
    entry: fc.constantFrom(...k.entries),
    concurrency: fc.constantFrom(...k.concurrency),
    tasks: fc.array(task, { minLength: 1, maxLength: k.maxTasks }),
    body: observableArb(k.body, value),
    hooks: fc.tuple(
      k.hooks === 0 ? fc.constant([]) : fc.array(fc.record({ at: point, action }), { maxLength: k.hooks }),
      fc.array(fc.record({ at: point, task: fc.nat({ max: k.maxTasks - 1 }), reason, then: action }), { maxLength: k.cancelledPairs ?? 0 }),
    ).map(([hooks, pairs]) => [...hooks, ...pairs.flatMap(({ at, task, reason, then }): Hook[] => [
      { at, action: { kind: 'cancel-task', task, reason } },
      { at: { kind: 'event', type: 'cancelled', task }, action: then },
    ])]),
  });
}

// ── Hostile values ──────────────────────────────────────────────────────────────────────────

/** Errors thrown by a hostile getter: the engine must never let one reach the user. */
const getterErrors = new WeakSet<object>();

function throwingGetter(label: string): () => never {
  return () => {
    const error = new Error(`${label} getter threw`);
    getterErrors.add(error);
    throw error;
  };
}

/** A fresh value of the kind: every raise is a new identity, but `null` and `undefined`. */
function hostile(kind: Value, label: string): unknown {
  switch (kind) {
    case 'error':
      return new Error(label);
    case 'throwing-message':
    case 'throwing-name':
    case 'throwing-stack': {
      const error = new Error(label);
      const property = kind.slice('throwing-'.length);
      Object.defineProperty(error, property, { get: throwingGetter(`${label}: ${property}`), configurable: true });
      return error;
    }
    case 'throwing-constructor':
      // Not an Error, and no message: what describes it falls back on its constructor's name.
      return Object.defineProperty({ label }, 'constructor', { get: throwingGetter(`${label}: constructor`), configurable: true });
    case 'revoked-proxy': {
      const { proxy, revoke } = Proxy.revocable(new Error(label), {});
      revoke();
      return proxy;
    }
    case 'frozen':
      return Object.freeze(new Error(label));
    case 'cyclic': {
      const error = new Error(label) as Error & { errors?: unknown[] };
      error.cause = error;
      error.errors = [error];
      return error;
    }
    case 'null':
      return null;
    case 'undefined':
      return undefined;
    case 'symbol':
      return Symbol(label);
  }
}

/** `instanceof` that survives a revoked proxy. */
function isA(value: unknown, type: abstract new (...args: never[]) => unknown): boolean {
  try {
    return value instanceof type;
  } catch {
    return false;
  }
}

/** A description of a value that never throws, whatever the value. */
function show(value: unknown): string {
  try {
    if (typeof value === 'symbol') return value.toString();
    if (isA(value, TaskGroupError)) return `TaskGroupError(${(value as TaskGroupError).errors.map(show).join(', ')})`;
    if (isA(value, Error)) {
      let name = 'Error';
      let message = '?';
      try { name = String((value as Error).name); } catch { name = '(throwing name)'; }
      try { message = String((value as Error).message); } catch { message = '(throwing message)'; }
      return `${name}: ${message}${getterErrors.has(value as object) ? ' (a hostile getter\'s error)' : ''}`;
    }
    return String(value);
  } catch {
    return '(a value that cannot be shown: a revoked proxy?)';
  }
}

// ── Running one plan ────────────────────────────────────────────────────────────────────────

interface Outcome {
  /** Each error the harness raised (delivered, thrown, or thrown by a teardown), counted. */
  readonly raised: Map<unknown, number>;
  readonly terminal: { kind: 'error' | 'complete'; error?: unknown }[];
  readonly unhandled: unknown[];
  /** Exceptions that escaped: out of subscribe, a virtual timer or an EventTarget listener. */
  readonly escaped: string[];
  /** Exceptions thrown back into a call the user made (cancel, createTask, snapshot). */
  readonly thrownBack: string[];
  readonly events: { type: TaskEventType; index: number | undefined; error?: unknown }[];
  /** A snapshot taken in the `group-finished` listener, with the number of tasks created. */
  finalSnapshot: TaskGroupSnapshot | null;
  created: number;
  readonly subscriptions: Map<string, { subs: number; ends: number }>;
}

function count(map: Map<unknown, number>, value: unknown): void {
  map.set(value, (map.get(value) ?? 0) + 1);
}

function run(plan: Plan): Outcome {
  const outcome: Outcome = {
    raised: new Map(), terminal: [], unhandled: [], escaped: [], thrownBack: [], events: [], finalSnapshot: null,
    created: 0, subscriptions: new Map(),
  };
  const withTg = plan.entry === 'withTaskGroup' || plan.entry === 'body';
  const scheduler = new TestScheduler(() => undefined);
  const savedOnUnhandled = config.onUnhandledError;
  config.onUnhandledError = error => outcome.unhandled.push(error);
  // What an EventTarget listener throws is reported through the window's `error` event: recorded
  // here, and kept from Karma's `window.onerror`, which would end the whole run.
  const onWindowError = (event: ErrorEvent) => {
    outcome.escaped.push(`from an EventTarget listener: ${show(event.error)}`);
    event.preventDefault();
  };
  const savedOnError = window.onerror;
  window.onerror = () => true;
  window.addEventListener('error', onWindowError);
  let raisedSeq = 0;
  const raise = (kind: Value, what: string): unknown => {
    const value = hostile(kind, `${what} #${raisedSeq++}`);
    count(outcome.raised, value);
    return value;
  };
  try {
    scheduler.run(() => {
      const fired = new Set<Hook>();
      const handles: Task<unknown>[] = [];
      const controller = new AbortController();
      let tg: TaskGroup | undefined;

      const snapshot = (where: string) => {
        if (!tg) return;
        try {
          tg.snapshot();
        } catch (error) {
          outcome.thrownBack.push(`tg.snapshot() in ${where} threw ${show(error)}`);
        }
      };

      const act = (hook: Hook) => {
        if (fired.has(hook)) return;
        fired.add(hook);
        const { action } = hook;
        switch (action.kind) {
          case 'cancel-group':
            if (tg) {
              try {
                tg.cancel(hostile(action.reason, 'group cancel reason'));
              } catch (error) {
                outcome.thrownBack.push(`tg.cancel(${action.reason}) threw ${show(error)}`);
              }
            } else {
              controller.abort(hostile(action.reason, 'signal reason'));
            }
            break;
          case 'cancel-task': {
            const handle = handles[action.task];
            if (!handle) break;
            try {
              handle.cancel(hostile(action.reason, 'task cancel reason'));
            } catch (error) {
              outcome.thrownBack.push(`task.cancel(${action.reason}) threw ${show(error)}`);
            }
            break;
          }
          case 'throw':
            // From a frame, it would be the harness's own timer that throws: only user callbacks throw.
            if (hook.at.kind !== 'frame') throw raise(action.value, `thrown at ${hook.at.kind}`);
            break;
        }
      };
      const reach = (matches: (point: Point) => boolean, where: string) => {
        snapshot(where);
        for (const hook of plan.hooks) if (matches(hook.at)) act(hook);
      };

      const onEvent = (event: TaskEvent) => {
        outcome.events.push({ type: event.type, index: event.task?.index, error: event.error });
        if (event.type === 'group-finished' && tg) {
          try {
            outcome.finalSnapshot = tg.snapshot();
          } catch (error) {
            outcome.thrownBack.push(`tg.snapshot() at group-finished threw ${show(error)}`);
          }
        }
        reach(p => p.kind === 'event' && p.type === event.type && (p.task === null || p.task === event.task?.index),
          `onEvent(${event.type})`);
      };

      /** The user's Observable: counted, ending as `spec` says, raising what it delivers or throws when it does. */
      const observable = (name: string, spec: ObservableSpec, onTeardown?: () => void,
        onSubscribe?: (subscriber: { error: (e: unknown) => void; closed: boolean }) => void): Observable<unknown> =>
        new Observable(subscriber => {
          snapshot(`${name}'s subscribe function`);
          if (spec.end === 'throw-in-subscribe') throw raise(spec.value, `${name} subscribe`);
          const tally = outcome.subscriptions.get(name) ?? { subs: 0, ends: 0 };
          outcome.subscriptions.set(name, tally);
          tally.subs++;
          onSubscribe?.(subscriber);
          const end = () => {
            if (subscriber.closed) return;
            if (spec.end === 'complete') {
              subscriber.next(name);
              subscriber.complete();
            } else {
              subscriber.error(raise(spec.value, `${name} error`));
            }
          };
          let timer: Subscription | undefined;
          if (spec.delay === 0) end();
          else timer = asyncScheduler.schedule(end, spec.delay);
          return () => {
            tally.ends++;
            timer?.unsubscribe();
            snapshot(`${name}'s teardown`);
            onTeardown?.();
            if (spec.teardown !== null) throw raise(spec.teardown, `${name} teardown`);
          };
        });

      const makeTask = (i: number, spec: TaskSpec): TaskInput<unknown> => {
        const teardownHook = () => reach(p => p.kind === 'teardown' && p.task === i, `task ${i} teardown`);
        const own = () => observable(`task ${i}`, spec.observable, teardownHook);
        const factory = (body: (ctx: TaskContext) => Observable<unknown>) => (ctx: TaskContext) => {
          reach(p => p.kind === 'factory' && p.task === i, `task ${i} factory`);
          return body(ctx);
        };
        switch (spec.kind) {
          case 'observable':
            return own();
          case 'factory':
            return factory(own);
          case 'echo':
            return factory(ctx => observable(`task ${i}`, spec.observable, teardownHook,
              subscriber => ctx.signal.addEventListener('abort', () => {
                snapshot(`task ${i}'s abort listener`);
                if (!subscriber.closed) subscriber.error(ctx.signal.reason);
              })));
          case 'await': {
            const target = handles[spec.target];
            if (!withTg || spec.target >= i || !target) return factory(own);
            return factory(() => new Observable(subscriber => {
              const inner = forkJoin([target]).subscribe(subscriber);
              return () => {
                inner.unsubscribe();
                teardownHook();
                if (spec.observable.teardown !== null) throw raise(spec.observable.teardown, `task ${i} teardown`);
              };
            }));
          }
        }
      };

      const optionsOf = (i: number, spec: TaskSpec): TaskOptions => ({
        timeout: spec.timeout ?? undefined,
        onCancel: spec.onCancel ? () => {
          reach(p => p.kind === 'on-cancel' && p.task === i, `task ${i} onCancel`);
          if (spec.onCancel!.throws) throw raise(spec.onCancel!.value, `cleanup ${i} onCancel`);
          return observable(`cleanup ${i}`, spec.onCancel!);
        } : undefined,
      });

      const groupOptions = { concurrency: plan.concurrency, onEvent, signal: controller.signal };
      let group: Observable<unknown>;
      switch (plan.entry) {
        case 'withTaskGroup':
        case 'body':
          group = withTaskGroup(g => {
            tg = g;
            for (const [i, spec] of plan.tasks.entries()) {
              let handle: Task<unknown>;
              try {
                handle = g.createTask(makeTask(i, spec), optionsOf(i, spec));
              } catch (error) {
                if (!isA(error, TaskStateError)) outcome.thrownBack.push(`createTask threw ${show(error)}`);
                break;
              }
              outcome.created++;
              handles.push(handle);
              handle.subscribe({ error: () => undefined }); // heard here: a handle's error is not unhandled
            }
            return plan.entry === 'body' ? observable('body', plan.body) : undefined;
          }, groupOptions);
          break;
        case 'taskGroup':
        case 'cancelSiblingsOnError': {
          const source = from(plan.tasks.map((spec, i) => describeTask(makeTask(i, spec), optionsOf(i, spec))));
          group = source.pipe(plan.entry === 'taskGroup' ? taskGroup(groupOptions) : cancelSiblingsOnError(groupOptions));
          break;
        }
        case 'forkJoinTasks':
          group = forkJoinTasks(plan.tasks.map((spec, i) => makeTask(i, spec)),
            { ...groupOptions, tasks: Object.fromEntries(plan.tasks.map((spec, i) => [i, optionsOf(i, spec)])) });
          break;
      }

      for (const hook of plan.hooks) {
        const { at } = hook;
        if (at.kind === 'frame') asyncScheduler.schedule(() => act(hook), at.frame);
      }
      try {
        group.subscribe({
          error: error => outcome.terminal.push({ kind: 'error', error }),
          complete: () => outcome.terminal.push({ kind: 'complete' }),
        });
      } catch (error) {
        outcome.escaped.push(`thrown out of subscribe: ${show(error)}`);
      }
    });
  } catch (error) {
    outcome.escaped.push(`out of a timer (an uncaught exception): ${show(error)}`);
  } finally {
    config.onUnhandledError = savedOnUnhandled;
    window.removeEventListener('error', onWindowError);
    window.onerror = savedOnError;
  }
  return outcome;
}

// ── The invariants ──────────────────────────────────────────────────────────────────────────

const TERMINAL: TaskEventType[] = ['completed', 'failed', 'cancelled'];

function check(outcome: Outcome): void {
  const problems: string[] = [];
  problems.push(...outcome.escaped, ...outcome.thrownBack);

  // The group ends exactly once, with one TaskGroupError whose leaves can be read.
  if (outcome.terminal.length === 0) problems.push('the group never ended (a hang)');
  if (outcome.terminal.length > 1) problems.push(`the group ended ${outcome.terminal.length} times`);
  const reported = new Map<unknown, number>();
  for (const end of outcome.terminal) {
    if (end.kind !== 'error') continue;
    if (!isA(end.error, TaskGroupError)) {
      problems.push(`the group errored with ${show(end.error)}, not a TaskGroupError`);
      count(reported, end.error);
      continue;
    }
    try {
      for (const leaf of (end.error as TaskGroupError).leaves()) count(reported, leaf);
    } catch (error) {
      problems.push(`TaskGroupError.leaves() threw ${show(error)}`);
    }
  }
  for (const error of outcome.unhandled) count(reported, error);

  // Every raised error exactly once, each timeout once, nothing else.
  const expected = new Map(outcome.raised);
  for (const event of outcome.events) {
    if (event.type === 'failed' && isA(event.error, TaskTimeoutError)) count(expected, event.error);
  }
  for (const [error, times] of expected) {
    const got = reported.get(error) ?? 0;
    if (got !== times) problems.push(`${show(error)} was reported ${got} times, raised ${times}`);
  }
  for (const [error, times] of reported) {
    if (expected.has(error)) continue;
    const what = isA(error, TaskCancelledError) ? ' (a cancellation, reported as an error)' : '';
    problems.push(`${show(error)}${what} was reported ${times} times, never raised by user code`);
  }

  // Events pair up.
  const perTask = new Map<number, TaskEventType[]>();
  for (const { type, index } of outcome.events) {
    if (index === undefined) continue;
    perTask.set(index, [...(perTask.get(index) ?? []), type]);
  }
  const outcomes = { fulfilled: 0, failed: 0, cancelled: 0 };
  for (const [index, types] of perTask) {
    const started = types.filter(t => t === 'started').length;
    const terminal = types.filter(t => TERMINAL.includes(t));
    if (started > 1) problems.push(`task ${index}: ${started} 'started' events`);
    if (terminal.length !== 1) problems.push(`task ${index}: ${terminal.length} terminal events (${types.join(', ')})`);
    if (started === 0 && (types[0] !== 'queued' || terminal[0] !== 'cancelled')) {
      problems.push(`task ${index}: never started, yet not a queued task dropped (${types.join(', ')})`);
    }
    const end = types.findIndex(t => TERMINAL.includes(t));
    const after = end === -1 ? [] : types.slice(end + 1);
    if (after.some(t => t !== 'cleanup-started' && t !== 'cleanup-finished')) {
      problems.push(`task ${index}: events after its end (${types.join(', ')})`);
    }
    const cleanups = types.filter(t => t === 'cleanup-started').length;
    if (cleanups > 1 || cleanups !== types.filter(t => t === 'cleanup-finished').length) {
      problems.push(`task ${index}: cleanup events do not pair (${types.join(', ')})`);
    }
    if (terminal[0] === 'completed') outcomes.fulfilled++;
    else if (terminal[0] === 'failed') outcomes.failed++;
    else if (terminal[0] === 'cancelled') outcomes.cancelled++;
  }
  const finished = outcome.events.filter(e => e.type === 'group-finished').length;
  if (finished !== 1) problems.push(`'group-finished' emitted ${finished} times`);
  else if (outcome.events.at(-1)?.type !== 'group-finished') problems.push(`events after 'group-finished': ${outcome.events.at(-1)?.type}`);

  // The final snapshot counts every task created, by the outcome its events gave.
  if (outcome.finalSnapshot) {
    const { done, tasks } = outcome.finalSnapshot;
    if (tasks.length > 0) problems.push(`the final snapshot still lists ${tasks.length} tasks`);
    const total = done.fulfilled + done.failed + done.cancelled;
    if (total !== outcome.created) problems.push(`the final snapshot counts ${total} tasks done, ${outcome.created} were created`);
    if (done.fulfilled !== outcomes.fulfilled || done.failed !== outcomes.failed || done.cancelled !== outcomes.cancelled) {
      problems.push(`the final snapshot's counts ${JSON.stringify(done)} differ from the events' ${JSON.stringify(outcomes)}`);
    }
  }

  for (const [name, { subs, ends }] of outcome.subscriptions) {
    if (subs !== ends && outcome.terminal.length > 0) problems.push(`${name}: ${subs} subscribed, ${ends} torn down`);
  }

  if (problems.length > 0) throw new Error(problems.join('\n'));
}

function property(knobs: Knobs, shape: (plan: Plan) => Plan = plan => plan): void {
  const seed = REPLAY?.seed ?? SEED;
  fc.assert(fc.property(planArb(knobs).map(shape), plan => check(run(plan))),
    { numRuns: NUM_RUNS, seed, path: REPLAY?.path, endOnFailure: REPLAY !== undefined });
}

/**
 * Runs the property with Jasmine's global error handler replaced, so that what an EventTarget
 * listener throws (the engine's own listener on `options.signal`, say) is recorded by `run` as
 * an escaped exception rather than failing whichever spec is running.
 */
function hostileProperty(knobs: Knobs, shape?: (plan: Plan) => Plan): () => Promise<void> {
  return () => jasmine.spyOnGlobalErrorsAsync(async () => property(knobs, shape));
}

// ── The properties ──────────────────────────────────────────────────────────────────────────

/** Nothing hostile: each property below turns on what it is about. */
const BASE: Knobs = {
  entries: ['withTaskGroup'],
  concurrency: [1, 2, 3, Infinity],
  maxTasks: 5,
  values: ['error'],
  tasks: { ends: ['complete', 'error'], delays: { min: 0, max: 3 }, teardown: 'never' },
  kinds: ['observable', 'factory'],
  timeouts: false,
  cleanups: null,
  body: CALM,
  hooks: 0,
  points: ['event', 'frame'],
  actions: ['cancel-group'],
  eventTypes: EVENT_TYPES,
  reasons: ['error'],
};

/** A task that ends inside its subscribe function, and whose teardown then throws. */
const SYNC_TEARDOWN: ObservableKnobs = { ends: ['complete', 'error'], delays: { min: 0, max: 0 }, teardown: 'sync' };
const NON_OPERATOR_ENTRIES: Entry[] = ['withTaskGroup', 'body'];

describe('the promise under hostile code, generated (rules 10, 20, 21; fast-check, 1,000 plans each)', () => {
  describe('ends every group exactly once when teardowns throw after a synchronous completion or error', () => {
    const tasks: ObservableKnobs = { ends: ['complete', 'error'], delays: { min: 0, max: 2 }, teardown: 'sync' };
    it('for a task given to createTask', hostileProperty({ ...BASE, tasks, kinds: ['observable'], concurrency: [Infinity] }));
    for (const entry of ['taskGroup', 'cancelSiblingsOnError', 'forkJoinTasks'] as const) {
      it(`for a task of ${entry}`, hostileProperty({ ...BASE, entries: [entry], tasks, kinds: ['observable'], concurrency: [Infinity] }));
    }
    it('for a factory\'s result', hostileProperty({ ...BASE, tasks, kinds: ['factory'], concurrency: [Infinity] }));
    it('for a task that waited in the concurrency queue, started from a timer', hostileProperty(
      { ...BASE, tasks, concurrency: [1, 2] },
      // The first task runs a while and never throws: the others start when it ends, from its timer.
      plan => ({
        ...plan,
        tasks: plan.tasks.map((t, i) => (i === 0 ? { ...t, observable: { ...t.observable, delay: 1, teardown: null } } : t)),
      }),
    ));
    it('for onCancel\'s Observable', hostileProperty({
      ...BASE,
      tasks: { ends: ['complete', 'error'], delays: { min: 1, max: 4 }, teardown: 'never' },
      cleanups: { ...SYNC_TEARDOWN, throws: false },
      hooks: 2, points: ['frame', 'event'], actions: ['cancel-group', 'cancel-task'], eventTypes: ['started', 'completed'],
    }));
    it('for the body\'s own Observable', hostileProperty({ ...BASE, entries: ['body'], body: SYNC_TEARDOWN, tasks: CALM }));
  });

  describe('reports a teardown\'s error exactly once when it throws after a later completion or error', () => {
    const later: ObservableKnobs = { ends: ['complete', 'error'], delays: { min: 1, max: 3 }, teardown: 'async' };
    it('for a task, under every entry point', hostileProperty({ ...BASE, entries: ENTRIES, tasks: later }));
    it('for onCancel\'s Observable', hostileProperty({
      ...BASE,
      tasks: { ends: ['complete', 'error'], delays: { min: 1, max: 4 }, teardown: 'never' },
      cleanups: { ...later, throws: false },
      hooks: 2, points: ['frame', 'event'], actions: ['cancel-group', 'cancel-task'], eventTypes: ['started', 'completed'],
    }));
    it('for the body\'s own Observable', hostileProperty({ ...BASE, entries: ['body'], body: later, tasks: CALM }));
  });

  describe('reports hostile error values (throwing getters, revoked proxies, frozen, cyclic, null, undefined, Symbols) exactly once', () => {
    const cancelled: Pick<Knobs, 'hooks' | 'points' | 'actions'> = { hooks: 1, points: ['frame'], actions: ['cancel-group', 'cancel-task'] };
    it('when tasks, cleanups and bodies error with them or throw them', hostileProperty({
      ...BASE, ...cancelled,
      entries: ENTRIES, values: HOSTILE_VALUES,
      tasks: { ends: EVERY_END, delays: { min: 0, max: 3 }, teardown: 'never' },
      cleanups: { ends: EVERY_END, delays: { min: 0, max: 2 }, teardown: 'never', throws: true },
      body: { ends: EVERY_END, delays: { min: 0, max: 3 }, teardown: 'never' },
    }));
    it('when teardowns throw them after a later end or a cancellation', hostileProperty({
      ...BASE, ...cancelled,
      entries: ENTRIES, values: HOSTILE_VALUES,
      tasks: { ends: ['complete', 'error'], delays: { min: 1, max: 3 }, teardown: 'async' },
      cleanups: { ends: ['complete', 'error'], delays: { min: 1, max: 2 }, teardown: 'async', throws: false },
      body: { ends: ['complete', 'error'], delays: { min: 1, max: 3 }, teardown: 'async' },
    }));
    it('when onEvent throws them', hostileProperty({
      ...BASE, entries: ENTRIES, values: HOSTILE_VALUES, tasks: CALM, hooks: 2, points: ['event'], actions: ['throw'],
    }));
    it('when they are the reasons given to tg.cancel, task.cancel or options.signal', hostileProperty({
      ...BASE, entries: ENTRIES, tasks: { ...BASE.tasks, delays: { min: 1, max: 4 } }, cleanups: { ...CALM, throws: false },
      hooks: 2, points: ['event', 'frame'], actions: ['cancel-group', 'cancel-task'], reasons: HOSTILE_VALUES,
    }));
  });

  describe('counts a task that ends with a cancellation error while being cancelled as cancelled, not failed', () => {
    const slow: ObservableKnobs = { ends: ['complete', 'error'], delays: { min: 1, max: 6 }, teardown: 'never' };
    it('when task.cancel() cancels a task that errors with its own signal\'s reason', hostileProperty({
      ...BASE, entries: NON_OPERATOR_ENTRIES, tasks: slow, kinds: ['echo'], hooks: 2, points: ['frame', 'event'], actions: ['cancel-task'],
      eventTypes: ['started', 'completed', 'failed'],
    }));
    it('when such a task times out: its TaskTimeoutError alone is reported', hostileProperty({
      ...BASE, entries: ENTRIES, tasks: slow, kinds: ['echo', 'observable'], timeouts: true,
    }));
    it('when a task awaits (forkJoin) the handle of a sibling that task.cancel() cancelled', hostileProperty({
      ...BASE, entries: NON_OPERATOR_ENTRIES, tasks: slow, kinds: ['await', 'observable'], hooks: 2, points: ['frame', 'event'],
      actions: ['cancel-task'], eventTypes: ['started', 'completed', 'failed'],
    }));
  });

  describe('keeps events paired and snapshots right when listeners cancel the group or a task', () => {
    it('inside the cancelled event of a queued task', hostileProperty({
      ...BASE, concurrency: [1, 2], maxTasks: 3, tasks: { ...BASE.tasks, delays: { min: 1, max: 3 } },
      hooks: 2, cancelledPairs: 1, points: ['event', 'frame'],
      actions: ['cancel-group', 'cancel-task'], eventTypes: ['cancelled', 'queued'],
    }));
    it('inside any event, with cleanups, timeouts and queued tasks', hostileProperty({
      ...BASE, entries: NON_OPERATOR_ENTRIES, maxTasks: 3, cleanups: { ...CALM, ends: ['complete', 'error'], throws: false }, timeouts: true,
      // No hook in a teardown: one that throws after a synchronous end is the first property's case.
      hooks: 4, cancelledPairs: 2, points: ['event', 'frame', 'factory', 'on-cancel'], actions: ['cancel-group', 'cancel-task', 'throw'],
      reasons: ['error', 'undefined'],
    }));
  });

  it('keeps the whole promise when every kind of hostile code is mixed', hostileProperty({
    entries: ENTRIES,
    concurrency: [1, 2, 3, Infinity],
    maxTasks: 5,
    values: ['error', ...HOSTILE_VALUES],
    tasks: { ends: EVERY_END, delays: { min: 0, max: 5 }, teardown: 'any' },
    kinds: ['observable', 'factory', 'echo', 'await'],
    timeouts: true,
    cleanups: { ends: EVERY_END, delays: { min: 0, max: 2 }, teardown: 'any', throws: true },
    body: { ends: EVERY_END, delays: { min: 0, max: 5 }, teardown: 'any' },
    hooks: 4,
    cancelledPairs: 1,
    points: ['event', 'frame', 'factory', 'on-cancel', 'teardown'],
    actions: ['cancel-group', 'cancel-task', 'throw'],
    eventTypes: EVENT_TYPES,
    reasons: ['error', ...HOSTILE_VALUES],
  }));
});
