/**
 * `withTaskGroup`: cancelling on purpose. Rule 6 of docs/contract.md (`tg.cancel`, `options.signal`,
 * `task.cancel`) and rule 7 (the subscriber unsubscribes; late errors go to `config.onUnhandledError`).
 */
import { config, defer, EMPTY, ignoreElements, Observable, tap } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import { TaskCancelledError, withTaskGroup, type Task, type TaskGroup } from 'rxjs-taskgroup';
import { taskGroupError, taskGroupTestScheduler } from 'rxjs-taskgroup/testing';

describe('withTaskGroup: cancelling on purpose (rules 6, 7)', () => {
  let testScheduler: TestScheduler;
  beforeEach(() => (testScheduler = taskGroupTestScheduler()));

  describe('rule 6: tg.cancel()', () => {
    it('cancels every task and the body, then completes without error; tasks see the reason', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions, flush }) => {
        const reason = { why: 'user pressed stop' };
        const a = cold('   10ms |');
        const b = cold('   10ms |');
        const body = cold('---x');
        const seen: unknown[] = [];
        const handles: Task<string>[] = [];
        expectObservable(withTaskGroup(tg => {
          handles.push(tg.createTask(a), tg.createTask(b));
          for (const handle of handles) handle.subscribe({ error: e => seen.push(e) });
          return body.pipe(tap(() => tg.cancel(reason)), ignoreElements());
        })).toBe('           ---|');
        expectSubscriptions(a.subscriptions).toBe('   ^--!');
        expectSubscriptions(b.subscriptions).toBe('   ^--!');
        expectSubscriptions(body.subscriptions).toBe('^--!');
        flush();
        expect(seen).toHaveSize(2);
        for (const error of seen) {
          expect(error).toBeInstanceOf(TaskCancelledError);
          expect((error as TaskCancelledError).reason).toBe(reason);
        }
        for (const handle of handles) expect(handle.cancelled()).toBeTrue();
      });
    });

    it('aborts tg.signal with the reason', () => {
      testScheduler.run(({ expectObservable, flush }) => {
        let signal!: AbortSignal;
        expectObservable(withTaskGroup(tg => {
          signal = tg.signal;
          tg.cancel('stop');
        })).toBe('|');
        flush();
        expect(signal.aborted).toBeTrue();
        expect(signal.reason).toBeInstanceOf(TaskCancelledError);
        expect((signal.reason as TaskCancelledError).reason).toBe('stop');
      });
    });

    it('is idempotent: a second call changes nothing', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions, flush }) => {
        const task = cold('   10ms |');
        const cleanup = cold('  ----|');
        const onCancel = jasmine.createSpy('onCancel').and.returnValue(cleanup);
        const events: string[] = [];
        let group!: TaskGroup;
        let handle!: Task<string>;
        expectObservable(withTaskGroup(tg => {
          group = tg;
          handle = tg.createTask(task, { onCancel });
        }, { onEvent: event => events.push(event.type) })).toBe('------|');
        testScheduler.schedule(() => group.cancel('first'), 2);
        testScheduler.schedule(() => group.cancel('second'), 2);
        testScheduler.schedule(() => group.cancel('third'), 4); // while the cleanup runs
        expectSubscriptions(task.subscriptions).toBe('   ^-!');
        expectSubscriptions(cleanup.subscriptions).toBe('--^---!');
        flush();
        expect(onCancel).toHaveBeenCalledTimes(1);
        expect(() => handle.result()).toThrowMatching(e => e instanceof TaskCancelledError && e.reason === 'first');
        expect(events).toEqual(['started', 'group-shutdown', 'cancelled', 'cleanup-started', 'cleanup-finished', 'group-finished']);
      });
    });

    it('fails the group with an error a cleanup raises during the cancel', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const cleanupError = new Error('cleanup failed');
        const cleanup = cold('  --#', undefined, cleanupError);
        let group!: TaskGroup;
        expectObservable(withTaskGroup(tg => {
          group = tg;
          tg.createTask(cold('10ms |'), { onCancel: () => cleanup });
        })).toBe('             ----#', undefined, taskGroupError(cleanupError));
        testScheduler.schedule(() => group.cancel(), 2);
        expectSubscriptions(cleanup.subscriptions).toBe('--^-!');
      });
    });

    it('fails the group with an error a teardown throws during the cancel', () => {
      testScheduler.run(({ expectObservable }) => {
        const teardownError = new Error('teardown failed');
        let group!: TaskGroup;
        expectObservable(withTaskGroup(tg => {
          group = tg;
          tg.createTask(new Observable<never>(() => () => {
            throw teardownError;
          }));
        })).toBe('--#', undefined, taskGroupError(teardownError));
        testScheduler.schedule(() => group.cancel(), 2);
      });
    });
  });

  describe('rule 6: options.signal', () => {
    it('cancels the group like tg.cancel(signal.reason) when it aborts later', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions, flush }) => {
        const controller = new AbortController();
        const reason = new Error('navigated away');
        const task = cold('10ms |');
        let handle!: Task<string>;
        expectObservable(withTaskGroup(tg => {
          handle = tg.createTask(task);
        }, { signal: controller.signal })).toBe('---|');
        testScheduler.schedule(() => controller.abort(reason), 3);
        expectSubscriptions(task.subscriptions).toBe('^--!');
        flush();
        expect(() => handle.result()).toThrowMatching(e => e instanceof TaskCancelledError && e.reason === reason);
      });
    });

    it('does not run the body when the signal is already aborted, and completes at once', () => {
      const savedOnUnhandledError = config.onUnhandledError;
      const unhandled: unknown[] = [];
      config.onUnhandledError = error => unhandled.push(error);
      try {
        testScheduler.run(({ expectObservable, flush }) => {
          const body = jasmine.createSpy('body');
          expectObservable(withTaskGroup(body, { signal: AbortSignal.abort('too late') })).toBe('|');
          flush();
          expect(body).not.toHaveBeenCalled();
        });
      } finally {
        config.onUnhandledError = savedOnUnhandledError;
      }
      expect(unhandled).withContext('errors that reached config.onUnhandledError').toEqual([]);
    });

    it('removes its abort listener from the signal once the group has finished', () => {
      testScheduler.run(({ cold, expectObservable, flush }) => {
        const controller = new AbortController();
        const added = spyOn(controller.signal, 'addEventListener').and.callThrough();
        const removed = spyOn(controller.signal, 'removeEventListener').and.callThrough();
        const events: string[] = [];
        expectObservable(withTaskGroup(tg => {
          tg.createTask(cold('-|'));
        }, { signal: controller.signal, onEvent: event => events.push(event.type) })).toBe('-|');
        flush();
        expect(added).toHaveBeenCalledTimes(1);
        expect(removed).toHaveBeenCalledOnceWith('abort', added.calls.first().args[1]);
        controller.abort();
        expect(events).toEqual(['started', 'completed', 'group-finished']);
      });
    });
  });

  describe('rule 6: task.cancel()', () => {
    it('cancels that task only, awaits its cleanup, returns true, and the group carries on without error', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions, flush }) => {
        const a = cold('      10ms |');
        const cleanup = cold('  --|');
        const b = cold('      ----(b|)', { b: 'B' });
        let handle!: Task<string>;
        let returned: boolean | undefined;
        let doneDuringCleanup: boolean | undefined;
        const result = withTaskGroup<string>(tg => {
          handle = tg.createTask(a, { onCancel: () => cleanup });
          return tg.createTask(b);
        });
        expectObservable(result).toBe('              ----(b|)', { b: 'B' });
        expectObservable(defer(() => handle)).toBe('---#', undefined, new TaskCancelledError('enough'));
        testScheduler.schedule(() => (returned = handle.cancel('enough')), 1);
        testScheduler.schedule(() => (doneDuringCleanup = handle.done()), 2);
        expectSubscriptions(a.subscriptions).toBe('   ^!');
        expectSubscriptions(cleanup.subscriptions).toBe('-^-!');
        expectSubscriptions(b.subscriptions).toBe('   ^---!');
        flush();
        expect(returned).toBeTrue();
        expect(doneDuringCleanup).toBeFalse();
        expect(handle.done()).toBeTrue();
        expect(handle.cancelled()).toBeTrue();
      });
    });

    it('returns false for a task that is done', () => {
      testScheduler.run(({ cold, expectObservable, flush }) => {
        let handle!: Task<string>;
        let returned: boolean | undefined;
        expectObservable(withTaskGroup(tg => {
          handle = tg.createTask(cold('-a|'));
          tg.createTask(cold('----|'));
        })).toBe('----|');
        testScheduler.schedule(() => (returned = handle.cancel()), 3);
        flush();
        expect(returned).toBeFalse();
        expect(handle.cancelled()).toBeFalse();
        expect(handle.result()).toBe('a');
        expect(handle.cancel()).toBeFalse(); // and after the group has finished
      });
    });

    it('returns false for a task whose cancellation is already under way', () => {
      testScheduler.run(({ cold, expectObservable, flush }) => {
        const onCancel = jasmine.createSpy('onCancel').and.returnValue(cold('---|'));
        const returned: boolean[] = [];
        let handle!: Task<string>;
        expectObservable(withTaskGroup(tg => {
          handle = tg.createTask(cold('10ms |'), { onCancel });
        })).toBe('----|');
        testScheduler.schedule(() => returned.push(handle.cancel()), 1);
        testScheduler.schedule(() => returned.push(handle.cancel()), 2);
        flush();
        expect(returned).toEqual([true, false]);
        expect(onCancel).toHaveBeenCalledTimes(1);
      });
    });

    it('removes a queued task from the queue: it never starts', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions, flush }) => {
        const first = cold('  --|');
        const queued = cold('   -|');
        const factory = jasmine.createSpy('factory').and.returnValue(queued);
        let handle!: Task<string>;
        let returned: boolean | undefined;
        expectObservable(withTaskGroup(tg => {
          tg.createTask(first);
          handle = tg.createTask(factory);
          returned = handle.cancel('not needed');
        }, { concurrency: 1 })).toBe('--|');
        expectSubscriptions(queued.subscriptions).toBe([]);
        flush();
        expect(returned).toBeTrue();
        expect(factory).not.toHaveBeenCalled();
        expect(handle.cancelled()).toBeTrue();
      });
    });

    it('skips a cancelled queued task: the next one takes the free slot, and the cancelled one stays done', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions, flush }) => {
        const first = cold('  --|');
        const dropped = cold('   -|');
        const next = cold('     ---|');
        const events: string[] = [];
        let handle!: Task<string>;
        expectObservable(withTaskGroup(tg => {
          tg.createTask(first);
          handle = tg.createTask(dropped, { name: 'dropped' });
          tg.createTask(next, { name: 'next' });
          expect(handle.cancel()).toBeTrue();
          expect(handle.cancel()).toBeFalse(); // done at once: nothing left to cancel
          expect(handle.done()).toBeTrue();
          expect(tg.snapshot().tasks.map(task => `${task.name}: ${task.state}`)).toEqual(['task-0: running', 'next: queued']);
        }, { concurrency: 1, onEvent: e => e.task && e.type !== 'value' && events.push(`${e.type} ${e.task.name}`) })).toBe('-----|');
        expectSubscriptions(first.subscriptions).toBe('^-!');
        expectSubscriptions(dropped.subscriptions).toBe([]);
        expectSubscriptions(next.subscriptions).toBe(' --^--!');
        flush();
        expect(events).toEqual([
          'started task-0', 'queued dropped', 'queued next', 'cancelled dropped', 'completed task-0', 'started next', 'completed next',
        ]);
        expect(() => handle.result()).toThrowMatching(error => error instanceof TaskCancelledError);
      });
    });

    it('drops every queued task at shutdown except one cancelled before, which is cancelled once', () => {
      testScheduler.run(({ cold, expectObservable, flush }) => {
        const boom = new Error('boom');
        const events: string[] = [];
        expectObservable(withTaskGroup(tg => {
          tg.createTask(cold('-#', undefined, boom));
          tg.createTask(cold('-|'), { name: 'a' }).cancel();
          tg.createTask(cold('-|'), { name: 'b' });
        }, { concurrency: 1, onEvent: e => e.type === 'cancelled' && events.push(e.task!.name) })).toBe('-#', undefined, taskGroupError(boom));
        flush();
        expect(events).toEqual(['a', 'b']);
      });
    });

    it('fails the group with an error its cleanup raises, cancelling the others', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const cleanupError = new Error('cleanup failed');
        const cleanup = cold('   --#', undefined, cleanupError);
        const other = cold('   10ms |');
        let handle!: Task<string>;
        expectObservable(withTaskGroup(tg => {
          handle = tg.createTask(cold('10ms |'), { onCancel: () => cleanup });
          tg.createTask(other);
        })).toBe('              ---#', undefined, taskGroupError(cleanupError));
        testScheduler.schedule(() => handle.cancel(), 1);
        expectSubscriptions(cleanup.subscriptions).toBe('-^-!');
        expectSubscriptions(other.subscriptions).toBe('  ^--!');
      });
    });

    it('fails the group with an error its teardown throws', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const teardownError = new Error('teardown failed');
        const other = cold('10ms |');
        let handle!: Task<never>;
        expectObservable(withTaskGroup(tg => {
          handle = tg.createTask(new Observable<never>(() => () => {
            throw teardownError;
          }));
          tg.createTask(other);
        })).toBe('-#', undefined, taskGroupError(teardownError));
        testScheduler.schedule(() => handle.cancel(), 1);
        expectSubscriptions(other.subscriptions).toBe('^!');
      });
    });
  });

  describe('rule 7: unsubscribing the group', () => {
    let savedOnUnhandledError: typeof config.onUnhandledError;
    beforeEach(() => (savedOnUnhandledError = config.onUnhandledError));
    afterEach(() => (config.onUnhandledError = savedOnUnhandledError));

    it('cancels the body and every task at that frame; queued tasks never start', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions, flush }) => {
        const body = cold('  20ms |');
        const a = cold('     20ms |');
        const b = cold('     20ms |');
        const queued = cold('-|');
        const signals: AbortSignal[] = [];
        const result = withTaskGroup(tg => {
          tg.createTask(ctx => (signals.push(ctx.signal), a));
          tg.createTask(ctx => (signals.push(ctx.signal), b));
          tg.createTask(queued);
          return body;
        }, { concurrency: 2 });
        expectObservable(result, '^ 5ms !').toBe('-');
        expectSubscriptions(body.subscriptions).toBe('  ^ 5ms !');
        expectSubscriptions(a.subscriptions).toBe('     ^ 5ms !');
        expectSubscriptions(b.subscriptions).toBe('     ^ 5ms !');
        expectSubscriptions(queued.subscriptions).toBe([]);
        flush();
        for (const signal of signals) {
          expect(signal.aborted).toBeTrue();
          expect(signal.reason).toBeInstanceOf(TaskCancelledError);
          expect((signal.reason as TaskCancelledError).reason).toBeUndefined();
        }
      });
    });

    it('still runs cleanups and shielded tasks after the unsubscription', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const task = cold('    20ms |');
        const cleanup = cold('       ---|');
        const shielded = cold('10ms |');
        const result = withTaskGroup(tg => {
          tg.createTask(task, { onCancel: () => cleanup });
          tg.createTask(shielded, { shield: true });
        });
        expectObservable(result, '^ 5ms !').toBe('-');
        expectSubscriptions(task.subscriptions).toBe('    ^ 5ms !');
        expectSubscriptions(cleanup.subscriptions).toBe(' 6ms ^ 2ms !');
        expectSubscriptions(shielded.subscriptions).toBe('^ 9ms !');
      });
    });

    it('reports each error raised after the unsubscription, as itself, to config.onUnhandledError, asynchronously', () => {
      testScheduler.run(({ cold, flush }) => {
        const teardownError = new Error('teardown failed');
        const cleanupError = new Error('cleanup failed');
        const shieldError = new Error('shielded failed');
        const reported: [number, unknown][] = [];
        config.onUnhandledError = error => reported.push([testScheduler.now(), error]);
        const delivered: unknown[] = [];
        const subscription = withTaskGroup(tg => {
          tg.createTask(new Observable<never>(() => () => {
            throw teardownError;
          }));
          tg.createTask(cold('20ms |'), { onCancel: () => cold('--#', undefined, cleanupError) });
          tg.createTask(cold('10ms #', undefined, shieldError), { shield: true });
        }).subscribe({ error: e => delivered.push(e), complete: () => delivered.push('complete') });
        let reportedSynchronously: number | undefined;
        testScheduler.schedule(() => {
          subscription.unsubscribe();
          reportedSynchronously = reported.length;
        }, 6);
        flush();
        expect(reportedSynchronously).toBe(0);
        expect(reported).toHaveSize(3);
        expect(reported[0][1]).toBe(teardownError);
        expect(reported[1][1]).toBe(cleanupError);
        expect(reported[2][1]).toBe(shieldError);
        expect(reported.map(([time]) => time)).toEqual([6, 8, 10]);
        expect(delivered).toEqual([]);
      });
    });

    it('completes the unsubscription even when a teardown throws', () => {
      testScheduler.run(({ cold, expectSubscriptions, flush }) => {
        const reported: unknown[] = [];
        config.onUnhandledError = error => reported.push(error);
        const teardownError = new Error('teardown failed');
        const other = cold('20ms |');
        const subscription = withTaskGroup(tg => {
          tg.createTask(other);
          tg.createTask(new Observable<never>(() => () => {
            throw teardownError;
          }));
        }).subscribe();
        let threw = false;
        testScheduler.schedule(() => {
          try {
            subscription.unsubscribe();
          } catch {
            threw = true;
          }
        }, 3);
        expectSubscriptions(other.subscriptions).toBe('^--!');
        flush();
        expect(threw).toBeFalse();
        expect(subscription.closed).toBeTrue();
        expect(reported).toEqual([teardownError]);
        expect(reported[0]).toBe(teardownError);
      });
    });

    it('runs no onCancel for a task that is not cancelled, and reports nothing when all goes well', () => {
      testScheduler.run(({ cold, expectObservable, flush }) => {
        const reported: unknown[] = [];
        config.onUnhandledError = error => reported.push(error);
        const onCancel = jasmine.createSpy('onCancel').and.returnValue(EMPTY);
        expectObservable(withTaskGroup(tg => {
          tg.createTask(cold('--|'), { onCancel });
        }), '^ 5ms !').toBe('--|');
        flush();
        expect(onCancel).not.toHaveBeenCalled();
        expect(reported).toEqual([]);
      });
    });
  });
});
