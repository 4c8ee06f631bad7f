import type { Subscriber } from 'rxjs';
import { TaskCancelledError } from '../errors/task-cancelled-error';
import { TaskGroupError } from '../errors/task-group-error';
import type { TaskEventType, TaskInput, TaskOptions } from '../types';
import { runBody, type Body, type BodySubscriber } from './body-subscriber';
import { channel } from './channel';
import { tellEvent, type EventTask } from './group-events';
import { GroupSignals } from './group-signals';
import { FINISHED, type GroupView } from './group-view';
import type { GuardedSubscriber } from './guarded-subscriber';
import { handOver, holdOn, reportEach } from './holding';
import { LiveTasks } from './live-tasks';
import type { GroupConfig } from './options';
import { currentOwner, registerOwned, unregisterOwned, type Owner } from './owner';
import { reportUnhandledError } from './report-unhandled-error';
import type { TaskHandle } from './task-handle';
import { cancelRunning, cancelStep, dropQueued, dropStep } from './task-cancel';
import { afterJoin, failTask, joinTask, recordFailure } from './task-ending';
import { TaskQueue } from './task-queue';
import { taskName, TaskState, type TaskRef } from './task-ref';
import { toTaskSource } from './task-source';
import { dequeue, makeTask, startQueued, startTask } from './task-start';
import { nested } from './trampoline';
import { isCancellation } from './user-values';

/*
 * ── The state machine ──────────────────────────────────────────────────────────────────────
 *
 * Group (`Group.state`)
 *   open ──────────── first failure, tg.cancel(), options.signal, unsubscription ──▶ shutting-down
 *   open, shutting-down ── nothing left: no body, no live or queued task, no hold ──▶ finished
 *   `detached` (nobody listens any more: the subscriber unsubscribed) is orthogonal; a detached
 *   group finishes the same way, but hands its errors to the owner holding it, or reports each.
 *
 * Task (`TaskRef.state`; each arrow is one method of TaskRef; snapshots use the same names)
 *   queued ──start──▶ running ──end (completed, failed, or a TaskCancelledError)──▶ finishing
 *                     running ──tearDown (cancelled, timed out)──▶ cancelling
 *   finishing ──finish (no group it owns still finishing)──▶ done
 *   cancelling ──clean (its groups finished, it has an onCancel: children clean up first)──▶ cleanup
 *   cancelling ──finish (its groups finished, no onCancel)──▶ done
 *   cleanup ──finish (onCancel completed or failed)──▶ done
 *   queued ──drop, finish (a shutdown, task.cancel)──▶ done
 *   A queued task is an entry of the group's `TaskQueue`, not an object: it becomes a TaskRef
 *   (in state queued) when it is started or dropped, and takes its arrow at once. A finishing task
 *   that had completed fails instead (`failLate`) when a group it owned fails meanwhile.
 *   Finishing and cancelling wait on `holds` (see `Owner`): the groups the task owns that are still
 *   finishing, plus one of its own while the step that ended it runs.
 *   Where each arrow's bookkeeping (events, the live list, errors) is written: start in
 *   `task-start.ts`; end in `Group.taskCompleted` (the hot path) and `task-ending.ts` (a failure);
 *   tearDown and drop in `task-cancel.ts` (a timeout's in `task-timeout.ts`); the ways out of
 *   finishing and cancelling in `task-ending.ts`; clean in `cleanup-subscriber.ts`; done in
 *   `task-done.ts`. The body's side is `body-subscriber.ts`; a group let go by its owner is held
 *   as `holding.ts` says.
 *
 * Re-entrancy. User code runs inside many steps: an event listener, a factory, a subscribe
 * function, a teardown, an abort listener, the subscriber's own callbacks. Any of it may call back
 * into the group. So:
 *   - every step changes state first and calls out last, and re-reads state after each call-out;
 *   - every way in counts as busy (`enter`), and the group finishes only when the outermost way in
 *     leaves (`leave`): a group never finishes in the middle of a step, and `tg.signal` has
 *     aborted (it aborts inside the shutdown step) before a shut-down group reports;
 *   - an event is sent once its transition is complete: a listener that cancels or snapshots sees
 *     a task either queued or done, never both (the queue entry is taken before the drop).
 *
 * The boundary with user code (rule 10, rule 21). Nothing user code does may unbalance the
 * bookkeeping or cut a step short:
 *   - every way in is `enter(); try { … } catch { fail } finally { leave() }`: `busy` always
 *     comes back down, `pumping` is reset in a `finally`, and whatever escapes a step is one more
 *     failure of the group (`fail`), never thrown back into RxJS, which would drop it;
 *   - each call out is guarded where it is made: a body or factory that throws fails itself;
 *     `subscribeAs` catches what `subscribe()` threw (RxJS runs a teardown at once when the
 *     subscriber has already ended, and rethrows) and `unsubscribeQuietly` catches teardowns:
 *     both are teardown errors; every subscriber is a `GuardedSubscriber`, which keeps what
 *     teardown functions throw as it was thrown; `onEvent` is caught in `tellEvent`, `onCancel`
 *     in place; an error nobody can receive is reported through RxJS's timer, never synchronously;
 *   - user values are classified without trusting them (`user-values.ts`) and described without
 *     throwing (`describeError`);
 *   - code that unsubscribes its own subscriber cannot strand it: a task is cancelled, a body has
 *     ended, a cleanup is over (the `unsubscribe` of `TaskRef`, `BodySubscriber`, `CleanupSubscriber`).
 * Abort listeners are the one call out the engine cannot guard: the platform's `EventTarget`
 * reports what they throw (an `error` event in a browser, an uncaught exception in Node).
 */

