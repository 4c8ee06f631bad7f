import {
  from,
  Subscriber,
  UnsubscriptionError,
  type Observable,
  type ObservableInput,
  type Observer,
  type SchedulerAction,
  type Subscription,
} from 'rxjs';
import { TaskCancelledError } from '../errors/task-cancelled-error';
import { TaskGroupError } from '../errors/task-group-error';
import { TaskTimeoutError } from '../errors/task-timeout-error';
import type { TaskEventType, TaskInput, TaskOptions } from '../types';
import { describeError } from './describe';
import type { GroupConfig } from './options';
import { reportUnhandledError } from './report-unhandled-error';
import { TaskContextImpl, TaskRef, TaskState, type TaskSource } from './task-ref';
import { nested } from './trampoline';

/**
 * What makes `withTaskGroup`, `taskGroup` and `cancelSiblingsOnError` different: where the
 * body's values go, what happens to task values and outcomes, and what is emitted on success.
 * Everything else (starting, queueing, cancelling, awaiting, collecting errors) is the group's.
 */
export interface GroupView {
  /** `gather(return_exceptions=True)`: a task's failure is its outcome, not the group's. */
  readonly settle?: boolean;
  /** A value of the body's Observable. Throwing fails the body. */
  bodyValue(group: Group, value: unknown): void;
  taskValue?(task: TaskRef, value: unknown): void;
  /** A task is done, whatever its outcome (queued tasks dropped by a shutdown included). */
  taskDone?(task: TaskRef): void;
  /** The group is about to complete without error; `cancelled` after `tg.cancel` or the signal. */
  beforeComplete?(cancelled: boolean): void;
}

type GroupState = 'open' | 'shutting-down' | 'finished';

/** The view of a finished group: nothing is left to do. */
const FINISHED: GroupView = { bodyValue: () => undefined };

/**
 * What a group may be subscribed inside: a task of another group, or another group's body.
 * When the owner cancels it (unsubscribes it) while its cleanups or shielded tasks still run,
 * the owner holds on for them and collects their errors, so cancellation awaits cleanups across
 * nesting, as Python's does.
 */
type Owner = TaskRef | BodySubscriber;

/** The `TaskGroupError`s made to hand a cancelled nested group's errors to its owner. */
const handedOver = new WeakSet<TaskGroupError>();

/** The owner whose subscription is being made right now (RxJS subscribes synchronously). */
let currentOwner: Owner | undefined;

function subscribeAs(owner: Owner | undefined, observable: Observable<unknown>, subscriber: Partial<Observer<unknown>>): void {
  const previous = currentOwner;
  currentOwner = owner;
  try {
    observable.subscribe(subscriber);
  } finally {
    currentOwner = previous;
  }
}

/**
 * The engine: one subscription to a group's Observable. It owns the state machine
 * (open → shutting down → finished), the tasks, the queue, cancellation order, the waiting for
 * cleanups and shielded tasks, and the errors. The public functions are thin views of it.
 *
 * Re-entrancy is the rule here, not the exception: a task may complete, fail or create tasks
 * synchronously inside the call that started it, so every method leaves the state consistent
 * before it calls out, and only `advance()` (never called while sweeping) finishes the group.
 */
export class Group {
  /** Read by `tg.createTask`, which refuses new tasks once the group is no longer open. */
  state: GroupState = 'open';
  /** Failures, in order; created on the first. */
  private errors: unknown[] | undefined;
  /** The subscriber unsubscribed: nobody hears the outcome; errors go to `onUnhandledError`. */
  private detached = false;
  /** Shut down by `cancel()` / the signal rather than by a failure. */
  private cancelled = false;
  /** Inside `shutdown()`'s sweep: nothing may finish the group before it is over. */
  private sweeping = false;
  private body: BodySubscriber | undefined;
  private bodyDone = false;
  /** The newest live task (started, not done): a doubly linked list for O(1) removal. */
  private newest: TaskRef | undefined;
  private live = 0;
  /** FIFO of queued tasks; `queueHead` moves instead of `shift()`, which is O(n). */
  private queue: TaskRef[] = [];
  private queueHead = 0;
  private pumping = false;
  private nextIndex = 0;
  private controller: AbortController | undefined;
  private shutdownReason: TaskCancelledError | undefined;
  private stopListening: (() => void) | undefined;
  /** The task or body this group runs inside, if any (see {@link Owner}). */
  private readonly owner = currentOwner;
  /** Unsubscribed by its owner, which now waits for this group to finish and takes its errors. */
  private heldBy: Owner | undefined;
  /** Nested groups of the body, cancelled but still finishing. */
  private bodyHolds = 0;

