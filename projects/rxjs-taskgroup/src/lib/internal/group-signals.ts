import type { TaskCancelledError } from '../errors/task-cancelled-error';
import { reportUnhandledError } from './report-unhandled-error';

/**
 * A group's two signals: `tg.signal`, which it aborts when it shuts down (made only when asked
 * for), and the `options.signal` it listens to until it finishes.
 */
export class GroupSignals {
  /** What cancelled the group, once it shut down. */
  reason: TaskCancelledError | undefined = undefined;
  private controller: AbortController | undefined = undefined;
  private stopListening: (() => void) | undefined = undefined;

  /** `tg.signal`: already aborted when the group has shut down. */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.reason) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  /** The group shuts down: `tg.signal` aborts (its listeners run now). */
  abort(reason: TaskCancelledError): void {
    this.reason = reason;
    this.controller?.abort(reason);
  }

  /** Calls `onAbort` when `options.signal` aborts, until `forget`. */
  listen(signal: AbortSignal, onAbort: () => void): void {
    signal.addEventListener('abort', onAbort);
    this.stopListening = () => signal.removeEventListener('abort', onAbort);
  }

  /** Stops listening to `options.signal`, which may be a hostile AbortSignal-like: what it throws is reported. */
  forget(): void {
    const { stopListening } = this;
    this.stopListening = undefined;
    try {
      stopListening?.();
    } catch (error) {
      reportUnhandledError(error);
    }
  }
}
