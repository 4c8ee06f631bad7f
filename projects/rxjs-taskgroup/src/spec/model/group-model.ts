/**
 * An independent, executable model of the contract (rules 1–9 of docs/contract.md, and docs/semantics.md) for
 * the scenarios of `scenario.ts`: a pure function from a scenario to what must be observed. It
 * imports nothing from the library and knows nothing of its internals.
 *
 * It is a small discrete-event simulation in virtual frames. Ties are decided as RxJS's
 * `TestScheduler` decides them: actions due on the same frame run in the order they were
 * scheduled. The model schedules in the order the contract makes things happen: tasks start in
 * creation order (a queued task when a slot frees, FIFO), subscribing a nested group runs its body
 * at once, and a shutdown cancels running unshielded tasks newest first, each one "abort its signal,
 * unsubscribe it (a nested group shuts down then), and once that nested group has finished,
 * subscribe its onCancel" (children first).
 *
 * Errors are modelled by id (`err:task 0.1`), a `TaskGroupError` as `{ group: [...] }`, a
 * `TaskCancelledError` as `{ cancelled: reason }`, `undefined` as `'<undefined>'`.
 */
import { abortErrorId, cleanupErrorId, STOP_REASON, taskErrorId, type GroupDesc, type Scenario, type TaskDesc } from './scenario';

/** Plain data both the model and the observed run are reduced to. */
export type Canon = string | number | boolean | null | Canon[] | { [key: string]: Canon };

export const UNDEFINED = '<undefined>';
export const errorCanon = (id: string): string => `err:${id}`;

/** A modelled error: a generated Error, or a group; `held` marks the member a cancelled nested group hands to its owner. */
type MError = string | { readonly group: MError[]; readonly held: boolean };

function toCanon(error: MError): Canon {
  return typeof error === 'string' ? error : { group: error.group.map(toCanon) };
}

/** What "as itself" means for an error that reaches a group nobody listens to: a held nested group's member wrapper is not the error. */
function flattenHeld(error: MError): MError[] {
  return typeof error !== 'string' && error.held ? error.group.flatMap(flattenHeld) : [error];
}

export interface TaskExpectation {
  readonly path: string;
  /** Its group is a `withTaskGroup`, so its handle is observed. */
  readonly hasHandle: boolean;
  readonly factory: boolean;
  /** Frame its Observable was subscribed (null: never; a factory is called iff it started). */
  startAt: number | null;
  /** Frame its subscription was torn down. */
  teardownAt: number | null;
  /** How its Observable itself ended: completed, errored, errored from its abort listener. */
  endedBy: 'complete' | 'error' | 'abort-error' | 'abort-echo' | null;
  /** Frame and reason its `ctx.signal` aborted (factory tasks that started). */
  abortAt: number | null;
  abortReason: Canon | null;
  cleanupAt: number | null;
  cleanupEndAt: number | null;
  /** `{ fulfilled: value }`, `{ failed: error }` or `{ cancelled: reason }`. */
  outcome: Canon | null;
  /** Frame its outcome is known (its handle reports). */
  doneAt: number | null;
}

export interface Expected {
  /** The subscriber's end: null when it unsubscribed first. */
  readonly terminal: { frame: number; kind: 'complete' | 'error'; values: Canon[]; error: Canon | null } | null;
  readonly tasks: readonly TaskExpectation[];
  readonly unhandled: readonly { frame: number; error: Canon }[];
}

interface Event {
  readonly time: number;
  readonly seq: number;
  readonly fire: () => void;
  dead: boolean;
}

/** Virtual time: events on the same frame fire in the order they were scheduled. */
class Clock {
  now = 0;
  private seq = 0;
  private readonly events: Event[] = [];

  schedule(delay: number, fire: () => void): Event {
    const event: Event = { time: this.now + delay, seq: this.seq++, fire, dead: false };
    let at = this.events.length;
    while (at > 0 && this.events[at - 1].time > event.time) at--;
    this.events.splice(at, 0, event);
    return event;
  }

