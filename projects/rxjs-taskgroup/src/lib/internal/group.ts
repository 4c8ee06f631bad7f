import {
  from,
  Subscriber,
  UnsubscriptionError,
  type Observable,
  type ObservableInput,
  type Observer,
  type SchedulerAction,
} from 'rxjs';
import { TaskCancelledError } from '../errors/task-cancelled-error';
import { TaskGroupError } from '../errors/task-group-error';
import { TaskTimeoutError } from '../errors/task-timeout-error';
import type { TaskGroupSnapshot, TaskSnapshot, TaskSnapshotState } from '../task-tree';
import type { TaskEventType, TaskInput, TaskOptions } from '../types';
import { describeError } from './describe';
import { GuardedSubscriber } from './guarded-subscriber';
import type { GroupConfig } from './options';
import { reportUnhandledError } from './report-unhandled-error';
import { TaskContextImpl } from './task-context';
import type { TaskHandle } from './task-handle';
import { toTaskSource } from './task-input';
import { taskName, TaskRef, TaskState, type TaskSource } from './task-ref';
import { scheduleAfter } from './schedule-after';
import { deferring, nested } from './trampoline';
import { isCancellation, isInstance } from './user-values';

/*
 * ── The state machine ──────────────────────────────────────────────────────────────────────
 *
 * Group (`Group.state`)
 *   open ──────────── first failure, tg.cancel(), options.signal, unsubscription ──▶ shutting-down
 *   open, shutting-down ── nothing left: no body, no live or queued task, no hold ──▶ finished
 *   `detached` (nobody listens any more: the subscriber unsubscribed) is orthogonal; a detached
 *   group finishes the same way, but hands its errors to the owner holding it, or reports each.
 *
 * Task (`TaskRef.state`; each arrow is one method of TaskRef)
 *   queued ──start──▶ running ──end (completed / failed)────────────────▶ joining
 *                     running ──tearDown (cancelled / timed out)────────▶ joining
 *                     joining ──finish (no group it owns still finishing, not torn down or no onCancel)──▶ done
 *                     joining ──clean (torn down, has onCancel, its groups finished: children first)──▶ cleanup
 *                     cleanup ──finish (onCancel completed or failed)───▶ done
 *   queued ──drop (shutdown, task.cancel)──▶ done
 *   A queued task is an entry of the group's queue, not an object: it becomes a TaskRef (in state
 *   queued) when it is started or dropped, and takes the first arrow at once.
 *
 * Re-entrancy. User code runs inside many steps: an event listener, a factory, a subscribe
 * function, a teardown, an abort listener, the subscriber's own callbacks. Any of it may call back
 * into the group. So:
 *   - every step changes state first and calls out last, and re-reads state after each call-out;
 *   - every way in (`enter`) counts as busy, and the group finishes only when the outermost way in
 *     leaves (`leave`): a group never finishes in the middle of a step, and `tg.signal` has
 *     aborted (it aborts inside the shutdown step) before a shut-down group reports;
 *   - what user code throws is collected or, when nobody can receive it, reported asynchronously.
 *
 * The boundary with user code (rule 10). Nothing user code does may unbalance the bookkeeping or
 * cut a step short:
 *   - every way in is `enter(); try { … } catch { escaped } finally { leave() }`: `busy` always
 *     comes back down, the queue's `pumping` flag is reset in a `finally`, and whatever escapes a
 *     step is one more failure of the group (`escaped`), never thrown back into RxJS, which would
 *     drop it;
 *   - each call out is guarded where it is made, and its error goes where it belongs: a body or
 *     factory that throws fails itself; `subscribe()` returns what it threw (`subscribeAs`: RxJS
 *     runs a teardown at once when the subscriber has already ended, and rethrows) and
 *     `unsubscribeQuietly` catches teardowns: both are teardown errors (`teardownFailed`), and
 *     every subscriber is a `GuardedSubscriber`, which keeps what teardown functions throw as it
 *     was thrown (RxJS's own `UnsubscriptionError` cannot hold every value);
 *     `onEvent` and `onCancel` are caught in place; an error nobody can receive is reported
 *     through RxJS's timer, never synchronously;
 *   - user values are classified without trusting them (`user-values.ts`: `instanceof` on a
 *     revoked Proxy throws) and described without throwing (`describeError`);
 *   - code that unsubscribes its own subscriber cannot strand it: a task is cancelled, a body has
 *     ended, a cleanup is over (the `unsubscribe` of `TaskRef`, `BodySubscriber`, `CleanupSubscriber`);
 *   - an event is sent once its transition is complete: a listener that cancels or snapshots sees
 *     a task either queued or done, never both (`shiftQueued` takes the entry before the drop).
 * Abort listeners are the one call out the engine cannot guard: the platform's `EventTarget`
 * reports what they throw (an `error` event in a browser, an uncaught exception in Node).
 */

/**
 * What makes `withTaskGroup`, `taskGroup` and `cancelSiblingsOnError` different: where the
 * body's values go, what happens to task values and outcomes, and what is emitted on success.
 * Everything else (starting, queueing, cancelling, awaiting, collecting errors) is the group's.
 */
export interface GroupView {
  /** `gather(return_exceptions=True)`: a task's failure is its outcome, not the group's. */
  readonly gather?: boolean;
  /** A value of the body's Observable. Throwing fails the body. */
  bodyValue(group: Group, value: unknown): void;
  taskValue?(task: TaskRef, value: unknown): void;
  /** A task is done, whatever its outcome (queued tasks dropped by a shutdown included). */
  taskDone?(task: TaskRef): void;
  /** The group is about to complete without error; `cancelled` after `tg.cancel` or the signal. */
  beforeComplete?(cancelled: boolean): void;
}

