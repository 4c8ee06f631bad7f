import { Subscriber, UnsubscriptionError, type TeardownLogic } from 'rxjs';
import type { TaskRef } from './task-ref';
import { isInstance } from './user-values';

type Teardown = () => void;

/**
 * A subscriber that runs its teardown functions itself and keeps what they throw as it was
 * thrown. RxJS runs a closed subscriber's teardowns in `unsubscribe()` and rethrows their errors
 * in an `UnsubscriptionError` whose message calls each error's `toString()`: for `null`,
 * `undefined`, a revoked Proxy or an error whose `message` getter throws, that call throws, and
 * the original error is lost. Every subscriber the engine subscribes with (a task, a body, a
 * cleanup) is one of these, so the teardowns its user code returns or adds report their errors
 * unchanged (`takeTeardownErrors`).
 *
 * The functions are kept in a field (one function, the common case, costs no array) and run after
 * the subscriptions RxJS holds, in the order they were added. A teardown added once the
 * subscriber has closed runs at once: RxJS rethrows what it throws from `add`, and so from
 * `subscribe()`, unchanged. A teardown inside a `Subscription` (an operator's) is RxJS's to run:
 * its errors arrive through the `UnsubscriptionError`.
 */
export class GuardedSubscriber<T> extends Subscriber<T> {
  /** The task whose failures this subscriber's errors are (a task, its cleanup); `undefined` for a body. */
  get task(): TaskRef | undefined {
    return undefined;
  }

  private teardowns: Teardown | Teardown[] | undefined = undefined;
  private teardownErrors: unknown[] | undefined = undefined;

  // Written out: the constructor TypeScript would write passes `...arguments` on, on every task.
  constructor() {
    super();
  }

  override add(teardown: TeardownLogic): void {
    if (typeof teardown !== 'function' || this.closed) {
      super.add(teardown);
      return;
    }
    const { teardowns } = this;
    if (teardowns === undefined) this.teardowns = teardown;
    else if (typeof teardowns === 'function') this.teardowns = [teardowns, teardown];
    else teardowns.push(teardown);
  }

  override remove(teardown: Exclude<TeardownLogic, void>): void {
    const { teardowns } = this;
    const at = Array.isArray(teardowns) ? teardowns.indexOf(teardown as Teardown) : -1;
    if (teardowns === teardown) this.teardowns = undefined;
    else if (at >= 0) (teardowns as Teardown[]).splice(at, 1);
    else super.remove(teardown);
  }

  override unsubscribe(): void {
    if (this.closed) return;
    const { teardowns } = this;
    this.teardowns = undefined;
    try {
      super.unsubscribe();
    } finally {
      if (typeof teardowns === 'function') this.runTeardown(teardowns);
      else if (teardowns) for (const teardown of teardowns) this.runTeardown(teardown);
    }
  }

  /**
   * Unsubscribes, and returns what every teardown threw (RxJS's `UnsubscriptionError` opened,
   * and this subscriber's own functions' errors as they were thrown); `undefined` when nothing did.
   */
  unsubscribeCollecting(): unknown[] | undefined {
    let errors: unknown[] | undefined;
    try {
      this.unsubscribe();
    } catch (error) {
      errors = teardownErrors(error);
    }
    const own = this.teardownErrors;
    this.teardownErrors = undefined;
    return own ? (errors ? [...errors, ...own] : own) : errors;
  }

  private runTeardown(teardown: Teardown): void {
    try {
      teardown();
    } catch (error) {
      (this.teardownErrors ??= []).push(error);
    }
  }
}

/** What a teardown threw, as the errors it holds: the members of RxJS's `UnsubscriptionError`, else itself. */
export function teardownErrors(thrown: unknown): unknown[] {
  return isInstance(thrown, UnsubscriptionError) ? (thrown as UnsubscriptionError).errors : [thrown];
}