  run(): void {
    for (let event = this.events.shift(); event; event = this.events.shift()) {
      if (event.dead) continue;
      this.now = event.time;
      event.fire();
    }
  }
}

type TaskState = 'queued' | 'running' | 'cancelling' | 'cleanup' | 'done';

class MTask {
  state: TaskState = 'queued';
  value: Canon = UNDEFINED;
  /** 'fulfilled' | 'failed' | 'cancelled' with its payload. */
  status: 'fulfilled' | 'failed' | 'cancelled' | null = null;
  failure: Canon = UNDEFINED;
  holds = 0;
  pending: Event | null = null;
  inner: MGroup | null = null;
  readonly expect: TaskExpectation;

  constructor(readonly group: MGroup, readonly desc: TaskDesc, readonly path: string) {
    this.expect = {
      path, hasHandle: group.desc.mode === 'withTaskGroup', factory: desc.factory,
      startAt: null, teardownAt: null, endedBy: null, abortAt: null, abortReason: null,
      cleanupAt: null, cleanupEndAt: null, outcome: null, doneAt: null,
    };
  }
}

type GroupEnd = (kind: 'complete' | 'error', payload: Canon | MError, hasValue: boolean) => void;

class MGroup {
  state: 'open' | 'shutting-down' | 'finished' = 'open';
  readonly tasks: MTask[] = [];
  queue: MTask[] = [];
  /** Started and not done (cancelling ones included), in start order. */
  readonly running: MTask[] = [];
  readonly errors: MError[] = [];
  detached = false;
  heldBy: MTask | null = null;
  cancelled = false;
  bodyDone = false;
  sweeping = false;
  pumping = false;

  constructor(readonly desc: GroupDesc, readonly prefix: string, readonly owner: MTask | null, readonly onEnd: GroupEnd) {}
}

class Model {
  private readonly clock = new Clock();
  private readonly tasks: TaskExpectation[] = [];
  private readonly unhandled: { frame: number; error: Canon }[] = [];
  private terminal: Expected['terminal'] = null;

  run(scenario: Scenario): Expected {
    const top = new MGroup(scenario.group, '', null, (kind, payload, hasValue) => {
      this.terminal = kind === 'error'
        ? { frame: this.clock.now, kind, values: [], error: toCanon(payload as MError) }
        : { frame: this.clock.now, kind, values: hasValue ? [payload as Canon] : [], error: null };
    });
    const { stop } = scenario;
    if (stop) {
      this.clock.schedule(stop.at, () => {
        if (stop.kind === 'cancel') {
          if (top.state !== 'open') return;
          top.cancelled = true;
          this.shutdown(top, STOP_REASON);
          this.advance(top);
        } else {
          this.unsubscribed(top);
        }
      });
    }
    this.startGroup(top);
    this.clock.run();
    return { terminal: this.terminal, tasks: this.tasks, unhandled: this.unhandled };
  }

  // ── Starting ────────────────────────────────────────────────────────────────────────────

  /** The body: creates the tasks in order, and stops creating once the group shuts down. */
  private startGroup(group: MGroup): void {
    for (const desc of group.desc.tasks) {
      if (group.state !== 'open') break;
      const task = new MTask(group, desc, `${group.prefix}${group.tasks.length}`);
      group.tasks.push(task);
      this.tasks.push(task.expect);
      if (group.running.length < group.desc.concurrency && group.queue.length === 0) this.startTask(task);
      else group.queue.push(task);
    }
    group.bodyDone = true;
    this.advance(group);
  }