type GroupState = 'open' | 'shutting-down' | 'finished';

/** Slots per task in `Group.queue`: source, options, index, handle. */
const QUEUE_ENTRY = 4;

/** What an event says of its task. */
interface EventTask {
  readonly name: string;
  readonly index: number;
}

/** The view of a finished group: nothing is left to do. */
const FINISHED: GroupView = { bodyValue: () => undefined };

/**
 * What a group may belong to: a task of another group, or another group's body. A group belongs
 * to the task or body inside whose subscription it is subscribed (synchronously), or to the task
 * given explicitly (`ctx.withTaskGroup`). One rule for both: when the owner unsubscribes a group
 * it owns, for whatever reason (a cancellation, `race`, `merge` erroring, `takeUntil`,
 * `switchMap`), while that group still has cleanups or shielded tasks to finish, the owner holds
 * on for them and takes their errors, before it reports itself.
 */
export type Owner = TaskRef | BodySubscriber;

/** The `TaskGroupError`s made to hand a cancelled nested group's errors to its owner. */
const handedOver = new WeakSet<TaskGroupError>();

/**
 * The groups each owner owns that have not finished, for `snapshot()`. Keyed by the task, or by
 * the group whose body owns them (a body's subscriber is gone once the body ends).
 */
const ownedGroups = new WeakMap<object, Set<Group>>();

/** The owner whose subscription is being made right now (RxJS subscribes synchronously). */
let currentOwner: Owner | undefined;

/** What {@link subscribeAs} returns when `subscribe()` threw nothing. */
const NOTHING: unique symbol = Symbol('nothing thrown');

/**
 * Subscribes as `owner` (see {@link Owner}) and returns what `subscribe()` threw, or
 * {@link NOTHING}: the caller decides whose error it is. (It throws only in odd cases: see
 * `Group.subscribeThrew`. Returned rather than thrown, so no step is cut short.)
 */
function subscribeAs(owner: Owner | undefined, observable: Observable<unknown>, subscriber: Partial<Observer<unknown>>): unknown {
  const previous = currentOwner;
  currentOwner = owner;
  try {
    observable.subscribe(subscriber);
    return NOTHING;
  } catch (error) {
    return error;
  } finally {
    currentOwner = previous;
  }
}

/**
 * The engine: one subscription to a group's Observable. It owns the state machine above, the
 * tasks, the queue, cancellation order, the waiting for cleanups, shielded tasks and owned groups,
 * and the errors. The public functions are thin views of it.
 */
export class Group {
  /** Read by `tg.createTask`, which refuses new tasks once the group is no longer open. */
  state: GroupState = 'open';
  /** Failures, in order; created on the first. */
  private errors: unknown[] | undefined = undefined;
  /** The subscriber unsubscribed: nobody hears the outcome; errors go to the owner or `onUnhandledError`. */
  private detached = false;
  /** How many ways in are running (see `enter`); the group finishes only at 0. */
  private busy = 0;
  private body: BodySubscriber | undefined = undefined;
  /** Groups the body owns that were unsubscribed and are still finishing. */
  private bodyHolds = 0;
  /** The newest live task (started, not done): a doubly linked list for O(1) removal. */
  private newest: TaskRef | undefined = undefined;
  private live = 0;
  /**
   * FIFO of queued tasks, flat: {@link QUEUE_ENTRY} slots per task (its source, options, index and
   * handle), so that queueing a task allocates nothing, and a long queue is one array for the
   * garbage collector, not an object per task. `queueHead` moves instead of `shift()`, which is O(n).
   */
  private queue: unknown[] = [];
  private queueHead = 0;
  private pumping = false;
  private nextIndex = 0;
  private controller: AbortController | undefined = undefined;
  /** Set by the shutdown: what cancelled the group. */
  private shutdownReason: TaskCancelledError | undefined = undefined;
  private stopListening: (() => void) | undefined = undefined;
  /** The task or body this group belongs to, if any (see {@link Owner}). */
  private readonly owner: Owner | undefined;
  /** Unsubscribed by its owner, which now waits for this group to finish and takes its errors. */
  private heldBy: Owner | undefined = undefined;
  /** When each live task started; kept only once the group is traced (it has `onEvent`, or was asked for a snapshot). */
  private startTimes: Map<TaskRef, number> | undefined = undefined;
  /** Tasks done, by outcome (what a snapshot says of the tasks the group has let go of). */
  private fulfilled = 0;
  private failed = 0;
  private cancelled = 0;

  constructor(
    private readonly destination: Subscriber<unknown>,
    private readonly config: GroupConfig,
    private view: GroupView,
    owner?: Owner,
  ) {
    this.owner = owner ?? currentOwner;
    if (this.owner) {
      const key = ownerKey(this.owner);
      const groups = ownedGroups.get(key);
      if (groups) groups.add(this);
      else ownedGroups.set(key, new Set([this]));
    }
    if (config.onEvent) this.startTimes = new Map();
  }

  // ── Ways in ──────────────────────────────────────────────────────────────────────────────

  // Every way in has the same shape:
  //   this.enter(); try { …the step… } catch (error) { this.escaped(error); } finally { this.leave(); }
  // so that nothing user code throws can leave `busy` counted (the group would never finish) or
  // escape into the caller, which is often RxJS delivering a notification and would drop it.