type GroupState = 'open' | 'shutting-down' | 'finished';

/**
 * The engine: one subscription to a group's Observable. It owns the state machine above, the
 * tasks, cancellation order, the waiting for cleanups, shielded tasks and owned groups, and the
 * errors. The public functions are thin views of it; `introspection.ts` reads it for snapshots.
 */
export class Group {
  /** Read by `tg.createTask`, which refuses new tasks once the group is no longer open. */
  state: GroupState = 'open';
  /** The subscriber unsubscribed: nobody hears the outcome; errors go to the owner or `onUnhandledError`. */
  detached = false;
  /** The body's subscriber, once the body returned an Observable. */
  body: BodySubscriber | undefined = undefined;
  readonly live = new LiveTasks();
  readonly queue = new TaskQueue();
  /** Tasks done, by outcome (what a snapshot says of the tasks the group has let go of). */
  fulfilled = 0;
  failed = 0;
  cancelled = 0;
  /** When each live task started; kept once the group is traced (`onEvent`, or a first snapshot). */
  startTimes: Map<TaskRef, number> | undefined = undefined;
  /** Failures, in order; created on the first. */
  private errors: unknown[] | undefined = undefined;
  /** How many ways in are running (see `enter`); the group finishes only at 0. */
  private busy = 0;
  /** Queued tasks are being started (see `startQueued`). */
  pumping = false;
  private nextIndex = 0;
  private readonly signals = new GroupSignals();
  /** The task or body this group belongs to, if any (see `Owner`). */
  readonly owner: Owner | undefined;
  /** Unsubscribed by its owner, which now waits for this group to finish and takes its errors. */
  private heldBy: Owner | undefined = undefined;

  constructor(
    private readonly destination: Subscriber<unknown>,
    readonly config: GroupConfig,
    /** What makes each operator different (see `GroupView`). (Read by the engine's parts.) */
    public view: GroupView,
  ) {
    const owner = (this.owner = config.owner?.task ?? currentOwner());
    if (owner) registerOwned(owner, this);
    if (config.onEvent) this.startTimes = new Map();
    // Rule 26: process-wide listeners (`subscribeToTaskGroups`); while there is none, one test and nothing else.
    channel.hook?.started(this, config);
  }