  private startTask(task: MTask): void {
    const now = this.clock.now;
    task.state = 'running';
    task.expect.startAt = now;
    task.group.running.push(task);
    const { desc } = task;
    if (desc.group) {
      const inner = new MGroup(desc.group, `${task.path}.`, task, (kind, payload, hasValue) =>
        this.taskEnded(task, kind, kind === 'error' ? payload : hasValue ? payload : UNDEFINED));
      task.inner = inner;
      this.startGroup(inner);
    } else if (desc.duration === 0) {
      this.leafEnds(task);
    } else {
      task.pending = this.clock.schedule(desc.duration, () => this.leafEnds(task));
    }
  }

  private leafEnds(task: MTask): void {
    task.pending = null;
    const { values, fails } = task.desc;
    if (fails) this.taskEnded(task, 'error', errorCanon(taskErrorId(task.path)));
    else this.taskEnded(task, 'complete', values.length > 0 ? values[values.length - 1] : UNDEFINED);
  }

  /** The task's Observable completed (with its last value) or errored by itself. */
  private taskEnded(task: MTask, kind: 'complete' | 'error', payload: Canon | MError): void {
    if (task.state !== 'running') throw new Error(`model: task ${task.path} ended while ${task.state}`);
    const group = task.group;
    task.expect.endedBy = kind;
    task.expect.teardownAt = this.clock.now;
    task.state = 'done';
    if (kind === 'complete') {
      task.status = 'fulfilled';
      task.value = payload as Canon;
      task.expect.outcome = { fulfilled: task.value };
    } else {
      task.status = 'failed';
      task.failure = toCanon(payload as MError);
      task.expect.outcome = { failed: task.failure };
      if (group.desc.mode !== 'settle') this.fail(group, payload as MError);
    }
    this.settle(task);
    this.advance(group);
  }

  // ── Failing and shutting down ───────────────────────────────────────────────────────────

  private unheard(group: MGroup): boolean {
    return group.state === 'finished' || (group.detached && !group.heldBy);
  }

  /** A failure for the group: collected (the first one, while open, shuts it down), or unhandled when nobody listens. */
  private fail(group: MGroup, error: MError): void {
    if (this.unheard(group)) {
      for (const e of flattenHeld(error)) this.unhandled.push({ frame: this.clock.now, error: toCanon(e) });
      return;
    }
    group.errors.push(error);
    if (group.state === 'open') this.shutdown(group, toCanon(error));
  }

  private shutdown(group: MGroup, reason: Canon): void {
    group.state = 'shutting-down';
    group.sweeping = true;
    if (group.desc.mode !== 'withTaskGroup') group.bodyDone = true; // the source is unsubscribed
    for (const task of [...group.running].reverse()) {
      if (task.state === 'running' && !task.desc.shield) this.cancelTask(task, reason);
    }
    for (const task of group.queue) {
      if (task.state !== 'queued') continue;
      task.state = 'done';
      task.status = 'cancelled';
      task.failure = { cancelled: reason };
      task.expect.outcome = { cancelled: reason };
      task.expect.doneAt = this.clock.now;
    }
    group.queue = [];
    group.sweeping = false;
  }

  /** Abort its signal, unsubscribe it; once a nested group it held has finished, subscribe its onCancel; done when that is over. */
  private cancelTask(task: MTask, reason: Canon): void {
    const { desc, group, expect } = task;
    const now = this.clock.now;
    task.state = 'cancelling';
    task.holds = 1;
    task.status = 'cancelled';
    task.failure = { cancelled: reason };
    expect.outcome = { cancelled: reason };
    if (desc.factory) {
      expect.abortAt = now;
      expect.abortReason = reason;
      if (desc.onAbort === 'error') {
        expect.endedBy = 'abort-error';
        this.fail(group, errorCanon(abortErrorId(task.path))); // an error delivered while being cancelled
      } else if (desc.onAbort === 'echo') {
        expect.endedBy = 'abort-echo'; // its own cancellation echoed back: not collected
      }
    }
    expect.teardownAt = now;
    if (task.pending) {
      task.pending.dead = true;
      task.pending = null;
    }
    if (task.inner) this.unsubscribed(task.inner);
    this.release(task);
  }

