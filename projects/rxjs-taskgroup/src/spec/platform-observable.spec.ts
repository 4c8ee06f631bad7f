/**
 * Platform Observables are tasks (rule 25 of docs/contract.md): the WICG `Observable` that Chromium
 * ships (since 135), that `@rxjs/observable-polyfill` installs where there is none, and that RxJS 9
 * is built on. Each behaves as any task: its last value is its result, its error fails the group,
 * and cancelling it aborts the `AbortSignal` it was subscribed with, which runs its teardowns; it
 * may be a factory's result or an `onCancel` cleanup. The same specs run against the polyfill's
 * class and against the browser's own (pending, with the reason, where the browser has none).
 * What is not a platform Observable is read as before: an RxJS Observable, an interop Observable,
 * a plain object with a `subscribe` method (still a `TypeError`).
 */
import { forkJoin, from, NEVER, Observable, observable, of, throwError, type ObservableInput } from 'rxjs';
import {
  cancelSiblingsOnError,
  forkJoinTasks,
  taskGroup,
  TaskGroupError,
  withTaskGroup,
  type PlatformObservable as TaskPlatformObservable,
  type Task,
} from 'rxjs-taskgroup';

/** The WICG Subscriber, as much of it as these specs use. */
interface PlatformSubscriber<T> {
  next(value: T): void;
  error(error: unknown): void;
  complete(): void;
  addTeardown(teardown: () => void): void;
  readonly signal: AbortSignal;
}

/** The WICG Observable, as much of it as these specs use. */
interface PlatformObservable<T> {
  subscribe(observer?: Partial<{ next(value: T): void; error(error: unknown): void; complete(): void }>, options?: { signal?: AbortSignal }): void;
}

type PlatformObservableClass = new <T>(init: (subscriber: PlatformSubscriber<T>) => void) => PlatformObservable<T>;

/** The browser's own `Observable`, read before anything could replace it. */
const nativeObservable = (globalThis as { Observable?: PlatformObservableClass }).Observable;

/**
 * The polyfill's class. The polyfill keeps a realm's own `Observable` and installs nothing then,
 * so it is loaded into a realm whose `Observable`, `Subscriber` and `EventTarget.prototype.when`
 * are set aside for the moment, then everything it changed is put back as it was.
 */
async function loadPolyfill(): Promise<PlatformObservableClass> {
  const places: [object, PropertyKey][] = [
    [globalThis, 'Observable'],
    [globalThis, 'Subscriber'],
    [EventTarget.prototype, 'when'],
    [AbortController.prototype, 'abort'],
  ];
  const saved = places.map(([target, key]) => Object.getOwnPropertyDescriptor(target, key));
  for (const [target, key] of places.slice(0, 3)) Reflect.deleteProperty(target, key);
  try {
    await import('@rxjs/observable-polyfill');
    const polyfill = (globalThis as { Observable?: PlatformObservableClass }).Observable;
    if (!polyfill) throw new Error('@rxjs/observable-polyfill installed no Observable (was it loaded earlier?)');
    return polyfill;
  } finally {
    places.forEach(([target, key], index) => {
      const descriptor = saved[index];
      if (descriptor) Object.defineProperty(target, key, descriptor);
      else Reflect.deleteProperty(target, key);
    });
  }
}

/** What a probe saw of its one producer run. */
interface ProbeLog {
  /** The signal the task subscribed with (the second argument to `subscribe`). */
  subscribedWith?: AbortSignal;
  /** The producer's own signal, aborted when its last observer leaves. */
  producerSignal?: AbortSignal;
  teardowns: number;
}

/**
 * A platform Observable of class `Platform` whose producer runs `produce`, and a log of how it was
 * subscribed and torn down.
 */
function probe<T>(
  Platform: PlatformObservableClass,
  produce: (subscriber: PlatformSubscriber<T>) => void = () => undefined,
): [TaskPlatformObservable<T>, ProbeLog] {
  const log: ProbeLog = { teardowns: 0 };
  const platform = new Platform<T>(subscriber => {
    log.producerSignal = subscriber.signal;
    subscriber.addTeardown(() => log.teardowns++);
    produce(subscriber);
  });
  const subscribe = platform.subscribe.bind(platform);
  platform.subscribe = (observer, options) => {
    log.subscribedWith = options?.signal;
    subscribe(observer, options);
  };
  // This file's PlatformObservable is the slice the specs use; the library's type also asks for takeUntil.
  return [platform as unknown as TaskPlatformObservable<T>, log];
}