  // ── Ways in ──────────────────────────────────────────────────────────────────────────────
  // Each is `enter(); try { …the step… } catch (error) { this.fail(error); } finally { this.leave(); }`
  // (what escapes a step is one more failure of the group, never thrown back, never lost): written
  // out in the hot ones (a task's start, values and completion; the body's values), through `run`
  // elsewhere.

  /** Runs `step` as a way in (the engine's parts, such as `CleanupSubscriber`, run their steps through it too). */
  run<A, B>(step: (this: Group, a: A, b: B) => void, a: A, b: B): void {
    this.enter();
    try {
      step.call(this, a, b);
    } catch (error) {
      this.fail(error);
    } finally {
      this.leave();
    }
  }

  /** A way in starts (also written out by `BodySubscriber`, on the body's values). */
  enter(): void {
    this.busy++;
  }

  /** The step is over; the outermost one brings the group to rest. (Small, so that it inlines.) */
  leave(): void {
    if (--this.busy === 0) this.atRest();
  }

  /** Between steps: start what can start, and finish the group if nothing is left. */
  private atRest(): void {
    this.busy++; // starting queued tasks runs user code too
    try {
      startQueued(this);
    } catch (error) {
      this.fail(error);
    } finally {
      this.busy--;
    }
    // Through the trampoline: a synchronous completion climbs every level of nesting at once.
    if (this.idle()) nested(finish, this, undefined, undefined);
  }

  /** `tg.cancel(reason)`, or `options.signal` aborting: shut down, then complete without error. */
  cancel(reason?: unknown): void {
    if (this.state === 'open') this.run(this.shutdown, reason, undefined);
  }

  /** `tg.signal`: created when first asked for, aborted at shutdown. */
  get signal(): AbortSignal {
    return this.signals.signal;
  }

  // ── Starting ─────────────────────────────────────────────────────────────────────────────

  /** Starts this subscription's group, once; nested groups start on the trampoline (`nested`). */
  start(body: Body, where: string): void {
    nested(begin, this, body, where);
  }

  /** Runs the body (through `start`; not called otherwise). */
  begin(body: Body, where: string): void {
    if (this.destination.closed) return; // a deferred start, unsubscribed meanwhile
    // First, so that an unsubscription during the synchronous start already cancels everything.
    this.destination.add(() => nested(unsubscribed, this, undefined, undefined));
    this.run(this.runBody, body, where); // a way in: the group cannot finish before the body returns
  }

  private runBody(body: Body, where: string): void {
    const { signal } = this.config;
    if (signal?.aborted) {
      this.shutdown(signal.reason); // the body never runs
      return;
    }
    if (signal) this.signals.listen(signal, () => this.cancel(signal.reason));
    runBody(this, body, where);
  }

  /**
   * Makes a task, while the group is open: starts it now, or queues it when no slot is free.
   * (`tg.createTask` checks the state and the options first; the views spawn only while open.)
   */
  spawn<T>(input: TaskInput<T>, options: TaskOptions | undefined, where: string, handle?: TaskHandle<T>): void {
    const source = toTaskSource(input, where); // before taking an index: a rejected task is no task
    const index = this.nextIndex++;
    if (handle) handle.index = index;
    this.enter();
    try {
      if (this.live.size < this.config.concurrency && this.queue.empty) {
        startTask(this, makeTask(this, options, index, handle), source);
      } else {
        this.queue.push(source, options, index, handle); // before the event, whose listener may shut the group down
        if (handle) handle.group = this;
        if (this.config.onEvent || channel.hook) tellEvent(this, this.config, 'queued', { name: taskName(options, index), index }, undefined, undefined);
      }
    } catch (error) {
      this.fail(error);
    } finally {
      this.leave();
    }
  }

  // ── Notifications from the body and the tasks ────────────────────────────────────────────

  taskValue(task: TaskRef, value: unknown): void {
    this.enter();
    try {
      this.emit('value', task, value);
      if (task.state === TaskState.Running) this.view.taskValue?.(task, value);
    } catch (error) {
      this.fail(error);
    } finally {
      this.leave();
    }
  }