  private enter(): void {
    this.busy++;
  }

  /** The step is over; the outermost one brings the group to rest. (Small, so that it inlines: it runs several times per task.) */
  private leave(): void {
    if (--this.busy === 0) this.atRest();
  }

  /**
   * What a step let escape. Each call into user code is guarded where it is made, so this is the
   * last line of the boundary: the error is one more failure of the group (or, once nobody can
   * hear it, reported as unhandled), never thrown back and never lost.
   */
  private escaped(error: unknown): void {
    this.fail(error);
  }

  /** Between steps: start what can start, and finish the group if nothing is left. */
  private atRest(): void {
    this.busy++; // starting queued tasks runs user code too
    try {
      this.pump();
    } catch (error) {
      this.escaped(error);
    } finally {
      this.busy--;
    }
    // Through the trampoline: a synchronous completion climbs every level of nesting at once.
    if (this.idle()) nested(finish, this, undefined, undefined);
  }

  /** `tg.cancel(reason)`, or `options.signal` aborting: shut down, then complete without error. */
  cancel(reason?: unknown): void {
    if (this.state !== 'open') return;
    this.enter();
    try {
      this.shutdown(new TaskCancelledError(reason));
    } catch (error) {
      this.escaped(error);
    } finally {
      this.leave();
    }
  }