  /** Children first: the onCancel of a cancelled task runs once the nested group it held has finished. */
  private startCleanup(task: MTask): void {
    const { desc, group, expect } = task;
    const cleanup = desc.cleanup!;
    task.state = 'cleanup';
    task.holds = 1;
    expect.cleanupAt = this.clock.now;
    const ends = () => {
      expect.cleanupEndAt = this.clock.now;
      if (cleanup.fails) this.fail(group, errorCanon(cleanupErrorId(task.path)));
      this.release(task);
      this.advance(group);
    };
    if (cleanup.duration === 0) ends();
    else this.clock.schedule(cleanup.duration, ends);
  }

  /** The group's subscriber left: a nested group's owner task being cancelled (which then waits for it), or the test's. */
  private unsubscribed(group: MGroup): void {
    if (group.state === 'finished') return;
    group.detached = true;
    const owner = group.owner;
    if (owner && owner.state === 'cancelling') {
      group.heldBy = owner;
      owner.holds++;
    } else {
      // Errors collected and never delivered are reported, each as itself, when the subscriber leaves.
      for (const error of group.errors) for (const e of flattenHeld(error)) this.unhandled.push({ frame: this.clock.now, error: toCanon(e) });
      group.errors.length = 0;
    }
    if (group.state === 'open') this.shutdown(group, UNDEFINED);
    this.advance(group);
  }

  private release(task: MTask): void {
    if (--task.holds > 0) return;
    if (task.state === 'cancelling' && task.desc.cleanup) this.startCleanup(task);
    else this.settle(task);
  }

  // ── Finishing ───────────────────────────────────────────────────────────────────────────

  private settle(task: MTask): void {
    task.state = 'done';
    task.expect.doneAt = this.clock.now;
    const running = task.group.running;
    running.splice(running.indexOf(task), 1);
  }

  private advance(group: MGroup): void {
    this.pump(group);
    if (group.state === 'finished' || group.sweeping || !group.bodyDone || group.running.length > 0 || group.queue.length > 0) return;
    this.finish(group);
  }

  private pump(group: MGroup): void {
    if (group.pumping) return;
    group.pumping = true;
    while (group.state === 'open' && group.running.length < group.desc.concurrency && group.queue.length > 0) {
      const task = group.queue.shift()!;
      if (task.state === 'queued') this.startTask(task);
    }
    group.pumping = false;
  }

  private finish(group: MGroup): void {
    group.state = 'finished';
    const { errors } = group;
    if (group.detached) {
      // A held group hands its errors to its owner's group (the others were reported when the subscriber left).
      if (group.heldBy) this.unhold(group.heldBy, errors);
      return;
    }
    if (errors.length > 0) {
      group.onEnd('error', { group: errors, held: false }, false);
      return;
    }
    switch (group.desc.mode) {
      case 'withTaskGroup':
        group.onEnd('complete', UNDEFINED, false);
        break;
      case 'taskGroup':
        if (group.cancelled) group.onEnd('complete', UNDEFINED, false);
        else group.onEnd('complete', group.tasks.map(task => task.value), true);
        break;
      case 'settle':
        group.onEnd('complete', group.tasks.map((task): Canon => task.status === 'fulfilled'
          ? { status: 'fulfilled', value: task.value }
          : { status: 'rejected', reason: task.failure }), true);
        break;
    }
  }

  /** A held nested group finished: its errors are one member of its owner's group, or, if nobody listens there, each is unhandled. */
  private unhold(owner: MTask, errors: MError[]): void {
    const group = owner.group;
    if (errors.length > 0) {
      if (this.unheard(group)) for (const error of errors) this.fail(group, error);
      else this.fail(group, { group: errors, held: true });
    }
    this.release(owner);
    this.advance(group);
  }
}

/** What the contract says a scenario must produce. */
export function expectedOf(scenario: Scenario): Expected {
  return new Model().run(scenario);
}