/** Emits `values` and completes, synchronously. */
const values = <T>(...items: T[]) => (subscriber: PlatformSubscriber<T>) => {
  for (const item of items) subscriber.next(item);
  subscriber.complete();
};

/** Subscribes and records the outcome. */
function outcome(source: Observable<unknown>): { values: unknown[]; error?: unknown; completed: boolean } {
  const seen: { values: unknown[]; error?: unknown; completed: boolean } = { values: [], completed: false };
  source.subscribe({ next: value => seen.values.push(value), error: (error: unknown) => (seen.error = error), complete: () => (seen.completed = true) });
  return seen;
}

function expectCancelled(log: ProbeLog): void {
  expect(log.subscribedWith?.aborted).withContext('the signal it was subscribed with').toBeTrue();
  expect(log.producerSignal?.aborted).withContext("its producer's signal").toBeTrue();
  expect(log.teardowns).withContext('teardowns run').toBe(1);
}

/** The behaviour every platform Observable shares, for the class `get()` returns once loaded. */
function behavesAsATask(get: () => PlatformObservableClass | undefined, reasonWhenAbsent: string): void {
  let Platform!: PlatformObservableClass;
  beforeEach(() => {
    const found = get();
    if (!found) {
      pending(reasonWhenAbsent);
      return;
    }
    Platform = found;
  });

  it('as a task, its last value is the task’s result', () => {
    const [input, log] = probe(Platform, values(1, 2, 3));
    let task!: Task<number>;
    const group = outcome(withTaskGroup(tg => {
      task = tg.createTask(input);
    }));
    expect(group).toEqual({ values: [], completed: true });
    expect(task.result()).toBe(3);
    expect(log.subscribedWith).withContext('subscribed with a signal').toBeInstanceOf(AbortSignal);
  });

  it('its values reach the operators as any task’s do', () => {
    const [input] = probe(Platform, values('a', 'b'));
    expect(outcome(from([input, of('c')]).pipe(cancelSiblingsOnError()))).toEqual({ values: ['a', 'b', 'c'], completed: true });
  });

  it('its error fails the group, as any task’s does', () => {
    const boom = new Error('platform boom');
    const [input] = probe<never>(Platform, subscriber => subscriber.error(boom));
    const group = outcome(withTaskGroup(tg => {
      tg.createTask(input);
    }));
    expect(group.error).toBeInstanceOf(TaskGroupError);
    expect((group.error as TaskGroupError).errors).toEqual([boom]);
  });

  it('a sibling’s failure cancels it: the signal it was subscribed with aborts and its teardown runs', () => {
    const boom = new Error('sibling boom');
    const [input, log] = probe(Platform);
    const group = outcome(withTaskGroup(tg => {
      tg.createTask(input);
      tg.createTask(throwError(() => boom));
    }));
    expect((group.error as TaskGroupError).errors).toEqual([boom]);
    expectCancelled(log);
  });

  it('task.cancel() cancels it alone: its signal aborts, its teardown runs, the group completes', () => {
    const [input, log] = probe(Platform);
    const [other] = probe(Platform, values('other'));
    const group = outcome(withTaskGroup(tg => {
      tg.createTask(input).cancel('enough');
      tg.createTask(other);
    }));
    expect(group).toEqual({ values: [], completed: true });
    expectCancelled(log);
  });

  it('unsubscribing from the group cancels it: its signal aborts and its teardown runs', () => {
    const [input, log] = probe(Platform);
    withTaskGroup(tg => {
      tg.createTask(input);
    }).subscribe().unsubscribe();
    expectCancelled(log);
  });

  it('a factory may return one, and cancelling the task aborts it', () => {
    const [input, log] = probe(Platform);
    let taskSignal: AbortSignal | undefined;
    const group = outcome(withTaskGroup(tg => {
      tg.createTask(({ signal }) => {
        taskSignal = signal;
        return input;
      }).cancel();
    }));
    expect(group.completed).toBeTrue();
    expect(taskSignal?.aborted).withContext('ctx.signal').toBeTrue();
    expectCancelled(log);
  });

  it('an onCancel cleanup may be one: it starts when the task is cancelled and the group waits for it', () => {
    let finish!: () => void;
    const [cleanup, cleanupLog] = probe<never>(Platform, subscriber => (finish = () => subscriber.complete()));
    const [input, log] = probe(Platform);
    const group = outcome(withTaskGroup(tg => {
      tg.createTask(input, { onCancel: () => cleanup }).cancel();
    }));
    expectCancelled(log);
    expect(cleanupLog.subscribedWith).withContext('the cleanup started').toBeDefined();
    expect(group.completed).withContext('completed before the cleanup ends').toBeFalse();
    finish();
    expect(group.completed).withContext('completed after the cleanup ends').toBeTrue();
  });

  it('forkJoin of handles sees its result, as for any task', () => {
    const [input] = probe(Platform, values('late', 'last'));
    expect(outcome(withTaskGroup(tg => forkJoin([tg.createTask(input)])))).toEqual({ values: [['last']], completed: true });
  });
}

