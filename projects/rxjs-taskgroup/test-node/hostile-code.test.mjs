// The promise under hostile code (rule 10 of docs/contract.md), in Node, against the built package,
// with real timers: what the Karma suite (src/spec/hostile-code-properties.spec.ts) checks in
// virtual time, plus what only a real process shows — an exception that escapes a timer or an
// abort listener is an `uncaughtException` here, and a group that never ends is a run that has not
// ended within a bounded wait.
//
// fast-check generates plans (plain data) of hostile user code: tasks that end inside their
// subscribe function and whose teardown then throws, subscribe functions that throw, error values
// whose getters throw, revoked proxies, frozen and cyclic errors, null, undefined and Symbols as
// errors, tasks that error with their own signal's reason, tasks awaiting a sibling's handle,
// onCancel cleanups made of the same, queued tasks (concurrency 1–3), timeouts, and `onEvent`
// listeners or timers that cancel the group (`tg.cancel`, `options.signal`) or a task with
// hostile reasons, `cancelled` events included. Each plan runs under `withTaskGroup`, a body
// returning a hostile Observable, `taskGroup`, `cancelSiblingsOnError` or `forkJoinTasks`. On every
// run: no uncaught exception and nothing thrown back into the user's calls (but `TaskStateError`
// from `createTask` after shutdown); the group ends exactly once, within the bounded wait, with one
// `TaskGroupError` whose `leaves()` can be read; every error raised is reported exactly once
// (leaves plus `config.onUnhandledError`), each timed-out task's `TaskTimeoutError` too, and
// nothing else (a cancellation echoed by the task being cancelled is not an error); per task at
// most one `started` and exactly one of completed / failed / cancelled; one `group-finished`,
// last; a snapshot taken in its listener counts every task created as done.
//
// 1,000 plans per property from a fixed seed (printed with the path and the shrunk counterexample
// on failure; HOSTILE_REPLAY replays one).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { asyncScheduler, config, forkJoin, from, Observable } from 'rxjs';
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
} from './library.mjs';

const SEED = 20_261_206;
/** Replays one failure: HOSTILE_REPLAY='{"seed":20261206,"path":"0:1:1"}' node --test …/hostile-code.test.mjs */
const REPLAY = process.env.HOSTILE_REPLAY ? JSON.parse(process.env.HOSTILE_REPLAY) : undefined;
const NUM_RUNS = 1000;
/** A group that has not ended this long after it was subscribed hangs (its tasks end within ~10 ms). */
const HANG_MS = 1000;

/**
 * Waits for `end`; false if the group hangs: no timer is left that could wake it (then it never
 * ends, and that is known at once), or HANG_MS have passed.
 */
async function ended(end) {
  const deadline = Date.now() + HANG_MS;
  for (;;) {
    const done = await Promise.race([end.then(() => true), new Promise(resolve => setTimeout(resolve, 2, false))]);
    if (done) return true;
    const timers = process.getActiveResourcesInfo().filter(resource => resource === 'Timeout').length;
    if (timers === 0 || Date.now() > deadline) return false;
  }
}

const HOSTILE_VALUES = ['throwing-message', 'throwing-name', 'throwing-stack', 'throwing-constructor', 'revoked-proxy',
  'frozen', 'cyclic', 'null', 'undefined', 'symbol'];
const EVENT_TYPES = ['queued', 'started', 'value', 'completed', 'failed', 'cancelled', 'cleanup-started',
  'cleanup-finished', 'group-shutdown', 'group-finished'];
const ENTRIES = ['withTaskGroup', 'body', 'taskGroup', 'cancelSiblingsOnError', 'forkJoinTasks'];
const TERMINAL = ['completed', 'failed', 'cancelled'];

// ── Plans ───────────────────────────────────────────────────────────────────────────────────

