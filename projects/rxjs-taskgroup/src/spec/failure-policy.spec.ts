/**
 * The group option `failurePolicy` (docs/contract.md, rule 23): `'fail-fast'` is rules 3–4;
 * `'keep-going'` is Kotlin's `supervisorScope`, where a task's failure cancels nothing, the group
 * stays open, and the failures are reported together when it ends.
 */
import { config, from, NEVER } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import { cancelSiblingsOnError, task, TaskTimeoutError, withTaskGroup, type TaskEvent, type TaskGroup } from 'rxjs-taskgroup';
import { taskGroupError, taskGroupTestScheduler } from 'rxjs-taskgroup/testing';

describe("withTaskGroup: failurePolicy 'keep-going' (a supervisor)", () => {
  let testScheduler: TestScheduler;
  beforeEach(() => (testScheduler = taskGroupTestScheduler()));

  it('cancels no sibling when a task fails, and errors with the failure once every task is done', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const failure = new Error('thumbnail failed');
      const failing = cold('--#       ', undefined, failure);
      const sibling = cold('------a|  ');
      expectObservable(withTaskGroup(tg => {
        tg.createTask(failing);
        tg.createTask(sibling);
      }, { failurePolicy: 'keep-going' })).toBe('-------#', undefined, taskGroupError(failure));
      expectSubscriptions(failing.subscriptions).toBe('^-!');
      expectSubscriptions(sibling.subscriptions).toBe('^------!');
    });
  });

  it('takes new tasks after a failure, and reports every failure in order', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = new Error('first');
      const second = new Error('second');
      const later = cold('   --#', undefined, second);
      let group!: TaskGroup;
      expectObservable(withTaskGroup(tg => {
        group = tg;
        tg.createTask(cold('-#', undefined, first));
        tg.createTask(cold('-----|')); // keeps the group open after the first failure
      }, { failurePolicy: 'keep-going' })).toBe('-----#', undefined, taskGroupError(first, second));
      testScheduler.schedule(() => group.createTask(later), 3);
      expectSubscriptions(later.subscriptions).toBe('---^-!');
    });
  });

  it('reports a timed-out task as one failure and keeps its siblings running', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const slow = cold('----------|');
      const sibling = cold('-----a|');
      expectObservable(withTaskGroup(tg => {
        tg.createTask(slow, { name: 'slow', timeout: 2 });
        tg.createTask(sibling);
      }, { failurePolicy: 'keep-going' })).toBe('------#', undefined, taskGroupError(new TaskTimeoutError(2, 'slow')));
      expectSubscriptions(slow.subscriptions).toBe('^-!');
      expectSubscriptions(sibling.subscriptions).toBe('^-----!');
    });
  });

  it('still shuts down when the body fails: a supervisor’s own failure fails it', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const bodyFailure = new Error('body');
      const running = cold('----------|');
      expectObservable(withTaskGroup(tg => {
        tg.createTask(running);
        return cold('---#', undefined, bodyFailure);
      }, { failurePolicy: 'keep-going' })).toBe('---#', undefined, taskGroupError(bodyFailure));
      expectSubscriptions(running.subscriptions).toBe('^--!');
    });
  });

  it('sends no group-shutdown on a task failure; the failed event says what failed', () => {
    testScheduler.run(({ cold, expectObservable, flush }) => {
      const events: string[] = [];
      const failure = new Error('no');
      expectObservable(withTaskGroup(tg => {
        tg.createTask(cold('-#', undefined, failure), { name: 'a' });
        tg.createTask(cold('--|'), { name: 'b' });
      }, { failurePolicy: 'keep-going', onEvent: (e: TaskEvent) => events.push(`${e.type}${e.task ? ` ${e.task.name}` : ''}`) }))
        .toBe('--#', undefined, taskGroupError(failure));
      flush();
      expect(events).toEqual(['started a', 'started b', 'failed a', 'completed b', 'group-finished']);
    });
  });

  it('is an option of the operators too: cancelSiblingsOnError keeps streaming the others', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const failure = new Error('one source broke');
      expectObservable(from([task(cold('-#', undefined, failure)), cold('--a--b|')]).pipe(cancelSiblingsOnError({ failurePolicy: 'keep-going' })))
        .toBe('--a--b#', undefined, taskGroupError(failure));
    });
  });

  it("completes without error after tg.cancel(), as under 'fail-fast'", () => {
    testScheduler.run(({ expectObservable }) => {
      expectObservable(withTaskGroup(tg => {
        tg.createTask(NEVER);
        tg.cancel();
      }, { failurePolicy: 'keep-going' })).toBe('|');
    });
  });

  describe('with onError: each failure handled as it happens', () => {
    let savedOnUnhandledError: typeof config.onUnhandledError;
    beforeEach(() => (savedOnUnhandledError = config.onUnhandledError));
    afterEach(() => (config.onUnhandledError = savedOnUnhandledError));

    it('hands each failure to onError with its task, and completes without error', () => {
      testScheduler.run(({ cold, expectObservable, flush }) => {
        const failure = new Error('upload failed');
        const cleanupFailure = new Error('cleanup failed');
        const seen: [unknown, string | undefined][] = [];
        expectObservable(withTaskGroup(tg => {
          tg.createTask(cold('-#', undefined, failure), { name: 'a.png' });
          const b = tg.createTask(cold('-----|'), { name: 'b.png', onCancel: () => cold('-#', undefined, cleanupFailure) });
          testScheduler.schedule(() => b.cancel(), 2);
        }, { failurePolicy: 'keep-going', onError: (error, task) => seen.push([error, task?.name]) })).toBe('---|');
        flush();
        expect(seen).toHaveSize(2);
        expect(seen[0][0]).toBe(failure);
        expect(seen[0][1]).toBe('a.png');
        expect(seen[1][0]).toBe(cleanupFailure);
        expect(seen[1][1]).toBe('b.png');
      });
    });

    it('reports what onError throws as unhandled, and goes on', () => {
      const unhandled: unknown[] = [];
      config.onUnhandledError = error => unhandled.push(error);
      testScheduler.run(({ cold, expectObservable, flush }) => {
        const broken = new Error('the handler broke');
        expectObservable(withTaskGroup(tg => {
          tg.createTask(cold('-#'));
          tg.createTask(cold('---a|'));
        }, { failurePolicy: 'keep-going', onError: () => { throw broken; } })).toBe('----|');
        flush();
        expect(unhandled).toEqual([broken]);
        expect(unhandled[0]).toBe(broken);
      });
    });

    it('still fails the group with the body’s own failure', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const bodyFailure = new Error('body');
        const onError = jasmine.createSpy('onError');
        expectObservable(withTaskGroup(() => cold('--#', undefined, bodyFailure), { failurePolicy: 'keep-going', onError }))
          .toBe('--#', undefined, taskGroupError(bodyFailure));
        testScheduler.flush();
        expect(onError).not.toHaveBeenCalled();
      });
    });

    it("is refused without 'keep-going', at call time", () => {
      expect(() => withTaskGroup(() => undefined, { onError: () => undefined })).toThrowError(
        TypeError, /^withTaskGroup: options.onError needs failurePolicy: 'keep-going'/);
    });
  });

  it('refuses an unknown policy at call time, with a TypeError naming it', () => {
    expect(() => withTaskGroup(() => undefined, { failurePolicy: 'supervise' as never })).toThrowError(
      TypeError, "withTaskGroup: options.failurePolicy must be 'fail-fast' or 'keep-going'; got string");
  });
});
