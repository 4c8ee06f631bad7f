/**
 * `withTaskGroup`: the group's life and its tasks. Rules 1, 2 and 5 of docs/contract.md (a cold
 * Observable of the body, starting tasks, the `TaskStateError` of a `createTask` that comes too
 * late). Other files have the rest: the shutdown (rules 3, 4, 8) group-shutdown, cancelling on
 * purpose (rules 6, 7) group-cancel, events group-events; what bad arguments and options throw
 * (rule 5's `TypeError`, rule 9) and a factory that throws, bad-input; RxJS's operator checklist,
 * operator-checklist.
 */
import { config, defer, EMPTY, firstValueFrom, forkJoin, ignoreElements, lastValueFrom, map, mergeMap, of, Subscriber, tap, timer } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import {
  TaskCancelledError,
  TaskGroupError,
  TaskStateError,
  TaskTimeoutError,
  withTaskGroup,
  type Task,
  type TaskContext,
  type TaskGroup,
} from 'rxjs-taskgroup';
import { taskGroupError, taskGroupTestScheduler } from 'rxjs-taskgroup/testing';

describe("withTaskGroup: the group's life and its tasks (rules 1, 2, 5)", () => {
  let testScheduler: TestScheduler;
  beforeEach(() => (testScheduler = taskGroupTestScheduler()));

  describe('rule 1: a cold Observable of the body', () => {
    it('runs nothing until subscribed, then runs the body once per subscription with a fresh group', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions, flush }) => {
        const task = cold('--a|');
        const groups: TaskGroup[] = [];
        const result = withTaskGroup(tg => {
          groups.push(tg);
          tg.createTask(task);
        });
        expect(groups).toHaveSize(0);
        expectObservable(result).toBe('        ---|');
        expectObservable(result, '  --^').toBe('-----|');
        expectSubscriptions(task.subscriptions).toBe(['^--!', '--^--!']);
        flush();
        expect(groups).toHaveSize(2);
        expect(groups[0]).not.toBe(groups[1]);
      });
    });

    it('emits the values of the Observable the body returns', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const body = cold('-a-b|');
        const task = cold('------|');
        const result = withTaskGroup(tg => {
          tg.createTask(task);
          return body;
        });
        expectObservable(result).toBe('-a-b--|');
        expectSubscriptions(body.subscriptions).toBe('^---!');
      });
    });

    it('fails with a TaskGroupError of the error of the Observable the body returns, cancelling the tasks', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const error = new Error('body failed');
        const body = cold('--#', undefined, error);
        const task = cold('-----|');
        const result = withTaskGroup(tg => {
          tg.createTask(task);
          return body;
        });
        expectObservable(result).toBe('  --#', undefined, taskGroupError(error));
        expectSubscriptions(task.subscriptions).toBe('^-!');
      });
    });

    it('fails with a TaskGroupError of what the body throws synchronously, cancelling the tasks it created', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const error = new Error('body threw');
        const task = cold('-----|');
        const result = withTaskGroup(tg => {
          tg.createTask(task);
          throw error;
        });
        expectObservable(result).toBe('#', undefined, taskGroupError(error));
        expectSubscriptions(task.subscriptions).toBe('(^!)');
      });
    });

    it('completes at once when the body returns nothing and creates no task', () => {
      testScheduler.run(({ expectObservable }) => {
        expectObservable(withTaskGroup(() => undefined)).toBe('|');
      });
    });

    it('waits for the body\'s Observable when it outlives every task', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const body = cold('----|');
        const task = cold('-|');
        expectObservable(withTaskGroup(tg => {
          tg.createTask(task);
          return body;
        })).toBe('----|');
      });
    });

    it('waits for every task when they outlive the body', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const body = cold('-|');
        const short = cold('--|');
        const long = cold('----|');
        expectObservable(withTaskGroup(tg => {
          tg.createTask(long);
          tg.createTask(short);
          return body;
        })).toBe('           ----|');
        expectSubscriptions(long.subscriptions).toBe('^---!');
      });
    });

    it('waits for the cleanup of a cancelled task when it outlives everything else', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const task = cold('   10ms |');
        const cleanup = cold('  ---|');
        const body = cold('   -x|');
        expectObservable(withTaskGroup(tg => {
          const handle = tg.createTask(task, { onCancel: () => cleanup });
          return body.pipe(tap(() => handle.cancel()), ignoreElements());
        })).toBe('             ----|');
        expectSubscriptions(task.subscriptions).toBe('   ^!');
        expectSubscriptions(cleanup.subscriptions).toBe('-^--!');
      });
    });

    it('emits the values of a body mapping task results, as a user would', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const a = cold('--(a|)', { a: 1 });
        const b = cold('-(b|)', { b: 2 });
        expectObservable(withTaskGroup(tg => {
          const ha = tg.createTask(a);
          const hb = tg.createTask(b);
          return ha.pipe(mergeMap(x => hb.pipe(map(y => x + y))));
        })).toBe('--(s|)', { s: 3 });
      });
    });
  });

  describe('rule 2: createTask', () => {
    it('subscribes a task the moment createTask is called by the body', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const task = cold('---|');
        let subscribedBeforeReturn = false;
        expectObservable(withTaskGroup(tg => {
          tg.createTask(task);
          subscribedBeforeReturn = task.subscriptions.length === 1;
        })).toBe('---|');
        expectSubscriptions(task.subscriptions).toBe('^--!');
        testScheduler.flush();
        expect(subscribedBeforeReturn).toBeTrue();
      });
    });

    it('subscribes a task created later, from the body\'s Observable, at that frame', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const body = cold(' --x|');
        const late = cold('   ---|');
        expectObservable(withTaskGroup(tg => body.pipe(tap(() => tg.createTask(late)), ignoreElements())))
          .toBe('         -----|');
        expectSubscriptions(late.subscriptions).toBe('--^--!');
      });
    });

    it('accepts a task created by another task\'s factory', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const parent = cold('-|');
        const child = cold(' ---|');
        expectObservable(withTaskGroup(tg => {
          tg.createTask(() => {
            tg.createTask(child);
            return parent;
          });
        })).toBe('           ---|');
        expectSubscriptions(child.subscriptions).toBe('^--!');
        expectSubscriptions(parent.subscriptions).toBe('^!');
      });
    });

    it('accepts a task created later by a task, from a timer', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const child = cold('   --|');
        expectObservable(withTaskGroup(tg => {
          tg.createTask(timer(3).pipe(tap(() => tg.createTask(child))));
        })).toBe('           -----|');
        expectSubscriptions(child.subscriptions).toBe('---^-!');
      });
    });

    it('makes the task\'s last value its result, replayed by its handle when the task completes', () => {
      testScheduler.run(({ cold, expectObservable, flush }) => {
        const task = cold('-a-b-c|');
        let handle!: Task<string>;
        expectObservable(withTaskGroup(tg => {
          handle = tg.createTask(task);
        })).toBe('                  ------|');
        expectObservable(defer(() => handle)).toBe('------(c|)');
        flush();
        expect(handle.result()).toBe('c');
        expect(handle.exception()).toBeUndefined();
        // Subscribing after the end replays the outcome.
        const late: string[] = [];
        handle.subscribe(value => late.push(value));
        expect(late).toEqual(['c']);
      });
    });

    it('answers at once when a done handle is subscribed, by forkJoin (a Subscriber) or by an observer', () => {
      testScheduler.run(({ expectObservable, flush }) => {
        const seen: string[] = [];
        expectObservable(withTaskGroup(tg => {
          const done = [tg.createTask(of('a')), tg.createTask(of('b'))]; // synchronous: done once created
          const failed = tg.createTask(defer(() => Promise.reject(new Error('never seen'))));
          failed.cancel();
          failed.subscribe({ error: (e: unknown) => seen.push((e as Error).name) });
          done[0].subscribe(value => seen.push(value));
          return forkJoin(done);
        })).toBe('(x|)', { x: ['a', 'b'] });
        flush();
        expect(seen).toEqual(['TaskCancelledError', 'a']);
      });
    });

    it('still replays a done handle under RxJS\'s deprecated synchronous error handling, to an observer and to a Subscriber', () => {
      const previous = config.useDeprecatedSynchronousErrorHandling;
      config.useDeprecatedSynchronousErrorHandling = true;
      try {
        let handle!: Task<number>;
        withTaskGroup(tg => {
          handle = tg.createTask(of(1));
        }).subscribe();
        const values: number[] = [];
        let completed = false;
        handle.subscribe({ next: value => values.push(value), complete: () => (completed = true) });
        expect(values).toEqual([1]);
        expect(completed).toBeTrue();
        // A Subscriber too (what operators pass) gets the outcome, through RxJS's own subscribe.
        const fromSubscriber: string[] = [];
        handle.subscribe(new Subscriber<number>({
          next: value => fromSubscriber.push(`next ${value}`),
          error: () => fromSubscriber.push('error'),
          complete: () => fromSubscriber.push('complete'),
        }));
        expect(fromSubscriber).toEqual(['next 1', 'complete']);
      } finally {
        config.useDeprecatedSynchronousErrorHandling = previous;
      }
    });

    it('gives a task that completes without a value the result undefined and a handle that completes empty', () => {
      testScheduler.run(({ cold, expectObservable, flush }) => {
        const task = cold('---|');
        let handle!: Task<string>;
        expectObservable(withTaskGroup(tg => (handle = tg.createTask(task)))).toBe('---|');
        expectObservable(defer(() => handle)).toBe('                              ---|');
        flush();
        expect(handle.done()).toBeTrue();
        expect(handle.result()).toBeUndefined();
      });
    });

    it('passes the factory its context: index, name and an AbortSignal', () => {
      testScheduler.run(({ expectObservable, flush }) => {
        const contexts: TaskContext[] = [];
        const handles: Task<unknown>[] = [];
        expectObservable(withTaskGroup(tg => {
          handles.push(tg.createTask(ctx => (contexts.push(ctx), EMPTY), { name: 'first' }));
          handles.push(tg.createTask(ctx => (contexts.push(ctx), EMPTY)));
        })).toBe('|');
        flush();
        expect(contexts.map(({ index, name }) => ({ index, name }))).toEqual([
          { index: 0, name: 'first' },
          { index: 1, name: 'task-1' },
        ]);
        expect(contexts[0].signal).toBeInstanceOf(AbortSignal);
        expect(contexts[0].signal.aborted).toBeFalse();
        expect(handles.map(({ index, name }) => ({ index, name }))).toEqual([
          { index: 0, name: 'first' },
          { index: 1, name: 'task-1' },
        ]);
      });
    });

    it('resolves to the value of a Promise-returning factory', async () => {
      await expectAsync(firstValueFrom(withTaskGroup(tg => tg.createTask(async () => 42)))).toBeResolvedTo(42);
    });

    it('really cancels a Promise-returning factory through ctx.signal when a sibling fails', async () => {
      const failure = new Error('sibling failed');
      const log: string[] = [];
      let signal: AbortSignal | undefined;
      const group = withTaskGroup(tg => {
        tg.createTask(
          ctx =>
            new Promise<string>((resolve, reject) => {
              signal = ctx.signal;
              const pending = setTimeout(() => resolve('too late'), 10_000);
              ctx.signal.addEventListener('abort', () => {
                clearTimeout(pending);
                log.push('aborted');
                reject(ctx.signal.reason);
              });
            }),
        );
        tg.createTask(() => Promise.reject(failure));
      });
      const error = await lastValueFrom(group).then(
        () => undefined,
        (e: unknown) => e,
      );
      log.push('group failed');
      expect(log).toEqual(['aborted', 'group failed']);
      expect(signal?.aborted).toBeTrue();
      expect(signal?.reason).toBeInstanceOf(TaskCancelledError);
      expect((signal?.reason as TaskCancelledError).reason).toBe(failure);
      expect(error).toBeInstanceOf(TaskGroupError);
      expect((error as TaskGroupError).errors).toHaveSize(1);
      expect((error as TaskGroupError).errors[0]).toBe(failure);
    });

    it('counts a task\'s timeout from its start, not while it is queued', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const first = cold(' ----|');
        const second = cold('    --|');
        expectObservable(withTaskGroup(tg => {
          tg.createTask(first);
          tg.createTask(second, { timeout: 3 }); // queued 4 frames: would expire at 3 if counted from creation
        }, { concurrency: 1 })).toBe('------|');
        expectSubscriptions(second.subscriptions).toBe('----^-!');
      });
    });

    it('counts the group\'s default timeout from each task\'s start as well', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const first = cold(' --|');
        const second = cold('  -----|');
        expectObservable(withTaskGroup(tg => {
          tg.createTask(first);
          tg.createTask(second);
        }, { concurrency: 1, timeout: 3 })).toBe('-----#', undefined, taskGroupError(new TaskTimeoutError(3, 'task-1')));
        expectSubscriptions(second.subscriptions).toBe('--^--!');
      });
    });

    it('treats a timeout of Infinity as none, even over the group\'s default', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const task = cold('1000ms |');
        expectObservable(withTaskGroup(tg => {
          tg.createTask(task, { timeout: Infinity });
        }, { timeout: 5 })).toBe('1000ms |');
        expectSubscriptions(task.subscriptions).toBe('^ 999ms !');
      });
    });

    it('treats a timeout of Infinity as none with the real asyncScheduler (no timer that fires at once)', async () => {
      const result = lastValueFrom(withTaskGroup(tg => tg.createTask(timer(20).pipe(map(() => 'done')), { timeout: Infinity }), {
        timeout: Infinity,
      }));
      await expectAsync(result).toBeResolvedTo('done');
    });

    it('on expiry cancels the task, awaits its onCancel, and fails with TaskTimeoutError (timeout, taskName)', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions, flush }) => {
        const slow = cold('   10ms |');
        const cleanup = cold('   --|');
        const sibling = cold('10ms |');
        let reasonSeen: TaskCancelledError | undefined;
        let handle!: Task<unknown>;
        expectObservable(withTaskGroup(tg => {
          handle = tg.createTask(slow, { name: 'slow', timeout: 3, onCancel: reason => ((reasonSeen = reason), cleanup) });
          tg.createTask(sibling);
        })).toBe('             -----#', undefined, taskGroupError(new TaskTimeoutError(3, 'slow')));
        expectSubscriptions(slow.subscriptions).toBe('   ^--!');
        expectSubscriptions(cleanup.subscriptions).toBe('---^-!');
        expectSubscriptions(sibling.subscriptions).toBe('^--!');
        flush();
        const error = handle.exception();
        expect(error).toBeInstanceOf(TaskTimeoutError);
        expect((error as TaskTimeoutError).timeout).toBe(3);
        expect((error as TaskTimeoutError).taskName).toBe('slow');
        expect(handle.cancelled()).toBeFalse();
        expect(reasonSeen).toBeInstanceOf(TaskCancelledError);
        expect(reasonSeen?.reason).toBe(error);
      });
    });
  });

  describe('rule 5: createTask refuses once the group is shutting down or finished', () => {
    it('throws TaskStateError from a tg.signal abort listener, without calling the factory', () => {
      testScheduler.run(({ cold, expectObservable, flush }) => {
        const error = new Error('boom');
        const factory = jasmine.createSpy('factory').and.returnValue(EMPTY);
        let thrown: unknown;
        expectObservable(withTaskGroup(tg => {
          tg.signal.addEventListener('abort', () => {
            try {
              tg.createTask(factory);
            } catch (e) {
              thrown = e;
            }
          });
          tg.createTask(cold('--#', undefined, error));
        })).toBe('--#', undefined, taskGroupError(error));
        flush();
        expect(thrown).toBeInstanceOf(TaskStateError);
        expect(factory).not.toHaveBeenCalled();
      });
    });

    it('throws TaskStateError from an onCancel cleanup, without calling the factory', () => {
      testScheduler.run(({ cold, expectObservable, flush }) => {
        const error = new Error('boom');
        const factory = jasmine.createSpy('factory').and.returnValue(EMPTY);
        let thrown: unknown;
        expectObservable(withTaskGroup(tg => {
          tg.createTask(cold('10ms |'), {
            onCancel: () => {
              try {
                tg.createTask(factory);
              } catch (e) {
                thrown = e;
              }
              return EMPTY;
            },
          });
          tg.createTask(cold('--#', undefined, error));
        })).toBe('--#', undefined, taskGroupError(error));
        flush();
        expect(thrown).toBeInstanceOf(TaskStateError);
        expect(factory).not.toHaveBeenCalled();
      });
    });

    it('throws TaskStateError after the group has finished, without calling the factory', () => {
      testScheduler.run(({ cold, expectObservable, flush }) => {
        const factory = jasmine.createSpy('factory').and.returnValue(EMPTY);
        const late = cold('-|');
        let group!: TaskGroup;
        expectObservable(withTaskGroup(tg => {
          group = tg;
          tg.createTask(cold('--|'));
        })).toBe('--|');
        flush();
        expect(() => group.createTask(factory)).toThrowError(TaskStateError);
        expect(() => group.createTask(late)).toThrowError(TaskStateError);
        expect(factory).not.toHaveBeenCalled();
        flush();
        expect(late.subscriptions).toEqual([]);
      });
    });

    it('throws TaskStateError to a body still running after a task it created failed synchronously', () => {
      testScheduler.run(({ expectObservable, flush }) => {
        const error = new Error('sync failure');
        const factory = jasmine.createSpy('factory').and.returnValue(EMPTY);
        let thrown: unknown;
        expectObservable(withTaskGroup(tg => {
          tg.createTask(() => {
            throw error;
          });
          try {
            tg.createTask(factory);
          } catch (e) {
            thrown = e;
          }
        })).toBe('#', undefined, taskGroupError(error));
        flush();
        expect(thrown).toBeInstanceOf(TaskStateError);
        expect(factory).not.toHaveBeenCalled();
      });
    });
  });
});
