/**
 * User code that calls back into the group (rule 10 of docs/contract.md), one rule of ownership for bodies
 * and tasks (rule 11), owned asynchronous nesting through the `owner` option (rule 12) and
 * children-first cleanup (rule 13). Each case here once broke the engine as a user met it.
 */
import { config, NEVER, Observable, of, queueScheduler, race, switchMap, timer } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import { task, taskGroup, TaskGroupError, withTaskGroup, type Task } from 'rxjs-taskgroup';
import { taskGroupError, taskGroupTestScheduler } from 'rxjs-taskgroup/testing';

describe('a group under re-entrant user code, and who owns a group (rules 10–13)', () => {
  let testScheduler: TestScheduler;
  let unhandled: unknown[];
  const savedOnUnhandledError = config.onUnhandledError;
  beforeEach(() => {
    testScheduler = taskGroupTestScheduler();
    unhandled = [];
    config.onUnhandledError = error => unhandled.push(error);
  });
  afterEach(() => (config.onUnhandledError = savedOnUnhandledError));

  it('completes when onEvent cancels the group at a task’s "started": the task is never subscribed', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const task = cold('-a|');
      let tg!: { cancel(): void };
      const result = withTaskGroup(group => {
        tg = group;
        group.createTask(task);
      }, { onEvent: e => e.type === 'started' && tg.cancel() });
      expectObservable(result).toBe('|');
      expectSubscriptions(task.subscriptions).toBe([]);
    });
    expect(unhandled).toEqual([]);
  });

  it('completes, with nothing unhandled, when onEvent aborts the operator’s signal at "started"', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold('---a|');
      const second = cold('-b|');
      const controller = new AbortController();
      const result = of(first, second).pipe(
        taskGroup({ signal: controller.signal, onEvent: e => e.type === 'started' && controller.abort() }),
      );
      expectObservable(result).toBe('|');
      expectSubscriptions(first.subscriptions).toBe([]);
      expectSubscriptions(second.subscriptions).toBe([]);
    });
    expect(unhandled).toEqual([]);
  });

  it('collects the error of a factory that cancels the group and then throws', () => {
    testScheduler.run(({ expectObservable }) => {
      const thrown = new Error('factory failed after cancelling');
      const result = withTaskGroup(tg => {
        tg.createTask(() => {
          tg.cancel();
          throw thrown;
        });
      });
      expectObservable(result).toBe('#', undefined, taskGroupError(thrown));
    });
    expect(unhandled).toEqual([]);
  });

  it('has aborted tg.signal before it reports, even when onEvent cancels the last task at "group-shutdown"', () => {
    const order: string[] = [];
    testScheduler.run(({ cold }) => {
      let last!: Task<unknown>;
      withTaskGroup(tg => {
        tg.signal.addEventListener('abort', () => order.push('tg.signal aborted'));
        last = tg.createTask(cold('-----a|'));
        tg.createTask(timer(2)).subscribe(() => tg.cancel('enough'));
      }, { onEvent: e => e.type === 'group-shutdown' && last.cancel() })
        .subscribe({ complete: () => order.push('group completed') });
    });
    expect(order).toEqual(['tg.signal aborted', 'group completed']);
  });

  it('reports a throwing onEvent asynchronously even on a synchronous scheduler: the shutdown goes on', () => {
    const order: string[] = [];
    const broken = new Error('logger broke');
    const failure = new Error('task failed');
    config.onUnhandledError = error => order.push(`unhandled: ${(error as Error).message}`);
    testScheduler.run(() => {
      withTaskGroup(tg => {
        tg.createTask(new Observable(() => () => order.push('sibling torn down')));
        tg.createTask(timer(1).pipe(switchMap(() => { throw failure; })));
      }, {
        scheduler: queueScheduler,
        onEvent: e => {
          if (e.type === 'group-shutdown') throw broken;
        },
      }).subscribe({ error: (e: TaskGroupError) => order.push(`group failed: ${(e.errors[0] as Error).message}`) });
    });
    expect(order).toEqual(['sibling torn down', 'group failed: task failed', 'unhandled: logger broke']);
  });

  describe('one rule of ownership for bodies and tasks', () => {
    /** A group whose only task never ends, with the given cleanup. */
    const slowInnerGroup = (cleanup: Observable<unknown>) =>
      withTaskGroup(tg => {
        tg.createTask(NEVER, { onCancel: () => cleanup });
      });

    it('a body that races a group waits for the cleanup of the group it dropped, and collects its error', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const cleanupError = new Error('inner cleanup failed');
        const result = withTaskGroup(() => race(slowInnerGroup(cold('50ms #', undefined, cleanupError)), timer(10)));
        expectObservable(result).toBe('10ms a 49ms #', { a: 0 }, taskGroupError(taskGroupError(cleanupError)));
      });
      expect(unhandled).toEqual([]);
    });

    it('a task that races a group does the same: the task fails with the dropped group’s errors when they arrive', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const cleanupError = new Error('inner cleanup failed');
        const result = withTaskGroup(tg => {
          tg.createTask(race(slowInnerGroup(cold('50ms #', undefined, cleanupError)), timer(10)));
        });
        expectObservable(result).toBe('60ms #', undefined, taskGroupError(taskGroupError(cleanupError)));
      });
      expect(unhandled).toEqual([]);
    });

    it('a task that completes while a group it dropped is finishing is done only after that group', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const innerCleanup = cold('50ms |');
        let task!: Task<unknown>;
        const result = withTaskGroup(tg => {
          const inner = withTaskGroup(g => { g.createTask(NEVER, { onCancel: () => innerCleanup }); });
          task = tg.createTask(race(inner, timer(10).pipe(switchMap(() => of('won')))));
          return task;
        });
        expectObservable(result).toBe('60ms (w|)', { w: 'won' });
      });
      expect(unhandled).toEqual([]);
    });
  });

  describe('options.owner: a group started later inside a task belongs to it', () => {
    it('the outer group waits for its cleanup and gets its errors as one nested member', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const cleanupError = new Error('inner cleanup failed');
        const sibling = new Error('sibling failed');
        const innerCleanup = cold('50ms #', undefined, cleanupError);
        const result = withTaskGroup(tg => {
          tg.createTask(ctx => timer(5).pipe(
            switchMap(() => withTaskGroup(inner => { inner.createTask(NEVER, { onCancel: () => innerCleanup }); }, { owner: ctx })),
          ));
          tg.createTask(cold('20ms #', undefined, sibling));
        });
        expectObservable(result).toBe('70ms #', undefined, taskGroupError(sibling, taskGroupError(cleanupError)));
        expectSubscriptions(innerCleanup.subscriptions).toBe('20ms ^ 49ms !');
      });
      expect(unhandled).toEqual([]);
    });

    it('without it, the same group is nobody’s: its cleanup error is unhandled and the outer group reports first', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const cleanupError = new Error('inner cleanup failed');
        const sibling = new Error('sibling failed');
        const result = withTaskGroup(tg => {
          tg.createTask(timer(5).pipe(
            switchMap(() => withTaskGroup(inner => {
              inner.createTask(NEVER, { onCancel: () => cold('50ms #', undefined, cleanupError) });
            })),
          ));
          tg.createTask(cold('20ms #', undefined, sibling));
        });
        expectObservable(result).toBe('20ms #', undefined, taskGroupError(sibling));
      });
      expect(unhandled).toEqual([jasmine.objectContaining({ message: 'inner cleanup failed' })]);
    });

    it('refuses an owner that is not a task’s context, at once', () => {
      const fake = { signal: new AbortController().signal, index: 0, name: 'task-0' };
      expect(() => withTaskGroup(() => undefined, { owner: fake })).toThrowError(
        TypeError, "withTaskGroup: options.owner must be a task's context (the ctx its factory received); got object");
    });

    it('is an option of every group: a taskGroup started later inside a task belongs to it', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const cleanupError = new Error('inner cleanup failed');
        const sibling = new Error('sibling failed');
        const innerCleanup = cold('50ms #', undefined, cleanupError);
        const result = withTaskGroup(tg => {
          tg.createTask(ctx => timer(5).pipe(
            switchMap(() => of(task(NEVER, { onCancel: () => innerCleanup })).pipe(taskGroup({ owner: ctx }))),
          ));
          tg.createTask(cold('20ms #', undefined, sibling));
        });
        expectObservable(result).toBe('70ms #', undefined, taskGroupError(sibling, taskGroupError(cleanupError)));
        expectSubscriptions(innerCleanup.subscriptions).toBe('20ms ^ 49ms !');
      });
      expect(unhandled).toEqual([]);
    });
  });

  it('runs a cancelled task’s onCancel only after the group it owns has finished (children first)', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const innerCleanup = cold('30ms |');
      const outerCleanup = cold('10ms |');
      const failure = new Error('sibling failed');
      const result = withTaskGroup(tg => {
        tg.createTask(withTaskGroup(inner => { inner.createTask(NEVER, { onCancel: () => innerCleanup }); }),
          { onCancel: () => outerCleanup });
        tg.createTask(cold('100ms #', undefined, failure));
      });
      expectObservable(result).toBe('140ms #', undefined, taskGroupError(failure));
      expectSubscriptions(innerCleanup.subscriptions).toBe('100ms ^ 29ms !');
      expectSubscriptions(outerCleanup.subscriptions).toBe('130ms ^ 9ms !');
    });
  });
});
