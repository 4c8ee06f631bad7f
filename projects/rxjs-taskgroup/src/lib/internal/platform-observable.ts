import { from, Observable, type ObservableInput } from 'rxjs';

/** The part of the WICG `Observable` (Chromium's, `@rxjs/observable-polyfill`'s, RxJS 9's) that a task uses. */
interface PlatformObservable {
  readonly [Symbol.toStringTag]: unknown;
  subscribe(observer: Partial<Record<'next' | 'error' | 'complete', (value?: unknown) => void>>, options: { readonly signal: AbortSignal }): void;
}

/**
 * `input` as an RxJS 7 Observable, or `undefined` when it is no task (rule 25): what `from()`
 * accepts, as `from()` reads it, else a platform Observable. A platform Observable is what
 * `from()` refuses and the Web IDL brand marks: its `Symbol.toStringTag` is `'Observable'` (the
 * native class's, which the polyfill and RxJS 9's subclasses share; no RxJS 7 Observable nor plain
 * object has it), and it has a `subscribe` method. It is subscribed with an
 * `AbortSignal` that aborts when the RxJS subscription ends, so cancelling the task runs its
 * teardowns.
 */
export function observableFrom(input: unknown): Observable<unknown> | undefined {
  try {
    return from(input as ObservableInput<unknown>);
  } catch {
    try {
      if ((input as PlatformObservable)[Symbol.toStringTag] === 'Observable' && typeof (input as PlatformObservable).subscribe === 'function') {
        return new Observable(subscriber => {
          const controller = new AbortController();
          (input as PlatformObservable).subscribe({
            next: value => subscriber.next(value),
            error: error => subscriber.error(error),
            complete: () => subscriber.complete(),
          }, controller); // read as the options dictionary: its `signal` is the controller's
          return () => controller.abort();
        });
      }
    } catch {
      // what cannot be inspected (a revoked Proxy, a throwing getter) is no task
    }
  }
  return undefined;
}