  taskCompleted(task: TaskRef): void {
    this.enter();
    try {
      task.end('fulfilled');
      this.emit('completed', task, task.value);
      joinTask(this, task);
    } catch (error) {
      this.fail(error);
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
    this.run(failTask, task, error);
  }

  /** A task that had completed, finishing: a group it owned failed meanwhile, so it fails instead. */
  taskFailedLate(task: TaskRef, member: TaskGroupError): void {
    task.failLate(member);
    recordFailure(this, task, member);
  }

  /**
   * An error a task delivered once it was no longer running (say, from an abort listener while it
   * was being cancelled). A torn-down task's `TaskCancelledError` is the echo of its own
   * cancellation, not an error (rule 20); anything else is one more failure (rule 4).
   */
  errorWhileEnding(task: TaskRef, error: unknown): void {
    if (!(task.tornDown && isCancellation(error))) this.run(this.failUnlessEcho, error, task);
  }

  // ── Cancellation ─────────────────────────────────────────────────────────────────────────

  /** `task.cancel(reason)` of a started task: this task only; no error for the group. */
  cancelTask(task: TaskRef, reason: unknown): boolean {
    if (task.state !== TaskState.Running) return false;
    this.run(cancelStep, task, new TaskCancelledError(reason));
    return true;
  }

  /** `task.cancel(reason)` of a queued task: it is done at once; its entry is skipped later (see `TaskQueue`). */
  cancelQueued(handle: TaskHandle<unknown>, reason: unknown): boolean {
    if (handle.group !== this) return false;
    this.run(dropStep, makeTask(this, handle.options, handle.index, handle), new TaskCancelledError(reason));
    return true;
  }

  /**
   * The first failure, a cancel or an unsubscription: abort `tg.signal`, cancel the body, then
   * every running unshielded task newest first, and drop the queue. Cleanups, shielded tasks and
   * owned groups go on; the group finishes once they are over. Always called inside a way in.
   */
  private shutdown(cause: unknown): void {
    const reason = new TaskCancelledError(cause);
    this.state = 'shutting-down';
    this.emit('group-shutdown');
    this.signals.abort(reason);
    // The body first. One still running synchronously is not subscribed yet: `begin` sees the
    // state when it returns, and what it returned never starts.
    this.body?.cancel();
    for (const task of this.live.newestFirst()) {
      if (task.state === TaskState.Running && !task.shield) cancelRunning(this, task, reason);
    }
    while (!this.queue.empty) {
      const task = dequeue(this); // off the queue before its `cancelled` event
      if (task) dropQueued(this, task, reason);
    }
  }

  /** The destination unsubscribed (or the group finished, in which case there is nothing to do). */
  unsubscribed(): void {
    if (this.state !== 'finished' && !this.detached) this.run(this.detach, undefined, undefined);
  }

  private detach(): void {
    this.detached = true;
    this.heldBy = holdOn(this.owner);
    if (!this.heldBy && this.errors) {
      // Collected, never delivered: nobody will receive them now, so each is reported as itself.
      const { errors } = this;
      this.errors = undefined;
      reportEach(this, errors);
    }
    if (this.state === 'open') this.shutdown(undefined);
  }

  /** A task nothing holds any more (`TaskRef.released`): its cleanup or its end, as a way in. */
  taskReleased(task: TaskRef): void {
    if (task.ending) this.run(afterJoin, task, undefined);
  }

  // ── Finishing ────────────────────────────────────────────────────────────────────────────

  /** Nothing is left to run or wait for. */
  private idle(): boolean {
    const { body } = this;
    return this.state !== 'finished' && this.busy === 0 && this.live.size === 0 && this.queue.empty &&
      (!body || (body.ended && body.holds === 0));
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
    if (this.owner) unregisterOwned(this.owner, this);
    this.signals.forget();
    const { errors, view, heldBy } = this;
    this.errors = undefined;
    // A finished group may outlive its subscription (a user can keep `tg`): let go of the view,
    // whose closures reach the body and everything it captured.
    this.view = FINISHED;
    this.emit('group-finished');
    if (this.detached) {
      if (heldBy) handOver(heldBy, errors);
    } else if (this.destination.closed) {
      if (errors) reportEach(this, errors); // unsubscribed by the listener of 'group-finished'
    } else if (errors) {
      this.destination.error(new TaskGroupError(errors));
    } else {
      view.beforeComplete?.(this.signals.reason !== undefined);
      this.destination.complete();
    }
  }

  // ── Errors ───────────────────────────────────────────────────────────────────────────────

  /**
   * Records a failure; the first one (while open) shuts the group down, unless the group keeps
   * going (`failurePolicy: 'keep-going'`: a task's failure cancels no sibling and leaves the group
   * open; the failures are reported together when it ends). (Also called by the engine's parts.)
   */
  fail(error: unknown, task?: TaskRef): void {
    if (this.unheard()) {
      reportUnhandledError(error);
      return;
    }
    const { keepGoing, onError } = this.config;
    if (keepGoing && onError) {
      tellOnError(onError, error, task); // handled as it happens: not the group's to report
      return;
    }
    (this.errors ??= []).push(error);
    if (this.state === 'open' && !keepGoing) this.shutdown(error);
  }

  /**
   * The body's own failure (its throw or error, or what it returned): it shuts the group down
   * whatever the policy, as a supervisor's own failure fails it (Kotlin's `supervisorScope`).
   */
  failBody(error: unknown): void {
    if (this.state !== 'open' && isCancellation(error)) return; // the echo of the group's own shutdown
    if (this.unheard()) {
      reportUnhandledError(error);
      return;
    }
    (this.errors ??= []).push(error);
    if (this.state === 'open') this.shutdown(error);
  }

  /** Whether an error now has nowhere to go but `config.onUnhandledError`. */
  unheard(): boolean {
    return this.state === 'finished' || (this.detached && !this.heldBy);
  }

  /** A `TaskCancelledError` arriving while the group shuts down is the echo of our own cancellation. */
  failUnlessEcho(error: unknown, task?: TaskRef): void {
    if (this.state !== 'open' && isCancellation(error)) return;
    this.fail(error, task);
  }

  /** Unsubscribes; each error a teardown throws is one failure (rule 4). (Also called by the engine's parts.) */
  unsubscribeQuietly(subscriber: GuardedSubscriber<unknown>): void {
    this.failEach(subscriber.unsubscribeCollecting(), subscriber.task);
  }

  /** Each error a teardown threw is one failure (rule 4). */
  failEach(errors: unknown[] | undefined, task: TaskRef | undefined): void {
    if (errors) for (const error of errors) this.fail(error, task);
  }

  // ── Events ───────────────────────────────────────────────────────────────────────────────

  /** Tells `onEvent` and the process-wide listeners (rule 26), if any. Small, so that it inlines: untraced groups pay two checks per event. (Also called by the engine's parts.) */
  emit(type: TaskEventType, task?: EventTask, value?: unknown, error?: unknown): void {
    if (this.config.onEvent || channel.hook) tellEvent(this, this.config, type, task, value, error);
  }
}

/** Hands one failure to `options.onError` (under `'keep-going'`); what it throws is reported, never thrown into the group. */
function tellOnError(onError: NonNullable<GroupConfig['onError']>, error: unknown, task: TaskRef | undefined): void {
  try {
    onError(error, task && { name: task.name, index: task.index });
  } catch (thrown) {
    reportUnhandledError(thrown);
  }
}

// The trampoline's steps (plain functions with their arguments: no closure per step).

function begin(group: Group, body: Body, where: string): void {
  group.begin(body, where);
}

function unsubscribed(group: Group): void {
  group.unsubscribed();
}

function finish(group: Group): void {
  group.finish();
}
