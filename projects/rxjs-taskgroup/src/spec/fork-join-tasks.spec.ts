/**
 * `forkJoinTasks`: `forkJoin` over an array or a record of tasks, as one task group (rule 15 of
 * docs/contract.md).
 */
import { NEVER, of, type Observable } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import { forkJoinTasks, TaskCancelledError, TaskTimeoutError, type TaskEvent } from 'rxjs-taskgroup';
import { taskGroupError, taskGroupTestScheduler } from 'rxjs-taskgroup/testing';

/** `started user`, `group-finished`: an event as a short line. */
const describeEvent = (event: TaskEvent) => (event.task ? `${event.type} ${event.task.name}` : event.type);

describe('forkJoinTasks: forkJoin over tasks, as one task group (rule 15)', () => {
  let testScheduler: TestScheduler;
  beforeEach(() => (testScheduler = taskGroupTestScheduler()));

  describe('results', () => {
    it('emits a record of last values, by key, when every task has completed', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const user = cold(' ---(u|)', { u: 'ada' });
        const count = cold('-1-2-3|', { 1: 1, 2: 2, 3: 3 });
        expectObservable(forkJoinTasks({ user, count })).toBe('------(r|)', { r: { user: 'ada', count: 3 } });
        expectSubscriptions(user.subscriptions).toBe(' ^--!');
        expectSubscriptions(count.subscriptions).toBe('^-----!');
      });
    });

    it('emits a tuple for an array, in order, whatever order the tasks complete in', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const a = cold('-----(a|)', { a: 'A' });
        const b = cold('-(b|)    ', { b: 'B' });
        expectObservable(forkJoinTasks([a, b])).toBe('-----(r|)', { r: ['A', 'B'] });
      });
    });

    it('gives undefined for a task that completes without a value, where forkJoin would emit nothing', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const empty = cold<number>('--|');
        expectObservable(forkJoinTasks({ empty, one: of(1) })).toBe('--(r|)', { r: { empty: undefined, one: 1 } });
      });
    });

    it('emits {} for {} and [] for [], at once', () => {
      testScheduler.run(({ expectObservable }) => {
        expectObservable(forkJoinTasks({})).toBe('(r|)', { r: {} });
        expectObservable(forkJoinTasks([])).toBe('(r|)', { r: [] });
      });
    });

    it('stays open while a task never completes, as forkJoin waits', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const forever = cold('-a-b-');
        expectObservable(forkJoinTasks({ forever, done: of(1) })).toBe('-');
        expectSubscriptions(forever.subscriptions).toBe('^');
      });
    });

    it('is cold: each subscription runs every task anew', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const a = cold('-(a|)', { a: 1 });
        const result = forkJoinTasks([a]);
        expectObservable(result).toBe('-(r|)', { r: [1] });
        expectObservable(result).toBe('-(r|)', { r: [1] });
        expectSubscriptions(a.subscriptions).toBe(['^!', '^!']);
      });
    });

    it('runs the tasks it was given: changing the array or the record afterwards changes nothing', () => {
      const tasks = [of(1), of(2)];
      const record: Record<string, Observable<number>> = { a: of(1) };
      const fromArray = forkJoinTasks(tasks);
      const fromRecord = forkJoinTasks(record);
      tasks.push(of(3));
      tasks[0] = of(9);
      record['b'] = of(2);
      const seen: unknown[] = [];
      fromArray.subscribe(value => seen.push(value));
      fromRecord.subscribe(value => seen.push(value));
      expect(seen).toEqual([[1, 2], { a: 1 }]);
    });
  });

  describe('names and options', () => {
    it("names a record's tasks by key and an array's by index (task-0…); options.tasks.*.name wins", () => {
      const events: string[] = [];
      forkJoinTasks({ user: of(1), count: of(2) }, { tasks: { count: { name: 'the count' } }, onEvent: e => events.push(describeEvent(e)) })
        .subscribe();
      forkJoinTasks([of(1)], { onEvent: e => events.push(describeEvent(e)) }).subscribe();
      expect(events.filter(e => e.startsWith('started'))).toEqual(['started user', 'started the count', 'started task-0']);
    });

    it('accepts record keys named like Object.prototype members, with and without options.tasks', () => {
      const events: string[] = [];
      const results: unknown[] = [];
      const tasks = { constructor: of(1), toString: of(2), valueOf: of(3), ['__proto__']: of(4), hasOwnProperty: of(5) };
      // TypeScript sees Object.prototype's members on every object type, so it needs the cast.
      const perTask = { constructor: { name: 'ctor' }, ['__proto__']: { name: 'proto' } } as never;
      forkJoinTasks(tasks, { tasks: perTask, onEvent: e => events.push(describeEvent(e)) }).subscribe(r => results.push(r));
      forkJoinTasks(tasks).subscribe(r => results.push(r));
      expect(events.filter(e => e.startsWith('started'))).toEqual([
        'started ctor', 'started toString', 'started valueOf', 'started proto', 'started hasOwnProperty',
      ]);
      expect(results).toHaveSize(2);
      for (const result of results as Record<string, unknown>[]) {
        expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
        expect(Object.keys(result)).toEqual(['constructor', 'toString', 'valueOf', '__proto__', 'hasOwnProperty']);
        expect(Object.keys(result).map(key => result[key])).toEqual([1, 2, 3, 4, 5]);
      }
    });

    it('rejects an options.tasks key named like an Object.prototype member that names no task', () => {
      expect(() => forkJoinTasks({ a: of(1) }, { tasks: { toString: {} } as never })).toThrowError(
        TypeError,
        'forkJoinTasks: options.tasks.toString names no task (the tasks are a)',
      );
    });

    it("applies each task's options by key: its timeout fails the group, naming the task", () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const user = cold(' --------(u|)');
        const stats = cold('--------(s|)');
        const result = forkJoinTasks({ user, stats }, { tasks: { stats: { timeout: 3 } } });
        expectObservable(result).toBe('---#', undefined, taskGroupError(new TaskTimeoutError(3, 'stats')));
        expectSubscriptions(user.subscriptions).toBe(' ^--!');
        expectSubscriptions(stats.subscriptions).toBe('^--!');
      });
    });

    it("applies per-task options of an array by index, and the group's options to every task", () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const a = cold('--(a|)', { a: 'A' });
        const b = cold('----(b|)', { b: 'B' });
        const c = cold('  --------|');
        // c waits for a's slot, then outlives the group's timeout (5) but not its own (20).
        const result = forkJoinTasks([a, b, c], { concurrency: 2, timeout: 5, tasks: { 2: { timeout: 20 } } });
        expectObservable(result).toBe('----------(r|)', { r: ['A', 'B', undefined] });
        expectSubscriptions(a.subscriptions).toBe('^-!');
        expectSubscriptions(b.subscriptions).toBe('^---!');
        expectSubscriptions(c.subscriptions).toBe('--^-------!');
      });
    });
  });

  describe('failure', () => {
    it('cancels the other tasks at once, awaits their cleanups, and errors with one TaskGroupError', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const error = new Error('stats failed');
        const user = cold('   ---------(u|)');
        const cleanup = cold('  ---|       ');
        const stats = cold('  --#          ', undefined, error);
        const shielded = cold('----(s|)    ', { s: 'kept' });
        const result = forkJoinTasks(
          { user, stats, shielded },
          { tasks: { user: { onCancel: () => cleanup }, shielded: { shield: true } } },
        );
        expectObservable(result).toBe('-----#', undefined, taskGroupError(error));
        expectSubscriptions(user.subscriptions).toBe('^-!');
        expectSubscriptions(cleanup.subscriptions).toBe('--^--!');
        expectSubscriptions(shielded.subscriptions).toBe('^---!');
      });
    });

    it('collects what fails during shutdown after the first failure, in order', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const first = new Error('first');
        const cleanupError = new Error('cleanup');
        const a = cold('-----|');
        const b = cold('-#', undefined, first);
        const result = forkJoinTasks({ a, b }, { tasks: { a: { onCancel: () => cold('--#', undefined, cleanupError) } } });
        expectObservable(result).toBe('---#', undefined, taskGroupError(first, cleanupError));
      });
    });

    it('with settle: true cancels nothing and emits every outcome by key', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const error = new Error('no');
        const ok = cold('   ----(o|)', { o: 1 });
        const broken = cold('-#     ', undefined, error);
        const result = forkJoinTasks({ ok, broken }, { settle: true });
        expectObservable(result).toBe('----(r|)', {
          r: { ok: { status: 'fulfilled', value: 1 }, broken: { status: 'rejected', reason: error } },
        });
        expectSubscriptions(ok.subscriptions).toBe('^---!');
      });
    });
  });

  describe('cancellation', () => {
    // Unsubscribing early cancels every task at once: operator-checklist.spec.ts.
    it('after options.signal aborts, completes without emitting; with settle, emits the outcomes', () => {
      const controller = new AbortController();
      const plain: unknown[] = [];
      let completed = false;
      forkJoinTasks({ a: NEVER }, { signal: controller.signal }).subscribe({ next: v => plain.push(v), complete: () => (completed = true) });
      const settled: unknown[] = [];
      forkJoinTasks({ a: NEVER, b: of(2) }, { signal: controller.signal, settle: true }).subscribe(v => settled.push(v));
      controller.abort('enough');
      expect(plain).toEqual([]);
      expect(completed).toBeTrue();
      expect(settled).toHaveSize(1);
      const { a, b } = settled[0] as { a: { status: string; reason: unknown }; b: unknown };
      expect(a.status).toBe('rejected');
      expect(a.reason).toBeInstanceOf(TaskCancelledError);
      expect((a.reason as TaskCancelledError).reason).toBe('enough');
      expect(b).toEqual({ status: 'fulfilled', value: 2 });
    });
  });

  describe('bad input: a TypeError naming the key, thrown when called, nothing subscribed', () => {
    it('rejects a value of the record or the array that is not a task', () => {
      testScheduler.run(({ cold, expectSubscriptions }) => {
        const user = cold('-u|');
        const factory = jasmine.createSpy('factory').and.returnValue(of(1));
        expect(() => forkJoinTasks({ user, factory, count: 42 as never })).toThrowError(
          TypeError,
          'forkJoinTasks: tasks.count: expected an Observable, a Promise, an array or iterable, or a function returning one; got 42',
        );
        expect(() => forkJoinTasks([user, 'text' as never])).toThrowError(TypeError, /^forkJoinTasks: tasks\[1\]: a string is not a task/);
        expectSubscriptions(user.subscriptions).toBe([]);
        expect(factory).not.toHaveBeenCalled();
      });
    });

    it('rejects a key of options.tasks that is not a task key', () => {
      testScheduler.run(({ cold, expectSubscriptions }) => {
        const user = cold('-u|');
        expect(() => forkJoinTasks({ user }, { tasks: { usr: { timeout: 1 } } as never })).toThrowError(
          TypeError,
          'forkJoinTasks: options.tasks.usr names no task (the tasks are user)',
        );
        expect(() => forkJoinTasks([user], { tasks: { 1: {} } })).toThrowError(TypeError, /^forkJoinTasks: options\.tasks\.1 names no task/);
        expectSubscriptions(user.subscriptions).toBe([]);
      });
    });

    it('rejects bad per-task options, naming the key and the option', () => {
      expect(() => forkJoinTasks({ a: of(1) }, { tasks: { a: { timeout: -1 } } })).toThrowError(
        RangeError,
        /^forkJoinTasks: options\.tasks\.a\.timeout must be/,
      );
      // A typo (`nmae`): bad-input.spec.ts, 'an option that does not exist'.
      expect(() => forkJoinTasks({ a: of(1) }, { tasks: { a: 5 as never } })).toThrowError(TypeError, /options\.tasks\.a must be an object/);
    });

    it('rejects tasks that are neither an array nor a record, and bad group options', () => {
      expect(() => forkJoinTasks(null as never)).toThrowError(TypeError, /^forkJoinTasks: tasks must be an array or a record/);
      expect(() => forkJoinTasks({ a: of(1) }, { concurrency: 0 })).toThrowError(RangeError, /^forkJoinTasks: options\.concurrency/);
      expect(() => forkJoinTasks({ a: of(1) }, { settle: 'yes' as never })).toThrowError(TypeError, /options\.settle must be a boolean/);
      expect(() => forkJoinTasks({ a: of(1) }, { tasks: 5 as never })).toThrowError(TypeError, /options\.tasks must be an object/);
    });
  });
});