  /** `tg.signal`: created when first asked for, aborted at shutdown. */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.shutdownReason) this.controller.abort(this.shutdownReason);
    }
    return this.controller.signal;
  }

  // ── Starting ─────────────────────────────────────────────────────────────────────────────

  /**
   * Starts this subscription's group; called once, right after construction. Synchronously
   * nested groups start on a trampoline (see `nested`), so nesting depth never overflows the stack.
   */
  start(body: () => ObservableInput<unknown> | void, where: string): void {
    nested(begin, this, body, where);
  }

  /** Runs the body (through `start`; not called otherwise). */
  begin(body: () => ObservableInput<unknown> | void, where: string): void {
    if (this.destination.closed) return; // a deferred start, unsubscribed meanwhile
    // First, so that an unsubscription during the synchronous start already cancels everything.
    // Through the trampoline: unsubscribing a deeply nested group reaches every level at once.
    this.destination.add(() => nested(unsubscribed, this, undefined, undefined));
    this.enter(); // the body is running: the group cannot finish before it returns
    try {
      const { signal } = this.config;
      if (signal?.aborted) {
        this.shutdown(new TaskCancelledError(signal.reason)); // the body never runs
      } else {
        if (signal) {
          const onAbort = () => this.cancel(signal.reason);
          signal.addEventListener('abort', onAbort);
          this.stopListening = () => signal.removeEventListener('abort', onAbort);
        }
        this.runBody(body, where);
      }
    } catch (error) {
      this.escaped(error);
    } finally {
      this.leave();
    }
  }

  private runBody(body: () => ObservableInput<unknown> | void, where: string): void {
    let input: ObservableInput<unknown> | void;
    try {
      input = body();
    } catch (error) {
      this.fail(error);
      return;
    }
    // Cancelled or failed while the body ran synchronously: what it returned never starts.
    if (input === undefined || this.state !== 'open') return;
    let source;
    try {
      source = from(input);
    } catch {
      this.fail(new TypeError(`${where}: the body returned ${describeError(input)}, which is not an ObservableInput ` +
        '(return an Observable, a Promise, an array or iterable, or nothing)'));
      return;
    }
    // Created before subscribing, so a synchronous failure can already unsubscribe it.
    const subscriber = (this.body = new BodySubscriber(this));
    const thrown = subscribeAs(subscriber, source, subscriber);
    if (thrown !== NOTHING) this.subscribeThrew(subscriber, thrown);
  }

  /**
   * Makes a task, while the group is open: starts it now, or queues it when no slot is free.
   * (`tg.createTask` checks the state and the options first, and passes the handle it will return;
   * the views spawn only while open.)
   */
  spawn<T>(input: TaskInput<T>, options: TaskOptions | undefined, where: string, handle?: TaskHandle<T>): void {
    const source = toTaskSource(input, where); // before taking an index: a rejected task is no task
    const index = this.nextIndex++;
    if (handle) handle.index = index;
    this.enter();
    try {
      if (this.live < this.config.concurrency && this.queueHead === this.queue.length) {
        this.startTask(this.makeTask(options, index, handle), source);
      } else {
        this.queue.push(source, options, index, handle); // before the event, whose listener may shut the group down
        if (handle) handle.group = this;
        if (this.config.onEvent) this.tell('queued', { name: taskName(options, index), index }, undefined, undefined);
      }
    } catch (error) {
      this.escaped(error);
    } finally {
      this.leave();
    }
  }

  /** A task leaves the queue (or skips it): its TaskRef, in state queued, tied to its handle. */
  private makeTask<T>(options: TaskOptions | undefined, index: number, handle: TaskHandle<T> | undefined): TaskRef<T> {
    const task = new TaskRef<T>(this, index, options);
    if (handle) {
      task.handle = handle;
      handle.ref = task;
      handle.group = undefined;
    }
    return task;
  }

  private startTask(task: TaskRef, source: TaskSource<unknown>): void {
    task.start();
    this.link(task);
    this.startTimes?.set(task, this.config.scheduler.now());
    this.emit('started', task);
    if (task.state !== TaskState.Running) return; // the event's listener cancelled it
    let observable;
    try {
      observable = typeof source === 'function' ? fromFactoryResult(source(new TaskContextImpl(task)), task) : source;
    } catch (error) {
      // A factory that throws, or returns no ObservableInput: the task fails (or, if the factory
      // cancelled it first, the error is one raised while it was being cancelled).
      if (task.state === TaskState.Running) this.taskFailed(task, error);
      else this.errorWhileEnding(task, error);
      return;
    }
    if (task.state !== TaskState.Running) return; // the factory cancelled it: never subscribed
    const thrown = subscribeAs(task, observable, task);
    if (thrown !== NOTHING) this.subscribeThrew(task, thrown);
    const timeout = task.options?.timeout ?? this.config.timeout;
    if (task.state === TaskState.Running && timeout !== Infinity) {
      task.timer = scheduleAfter(this.config.scheduler, expire, timeout, task);
    }
  }

  /**
   * What `subscribe()` threw. RxJS runs a teardown at once when the subscriber has already ended
   * (a task that completed or failed synchronously) and rethrows what it throws: a teardown
   * error, as rule 4 has it. (Under RxJS's deprecated synchronous error handling, the subscribe
   * function's own error comes this way too, while the subscriber is still open: it is delivered.)
   */
  private subscribeThrew(subscriber: Subscriber<unknown>, thrown: unknown): void {
    if (subscriber.closed) this.teardownFailed(thrown);
    else subscriber.error(thrown);
  }

  /** Starts queued tasks while slots are free. A loop, not recursion: a million synchronous tasks at concurrency 1 stay flat. */
  private pump(): void {
    const { queue, config } = this;
    if (this.pumping || this.queueHead === queue.length) return; // nothing queued: the common case
    this.pumping = true;
    try {
      while (this.state === 'open' && this.live < config.concurrency && this.queueHead < queue.length) {
        const source = queue[this.queueHead] as TaskSource<unknown>;
        const task = this.shiftQueued();
        if (task) this.startTask(task, source);
      }
      if (this.queueHead === queue.length) {
        queue.length = 0;
        this.queueHead = 0;
      } else if (this.queueHead > 4 * 1024 && this.queueHead * 2 > queue.length) {
        queue.splice(0, this.queueHead); // amortised O(1) per task
        this.queueHead = 0;
      }
    } finally {
      this.pumping = false;
    }
  }

  /**
   * Takes the first entry off the queue: its task, in state queued, or `undefined` for an entry
   * that had already left (see `stillQueued`). The entry's slots are cleared, so the queue lets go
   * of the source and options.
   */
  private shiftQueued(): TaskRef | undefined {
    const { queue } = this;
    const at = this.queueHead;
    const options = queue[at + 1] as TaskOptions | undefined;
    const index = queue[at + 2] as number;
    const handle = queue[at + 3] as TaskHandle<unknown> | undefined;
    queue[at] = queue[at + 1] = queue[at + 3] = undefined;
    this.queueHead = at + QUEUE_ENTRY;
    return this.stillQueued(handle) ? this.makeTask(options, index, handle) : undefined;
  }

  /**
   * Whether a queue entry still waits: true for an entry without a handle, which only a shutdown
   * takes off; an entry with one has left the queue once its handle no longer names this group
   * (`task.cancel()` dropped it; its entry is skipped, not searched for).
   */
  private stillQueued(handle: TaskHandle<unknown> | undefined): boolean {
    return handle === undefined || handle.group === this;
  }

  // ── Notifications from the body and the tasks ────────────────────────────────────────────

  bodyValue(value: unknown): void {
    if (this.state !== 'open') return; // emitted while being cancelled: dropped
    this.enter();
    try {
      this.view.bodyValue(this, value);
    } catch (error) {
      this.cancelBody();
      this.failUnlessEcho(error);
    } finally {
      this.leave();
    }
  }

  bodyEnded(error?: unknown, failed?: boolean): void {
    this.enter();
    try {
      this.cancelBody();
      if (failed) this.failUnlessEcho(error);
    } catch (thrown) {
      this.escaped(thrown);
    } finally {
      this.leave();
    }
  }

  taskValue(task: TaskRef, value: unknown): void {
    this.enter();
    try {
      this.emit('value', task, value);
      if (task.state === TaskState.Running) this.view.taskValue?.(task, value);
    } catch (error) {
      this.escaped(error);
    } finally {
      this.leave();
    }
  }

  taskCompleted(task: TaskRef): void {
    this.enter();
    try {
      task.end('fulfilled');
      this.emit('completed', task, task.value);
      this.join(task);
    } catch (error) {
      this.escaped(error);
    } finally {
      this.leave();
    }
  }

  /**
   * A running task's Observable errored. With a `TaskCancelledError` (its own signal's reason,
   * or a cancelled task's it was waiting for) the task counts as cancelled, not failed: it adds
   * no error to the group (rule 20; asyncio: a task that raises `CancelledError` is cancelled).
   */
  taskFailed(task: TaskRef, error: unknown): void {
    this.enter();
    try {
      if (isCancellation(error)) {
        task.end('cancelled', error);
        this.emit('cancelled', task, undefined, error);
      } else {
        task.end('failed', error);
        // Rule 8: the body and the siblings are cancelled before the task's handle reports.
        this.recordFailure(task, error);
      }
      this.join(task);
    } catch (thrown) {
      this.escaped(thrown);
    } finally {
      this.leave();
    }
  }

  /** A task's own failure (its error or its timeout) is its outcome, and the group's failure unless gathering. */
  private recordFailure(task: TaskRef, error: unknown): void {
    this.emit('failed', task, undefined, error);
    if (!this.view.gather) this.failUnlessEcho(error);
  }

  /**
   * An error a task delivered once it was no longer running (say, from an abort listener, while
   * it was being cancelled). A torn-down task's `TaskCancelledError` is the echo of its own
   * cancellation, not an error (rule 20); anything else is one more failure (rule 4).
   */
  errorWhileEnding(task: TaskRef, error: unknown): void {
    this.enter();
    try {
      if (!(task.tornDown && isCancellation(error))) this.failUnlessEcho(error);
    } catch (thrown) {
      this.escaped(thrown);
    } finally {
      this.leave();
    }
  }

  // ── Cancellation ─────────────────────────────────────────────────────────────────────────

  /** `task.cancel(reason)` of a started task: this task only; no error for the group. */
  cancelTask(task: TaskRef, reason: unknown): boolean {
    if (task.state !== TaskState.Running) return false;
    this.enter();
    try {
      this.cancelRunning(task, new TaskCancelledError(reason));
    } catch (error) {
      this.escaped(error);
    } finally {
      this.leave();
    }
    return true;
  }

  /**
   * `task.cancel(reason)` of a queued task: it is done at once. Its entry stays in the queue (it
   * is not searched for); starting or shutting down skips it (see `stillQueued`).
   */
  cancelQueued(handle: TaskHandle<unknown>, reason: unknown): boolean {
    if (!this.stillQueued(handle)) return false;
    this.enter();
    try {
      this.dropQueued(this.makeTask(handle.options, handle.index, handle), new TaskCancelledError(reason));
    } catch (error) {
      this.escaped(error);
    } finally {
      this.leave();
    }
    return true;
  }

  /** A task's timeout expired: it is cancelled (cleanup awaited) and fails with `TaskTimeoutError`. */
  expire(task: TaskRef): void {
    if (task.state !== TaskState.Running) return;
    this.enter();
    try {
      task.timer = undefined;
      const error = new TaskTimeoutError(task.options?.timeout ?? this.config.timeout, task.name);
      task.tearDown(new TaskCancelledError(error), error);
      task.holds++; // its own, released by `join`
      this.unsubscribeQuietly(task);
      this.recordFailure(task, error);
      this.join(task, true);
    } catch (thrown) {
      this.escaped(thrown);
    } finally {
      this.leave();
    }
  }

  /**
   * The first failure, a cancel or an unsubscription: abort `tg.signal`, cancel the body, then
   * every running unshielded task newest first, and drop the queue. Cleanups, shielded tasks and
   * owned groups go on; the group finishes once they are over. Always called inside a way in, so
   * nothing a listener does here can finish the group before the sweep is over.
   */
  private shutdown(reason: TaskCancelledError): void {
    this.state = 'shutting-down';
    this.shutdownReason = reason;
    this.emit('group-shutdown');
    this.controller?.abort(reason);
    // The body first. One still running synchronously is not subscribed yet: `begin` sees the
    // state when it returns, and what it returned never starts.
    this.cancelBody();
    for (const task of this.liveNewestFirst()) {
      if (task.state === TaskState.Running && !task.shield) this.cancelRunning(task, reason);
    }
    const { queue } = this;
    // Each entry leaves the queue before its task is dropped, so that a listener of its `cancelled`
    // event sees it done, not queued.
    while (this.queueHead < queue.length) {
      const task = this.shiftQueued();
      if (task) this.dropQueued(task, reason);
    }
    queue.length = 0;
    this.queueHead = 0;
  }

  /** Cancels a running task (rule 3 of docs/contract.md): abort its signal, unsubscribe it, say so; its cleanup comes when its groups are done. */
  private cancelRunning(task: TaskRef, reason: TaskCancelledError): void {
    task.tearDown(reason);
    task.holds++; // its own, released by `join`
    this.unsubscribeQuietly(task);
    this.emit('cancelled', task, undefined, reason);
    this.join(task, true);
  }

  /**
   * A task's Observable is over: wait for the groups it owns that are still finishing, then run
   * its cleanup (if it was torn down) or be done. Deep in nested groups, its own hold is released
   * through the trampoline, after the deferred unsubscription of a group it owns has taken its hold;
   * otherwise that unsubscription has run already, and the hold is released at once.
   */
  private join(task: TaskRef, held?: boolean): void {
    if (!held) {
      task.holds++;
      this.unsubscribeQuietly(task); // runs the finished Observable's teardown
    }
    if (deferring()) nested(released, this, task, undefined);
    else this.release(task);
  }

  /** One thing a joining task waits for is over (its own end, or a group it owns). */
  release(task: TaskRef): void {
    if (--task.holds > 0 || task.state !== TaskState.Joining) return;
    this.enter();
    try {
      if (task.tornDown && task.options?.onCancel) this.startCleanup(task);
      else this.taskDone(task);
    } catch (error) {
      this.escaped(error);
    } finally {
      this.leave();
    }
  }

  /** Joining → Cleanup: runs a torn-down task's `onCancel`, now that the groups it owned have finished. */
  private startCleanup(task: TaskRef): void {
    task.clean();
    this.emit('cleanup-started', task);
    const subscriber = new CleanupSubscriber(this, task);
    let cleanup;
    try {
      cleanup = fromCleanupResult(task.options!.onCancel!(task.cancelReason!), task);
    } catch (error) {
      this.cleanupEnded(subscriber, true, error); // threw, or returned no ObservableInput
      return;
    }
    const thrown = subscribeAs(undefined, cleanup, subscriber);
    if (thrown !== NOTHING) this.subscribeThrew(subscriber, thrown);
  }

  /** Cleanup → Done: the cleanup completed or failed (or its own code unsubscribed it); then its teardown runs. */
  cleanupEnded(subscriber: CleanupSubscriber, failed: boolean, error?: unknown): void {
    const { task } = subscriber;
    if (task.state !== TaskState.Cleanup) return;
    this.enter();
    try {
      this.emit('cleanup-finished', task, undefined, failed ? error : undefined);
      if (failed) this.fail(error);
      this.taskDone(task);
      this.unsubscribeQuietly(subscriber);
    } catch (thrown) {
      this.escaped(thrown);
    } finally {
      this.leave();
    }
  }

  /** A group this owner owns was unsubscribed but has cleanups to finish: the owner waits for it. */
  hold(owner: Owner): boolean {
    if (owner instanceof BodySubscriber) {
      if (this.state === 'finished') return false;
      this.bodyHolds++;
      return true;
    }
    if (owner.state !== TaskState.Running && owner.state !== TaskState.Joining) return false;
    owner.holds++;
    return true;
  }

  /**
   * That group has finished. Its errors (one `TaskGroupError` member) are the owner's: a running
   * task fails with them, a task that had completed fails instead, and otherwise (the body, or a
   * task that failed or was cancelled) they are errors raised during shutdown.
   */
  unhold(owner: Owner, errors: unknown[] | undefined): void {
    this.enter();
    try {
      this.takeOver(owner, errors);
    } catch (error) {
      this.escaped(error);
    } finally {
      this.leave();
    }
  }

  private takeOver(owner: Owner, errors: unknown[] | undefined): void {
    if (errors) {
      const member = new TaskGroupError(errors);
      handedOver.add(member);
      if (owner instanceof TaskRef && owner.state === TaskState.Running) {
        this.taskFailed(owner, member);
      } else if (owner instanceof TaskRef && owner.state === TaskState.Joining && owner.outcome === 'fulfilled') {
        owner.outcome = 'failed';
        owner.failure = member;
        this.recordFailure(owner, member);
      } else if (this.unheard()) {
        this.reportEach(errors); // nobody hears this group any more: each error as itself
      } else {
        this.fail(member);
      }
    }
    if (owner instanceof BodySubscriber) this.bodyHolds--;
    else this.release(owner);
  }

  private dropQueued(task: TaskRef, reason: TaskCancelledError): void {
    task.drop(reason);
    this.cancelled++;
    this.emit('cancelled', task, undefined, reason);
    this.view.taskDone?.(task);
    task.finish();
  }

  /** Whether this subscriber is the body's, still running. */
  isBody(subscriber: Subscriber<unknown>): boolean {
    return this.body === subscriber;
  }

  private cancelBody(): void {
    const body = this.body;
    if (!body) return;
    this.body = undefined;
    this.unsubscribeQuietly(body);
  }

  /** The destination unsubscribed (or the group finished, in which case there is nothing to do). */
  unsubscribed(): void {
    if (this.state === 'finished' || this.detached) return;
    this.enter();
    try {
      this.detached = true;
      const { owner } = this;
      if (owner?.group?.hold(owner)) {
        this.heldBy = owner;
      } else if (this.errors) {
        // Collected, never delivered: nobody will receive them now, so each is reported as itself.
        const { errors } = this;
        this.errors = undefined;
        this.reportEach(errors);
      }
      if (this.state === 'open') this.shutdown(new TaskCancelledError(undefined));
    } catch (error) {
      this.escaped(error);
    } finally {
      this.leave();
    }
  }

  // ── Finishing ────────────────────────────────────────────────────────────────────────────

  /** A task is done: leave the live list, free its slot, report its outcome (view, then handle). */
  private taskDone(task: TaskRef): void {
    this.unlink(task);
    this.startTimes?.delete(task);
    if (task.outcome === 'fulfilled') this.fulfilled++;
    else if (task.outcome === 'failed') this.failed++;
    else this.cancelled++;
    this.view.taskDone?.(task);
    task.finish();
  }

  /** Nothing is left to run or wait for. */
  private idle(): boolean {
    return this.state !== 'finished' && this.busy === 0 && !this.body && this.live === 0 && this.bodyHolds === 0 &&
      this.queueHead === this.queue.length;
  }

  /** Finishes the group, once idle, and tells its subscriber (or the owner holding on) how it ended. */
  finish(): void {
    // A deferred finish may find things changed meanwhile: a new task, or an unsubscription whose
    // own step still waits. (Finishing towards a closed subscriber would lose the errors.)
    if (!this.idle()) return;
    if (!this.detached && this.destination.closed) {
      this.unsubscribed(); // finishes it as an unsubscribed group, errors to the owner holding on
      return;
    }
    this.state = 'finished';
    if (this.owner) ownedGroups.get(ownerKey(this.owner))?.delete(this);
    const { stopListening } = this;
    this.stopListening = undefined;
    if (stopListening) {
      try {
        stopListening(); // the user's signal: it may be a hostile AbortSignal-like
      } catch (error) {
        reportUnhandledError(error);
      }
    }
    const { errors, view, heldBy } = this;
    this.errors = undefined;
    // A finished group may outlive its subscription (a user can keep `tg`): let go of the view,
    // whose closures reach the body and everything it captured.
    this.view = FINISHED;
    this.emit('group-finished');
    if (this.detached) {
      heldBy?.group?.unhold(heldBy, errors);
    } else if (this.destination.closed) {
      if (errors) this.reportEach(errors); // unsubscribed by the listener of 'group-finished'
    } else if (errors) {
      this.destination.error(new TaskGroupError(errors));
    } else {
      view.beforeComplete?.(this.shutdownReason !== undefined);
      this.destination.complete();
    }
  }

  /** Records a failure; the first one (while open) shuts the group down. */
  private fail(error: unknown): void {
    if (this.unheard()) {
      reportUnhandledError(error);
      return;
    }
    (this.errors ??= []).push(error);
    if (this.state === 'open') this.shutdown(new TaskCancelledError(error));
  }

  /** Reports errors as themselves, opening the groups that holding made (not those a task failed with). */
  private reportEach(errors: unknown[]): void {
    for (const error of errors) {
      // `has` first: only the library's own groups are in the set, so no user value is inspected.
      if (handedOver.has(error as TaskGroupError) && error instanceof TaskGroupError) this.reportEach(error.errors);
      else if (this.unheard()) reportUnhandledError(error);
      else this.fail(error);
    }
  }

  /** Whether an error now has nowhere to go but `config.onUnhandledError`. */
  private unheard(): boolean {
    return this.state === 'finished' || (this.detached && !this.heldBy);
  }

  /** A `TaskCancelledError` arriving while the group shuts down is the echo of our own cancellation. */
  private failUnlessEcho(error: unknown): void {
    if (this.state !== 'open' && isCancellation(error)) return;
    this.fail(error);
  }

  /** Unsubscribes, collecting what teardowns throw. */
  private unsubscribeQuietly(subscriber: GuardedSubscriber<unknown>): void {
    try {
      subscriber.unsubscribe();
    } catch (error) {
      this.teardownFailed(error);
    }
    const errors = subscriber.takeTeardownErrors();
    if (errors) for (const error of errors) this.fail(error);
  }

  /**
   * What a teardown threw: each error one failure (rule 4), taken out of RxJS's
   * `UnsubscriptionError`. (RxJS builds that error's message with each error's `toString()`;
   * for a value that has none, such as `null`, RxJS itself throws a `TypeError` instead, and
   * that `TypeError` is what arrives here.)
   */
  private teardownFailed(error: unknown): void {
    if (isInstance(error, UnsubscriptionError)) for (const e of (error as UnsubscriptionError).errors) this.fail(e);
    else this.fail(error);
  }

  // ── Introspection ────────────────────────────────────────────────────────────────────────

  /**
   * `tg.snapshot()`: the group now, as plain data. From the first call on, tasks' start times are
   * kept. Iterative, not recursive: groups may be nested deeper than the stack (the engine runs
   * them on a trampoline), so each group's snapshot is made flat and the groups its tasks and its
   * body own are filled in from a work list.
   */
  snapshot(): TaskGroupSnapshot {
    /** Owners (a task, or a group for its body) whose owned groups are still to describe, each with where they go. */
    const pending: (object | TaskGroupSnapshot[])[] = [];
    const root = this.flatSnapshot(pending);
    while (pending.length > 0) {
      const into = pending.pop() as TaskGroupSnapshot[];
      const owner = pending.pop()!;
      const groups = ownedGroups.get(owner);
      if (groups) for (const group of groups) into.push(group.flatSnapshot(pending));
    }
    return root;
  }

  /** This group's snapshot with every `groups` empty; each owner whose groups belong there is added to `pending`. */
  private flatSnapshot(pending: (object | TaskGroupSnapshot[])[]): TaskGroupSnapshot {
    this.startTimes ??= new Map();
    const tasks: TaskSnapshot[] = [];
    for (let task = this.newest; task; task = task.older) tasks.push(this.describeTask(task, pending));
    const { queue } = this;
    for (let at = this.queueHead; at < queue.length; at += QUEUE_ENTRY) {
      if (!this.stillQueued(queue[at + 3] as TaskHandle<unknown> | undefined)) continue; // cancelled while queued
      const options = queue[at + 1] as TaskOptions | undefined;
      const index = queue[at + 2] as number;
      tasks.push({ name: taskName(options, index), index, state: 'queued', shield: options?.shield === true, groups: [] });
    }
    tasks.sort((a, b) => a.index - b.index);
    const groups: TaskGroupSnapshot[] = [];
    pending.push(this, groups);
    return {
      state: this.state,
      listening: !this.detached,
      tasks,
      done: { fulfilled: this.fulfilled, failed: this.failed, cancelled: this.cancelled },
      groups,
    };
  }

  private describeTask(task: TaskRef, pending: (object | TaskGroupSnapshot[])[]): TaskSnapshot {
    const groups: TaskGroupSnapshot[] = [];
    pending.push(task, groups);
    const snapshot: { -readonly [K in keyof TaskSnapshot]: TaskSnapshot[K] } = {
      name: task.name, index: task.index, state: SNAPSHOT_STATES[task.state], shield: task.shield, groups,
    };
    // Joining without a cancellation: it completed or failed, and waits for the groups it owns.
    if (task.state === TaskState.Joining && !task.tornDown) snapshot.state = 'finishing';
    const startTime = this.startTimes?.get(task);
    if (startTime !== undefined) snapshot.startTime = startTime;
    if (task.outcome) snapshot.outcome = task.outcome;
    if (task.outcome === 'failed') snapshot.error = describeError(task.failure);
    return snapshot;
  }

  // ── The live list ────────────────────────────────────────────────────────────────────────

  private link(task: TaskRef): void {
    task.older = this.newest;
    if (this.newest) this.newest.newer = task;
    this.newest = task;
    this.live++;
  }

  private unlink(task: TaskRef): void {
    const { older, newer } = task;
    if (older) older.newer = newer;
    if (newer) newer.older = older;
    else this.newest = older;
    task.older = task.newer = undefined;
    this.live--;
  }

  /** A copy, since cancelling one task may end others (shutdown runs once, so O(n) once). */
  private liveNewestFirst(): TaskRef[] {
    const tasks: TaskRef[] = [];
    for (let task = this.newest; task; task = task.older) tasks.push(task);
    return tasks;
  }

  // ── Events ───────────────────────────────────────────────────────────────────────────────

  /**
   * Tells `onEvent`, if there is one; called last in a step, when the state it describes is in
   * place. Small, so that it inlines: untraced groups pay one check per event, not a call.
   */
  private emit(type: TaskEventType, task?: TaskRef, value?: unknown, error?: unknown): void {
    if (this.config.onEvent) this.tell(type, task, value, error);
  }

  private tell(type: TaskEventType, task: TaskRef | EventTask | undefined, value: unknown, error: unknown): void {
    const { onEvent, scheduler } = this.config;
    const event: { type: TaskEventType; time: number; task?: { name: string; index: number }; value?: unknown; error?: unknown } =
      { type, time: scheduler.now() };
    if (task) event.task = { name: task.name, index: task.index };
    if (type === 'value' || (type === 'completed' && (task as TaskRef).hasValue)) event.value = value;
    if (error !== undefined) event.error = error;
    try {
      onEvent!(event);
    } catch (thrown) {
      reportUnhandledError(thrown); // a broken logger must not break the group
    }
  }
}

