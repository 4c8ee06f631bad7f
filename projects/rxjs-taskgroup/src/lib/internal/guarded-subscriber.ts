import { Subscriber, type TeardownLogic } from 'rxjs';

/**
 * A subscriber that keeps what its teardown functions throw as they are. RxJS runs a closed
 * subscriber's teardowns in `unsubscribe()` and rethrows their errors in an `UnsubscriptionError`
 * whose message calls each error's `toString()`: for `null`, `undefined`, a revoked Proxy or an
 * error whose `message` getter throws, that call throws, and the original error is lost. Every
 * subscriber the engine subscribes with (a task, a body, a cleanup) is one of these, so the
 * teardowns its user code returns or adds report their errors unchanged (`takeTeardownErrors`).
 *
 * (A teardown added after the subscriber closed runs at once: RxJS rethrows it from `add`, and so
 * from `subscribe()`, unchanged. A teardown inside a `Subscription` — an operator's — is RxJS's
 * to run: its errors arrive through the `UnsubscriptionError`.)
 */
export class GuardedSubscriber<T> extends Subscriber<T> {
  private teardownErrors: unknown[] | undefined = undefined;

  override add(teardown: TeardownLogic): void {
    if (typeof teardown !== 'function' || this.closed) {
      super.add(teardown);
      return;
    }
    super.add(() => {
      try {
        teardown();
      } catch (error) {
        (this.teardownErrors ??= []).push(error);
      }
    });
  }

  /** What the teardown functions threw, once; `undefined` when nothing did. */
  takeTeardownErrors(): unknown[] | undefined {
    const errors = this.teardownErrors;
    this.teardownErrors = undefined;
    return errors;
  }
}
