import { from, type ObservableInput } from 'rxjs';
import { describeError } from './describe';
import type { Group } from './group';
import { NOTHING, Owner, subscribeAs } from './owner';

/** What a group runs as its body: `withTaskGroup`'s function, or an operator's `() => source`. */
export type Body = () => ObservableInput<unknown> | void;

/**
 * The subscriber of a group's body (`withTaskGroup`'s returned Observable, an operator's source):
 * its values go to the group's view, its end or failure ends the body, and it owns the groups
 * subscribed inside the body (see `Owner`). It outlives the body's Observable for as long as a
 * group it owns is still finishing.
 */
export class BodySubscriber extends Owner {
  /** The body's Observable is over (ended, or cancelled): what remains is waiting for its owned groups. */
  ended = false;

  constructor(readonly group: Group) {
    super();
  }

  /** Cancels the body's Observable (a shutdown, or its own end): unsubscribed, once. */
  cancel(): void {
    if (this.ended) return;
    this.ended = true;
    this.group.unsubscribeQuietly(this);
  }

  // ── As an owner (see `Owner`) ────────────────────────────────────────────────────────────

  canHold(): boolean {
    return this.group.state !== 'finished';
  }

  /** A group the body owned failed: its errors are the group's, as errors raised during a shutdown. */
  adopt(): boolean {
    return false;
  }

  released(): void {
    // the group checks whether it can finish when the step that released it is over
  }

  // ── As a subscriber: each notification is a way into the group ───────────────────────────

  /**
   * A value of the body goes to the view; what the view throws fails the body. A way into the
   * group written out, not through `Group.run`: a value climbs every level of synchronously
   * nested groups on the stack, so each frame here is one per level.
   */
  protected override _next(value: unknown): void {
    const { group } = this;
    if (group.state !== 'open') return; // emitted while being cancelled: dropped
    group.enter();
    try {
      group.view.bodyValue(group, value);
    } catch (error) {
      group.run(endBody, this, error); // the view's error fails the body: its Observable is cancelled
    } finally {
      group.leave();
    }
  }

  protected override _error(error: unknown): void {
    this.group.run(endBody, this, error);
  }

  protected override _complete(): void {
    this.group.run(endBody, this, NOTHING);
  }

  /** Unsubscribed by the body's own code, it will never end: it has ended, as if it had completed. */
  override unsubscribe(): void {
    if (this.ended) super.unsubscribe();
    else this.group.run(endBody, this, NOTHING);
  }
}

/**
 * Runs the body and subscribes what it returned (a step of the group's start, once its signal is
 * heard). A body that throws, or returns no ObservableInput, fails; one that returns nothing has
 * no Observable to wait for.
 */
export function runBody(group: Group, body: Body, where: string): void {
  let input: ObservableInput<unknown> | void;
  try {
    input = body();
  } catch (error) {
    group.failBody(error);
    return;
  }
  // Cancelled or failed while the body ran synchronously: what it returned never starts.
  if (input === undefined || group.state !== 'open') return;
  let source;
  try {
    source = from(input);
  } catch {
    group.failBody(new TypeError(`${where}: the body returned ${describeError(input)}, which is not an ObservableInput ` +
      '(return an Observable, a Promise, an array or iterable, or nothing)'));
    return;
  }
  // Made before subscribing, so that a synchronous failure can already unsubscribe it.
  const subscriber = (group.body = new BodySubscriber(group));
  subscribeAs(group, subscriber, source, subscriber);
}

/** The body's Observable completed (`NOTHING`) or failed, or its own code unsubscribed it, or the view threw on its value. */
function endBody(this: Group, subscriber: BodySubscriber, error: unknown): void {
  subscriber.cancel();
  if (error !== NOTHING) this.failBody(error);
}
