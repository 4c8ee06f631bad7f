/**
 * The promise under hostile code (rules 10, 20, 21 and 22 of docs/contract.md): whatever user code
 * does, every task ends, the group ends once, and every error raised is reported once. One spec
 * per way it was found to break; the generated schedules are in hostile-code-properties.spec.ts.
 * An onCancel that returns no ObservableInput is bad input: bad-input.spec.ts.
 */
import { asyncScheduler, forkJoin, from, NEVER, Observable, of, tap, timer, type SchedulerAction, type SchedulerLike } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import {
  cancelSiblingsOnError,
  forkJoinTasks,
  TaskCancelledError,
  taskGroup,
  TaskTimeoutError,
  withTaskGroup,
  withTimeout,
  type Task,
  type TaskEvent,
  type TaskGroup,
} from 'rxjs-taskgroup';
import { taskGroupError, taskGroupTestScheduler } from 'rxjs-taskgroup/testing';

/** A task that ends synchronously (completing after a value, or erroring) and whose teardown then throws. */
function endsThenTeardownThrows(teardownError: Error, error?: Error): Observable<number> {
  return new Observable<number>(subscriber => {
    if (error) {
      subscriber.error(error);
    } else {
      subscriber.next(1);
      subscriber.complete();
    }
    return () => {
      throw teardownError;
    };
  });
}

/** The longest delay a platform timer keeps; longer ones fire at once. */
const MAX_TIMER_DELAY = 2 ** 31 - 1;

/**
 * A scheduler with the platform's timer limit: a delay past {@link MAX_TIMER_DELAY} fires after
 * 1 ms, as `setTimeout` does (virtual time otherwise has no limit, so it could not show the bug).
 */
function withPlatformTimerLimit(scheduler: SchedulerLike): SchedulerLike {
  return {
    now: () => scheduler.now(),
    schedule: <T>(work: (this: SchedulerAction<T>, state?: T) => void, delay = 0, state?: T) =>
      scheduler.schedule(work, delay > MAX_TIMER_DELAY ? 1 : delay, state),
  };
}

const DAY = 24 * 60 * 60 * 1000;