/** The body's subscriber: forwards to the group. */
class BodySubscriber extends GuardedSubscriber<unknown> {
  constructor(readonly group: Group) {
    super();
  }
  protected override _next(value: unknown): void {
    this.group.bodyValue(value);
  }
  protected override _error(error: unknown): void {
    this.group.bodyEnded(error, true);
  }
  protected override _complete(): void {
    this.group.bodyEnded();
  }
  /** Unsubscribed by the body's own code, it will never end: it has ended, as if it had completed. */
  override unsubscribe(): void {
    if (this.group.isBody(this)) this.group.bodyEnded();
    else super.unsubscribe();
  }
}

/** An `onCancel` cleanup's subscriber: its end (or its own code unsubscribing it) ends the task's cleanup. */
class CleanupSubscriber extends GuardedSubscriber<unknown> {
  constructor(
    readonly group: Group,
    readonly task: TaskRef,
  ) {
    super();
  }
  protected override _next(): void {
    // a cleanup's values mean nothing
  }
  protected override _error(error: unknown): void {
    this.group.cleanupEnded(this, true, error);
  }
  protected override _complete(): void {
    this.group.cleanupEnded(this, false);
  }
  override unsubscribe(): void {
    if (this.task.state === TaskState.Cleanup) this.group.cleanupEnded(this, false);
    else super.unsubscribe();
  }
}