describe('rule 25: platform Observables are tasks', () => {
  describe('@rxjs/observable-polyfill’s Observable', () => {
    let polyfill: PlatformObservableClass | undefined;
    beforeAll(async () => {
      polyfill = await loadPolyfill();
    });
    behavesAsATask(() => polyfill, 'the polyfill did not load');

    it('is the polyfill’s own class, not the browser’s', async () => {
      const { getObservablePolyfillInfo } = await import('@rxjs/observable-polyfill');
      expect(getObservablePolyfillInfo(polyfill as never)?.packageName).toBe('@rxjs/observable-polyfill');
      expect(polyfill).not.toBe(nativeObservable);
    });
  });

  describe('the browser’s own Observable', () => {
    behavesAsATask(() => nativeObservable, 'this browser has no globalThis.Observable (Chromium has it since 135)');

    it('EventTarget.when: the first click is the task’s result; cancelling a task of when() aborts its subscription', () => {
      type Button = HTMLButtonElement & { when?: (type: string) => PlatformObservable<Event> & { take(n: number): PlatformObservable<Event> } };
      const button: Button = document.createElement('button');
      if (typeof button.when !== 'function') {
        pending('this browser has no EventTarget.prototype.when');
        return;
      }
      const firstClick = button.when('click').take(1);
      const doubleClicks = button.when('dblclick');
      const subscribe = spyOn(doubleClicks, 'subscribe').and.callThrough();
      let clicked!: Task<Event>;
      const group = outcome(withTaskGroup(tg => {
        clicked = tg.createTask(firstClick as unknown as TaskPlatformObservable<Event>);
        tg.createTask(doubleClicks as unknown as TaskPlatformObservable<Event>).cancel();
      }));
      expect((subscribe.calls.mostRecent().args[1] as { signal: AbortSignal }).signal.aborted).withContext('dblclick aborted').toBeTrue();
      expect(group.completed).withContext('before the click').toBeFalse();
      button.click();
      expect(clicked.result()).toBeInstanceOf(MouseEvent);
      expect(group.completed).withContext('after the click').toBeTrue();
    });
  });

  describe('types: a platform Observable is a TaskInput, and its value type is inferred', () => {
    /** `true` only when A and B are the same type. */
    type Equals<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;
    const same = <A, B>(verdict: Equals<A, B>) => verdict;

    it('createTask, a factory, onCancel, forkJoinTasks and taskGroup take one without a cast', () => {
      const platform = {
        [Symbol.toStringTag]: 'Observable',
        subscribe: (observer: { next(value: number): void; complete(): void }) => {
          observer.next(1);
          observer.complete();
        },
        takeUntil: () => platform,
      };
      let direct!: Task<number>;
      let byFactory!: Task<number>;
      const group = outcome(withTaskGroup(tg => {
        direct = tg.createTask(platform);
        byFactory = tg.createTask(() => platform, { onCancel: () => platform });
        // @ts-expect-error a plain object with a subscribe method (no WICG operator) is no task
        expect(() => tg.createTask({ subscribe: platform.subscribe })).toThrowError(TypeError);
      }));
      const tuple = forkJoinTasks([platform, of('a')]);
      const gathered = from([platform, of('a')]).pipe(taskGroup());
      expect(same<typeof tuple, Observable<[number, string]>>(true)).toBeTrue();
      expect(same<typeof gathered, Observable<(number | string)[]>>(true)).toBeTrue();
      expect(group.completed).toBeTrue();
      expect([direct.result(), byFactory.result()]).toEqual([1, 1]);
      expect(outcome(tuple).values).toEqual([[1, 'a']]);
      expect(outcome(gathered).values).toEqual([[1, 'a']]);
    });
  });

  describe('what is not a platform Observable is read as before', () => {
    it('an RxJS Observable, even one tagged "Observable", is subscribed the RxJS way (with a Subscriber, no signal)', () => {
      class Tagged<T> extends Observable<T> {
        readonly [Symbol.toStringTag] = 'Observable';
      }
      const tagged = new Tagged<number>(subscriber => subscriber.next(7));
      const subscribe = spyOn(tagged, 'subscribe').and.callThrough();
      const group = outcome(withTaskGroup(tg => {
        tg.createTask(tagged).cancel();
      }));
      expect(group.completed).toBeTrue();
      expect(subscribe.calls.mostRecent().args.length).toBe(1);
    });

    it('an interop Observable (Symbol.observable) is read through it, as from() does, even when tagged "Observable"', () => {
      const interop = {
        [Symbol.toStringTag]: 'Observable',
        [observable]: () => of('interop'),
        subscribe: jasmine.createSpy('subscribe'),
      };
      let task!: Task<string>;
      outcome(withTaskGroup(tg => {
        task = tg.createTask(interop as unknown as ObservableInput<string>);
      }));
      expect(task.result()).toBe('interop');
      expect(interop.subscribe).not.toHaveBeenCalled();
    });

    it('a plain object with a subscribe method is no task: createTask throws the usual TypeError and calls nothing', () => {
      const subscribe = jasmine.createSpy('subscribe');
      const group = outcome(withTaskGroup(tg => {
        expect(() => tg.createTask({ subscribe } as unknown as ObservableInput<unknown>)).toThrowMatching(error =>
          error instanceof TypeError && /expected an Observable, a Promise, an array or iterable/.test(error.message));
      }));
      expect(group.completed).toBeTrue();
      expect(subscribe).not.toHaveBeenCalled();
    });

    it('a factory or an onCancel returning such an object fails the task with the usual TypeError', () => {
      const plain = { subscribe: jasmine.createSpy('subscribe') } as unknown as ObservableInput<unknown>;
      const byFactory = outcome(withTaskGroup(tg => {
        tg.createTask(() => plain, { name: 'factory' });
      }));
      const byCleanup = outcome(withTaskGroup(tg => {
        tg.createTask(NEVER, { name: 'cleanup', onCancel: () => plain }).cancel();
      }));
      expect(String((byFactory.error as TaskGroupError).errors[0])).toContain('task "factory": its factory returned');
      expect(String((byCleanup.error as TaskGroupError).errors[0])).toContain('task "cleanup": its onCancel returned');
    });

    it('a revoked Proxy is no task (it cannot be inspected): the usual TypeError', () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      withTaskGroup(tg => {
        expect(() => tg.createTask(proxy as ObservableInput<unknown>)).toThrowError(TypeError, /expected an Observable/);
      }).subscribe();
    });

    it('an object that bears the brand (Symbol.toStringTag "Observable") and has a subscribe method is read as one', () => {
      const subscribe = jasmine.createSpy('subscribe');
      const branded = { [Symbol.toStringTag]: 'Observable', subscribe };
      outcome(withTaskGroup(tg => {
        tg.createTask(branded as unknown as ObservableInput<unknown>).cancel();
      }));
      expect(subscribe).toHaveBeenCalledOnceWith(jasmine.any(Object), jasmine.objectContaining({ signal: jasmine.any(AbortSignal) }));
      expect((subscribe.calls.mostRecent().args[1] as { signal: AbortSignal }).signal.aborted).toBeTrue();
    });
  });
});
