/**
 * `withTaskGroup`: the shutdown on a first failure. Rule 3 of docs/contract.md (the order of
 * cancellation, queued tasks, waiting for cleanups and shielded tasks), rule 4 (what the
 * TaskGroupError holds) and rule 8 (handles report after the body and siblings are cancelled).
 */
import { config, defer, EMPTY, forkJoin, Observable } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import { TaskCancelledError, TaskGroupError, withTaskGroup, type Task } from 'rxjs-taskgroup';
import { taskGroupError, taskGroupTestScheduler } from 'rxjs-taskgroup/testing';

/** An Observable that never emits and logs when it is unsubscribed. */
const loggingTeardown = (log: string[], name: string): Observable<never> =>
  new Observable<never>(() => () => log.push(`${name} unsubscribed`));

/** An Observable that never emits and whose teardown throws. */
const throwingTeardown = (error: unknown): Observable<never> =>
  new Observable<never>(() => () => {
    throw error;
  });

describe('withTaskGroup: the shutdown on a first failure (rules 3, 4, 8)', () => {
  let testScheduler: TestScheduler;
  beforeEach(() => (testScheduler = taskGroupTestScheduler()));

  describe('rule 3: shutting down on the first failure', () => {
    it('aborts tg.signal first, then cancels the body, then the running tasks newest first', () => {
      testScheduler.run(({ cold, expectObservable, flush }) => {
        const error = new Error('task-2 failed');
        const log: string[] = [];
        expectObservable(withTaskGroup(tg => {
          tg.signal.addEventListener('abort', () => log.push('tg.signal aborted'));
          tg.createTask(loggingTeardown(log, 'task-0'));
          tg.createTask(loggingTeardown(log, 'task-1'));
          tg.createTask(cold('--#', undefined, error));
          tg.createTask(loggingTeardown(log, 'task-3'));
          return loggingTeardown(log, 'body');
        })).toBe('--#', undefined, taskGroupError(error));
        flush();
        expect(log).toEqual([
          'tg.signal aborted',
          'body unsubscribed',
          'task-3 unsubscribed',
          'task-1 unsubscribed',
          'task-0 unsubscribed',
        ]);
      });
    });

    it('aborts tg.signal with a TaskCancelledError whose reason is the first failure', () => {
      testScheduler.run(({ cold, expectObservable, flush }) => {
        const error = new Error('first');
        let signal!: AbortSignal;
        expectObservable(withTaskGroup(tg => {
          signal = tg.signal;
          tg.createTask(cold('-#', undefined, error));
        })).toBe('-#', undefined, taskGroupError(error));
        expect(signal).toBeUndefined(); // nothing ran before the subscription
        flush();
        expect(signal.aborted).toBeTrue();
        expect(signal.reason).toBeInstanceOf(TaskCancelledError);
        expect((signal.reason as TaskCancelledError).reason).toBe(error);
      });
    });

    it('cancels a task by aborting its ctx.signal, then unsubscribing it, then subscribing its onCancel', () => {
      testScheduler.run(({ cold, expectObservable, flush }) => {
        const error = new Error('boom');
        const log: string[] = [];
        let received: TaskCancelledError | undefined;
        expectObservable(withTaskGroup(tg => {
          tg.createTask(
            ctx => {
              ctx.signal.addEventListener('abort', () => log.push('ctx.signal aborted'));
              return loggingTeardown(log, 'task');
            },
            {
              onCancel: reason => {
                received = reason;
                log.push('onCancel called');
                return defer(() => (log.push('cleanup subscribed'), EMPTY));
              },
            },
          );
          tg.createTask(cold('--#', undefined, error));
        })).toBe('--#', undefined, taskGroupError(error));
        flush();
        expect(log).toEqual(['ctx.signal aborted', 'task unsubscribed', 'onCancel called', 'cleanup subscribed']);
        expect(received).toBeInstanceOf(TaskCancelledError);
        expect(received?.reason).toBe(error);
      });
    });

    it('never starts queued tasks: their factories are never called', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions, flush }) => {
        const error = new Error('boom');
        const running = cold(' -----|');
        const failing = cold(' --#', undefined, error);
        const queued = cold('  -|');
        const factory = jasmine.createSpy('factory').and.returnValue(cold('-|'));
        const handles: Task<unknown>[] = [];
        expectObservable(withTaskGroup(tg => {
          tg.createTask(running);
          tg.createTask(failing);
          handles.push(tg.createTask(queued), tg.createTask(factory));
        }, { concurrency: 2 })).toBe('--#', undefined, taskGroupError(error));
        expectSubscriptions(running.subscriptions).toBe('^-!');
        expectSubscriptions(queued.subscriptions).toBe([]);
        flush();
        expect(factory).not.toHaveBeenCalled();
        for (const handle of handles) {
          expect(handle.cancelled()).toBeTrue();
          expect(() => handle.result()).toThrowMatching(e => e instanceof TaskCancelledError && e.reason === error);
        }
      });
    });

    it('waits for onCancel cleanups before it reports', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const error = new Error('boom');
        const task = cold('   10ms |');
        const cleanup = cold('  ---|');
        expectObservable(withTaskGroup(tg => {
          tg.createTask(task, { onCancel: () => cleanup });
          tg.createTask(cold('--#', undefined, error));
        })).toBe('             -----#', undefined, taskGroupError(error));
        expectSubscriptions(task.subscriptions).toBe('   ^-!');
        expectSubscriptions(cleanup.subscriptions).toBe('--^--!');
      });
    });

    it('does not cancel a shielded task and waits for it before it reports', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions, flush }) => {
        const error = new Error('boom');
        const shielded = cold('------(s|)', { s: 'saved' });
        const cleanup = cold('--|');
        const log: string[] = [];
        let handle!: Task<string>;
        expectObservable(withTaskGroup(tg => {
          handle = tg.createTask(
            ctx => {
              ctx.signal.addEventListener('abort', () => log.push('aborted'));
              return shielded;
            },
            { shield: true, onCancel: () => cleanup },
          );
          tg.createTask(cold('--#', undefined, error));
        })).toBe('               ------#', undefined, taskGroupError(error));
        expectSubscriptions(shielded.subscriptions).toBe('^-----!');
        expectSubscriptions(cleanup.subscriptions).toBe([]);
        flush();
        expect(log).toEqual([]);
        expect(handle.result()).toBe('saved');
      });
    });

    it('cancels a task that a body running synchronously created, and never subscribes what that body returns', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const error = new Error('sync');
        const task = cold('-----|');
        const body = cold('--a|');
        expectObservable(withTaskGroup(tg => {
          tg.createTask(task);
          tg.createTask(() => {
            throw error;
          });
          return body;
        })).toBe('#', undefined, taskGroupError(error));
        expectSubscriptions(task.subscriptions).toBe('(^!)');
        expectSubscriptions(body.subscriptions).toBe([]);
      });
    });
  });

  describe('rule 4: the TaskGroupError', () => {
    it('holds the first failure, then a cleanup\'s error, then a shielded task\'s error, in the order they happened', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const first = new Error('first');
        const cleanupError = new Error('cleanup failed');
        const shieldError = new Error('shielded failed');
        const task = cold('     10ms |');
        const cleanup = cold('   --#', undefined, cleanupError);
        const shielded = cold('  -----#', undefined, shieldError);
        expectObservable(withTaskGroup(tg => {
          tg.createTask(task, { onCancel: () => cleanup });
          tg.createTask(shielded, { shield: true });
          tg.createTask(cold('-#', undefined, first));
        })).toBe('               -----#', undefined, taskGroupError(first, cleanupError, shieldError));
        expectSubscriptions(task.subscriptions).toBe('     ^!');
        expectSubscriptions(cleanup.subscriptions).toBe('  -^-!');
        expectSubscriptions(shielded.subscriptions).toBe(' ^----!');
      });
    });

    it('orders shutdown errors by time, not by kind', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const first = new Error('first');
        const cleanupError = new Error('cleanup failed');
        const shieldError = new Error('shielded failed');
        expectObservable(withTaskGroup(tg => {
          tg.createTask(cold('10ms |'), { onCancel: () => cold('---#', undefined, cleanupError) });
          tg.createTask(cold('--#', undefined, shieldError), { shield: true });
          tg.createTask(cold('-#', undefined, first));
        })).toBe('----#', undefined, taskGroupError(first, shieldError, cleanupError));
      });
    });

    it('collects an error a task delivers while it is being cancelled (from its abort listener)', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const first = new Error('first');
        const whileCancelling = new Error('while cancelling');
        expectObservable(withTaskGroup(tg => {
          tg.createTask(ctx =>
            new Observable<never>(subscriber => {
              ctx.signal.addEventListener('abort', () => subscriber.error(whileCancelling));
            }),
          );
          tg.createTask(cold('--#', undefined, first));
        })).toBe('--#', undefined, taskGroupError(first, whileCancelling));
      });
    });

    it('collects an error the body delivers while it is being cancelled (from a tg.signal listener)', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const first = new Error('first');
        const bodyError = new Error('body while cancelling');
        expectObservable(withTaskGroup(tg => {
          tg.createTask(cold('--#', undefined, first));
          return new Observable<never>(subscriber => {
            tg.signal.addEventListener('abort', () => subscriber.error(bodyError));
          });
        })).toBe('--#', undefined, taskGroupError(first, bodyError));
      });
    });

    it('collects errors thrown by teardowns, unwrapped from UnsubscriptionError, body first; the task still counts as cancelled', () => {
      const savedOnUnhandledError = config.onUnhandledError;
      const unhandled: unknown[] = [];
      config.onUnhandledError = error => unhandled.push(error);
      try {
        testScheduler.run(({ cold, expectObservable, flush }) => {
          const first = new Error('first');
          const bodyTeardown = new Error('body teardown');
          const taskTeardown = new Error('task teardown');
          const handles: Task<unknown>[] = [];
          const result = withTaskGroup(tg => {
            handles.push(tg.createTask(throwingTeardown(taskTeardown)));
            handles.push(tg.createTask(cold('--#', undefined, first)));
            return throwingTeardown(bodyTeardown);
          });
          expectObservable(result).toBe('--#', undefined, taskGroupError(first, bodyTeardown, taskTeardown));
          let caught: unknown;
          result.subscribe({ error: e => (caught = e) });
          flush();
          expect(caught).toBeInstanceOf(TaskGroupError);
          const { errors } = caught as TaskGroupError;
          expect(errors).toHaveSize(3);
          expect(errors[0]).toBe(first);
          expect(errors[1]).toBe(bodyTeardown);
          expect(errors[2]).toBe(taskTeardown);
          expect(handles[0].cancelled()).toBeTrue();
          expect(handles[1].exception()).toBe(first);
        });
      } finally {
        config.onUnhandledError = savedOnUnhandledError;
      }
      expect(unhandled).withContext('errors that reached config.onUnhandledError').toEqual([]);
    });

    it('is a TaskGroupError even for a single error, holding that very error', () => {
      testScheduler.run(({ cold, flush }) => {
        const error = new Error('only');
        let caught: unknown;
        withTaskGroup(tg => {
          tg.createTask(cold('-#', undefined, error));
        }).subscribe({ error: e => (caught = e) });
        flush();
        expect(caught).toBeInstanceOf(TaskGroupError);
        expect((caught as TaskGroupError).errors).toHaveSize(1);
        expect((caught as TaskGroupError).errors[0]).toBe(error);
      });
    });

    it('gets nothing from a cancelled task, even one that echoes its TaskCancelledError', () => {
      testScheduler.run(({ cold, expectObservable, flush }) => {
        const first = new Error('first');
        let echo!: Task<never>;
        expectObservable(withTaskGroup(tg => {
          tg.createTask(cold('10ms |'));
          echo = tg.createTask(ctx =>
            new Observable<never>(subscriber => {
              ctx.signal.addEventListener('abort', () => subscriber.error(ctx.signal.reason));
            }),
          );
          tg.createTask(cold('--#', undefined, first));
        })).toBe('--#', undefined, taskGroupError(first));
        flush();
        expect(echo.cancelled()).toBeTrue();
      });
    });

    it('holds a nested group\'s TaskGroupError as one member, keeping its shape', () => {
      testScheduler.run(({ cold, expectObservable, flush }) => {
        const innerFirst = new Error('inner first');
        const innerCleanup = new Error('inner cleanup');
        const inner = withTaskGroup(tg => {
          tg.createTask(cold('10ms |'), { onCancel: () => cold('-#', undefined, innerCleanup) });
          tg.createTask(cold('-#', undefined, innerFirst));
        });
        const innerHandles: Task<never>[] = [];
        const result = withTaskGroup(tg => {
          innerHandles.push(tg.createTask(inner));
        });
        expectObservable(result).toBe('--#', undefined, taskGroupError(taskGroupError(innerFirst, innerCleanup)));
        let caught: unknown;
        testScheduler.schedule(() => result.subscribe({ error: e => (caught = e) })); // the second run of the body
        flush();
        expect(innerHandles).toHaveSize(2);
        const { errors } = caught as TaskGroupError;
        expect(errors).toHaveSize(1);
        expect(errors[0]).toBeInstanceOf(TaskGroupError);
        expect(errors[0]).toBe(innerHandles[1].exception());
        expect((errors[0] as TaskGroupError).errors).toEqual([innerFirst, innerCleanup]);
        expect((errors[0] as TaskGroupError).errors[1]).toBe(innerCleanup);
      });
    });

    it('collects only the first of two tasks failing in the same frame: the other is cancelled first', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions, flush }) => {
        const errorA = new Error('A');
        const errorB = new Error('B');
        const a = cold('--#', undefined, errorA);
        const b = cold('--#', undefined, errorB);
        let handleB!: Task<string>;
        expectObservable(withTaskGroup(tg => {
          tg.createTask(a);
          handleB = tg.createTask(b);
        })).toBe('--#', undefined, taskGroupError(errorA));
        expectSubscriptions(a.subscriptions).toBe('^-!');
        expectSubscriptions(b.subscriptions).toBe('^-!');
        flush();
        expect(handleB.cancelled()).toBeTrue();
      });
    });
  });

  describe('rule 8: delivery order', () => {
    it('cancels the body and the siblings before the failing task\'s handle reports', () => {
      testScheduler.run(({ cold, expectObservable, flush }) => {
        const error = new Error('boom');
        const log: string[] = [];
        let failing!: Task<never>;
        const result = withTaskGroup(tg => {
          tg.createTask(loggingTeardown(log, 'sibling'));
          failing = tg.createTask(cold('--#', undefined, error));
          return loggingTeardown(log, 'body');
        });
        expectObservable(result).toBe('--#', undefined, taskGroupError(error));
        // An outside subscriber of the handle, subscribed once the group has started.
        testScheduler.schedule(() => failing.subscribe({ error: e => log.push(e === error ? 'handle reported' : 'wrong error') }), 1);
        flush();
        expect(log).toEqual(['body unsubscribed', 'sibling unsubscribed', 'handle reported']);
      });
    });

    it('reports the failure once when the body forkJoins the handles', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions, flush }) => {
        const error = new Error('b failed');
        const a = cold('----a|');
        const b = cold('--#', undefined, error);
        const result = withTaskGroup(tg => forkJoin([tg.createTask(a), tg.createTask(b)]));
        expectObservable(result).toBe('--#', undefined, taskGroupError(error));
        let caught: unknown;
        result.subscribe({ error: e => (caught = e) });
        expectSubscriptions(a.subscriptions).toBe(['^-!', '^-!']); // this subscription and expectObservable's
        flush();
        expect((caught as TaskGroupError).errors).toHaveSize(1);
        expect((caught as TaskGroupError).errors[0]).toBe(error);
      });
    });

    it('reports the failure once when the body returns the failing handle itself', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const error = new Error('boom');
        expectObservable(withTaskGroup(tg => tg.createTask(cold('--#', undefined, error)))).toBe('--#', undefined, taskGroupError(error));
      });
    });
  });
});