function observableArb(k, value) {
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

function planArb(k) {
  const value = fc.constantFrom(...k.values);
  const taskIndex = fc.nat({ max: k.maxTasks - 1 });
  const task = fc.record({
    kind: fc.constantFrom(...k.kinds),
    observable: observableArb(k.tasks, value),
    target: taskIndex,
    timeout: k.timeouts ? fc.option(fc.integer({ min: 1, max: 5 }), { freq: 2 }) : fc.constant(null),
    onCancel: k.cleanups
      ? fc.option(fc.record({ spec: observableArb(k.cleanups, value), throws: k.cleanups.throws ? fc.boolean() : fc.constant(false) })
        .map(({ spec, throws }) => ({ ...spec, throws })), { freq: 3 })
      : fc.constant(null),
  });
  const reason = fc.constantFrom(...k.reasons);
  const action = fc.oneof(...k.actions.map(kind => {
    switch (kind) {
      case 'cancel-group': return fc.record({ kind: fc.constant(kind), reason });
      case 'cancel-task': return fc.record({ kind: fc.constant(kind), task: taskIndex, reason });
      default: return fc.record({ kind: fc.constant('throw'), value });
    }
  }));
  const point = fc.oneof(...k.points.map(kind => {
    switch (kind) {
      case 'event': return fc.record({ kind: fc.constant(kind), type: fc.constantFrom(...k.eventTypes), task: fc.option(taskIndex) });
      case 'frame': return fc.record({ kind: fc.constant(kind), frame: fc.nat({ max: 6 }) });
      default: return fc.record({ kind: fc.constant(kind), task: taskIndex });
    }
  }));
  return fc.record({
    entry: fc.constantFrom(...k.entries),
    concurrency: fc.constantFrom(...k.concurrency),
    tasks: fc.array(task, { minLength: 1, maxLength: k.maxTasks }),
    body: observableArb(k.body, value),
    hooks: fc.tuple(
      k.hooks === 0 ? fc.constant([]) : fc.array(fc.record({ at: point, action }), { maxLength: k.hooks }),
      fc.array(fc.record({ at: point, task: taskIndex, reason, then: action }), { maxLength: k.cancelledPairs ?? 0 }),
    ).map(([hooks, pairs]) => [...hooks, ...pairs.flatMap(({ at, task, reason, then }) => [
      { at, action: { kind: 'cancel-task', task, reason } },
      { at: { kind: 'event', type: 'cancelled', task }, action: then },
    ])]),
  });
}

// ── Hostile values ──────────────────────────────────────────────────────────────────────────

const getterErrors = new WeakSet();

function throwingGetter(label, kind) {
  return () => {
    const thrown = new Error(`${label}: ${kind.slice('throwing-'.length)} getter threw`);
    getterErrors.add(thrown);
    throw thrown;
  };
}

function hostile(kind, label) {
  switch (kind) {
    case 'error':
      return new Error(label);
    case 'throwing-message':
    case 'throwing-name':
    case 'throwing-stack':
      return Object.defineProperty(new Error(label), kind.slice('throwing-'.length),
        { configurable: true, get: throwingGetter(label, kind) });
    case 'throwing-constructor':
      // Not an Error, and no message: what describes it falls back on its constructor's name.
      return Object.defineProperty({ label }, 'constructor', { configurable: true, get: throwingGetter(label, kind) });
    case 'revoked-proxy': {
      const { proxy, revoke } = Proxy.revocable(new Error(label), {});
      revoke();
      return proxy;
    }
    case 'frozen':
      return Object.freeze(new Error(label));
    case 'cyclic': {
      const error = new Error(label);
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
  throw new Error(`unknown kind ${kind}`);
}

function isA(value, type) {
  try {
    return value instanceof type;
  } catch {
    return false;
  }
}

function show(value) {
  try {
    if (typeof value === 'symbol') return value.toString();
    if (isA(value, TaskGroupError)) return `TaskGroupError(${value.errors.map(show).join(', ')})`;
    if (isA(value, Error)) {
      let name, message;
      try { name = String(value.name); } catch { name = '(throwing name)'; }
      try { message = String(value.message); } catch { message = '(throwing message)'; }
      return `${name}: ${message}${getterErrors.has(value) ? " (a hostile getter's error)" : ''}`;
    }
    return String(value);
  } catch {
    return '(a value that cannot be shown: a revoked proxy?)';
  }
}

const count = (map, value) => map.set(value, (map.get(value) ?? 0) + 1);

// ── Running one plan, in real time ──────────────────────────────────────────────────────────

/** The current run's record of uncaught exceptions (one run at a time). */
let uncaught = [];
const onUncaught = error => uncaught.push(error);

async function run(plan) {
  const outcome = {
    raised: new Map(), terminal: [], unhandled: [], escaped: [], thrownBack: [], events: [], finalSnapshot: null,
    created: 0, subscriptions: new Map(),
  };
  uncaught = [];
  const withTg = plan.entry === 'withTaskGroup' || plan.entry === 'body';
  const timers = [];
  let seq = 0;
  const raise = (kind, what) => {
    const value = hostile(kind, `${what} #${seq++}`);
    count(outcome.raised, value);
    return value;
  };
  const fired = new Set();
  const handles = [];
  const controller = new AbortController();
  let tg;
  let subscription;

  const snapshot = where => {
    if (!tg) return;
    try {
      tg.snapshot();
    } catch (error) {
      outcome.thrownBack.push(`tg.snapshot() in ${where} threw ${show(error)}`);
    }
  };
  const act = hook => {
    if (fired.has(hook)) return;
    fired.add(hook);
    const { action } = hook;
    if (action.kind === 'cancel-group') {
      if (tg) {
        try {
          tg.cancel(hostile(action.reason, 'group cancel reason'));
        } catch (error) {
          outcome.thrownBack.push(`tg.cancel(${action.reason}) threw ${show(error)}`);
        }
      } else {
        controller.abort(hostile(action.reason, 'signal reason')); // what the engine's listener throws is uncaught
      }
    } else if (action.kind === 'cancel-task') {
      const handle = handles[action.task];
      if (!handle) return;
      try {
        handle.cancel(hostile(action.reason, 'task cancel reason'));
      } catch (error) {
        outcome.thrownBack.push(`task.cancel(${action.reason}) threw ${show(error)}`);
      }
    } else if (hook.at.kind !== 'frame') {
      throw raise(action.value, `thrown at ${hook.at.kind}`);
    }
  };
  const reach = (matches, where) => {
    snapshot(where);
    for (const hook of plan.hooks) if (matches(hook.at)) act(hook);
  };
  const onEvent = event => {
    outcome.events.push({ type: event.type, index: event.task?.index, error: event.error });
    if (event.type === 'group-finished' && tg) {
      try {
        outcome.finalSnapshot = tg.snapshot();
      } catch (error) {
        outcome.thrownBack.push(`tg.snapshot() at group-finished threw ${show(error)}`);
      }
    }
    reach(p => p.kind === 'event' && p.type === event.type && (p.task === null || p.task === event.task?.index), `onEvent(${event.type})`);
  };

  const observable = (name, spec, onTeardown, onSubscribe) => new Observable(subscriber => {
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
    let timer;
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

  const makeTask = (i, spec) => {
    const teardownHook = () => reach(p => p.kind === 'teardown' && p.task === i, `task ${i} teardown`);
    const own = () => observable(`task ${i}`, spec.observable, teardownHook);
    const factory = body => ctx => {
      reach(p => p.kind === 'factory' && p.task === i, `task ${i} factory`);
      return body(ctx);
    };
    switch (spec.kind) {
      case 'observable':
        return own();
      case 'factory':
        return factory(own);
      case 'echo':
        return factory(ctx => observable(`task ${i}`, spec.observable, teardownHook, subscriber =>
          ctx.signal.addEventListener('abort', () => {
            snapshot(`task ${i}'s abort listener`);
            if (!subscriber.closed) subscriber.error(ctx.signal.reason);
          })));
      default: {
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
  const optionsOf = (i, spec) => ({
    timeout: spec.timeout ?? undefined,
    onCancel: spec.onCancel ? () => {
      reach(p => p.kind === 'on-cancel' && p.task === i, `task ${i} onCancel`);
      if (spec.onCancel.throws) throw raise(spec.onCancel.value, `cleanup ${i} onCancel`);
      return observable(`cleanup ${i}`, spec.onCancel);
    } : undefined,
  });

  const savedOnUnhandled = config.onUnhandledError;
  config.onUnhandledError = error => outcome.unhandled.push(error);
  try {
    const groupOptions = { concurrency: plan.concurrency, onEvent, signal: controller.signal };
    let group;
    if (withTg) {
      group = withTaskGroup(g => {
        tg = g;
        for (const [i, spec] of plan.tasks.entries()) {
          let handle;
          try {
            handle = g.createTask(makeTask(i, spec), optionsOf(i, spec));
          } catch (error) {
            if (!isA(error, TaskStateError)) outcome.thrownBack.push(`createTask threw ${show(error)}`);
            break;
          }
          outcome.created++;
          handles.push(handle);
          handle.subscribe({ error: () => undefined });
        }
        return plan.entry === 'body' ? observable('body', plan.body) : undefined;
      }, groupOptions);
    } else if (plan.entry === 'forkJoinTasks') {
      group = forkJoinTasks(plan.tasks.map((spec, i) => makeTask(i, spec)),
        { ...groupOptions, tasks: Object.fromEntries(plan.tasks.map((spec, i) => [i, optionsOf(i, spec)])) });
    } else {
      const source = from(plan.tasks.map((spec, i) => describeTask(makeTask(i, spec), optionsOf(i, spec))));
      group = source.pipe(plan.entry === 'taskGroup' ? taskGroup(groupOptions) : cancelSiblingsOnError(groupOptions));
    }
    for (const hook of plan.hooks) {
      if (hook.at.kind === 'frame') timers.push(asyncScheduler.schedule(() => act(hook), hook.at.frame));
    }
    let resolveEnd;
    const end = new Promise(resolve => { resolveEnd = resolve; });
    try {
      subscription = group.subscribe({
        error: error => { outcome.terminal.push({ kind: 'error', error }); resolveEnd(); },
        complete: () => { outcome.terminal.push({ kind: 'complete' }); resolveEnd(); },
      });
    } catch (error) {
      outcome.escaped.push(`thrown out of subscribe: ${show(error)}`);
    }
    await ended(end);
    const hung = outcome.terminal.length === 0;
    const heard = outcome.unhandled.length;
    if (hung) {
      try {
        subscription?.unsubscribe(); // let a hung group's timers go
      } catch {
        // nothing more to learn from a hung group
      }
    }
    await new Promise(resolve => setTimeout(resolve, 1)); // late reports: onUnhandledError's timer, a second end
    if (hung) outcome.unhandled.length = heard; // what the unsubscription made it report is not what the run did
  } finally {
    config.onUnhandledError = savedOnUnhandled;
    for (const timer of timers) timer.unsubscribe();
  }
  for (const error of uncaught) outcome.escaped.push(`an uncaught exception: ${show(error)}`);
  uncaught = [];
  return outcome;
}

// ── The invariants ──────────────────────────────────────────────────────────────────────────

function problemsOf(outcome) {
  const problems = [...outcome.escaped, ...outcome.thrownBack];
  if (outcome.terminal.length === 0) problems.push('the group never ended (a hang: no timer left to end it, or none within a second)');
  if (outcome.terminal.length > 1) problems.push(`the group ended ${outcome.terminal.length} times`);
  const reported = new Map();
  for (const end of outcome.terminal) {
    if (end.kind !== 'error') continue;
    if (!isA(end.error, TaskGroupError)) {
      problems.push(`the group errored with ${show(end.error)}, not a TaskGroupError`);
      count(reported, end.error);
      continue;
    }
    try {
      for (const leaf of end.error.leaves()) count(reported, leaf);
    } catch (error) {
      problems.push(`TaskGroupError.leaves() threw ${show(error)}`);
    }
  }
  for (const error of outcome.unhandled) count(reported, error);

  const expected = new Map(outcome.raised);
  for (const event of outcome.events) if (event.type === 'failed' && isA(event.error, TaskTimeoutError)) count(expected, event.error);
  for (const [error, times] of expected) {
    const got = reported.get(error) ?? 0;
    if (got !== times) problems.push(`${show(error)} was reported ${got} times, raised ${times}`);
  }
  for (const [error, times] of reported) {
    if (expected.has(error)) continue;
    const what = isA(error, TaskCancelledError) ? ' (a cancellation, reported as an error)' : '';
    problems.push(`${show(error)}${what} was reported ${times} times, never raised by user code`);
  }

  const perTask = new Map();
  for (const { type, index } of outcome.events) if (index !== undefined) perTask.set(index, [...(perTask.get(index) ?? []), type]);
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
    if (end !== -1 && types.slice(end + 1).some(t => t !== 'cleanup-started' && t !== 'cleanup-finished')) {
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
  else if (outcome.events.at(-1).type !== 'group-finished') problems.push(`events after 'group-finished': ${outcome.events.at(-1).type}`);

  if (outcome.finalSnapshot) {
    const { done, tasks } = outcome.finalSnapshot;
    const total = done.fulfilled + done.failed + done.cancelled;
    if (tasks.length > 0) problems.push(`the final snapshot still lists ${tasks.length} tasks`);
    if (total !== outcome.created) problems.push(`the final snapshot counts ${total} tasks done, ${outcome.created} were created`);
    if (done.fulfilled !== outcomes.fulfilled || done.failed !== outcomes.failed || done.cancelled !== outcomes.cancelled) {
      problems.push(`the final snapshot's counts ${JSON.stringify(done)} differ from the events' ${JSON.stringify(outcomes)}`);
    }
  }
  if (outcome.terminal.length > 0) {
    for (const [name, { subs, ends }] of outcome.subscriptions) {
      if (subs !== ends) problems.push(`${name}: ${subs} subscribed, ${ends} torn down`);
    }
  }
  return problems;
}

/**
 * Runs the property with this file's listener as the only `uncaughtException` listener (the test
 * runner's own would fail the test without saying which plan), and fails with fast-check's report
 * (seed, path, shrunk counterexample) followed by what went wrong in that counterexample.
 */
async function property(knobs, shape = plan => plan) {
  const saved = process.listeners('uncaughtException');
  process.removeAllListeners('uncaughtException');
  process.on('uncaughtException', onUncaught);
  let details;
  try {
    details = await fc.check(fc.asyncProperty(planArb(knobs).map(shape), async plan => {
      const problems = problemsOf(await run(plan));
      if (problems.length > 0) throw new Error(problems.join('\n'));
    }), { numRuns: NUM_RUNS, seed: REPLAY?.seed ?? SEED, path: REPLAY?.path, endOnFailure: REPLAY !== undefined });
  } finally {
    process.off('uncaughtException', onUncaught);
    for (const listener of saved) process.on('uncaughtException', listener);
  }
  if (details.failed) {
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    assert.fail(`${fc.defaultReportMessage(details)}\nWhat went wrong:\n${cause}`);
  }
}

// ── The properties ──────────────────────────────────────────────────────────────────────────

const CALM = { ends: ['complete'], delays: { min: 0, max: 3 }, teardown: 'never' };
const BASE = {
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
const EVERY_END = ['complete', 'error', 'throw-in-subscribe'];

describe('the promise under hostile code, in Node with real timers (fast-check, 1,000 plans each)', () => {
  describe('ends every group exactly once, reports every error once, and lets nothing escape as uncaught', () => {
    // In every role (a task of each entry point, a factory's result, onCancel's Observable, the
    // body's), queued tasks started from the timer of the task before them included.
    it('when teardowns throw after a synchronous completion or error', () => property({
      ...BASE,
      entries: ENTRIES,
      tasks: { ends: ['complete', 'error'], delays: { min: 0, max: 2 }, teardown: 'sync' },
      cleanups: { ends: ['complete', 'error'], delays: { min: 0, max: 0 }, teardown: 'sync', throws: false },
      body: { ends: ['complete', 'error'], delays: { min: 0, max: 0 }, teardown: 'sync' },
      hooks: 1, points: ['frame'], actions: ['cancel-group', 'cancel-task'],
    }));

    it('when teardowns throw after a later completion or error (a task\'s, a cleanup\'s, the body\'s)', () => property({
      ...BASE,
      entries: ENTRIES,
      tasks: { ends: ['complete', 'error'], delays: { min: 1, max: 3 }, teardown: 'async' },
      cleanups: { ends: ['complete', 'error'], delays: { min: 1, max: 2 }, teardown: 'async', throws: false },
      body: { ends: ['complete', 'error'], delays: { min: 1, max: 3 }, teardown: 'async' },
      hooks: 1, points: ['frame'], actions: ['cancel-group', 'cancel-task'],
    }));

    it('when errors and cancel reasons (tg.cancel, task.cancel, options.signal) are hostile values', () => property({
      ...BASE,
      entries: ENTRIES,
      values: HOSTILE_VALUES,
      tasks: { ends: EVERY_END, delays: { min: 0, max: 3 }, teardown: 'async' },
      cleanups: { ends: EVERY_END, delays: { min: 0, max: 2 }, teardown: 'async', throws: true },
      body: { ends: EVERY_END, delays: { min: 0, max: 3 }, teardown: 'async' },
      hooks: 2, points: ['event', 'frame'], actions: ['cancel-group', 'cancel-task', 'throw'], reasons: HOSTILE_VALUES,
    }));
  });

  it('counts a task that ends with its own cancellation, or a cancelled sibling\'s, as cancelled, and a timed-out one as failed with its TaskTimeoutError alone', () => property({
    ...BASE,
    entries: ['withTaskGroup', 'body'],
    tasks: { ends: ['complete', 'error'], delays: { min: 1, max: 6 }, teardown: 'never' },
    kinds: ['echo', 'await', 'observable'],
    timeouts: true,
    hooks: 2, points: ['frame', 'event'], actions: ['cancel-task'], eventTypes: ['started', 'completed', 'failed'],
  }));

  it('keeps events paired and the final snapshot right when a cancelled listener cancels the group or a task', () => property({
    ...BASE,
    concurrency: [1, 2],
    maxTasks: 3,
    tasks: { ends: ['complete', 'error'], delays: { min: 1, max: 3 }, teardown: 'never' },
    timeouts: true,
    cleanups: { ...CALM, throws: false },
    hooks: 2, cancelledPairs: 1, actions: ['cancel-group', 'cancel-task'],
  }));

  it('keeps the whole promise when every kind of hostile code is mixed', () => property({
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