  constructor(
    private readonly destination: Subscriber<unknown>,
    private readonly config: GroupConfig,
    private view: GroupView,
  ) {}

  // ── What `tg` and `options.signal` reach ─────────────────────────────────────────────────

  /** `tg.cancel(reason)`, or `options.signal` aborting: shut down, then complete without error. */
  cancel(reason?: unknown): void {
    if (this.state !== 'open') return;
    this.cancelled = true;
    this.shutdown(new TaskCancelledError(reason));
    this.advance();
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

  /** Whether the subscriber has gone already: a deferred start is then skipped. */
  get unsubscribedBeforeStart(): boolean {
    return this.destination.closed;
  }

  /** Runs the body (through `start`; not called otherwise). */
  begin(body: () => ObservableInput<unknown> | void, where: string): void {
    // First, so that an unsubscription during the synchronous start already cancels everything.
    // Through the trampoline: unsubscribing a deeply nested group reaches every level at once.
    this.destination.add(() => nested(unsubscribed, this, undefined, undefined));
    const { signal } = this.config;
    if (signal) {
      if (signal.aborted) {
        this.bodyDone = true; // an already-aborted signal: the body never runs
        this.cancel(signal.reason);
        return;
      }
      const onAbort = () => this.cancel(signal.reason);
      signal.addEventListener('abort', onAbort);
      this.stopListening = () => signal.removeEventListener('abort', onAbort);
    }
    let input: ObservableInput<unknown> | void;
    try {
      input = body();
    } catch (error) {
      this.bodyDone = true;
      this.fail(error);
      this.advance();
      return;
    }
    // Cancelled or failed while the body ran synchronously: what it returned never starts.
    if (input !== undefined && this.state === 'open') this.subscribeBody(input, where);
    else this.bodyDone = true;
    this.advance();
  }

  private subscribeBody(input: ObservableInput<unknown>, where: string): void {
    let source;
    try {
      source = from(input);
    } catch {
      this.bodyDone = true;
      this.fail(new TypeError(`${where}: the body returned ${describeError(input)}, which is not an ObservableInput ` +
        '(return an Observable, a Promise, an array or iterable, or nothing)'));
      return;
    }
    // Created before subscribing, so a synchronous failure can already unsubscribe it.
    this.body = new BodySubscriber(this);
    subscribeAs(this.body, source, this.body);
  }

  /**
   * Makes a task, while the group is open: starts it now, or queues it when no slot is free.
   * (`tg.createTask` checks the state and the options first; the operators spawn only while open.)
   */
  spawn<T>(input: TaskInput<T>, options: TaskOptions | undefined, where: string): TaskRef<T> {
    const source = toTaskSource(input, where); // before taking an index: a rejected task is no task
    const task = new TaskRef<T>(this, this.nextIndex++, source, options);
    if (this.live < this.config.concurrency && this.queueHead === this.queue.length) {
      this.startTask(task);
    } else {
      this.queue.push(task);
      this.emit('queued', task);
    }
    return task;
  }

  private startTask(task: TaskRef): void {
    task.state = TaskState.Running;
    this.link(task);
    this.emit('started', task);
    const source = task.source!;
    task.source = undefined;
    let observable;
    try {
      observable = typeof source === 'function' ? fromFactoryResult(source(new TaskContextImpl(task)), task) : source;
    } catch (error) {
      task.error(error); // a factory that throws, or returns no ObservableInput: the task fails
      return;
    }
    subscribeAs(task, observable, task);
    const timeout = task.options?.timeout ?? this.config.timeout;
    if (task.state === TaskState.Running && timeout !== Infinity) {
      task.timer = this.config.scheduler.schedule(expire, timeout, task);
    }
  }

  /** Starts queued tasks while slots are free. A loop, not recursion: a million synchronous tasks at concurrency 1 stay flat. */
  private pump(): void {
    const { queue, config } = this;
    if (this.pumping || this.queueHead === queue.length) return; // nothing queued: the common case
    this.pumping = true;
    while (this.state === 'open' && this.live < config.concurrency && this.queueHead < queue.length) {
      const task = queue[this.queueHead];
      queue[this.queueHead++] = undefined!; // let go of it
      if (task.state === TaskState.Queued) this.startTask(task); // else cancelled while queued
    }
    if (this.queueHead === queue.length) {
      queue.length = 0;
      this.queueHead = 0;
    } else if (this.queueHead > 1024 && this.queueHead * 2 > queue.length) {
      queue.splice(0, this.queueHead); // amortised O(1) per task
      this.queueHead = 0;
    }
    this.pumping = false;
  }

  // ── Notifications from the body and the tasks ────────────────────────────────────────────

  bodyValue(value: unknown): void {
    if (this.state !== 'open') return; // emitted while being cancelled: dropped
    try {
      this.view.bodyValue(this, value);
    } catch (error) {
      this.bodyFailed(error);
    }
  }

  bodyFailed(error: unknown): void {
    this.releaseBody();
    this.failUnlessEcho(error);
    this.advance();
  }

  bodyCompleted(): void {
    this.releaseBody();
    this.advance();
  }

  taskValue(task: TaskRef, value: unknown): void {
    this.emit('value', task, value);
    this.view.taskValue?.(task, value);
  }

  taskCompleted(task: TaskRef): void {
    task.state = TaskState.Done;
    task.status = 'fulfilled';
    this.emit('completed', task, task.value);
    this.settle(task);
    this.advance();
  }

  taskFailed(task: TaskRef, error: unknown): void {
    task.state = TaskState.Done; // out of the sweep's way
    // Rule 8: the body and the siblings are cancelled before the task's handle reports.
    this.recordFailure(task, error);
    this.settle(task);
    this.advance();
  }

  /** A task's own failure (its error or its timeout) is its outcome, and the group's failure unless settling. */
  private recordFailure(task: TaskRef, error: unknown): void {
    task.status = 'failed';
    task.failure = error;
    this.emit('failed', task, undefined, error);
    if (!this.view.settle) this.failUnlessEcho(error);
  }

  /** An error the body or a task delivered while being cancelled (say, from an abort listener). */
  errorWhileCancelling(error: unknown): void {
    this.failUnlessEcho(error);
  }

  // ── Cancellation ─────────────────────────────────────────────────────────────────────────

  /** `task.cancel(reason)`: this task only; no error for the group. */
  cancelTask(task: TaskRef, reason: unknown): boolean {
    if (task.state === TaskState.Queued) {
      this.dropQueued(task, new TaskCancelledError(reason));
      this.advance();
      return true;
    }
    if (task.state !== TaskState.Running) return false;
    this.cancelRunning(task, new TaskCancelledError(reason));
    this.advance();
    return true;
  }

  /** A task's timeout expired: it is cancelled (cleanup awaited) and fails with `TaskTimeoutError`. */
  expire(task: TaskRef): void {
    if (task.state !== TaskState.Running) return;
    const timeout = task.options?.timeout ?? this.config.timeout;
    const error = new TaskTimeoutError(timeout, task.name);
    task.timer = undefined;
    this.tearDown(task, new TaskCancelledError(error));
    this.recordFailure(task, error);
    this.startCleanup(task);
    this.advance();
  }

  /**
   * The first failure, a cancel or an unsubscription: abort `tg.signal`, cancel the body, then
   * every running unshielded task newest first, and drop the queue. Cleanups and shielded tasks
   * go on; `advance()` finishes the group once they are over.
   */
  private shutdown(reason: TaskCancelledError): void {
    this.state = 'shutting-down';
    this.shutdownReason = reason;
    this.emit('group-shutdown');
    this.sweeping = true;
    this.controller?.abort(reason);
    // The body first. One still running synchronously is not subscribed yet: `start` sees the
    // state when it returns, and what it returned never starts.
    this.releaseBody();
    for (const task of this.liveNewestFirst()) {
      if (task.state === TaskState.Running && !task.shield) this.cancelRunning(task, reason);
    }
    const { queue } = this;
    for (let i = this.queueHead; i < queue.length; i++) {
      if (queue[i].state === TaskState.Queued) this.dropQueued(queue[i], reason);
    }
    queue.length = 0;
    this.queueHead = 0;
    this.sweeping = false;
  }

  /** Cancels a running task (rule 3): tear it down, say so, then run its cleanup. */
  private cancelRunning(task: TaskRef, reason: TaskCancelledError): void {
    this.tearDown(task, reason);
    this.emit('cancelled', task, undefined, reason);
    this.startCleanup(task);
  }

  /** Cancelling a task: abort its signal, then unsubscribe it. Its cleanup comes after. */
  private tearDown(task: TaskRef, reason: TaskCancelledError): void {
    task.state = TaskState.Cancelling;
    task.holds = 1; // the cancellation's own, released when its cleanup (if any) is over
    task.status = 'cancelled';
    task.failure = reason;
    task.timer?.unsubscribe();
    task.timer = undefined;
    task.abort(reason);
    this.unsubscribeQuietly(task);
  }

  /** Runs a torn-down task's `onCancel`; the task is done once it and any nested group it holds have finished. */
  private startCleanup(task: TaskRef): void {
    const onCancel = task.options?.onCancel;
    if (!onCancel) {
      this.release(task);
      return;
    }
    this.emit('cleanup-started', task);
    let cleanup;
    try {
      cleanup = from(onCancel(task.cancelReason!));
    } catch (error) {
      this.cleanupEnded(task, true, error); // threw, or returned no ObservableInput
      return;
    }
    subscribeAs(undefined, cleanup, {
      error: error => this.cleanupEnded(task, true, error),
      complete: () => this.cleanupEnded(task, false),
    });
  }

  private cleanupEnded(task: TaskRef, failed: boolean, error?: unknown): void {
    this.emit('cleanup-finished', task, undefined, failed ? error : undefined);
    if (failed) this.fail(error);
    this.release(task);
    this.advance();
  }

  /** One thing a cancelled task waits for is over (its cleanup, or a nested group); done when none is left. */
  private release(task: TaskRef): void {
    if (--task.holds === 0) this.settle(task);
  }

  /** A nested group of this owner was cancelled but has cleanups to finish: wait for it. */
  hold(owner: Owner): boolean {
    if (owner instanceof BodySubscriber) {
      if (this.state === 'finished') return false;
      this.bodyHolds++;
      return true;
    }
    if (owner.state !== TaskState.Cancelling) return false;
    owner.holds++;
    return true;
  }

  /** That nested group has finished; its errors are one member (a `TaskGroupError`) of this group's. */
  unhold(owner: Owner, errors: unknown[] | undefined): void {
    if (errors) {
      if (this.unheard()) {
        this.reportEach(errors); // nobody hears this group any more: each error as itself
      } else {
        const nested = new TaskGroupError(errors);
        handedOver.add(nested);
        this.fail(nested);
      }
    }
    if (owner instanceof BodySubscriber) this.bodyHolds--;
    else this.release(owner);
    this.advance();
  }

  private dropQueued(task: TaskRef, reason: TaskCancelledError): void {
    task.state = TaskState.Done;
    task.status = 'cancelled';
    task.failure = reason;
    task.abort(reason);
    this.emit('cancelled', task, undefined, reason);
    this.reportDone(task);
  }

  private releaseBody(): void {
    const body = this.body;
    if (!body) return;
    this.body = undefined;
    this.bodyDone = true;
    this.unsubscribeQuietly(body);
  }

  /** The destination unsubscribed (or the group finished, in which case there is nothing to do). */
  unsubscribed(): void {
    if (this.state === 'finished') return;
    this.detached = true;
    const { owner } = this;
    if (owner?.group?.hold(owner)) this.heldBy = owner;
    if (this.state === 'open') this.shutdown(new TaskCancelledError(undefined));
    this.advance();
  }

  // ── Finishing ────────────────────────────────────────────────────────────────────────────

  /** A task is done: leave the live list, free its slot, report its outcome. */
  private settle(task: TaskRef): void {
    task.state = TaskState.Done;
    task.timer?.unsubscribe();
    task.timer = undefined;
    this.unlink(task);
    this.unsubscribeQuietly(task); // runs the finished Observable's teardown
    this.reportDone(task);
  }

  /** Tells the view, then the task (and through it its handle), that the task is done. */
  private reportDone(task: TaskRef): void {
    this.view.taskDone?.(task);
    task.settled();
  }

  /** Starts what can start and finishes the group when nothing is left. */
  private advance(): void {
    this.pump();
    // Through the trampoline: a synchronous completion climbs every level of nesting at once.
    if (this.idle()) nested(finish, this, undefined, undefined);
  }

  /** Nothing is left to run or wait for. */
  private idle(): boolean {
    return this.state !== 'finished' && !this.sweeping && this.bodyDone && this.live === 0 && this.bodyHolds === 0 &&
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
    this.stopListening?.();
    this.stopListening = undefined;
    this.emit('group-finished');
    const { errors, view, heldBy } = this;
    this.errors = undefined;
    // A finished group may outlive its subscription (a user can keep `tg`): let go of the view,
    // whose closures reach the body and everything it captured.
    this.view = FINISHED;
    if (this.detached) {
      heldBy?.group?.unhold(heldBy, errors);
    } else if (errors) {
      this.destination.error(new TaskGroupError(errors));
    } else {
      view.beforeComplete?.(this.cancelled);
      this.destination.complete();
    }
  }

  /** Records a failure; the first one (while open) shuts the group down. */
  private fail(error: unknown): void {
    if (this.unheard()) {
      reportUnhandledError(error, this.config.scheduler);
      return;
    }
    (this.errors ??= []).push(error);
    if (this.state === 'open') this.shutdown(new TaskCancelledError(error));
  }

  /** Reports errors as themselves, opening the groups that holding made (not those a task failed with). */
  private reportEach(errors: unknown[]): void {
    for (const error of errors) {
      if (error instanceof TaskGroupError && handedOver.has(error)) this.reportEach(error.errors);
      else this.fail(error);
    }
  }

  /** Whether an error now has nowhere to go but `config.onUnhandledError`. */
  private unheard(): boolean {
    return this.state === 'finished' || (this.detached && !this.heldBy);
  }

  /** A `TaskCancelledError` arriving while the group shuts down is the echo of our own cancellation. */
  private failUnlessEcho(error: unknown): void {
    if (this.state !== 'open' && error instanceof TaskCancelledError) return;
    this.fail(error);
  }

  /** Unsubscribes, collecting what teardowns throw (unwrapped from `UnsubscriptionError`). */
  private unsubscribeQuietly(subscription: Subscription): void {
    try {
      subscription.unsubscribe();
    } catch (error) {
      for (const e of error instanceof UnsubscriptionError ? error.errors : [error]) this.fail(e);
    }
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

  /** A snapshot, since cancelling one task may end others (shutdown runs once, so O(n) once). */
  private liveNewestFirst(): TaskRef[] {
    const tasks: TaskRef[] = [];
    for (let task = this.newest; task; task = task.older) tasks.push(task);
    return tasks;
  }

  // ── Events ───────────────────────────────────────────────────────────────────────────────

  private emit(type: TaskEventType, task?: TaskRef, value?: unknown, error?: unknown): void {
    const { onEvent, scheduler } = this.config;
    if (!onEvent) return;
    const event: { type: TaskEventType; time: number; task?: { name: string; index: number }; value?: unknown; error?: unknown } =
      { type, time: scheduler.now() };
    if (task) event.task = { name: task.name, index: task.index };
    if (type === 'value' || (type === 'completed' && task?.hasValue)) event.value = value;
    if (error !== undefined) event.error = error;
    try {
      onEvent(event);
    } catch (thrown) {
      reportUnhandledError(thrown, scheduler); // a broken logger must not break the group
    }
  }
}

/** The body's subscriber: forwards to the group. */
class BodySubscriber extends Subscriber<unknown> {
  constructor(readonly group: Group) {
    super();
  }
  protected override _next(value: unknown): void {
    this.group.bodyValue(value);
  }
  protected override _error(error: unknown): void {
    this.group.bodyFailed(error);
  }
  protected override _complete(): void {
    this.group.bodyCompleted();
  }
}

function begin(group: Group, body: () => ObservableInput<unknown> | void, where: string): void {
  if (!group.unsubscribedBeforeStart) group.begin(body, where); // deferred, and unsubscribed meanwhile: skip
}

function unsubscribed(group: Group): void {
  group.unsubscribed();
}

function finish(group: Group): void {
  group.finish();
}

function expire(this: SchedulerAction<TaskRef>, task?: TaskRef): void {
  task!.group?.expire(task!);
}

/** Checks a task argument at `createTask` time: a factory, or something `from()` accepts (not a string). */
function toTaskSource<T>(input: TaskInput<T>, where: string): TaskSource<T> {
  if (typeof input === 'function') return input;
  if (typeof input === 'string') {
    throw new TypeError(`${where}: a string is not a task (it would emit its characters); wrap a value in of(…)`);
  }
  try {
    return from(input);
  } catch {
    throw new TypeError(`${where}: expected an Observable, a Promise, an array or iterable, or a function returning one; ` +
      `got ${describeError(input)}`);
  }
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