const SNAPSHOT_STATES: Record<TaskState, TaskSnapshotState> = {
  [TaskState.Queued]: 'queued',
  [TaskState.Running]: 'running',
  [TaskState.Joining]: 'cancelling',
  [TaskState.Cleanup]: 'cleanup',
  [TaskState.Done]: 'done',
};

function ownerKey(owner: Owner): object {
  return owner instanceof BodySubscriber ? owner.group : owner;
}

// The trampoline's steps (plain functions with their arguments: no closure per step).

function begin(group: Group, body: () => ObservableInput<unknown> | void, where: string): void {
  group.begin(body, where);
}

function unsubscribed(group: Group): void {
  group.unsubscribed();
}

function finish(group: Group): void {
  group.finish();
}

function released(group: Group, task: TaskRef): void {
  group.release(task);
}

function expire(this: SchedulerAction<TaskRef>, task?: TaskRef): void {
  task!.group?.expire(task!);
}

/** An `onCancel`'s result as an Observable; a `TypeError` naming the task when it is not an ObservableInput. */
function fromCleanupResult(result: unknown, task: TaskRef): Observable<unknown> {
  try {
    if (result !== undefined && typeof result !== 'string') return from(result as ObservableInput<unknown>);
  } catch {
    // fall through to the error below
  }
  throw new TypeError(`task "${task.name}": its onCancel returned ${describeError(result)}, which is not an ObservableInput ` +
    '(return an Observable, a Promise, an array or iterable; EMPTY when there is nothing to wait for)');
}

function fromFactoryResult(result: unknown, task: TaskRef) {
  if (typeof result !== 'string') {
    try {
      return from(result as ObservableInput<unknown>);
    } catch {
      // fall through to the error below
    }
  }
  throw new TypeError(`task "${task.name}": its factory returned ${describeError(result)}, ` +
    'which is not an ObservableInput (an Observable, a Promise, an array or iterable)');
}
