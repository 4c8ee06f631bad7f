import type { Group } from './group';
import { Owner } from './owner';

/**
 * The subscriber of a group's body (`withTaskGroup`'s returned Observable, an operator's source):
 * it forwards to the group, and owns the groups subscribed inside the body (see `Owner`). It
 * outlives the body's Observable for as long as a group it owns is still finishing.
 */
export class BodySubscriber extends Owner {
  /** The body's Observable is over (ended, or cancelled): what remains is waiting for its owned groups. */
  ended = false;

  constructor(readonly group: Group) {
    super();
  }

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

  protected override _next(value: unknown): void {
    this.group.bodyValue(value);
  }

  protected override _error(error: unknown): void {
    this.group.bodyFailed(error);
  }

  protected override _complete(): void {
    this.group.bodyEnded();
  }

  /** Unsubscribed by the body's own code, it will never end: it has ended, as if it had completed. */
  override unsubscribe(): void {
    if (this.ended) super.unsubscribe();
    else this.group.bodyEnded();
  }
}