describe('the promise under hostile code (rules 10, 20, 21, 22)', () => {
  let testScheduler: TestScheduler;
  beforeEach(() => (testScheduler = taskGroupTestScheduler()));

  describe('a task that ends synchronously and whose teardown throws', () => {
    const td = new Error('teardown');

    it('fails a createTask group with the teardown error, after a completion', () => {
      testScheduler.run(({ expectObservable }) => {
        expectObservable(withTaskGroup(tg => {
          tg.createTask(endsThenTeardownThrows(td));
        })).toBe('#', undefined, taskGroupError(td));
      });
    });

    it('fails the group with the task error, then the teardown error, after an error', () => {
      testScheduler.run(({ expectObservable }) => {
        const failure = new Error('task');
        expectObservable(withTaskGroup(tg => {
          tg.createTask(endsThenTeardownThrows(td, failure));
        })).toBe('#', undefined, taskGroupError(failure, td));
      });
    });

    it('fails the group when the task comes from a factory', () => {
      testScheduler.run(({ expectObservable }) => {
        expectObservable(withTaskGroup(tg => {
          tg.createTask(() => endsThenTeardownThrows(td));
        })).toBe('#', undefined, taskGroupError(td));
      });
    });

    it('fails taskGroup, cancelSiblingsOnError and forkJoinTasks alike', () => {
      testScheduler.run(({ expectObservable }) => {
        expectObservable(from([endsThenTeardownThrows(td)]).pipe(taskGroup())).toBe('#', undefined, taskGroupError(td));
        expectObservable(from([endsThenTeardownThrows(td)]).pipe(cancelSiblingsOnError())).toBe('(1#)', { 1: 1 }, taskGroupError(td));
        expectObservable(forkJoinTasks([endsThenTeardownThrows(td)])).toBe('#', undefined, taskGroupError(td));
        expectObservable(forkJoinTasks({ only: endsThenTeardownThrows(td) })).toBe('#', undefined, taskGroupError(td));
      });
    });

    it('fails the group when the task waited in the queue and starts from a timer', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const first = cold('--|');
        expectObservable(withTaskGroup(tg => {
          tg.createTask(first);
          tg.createTask(endsThenTeardownThrows(td));
        }, { concurrency: 1 })).toBe('--#', undefined, taskGroupError(td));
        expectSubscriptions(first.subscriptions).toBe('^-!');
      });
    });

    it('fails the group when it is an onCancel cleanup', () => {
      testScheduler.run(({ expectObservable }) => {
        expectObservable(withTaskGroup(tg => {
          tg.createTask(NEVER, { onCancel: () => endsThenTeardownThrows(td) });
          tg.cancel();
        })).toBe('#', undefined, taskGroupError(td));
      });
    });

    it('fails the group with a TaskGroupError when it is the body’s own Observable', () => {
      testScheduler.run(({ expectObservable }) => {
        expectObservable(withTaskGroup(() => endsThenTeardownThrows(td))).toBe('(1#)', { 1: 1 }, taskGroupError(td));
      });
    });
  });

  describe('a task whose teardown throws when it is cancelled or times out', () => {
    const td = new Error('teardown');
    /** Never ends; its teardown throws. */
    const throwingTeardown = () => new Observable<never>(() => () => {
      throw td;
    });
    const log = (events: string[]) => (e: TaskEvent) => events.push(`${e.type} ${e.task?.name ?? ''}`.trim());

    it('reports the TaskTimeoutError first, then the teardown error; the others are cancelled for the timeout', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions, flush }) => {
        const timeout = new TaskTimeoutError(5, 't');
        const sibling = cold('-');
        const events: string[] = [];
        let siblingReason: unknown;
        expectObservable(withTaskGroup(tg => {
          tg.createTask(sibling, { name: 'sibling' });
          tg.createTask(throwingTeardown(), { name: 't', timeout: 5 });
        }, {
          onEvent: e => {
            log(events)(e);
            if (e.type === 'cancelled') siblingReason = (e.error as TaskCancelledError).reason;
          },
        })).toBe('-----#', undefined, taskGroupError(timeout, td));
        expectSubscriptions(sibling.subscriptions).toBe('^----!');
        flush();
        expect(events).toEqual(['started sibling', 'started t', 'failed t', 'group-shutdown', 'cancelled sibling', 'group-finished']);
        expect(siblingReason).toBeInstanceOf(TaskTimeoutError);
      });
    });

    it('says a cancelled task is cancelled before the group shuts down for what its teardown threw', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions, flush }) => {
        const sibling = cold('-');
        const events: string[] = [];
        expectObservable(withTaskGroup(tg => {
          tg.createTask(sibling, { name: 'sibling' });
          const t = tg.createTask(throwingTeardown(), { name: 't' });
          tg.createTask(timer(3).pipe(tap(() => t.cancel())), { name: 'canceller' });
        }, { onEvent: log(events) })).toBe('---#', undefined, taskGroupError(td));
        expectSubscriptions(sibling.subscriptions).toBe('^--!');
        flush();
        expect(events.slice(3)).toEqual(['cancelled t', 'group-shutdown', 'cancelled canceller', 'cancelled sibling', 'group-finished']);
      });
    });
  });

  describe('code that unsubscribes its own subscriber, or removes its teardowns', () => {
    it('runs none of the teardowns a task removed again, and each it kept once', () => {
      testScheduler.run(({ expectObservable, flush }) => {
        const ran: string[] = [];
        expectObservable(withTaskGroup(tg => {
          tg.createTask(new Observable<number>(subscriber => {
            const removed = () => ran.push('removed');
            const kept = () => ran.push('kept');
            subscriber.add(removed);
            subscriber.add(kept);
            subscriber.add(() => ran.push('last'));
            subscriber.remove(removed);
            testScheduler.schedule(() => subscriber.complete(), 1);
          }));
        })).toBe('-|');
        flush();
        expect(ran).toEqual(['kept', 'last']);
      });
    });

    it('cancels a task that unsubscribes itself, as task.cancel() would: its onCancel runs', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions, flush }) => {
        const cleanup = cold('--|');
        let handle!: Task<never>;
        expectObservable(withTaskGroup(tg => {
          handle = tg.createTask(new Observable<never>(subscriber => {
            testScheduler.schedule(() => subscriber.unsubscribe(), 3);
          }), { onCancel: () => cleanup });
        })).toBe('-----|');
        expectSubscriptions(cleanup.subscriptions).toBe('---^-!');
        flush();
        expect(handle.cancelled()).toBeTrue();
      });
    });

    it('ends a body that unsubscribes itself as if it had completed: the group waits for its tasks', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        expectObservable(withTaskGroup(tg => {
          tg.createTask(cold('----a|'));
          return new Observable<string>(subscriber => {
            subscriber.next('x');
            subscriber.unsubscribe();
          });
        })).toBe('x----|');
      });
    });

    it('ends a cleanup that unsubscribes itself', () => {
      testScheduler.run(({ expectObservable }) => {
        expectObservable(withTaskGroup(tg => {
          tg.createTask(NEVER, {
            onCancel: () => new Observable<never>(subscriber => {
              testScheduler.schedule(() => subscriber.unsubscribe(), 2);
            }),
          });
          tg.cancel();
        })).toBe('--|');
      });
    });

    it('collects what a cleanup’s teardown throws after the cleanup completed later', () => {
      testScheduler.run(({ expectObservable }) => {
        const td = new Error('cleanup teardown');
        expectObservable(withTaskGroup(tg => {
          tg.createTask(NEVER, {
            onCancel: () => new Observable<never>(subscriber => {
              testScheduler.schedule(() => subscriber.complete(), 2);
              return () => {
                throw td;
              };
            }),
          });
          tg.cancel();
        })).toBe('--#', undefined, taskGroupError(td));
      });
    });
  });

  describe('rule 20: a task that ends with a cancellation error is cancelled, not failed', () => {
    /** A task that, when its signal aborts, errors with the signal's reason (as `fetch` does). */
    const echoesItsCancellation = (signal: AbortSignal) =>
      new Observable<never>(subscriber => {
        signal.addEventListener('abort', () => subscriber.error(signal.reason));
      });

    it('adds no error to the group when task.cancel() makes it error with its own signal’s reason', () => {
      testScheduler.run(({ expectObservable, flush }) => {
        const events: string[] = [];
        let handle!: Task<never>;
        expectObservable(withTaskGroup(tg => {
          handle = tg.createTask(ctx => echoesItsCancellation(ctx.signal), { name: 'fetch' });
          handle.cancel('not needed');
        }, { onEvent: e => events.push(`${e.type}${e.task ? ` ${e.task.name}` : ''}`) })).toBe('|');
        flush();
        expect(handle.cancelled()).toBeTrue();
        expect(events).toEqual(['started fetch', 'cancelled fetch', 'group-finished']);
      });
    });

    it('reports its timeout alone: the echo of the cancellation is not a failure', () => {
      testScheduler.run(({ expectObservable }) => {
        expectObservable(withTaskGroup(tg => {
          tg.createTask(ctx => echoesItsCancellation(ctx.signal), { name: 'slow', timeout: 5 });
        })).toBe('-----#', undefined, taskGroupError(new TaskTimeoutError(5, 'slow')));
      });
    });

    it('cancels a task that waits for a cancelled sibling, and the group is fine', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions, flush }) => {
        const slow = cold('-----a|');
        let sibling!: Task<string>;
        let waiter!: Task<string[]>;
        const events: string[] = [];
        expectObservable(withTaskGroup(tg => {
          sibling = tg.createTask(slow, { name: 'sibling' });
          waiter = tg.createTask(forkJoin([sibling]), { name: 'waiter' });
          sibling.cancel();
        }, { onEvent: e => events.push(`${e.type}${e.task ? ` ${e.task.name}` : ''}`) })).toBe('|');
        expectSubscriptions(slow.subscriptions).toBe('(^!)');
        flush();
        expect(waiter.cancelled()).toBeTrue();
        expect(() => waiter.exception()).toThrowMatching(e => e instanceof TaskCancelledError);
        expect(events.filter(e => e.startsWith('failed'))).toEqual([]);
      });
    });

    it('cancels a task that waits for a sibling cancelled later, while the group goes on', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions, flush }) => {
        const slow = cold('-----a|');
        const other = cold('---------b|');
        let sibling!: Task<string>;
        let waiter!: Task<string[]>;
        let group!: TaskGroup;
        expectObservable(withTaskGroup(tg => {
          group = tg;
          sibling = tg.createTask(slow);
          waiter = tg.createTask(forkJoin([sibling]));
          tg.createTask(other);
        })).toBe('----------|');
        testScheduler.schedule(() => sibling.cancel('changed my mind'), 2);
        expectSubscriptions(slow.subscriptions).toBe('^-!');
        expectSubscriptions(other.subscriptions).toBe('^---------!');
        flush();
        expect(group.snapshot().done).toEqual({ fulfilled: 1, failed: 0, cancelled: 2 });
        expect(waiter.cancelled()).toBeTrue();
      });
    });

    it('settles a task that echoes its cancellation as rejected with the TaskCancelledError', () => {
      testScheduler.run(({ expectObservable }) => {
        const cancelled = new TaskCancelledError('elsewhere');
        expectObservable(from([of(1), new Observable(s => s.error(cancelled))]).pipe(taskGroup({ settle: true })))
          .toBe('(r|)', { r: [{ status: 'fulfilled', value: 1 }, { status: 'rejected', reason: cancelled }] });
      });
    });
  });

  describe('a queued task cancelled by task.cancel() whose cancelled listener cancels the group', () => {
    it('is dropped once: one cancelled event, one reason, counts equal to the tasks', () => {
      testScheduler.run(({ cold, expectObservable, flush }) => {
        const events: TaskEvent[] = [];
        let group!: TaskGroup;
        let queued!: Task<string>;
        const seen: unknown[] = [];
        expectObservable(withTaskGroup(tg => {
          group = tg;
          tg.createTask(cold('--|'), { name: 'running' });
          queued = tg.createTask(cold('--|'), { name: 'queued' });
          queued.subscribe({ error: e => seen.push(e) });
          queued.cancel('first');
        }, {
          concurrency: 1,
          onEvent: event => {
            events.push(event);
            if (event.type === 'cancelled' && event.task?.name === 'queued') group.cancel('second');
          },
        })).toBe('|');
        flush();
        const cancelled = events.filter(e => e.type === 'cancelled').map(e => e.task?.name);
        expect(cancelled).toEqual(['queued', 'running']);
        expect(group.snapshot().done).toEqual({ fulfilled: 0, failed: 0, cancelled: 2 });
        expect(seen).toHaveSize(1);
        expect((seen[0] as TaskCancelledError).reason).toBe('first');
        expect(() => queued.exception()).toThrowMatching(e => (e as TaskCancelledError).reason === 'first');
      });
    });

    it('a snapshot taken in a cancelled listener during a shutdown shows each dropped task done, not queued', () => {
      testScheduler.run(({ cold, expectObservable, flush }) => {
        const seen: { queued: string[]; cancelled: number }[] = [];
        let group!: TaskGroup;
        expectObservable(withTaskGroup(tg => {
          group = tg;
          tg.createTask(cold('--|'), { name: 'a' });
          tg.createTask(cold('--|'), { name: 'b' });
          tg.createTask(cold('--|'), { name: 'c' });
          tg.cancel();
        }, {
          concurrency: 1,
          onEvent: event => {
            if (event.type !== 'cancelled') return;
            const snapshot = group.snapshot();
            seen.push({ queued: snapshot.tasks.filter(t => t.state === 'queued').map(t => t.name), cancelled: snapshot.done.cancelled });
          },
        })).toBe('|');
        flush();
        // a is running (cancelled first, newest first among running); then b and c leave the queue in order.
        expect(seen).toEqual([
          { queued: ['b', 'c'], cancelled: 0 },
          { queued: ['c'], cancelled: 2 },
          { queued: [], cancelled: 3 },
        ]);
      });
    });
  });

  describe('timeouts longer than a platform timer keeps', () => {
    it('a 30-day task timeout fires after 30 days, not after 1 ms', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const scheduler = withPlatformTimerLimit(testScheduler);
        expectObservable(withTaskGroup(tg => {
          tg.createTask(cold('10ms a|'), { name: 'long' });
          tg.createTask(NEVER, { name: 'forever', timeout: 30 * DAY });
        }, { scheduler })).toBe(`${30 * DAY}ms #`, undefined, taskGroupError(new TaskTimeoutError(30 * DAY, 'forever')));
      });
    });

    it('withTimeout(2^31) lets a source of 10 ms complete', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const scheduler = withPlatformTimerLimit(testScheduler);
        expectObservable(cold('10ms a|').pipe(withTimeout(2 ** 31, { scheduler }))).toBe('10ms a|');
      });
    });

    it('withTimeout(Number.MAX_SAFE_INTEGER) with real timers lets a timer of 20 ms emit', done => {
      const values: number[] = [];
      timer(20, asyncScheduler).pipe(withTimeout(Number.MAX_SAFE_INTEGER)).subscribe({
        next: value => values.push(value),
        error: error => done.fail(error),
        complete: () => {
          expect(values).toEqual([0]);
          done();
        },
      });
    });
  });

  describe('tg.start', () => {
    it('errors ready$ with a timeout only once the group has cancelled the others, and the cleanup is over (rule 8)', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions, flush }) => {
        const timeout = new TaskTimeoutError(3, 'server');
        const sibling = cold('-');
        const order: string[] = [];
        let ready$!: Observable<void>;
        expectObservable(withTaskGroup(tg => {
          tg.createTask(sibling, { name: 'sibling' });
          ready$ = tg.start(() => NEVER, { name: 'server', timeout: 3, onCancel: () => timer(2) });
          ready$.subscribe({ error: () => order.push('ready$ errored') });
        }, { onEvent: e => order.push(`${e.type} ${e.task?.name ?? ''}`.trim()) })).toBe('-----#', undefined, taskGroupError(timeout));
        expectSubscriptions(sibling.subscriptions).toBe('^--!');
        expectObservable(new Observable(s => ready$.subscribe(s)), '^').toBe('-----#', undefined, timeout);
        flush();
        expect(order.slice(2)).toEqual(['failed server', 'group-shutdown', 'cancelled sibling', 'cleanup-started server',
          'cleanup-finished server', 'ready$ errored', 'group-finished']);
      });
    });


    it('errors ready$ with the task’s TaskTimeoutError when it times out before started()', () => {
      testScheduler.run(({ expectObservable }) => {
        const timeout = new TaskTimeoutError(3, 'server');
        let ready$!: Observable<void>;
        expectObservable(withTaskGroup(tg => {
          ready$ = tg.start(() => NEVER, { name: 'server', timeout: 3 });
        })).toBe('---#', undefined, taskGroupError(timeout));
        expectObservable(new Observable(s => ready$.subscribe(s)), '^').toBe('---#', undefined, timeout);
      });
    });
  });
});
