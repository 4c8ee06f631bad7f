/**
 * `taskGroup` (docs/contract.md, "The operators"): every source value is a task of one group; one
 * array of results (or, with `settle`, of outcomes) in source order.
 */
import { catchError, config, firstValueFrom, from, NEVER, Observable, of, tap, throwError } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import {
  taskGroup,
  TaskCancelledError,
  TaskGroupError,
  TaskTimeoutError,
  type TaskContext,
  type TaskInput,
  type TaskOutcome,
} from 'rxjs-taskgroup';
import { taskGroupError, taskGroupTestScheduler } from 'rxjs-taskgroup/testing';

/** An error's class and, for an aggregate, its members' classes: `TaskGroupError(TypeError)`. */
function errorShape(error: unknown): string {
  const name = error instanceof Error ? error.name : typeof error;
  return error instanceof AggregateError ? `${name}(${error.errors.map(errorShape).join(', ')})` : name;
}

describe('taskGroup: one array of results, failing fast or settled (the operators)', () => {
  let testScheduler: TestScheduler;
  beforeEach(() => (testScheduler = taskGroupTestScheduler()));

  describe('results', () => {
    it('emits one array of results in source order, whatever order the tasks complete in', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const a = cold('-----(x|)', { x: 'A' });
        const b = cold('-(y|)    ', { y: 'B' });
        const c = cold('---(z|)  ', { z: 'C' });
        const result = cold('(abc|)', { a, b, c }).pipe(taskGroup<string>());
        expectObservable(result).toBe('-----(r|)', { r: ['A', 'B', 'C'] });
        expectSubscriptions(a.subscriptions).toBe('^----!');
        expectSubscriptions(b.subscriptions).toBe('^!');
        expectSubscriptions(c.subscriptions).toBe('^--!');
      });
    });

    it('starts each task when the source emits it and completes when the source and every task have', () => {
      testScheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
        const a = cold('      --(x|)     ', { x: 'A' });
        const b = cold('         ----(y|)', { y: 'B' });
        const source = hot('-a--b--|     ', { a, b });
        expectObservable(source.pipe(taskGroup<string>())).toBe('--------(r|)', { r: ['A', 'B'] });
        expectSubscriptions(source.subscriptions).toBe('^------!');
        expectSubscriptions(a.subscriptions).toBe('-^-!');
        expectSubscriptions(b.subscriptions).toBe('----^---!');
      });
    });

    it("takes a task's last value as its result, and undefined when it completes without one", () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const many = cold('-a-b-c|', { a: 1, b: 2, c: 3 });
        const none = cold<number>('--|');
        expectObservable(cold('(mn|)', { m: many, n: none }).pipe(taskGroup<number>())).toBe('------(r|)', {
          r: [3, undefined],
        });
      });
    });

    it('emits [] for an empty source, when it completes', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        expectObservable(cold<TaskInput<number>>('|').pipe(taskGroup<number>())).toBe('(r|)', { r: [] });
        expectObservable(cold<TaskInput<number>>('---|').pipe(taskGroup<number>())).toBe('---(r|)', { r: [] });
      });
    });
  });

  describe('fail-fast', () => {
    it('unsubscribes the source and every running task at the first failure, then errors', () => {
      testScheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
        const error = new Error('b failed');
        const a = cold('     ----------(x|)');
        const b = cold('       ----#       ', undefined, error);
        const c = cold('         ------(z|)');
        const source = hot('-a-b-c-------|  ', { a, b, c });
        expectObservable(source.pipe(taskGroup())).toBe('-------#', undefined, taskGroupError(error));
        expectSubscriptions(source.subscriptions).toBe('^------!');
        expectSubscriptions(a.subscriptions).toBe('     -^-----!');
        expectSubscriptions(b.subscriptions).toBe('     ---^---!');
        expectSubscriptions(c.subscriptions).toBe('     -----^-!');
      });
    });

    it('errors with a TaskGroupError holding the very error the task failed with', () => {
      const error = new Error('boom');
      let started = 0;
      const third = new Observable<number>(() => void started++);
      let caught: unknown;
      from([of(1), throwError(() => error), third])
        .pipe(taskGroup<number>())
        .subscribe({ error: (e: unknown) => (caught = e) });
      expect(caught).toBeInstanceOf(TaskGroupError);
      expect((caught as TaskGroupError).errors.length).toBe(1);
      expect((caught as TaskGroupError).errors[0]).toBe(error);
      expect(started).withContext('the source was unsubscribed before its third value').toBe(0);
    });

    it("aborts each cancelled task's signal with a TaskCancelledError whose reason is the first failure", () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const error = new Error('second failed');
        const signals: AbortSignal[] = [];
        const waiting = ({ signal }: TaskContext) => {
          signals.push(signal);
          return NEVER;
        };
        const source = cold('(ab|)', { a: waiting, b: cold('--#', undefined, error) });
        expectObservable(source.pipe(taskGroup())).toBe('--#', undefined, taskGroupError(error));
        testScheduler.flush();
        expect(signals.length).toBe(1);
        expect(signals[0].aborted).toBeTrue();
        expect(signals[0].reason).toBeInstanceOf(TaskCancelledError);
        expect((signals[0].reason as TaskCancelledError).reason).toBe(error);
      });
    });

    it('fails the group when a factory throws synchronously, with what it threw', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const error = new RangeError('bad factory');
        const a = cold('-----(x|)');
        const throwing = (): Observable<string> => {
          throw error;
        };
        const source = cold('a--(t|)', { a, t: throwing });
        expectObservable(source.pipe(taskGroup<string>())).toBe('---#', undefined, taskGroupError(error));
        expectSubscriptions(a.subscriptions).toBe('^--!');
      });
    });
  });

  describe('concurrency', () => {
    it('runs at most `concurrency` tasks at once and starts the queued ones in FIFO order', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const a = cold('---(w|)  ', { w: 'A' });
        const b = cold('-----(x|)', { x: 'B' });
        const c = cold('   --(y|)', { y: 'C' }); // starts at 3, when a frees its slot
        const d = cold('     -(z|)', { z: 'D' }); // starts at 5, when b frees its slot
        const result = cold('(abcd|)', { a, b, c, d }).pipe(taskGroup<string>({ concurrency: 2 }));
        expectObservable(result).toBe('------(r|)', { r: ['A', 'B', 'C', 'D'] });
        expectSubscriptions(a.subscriptions).toBe('^--!   ');
        expectSubscriptions(b.subscriptions).toBe('^----!  ');
        expectSubscriptions(c.subscriptions).toBe('---^-!  ');
        expectSubscriptions(d.subscriptions).toBe('-----^!');
      });
    });

    it('never starts a queued task after a failure', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const error = new Error('a failed');
        const a = cold('---#       ', undefined, error);
        const b = cold('------(x|) ');
        const q = cold('-(y|)      ');
        const result = cold('(abq|)', { a, b, q }).pipe(taskGroup({ concurrency: 2 }));
        expectObservable(result).toBe('---#', undefined, taskGroupError(error));
        expectSubscriptions(a.subscriptions).toBe('^--!');
        expectSubscriptions(b.subscriptions).toBe('^--!');
        expectSubscriptions(q.subscriptions).toBe([]);
      });
    });

    it('calls a factory only when its task starts, not while it is queued', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const a = cold('--(x|)', { x: 'A' });
        const startedAt = (ctx: TaskContext) => of(`${ctx.name} started at ${testScheduler.now()}`);
        const result = cold('(ab|)', { a, b: startedAt }).pipe(taskGroup<string>({ concurrency: 1 }));
        expectObservable(result).toBe('--(r|)', { r: ['A', 'task-1 started at 2'] });
      });
    });
  });

  describe('task inputs', () => {
    it('accepts Observables, Promises, arrays and factories returning any of them', async () => {
      const inputs: TaskInput<number>[] = [of(1), Promise.resolve(2), [3, 4], () => Promise.resolve(5), () => [6, 7], () => of(8)];
      expect(await firstValueFrom(from(inputs).pipe(taskGroup<number>()))).toEqual([1, 2, 4, 5, 7, 8]);
    });

    it('fails the group when a Promise task rejects', async () => {
      const error = new Error('rejected');
      let caught: unknown;
      try {
        await firstValueFrom(from<TaskInput<number>[]>([of(1), Promise.reject(error)]).pipe(taskGroup<number>()));
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(TaskGroupError);
      expect((caught as TaskGroupError).errors).toHaveSize(1);
      expect((caught as TaskGroupError).errors[0]).toBe(error);
    });

    it('gives a factory its context: index in source order and the default name task-<index>', () => {
      let result: string[] | undefined;
      const describeTask = (ctx: TaskContext) => of(`${ctx.index}:${ctx.name}:${ctx.signal.aborted}`);
      from([describeTask, describeTask, describeTask])
        .pipe(taskGroup<string>())
        .subscribe(value => (result = value));
      expect(result).toEqual(['0:task-0:false', '1:task-1:false', '2:task-2:false']);
    });

    const notTasks: [string, unknown, RegExp][] = [
      ['42', 42, /^taskGroup: expected an Observable.*; got 42$/],
      ['null', null, /^taskGroup: expected an Observable.*; got null$/],
      ["'text'", 'text', /^taskGroup: a string is not a task/],
    ];
    it('fails the group with a TypeError naming a source value that is not a task (42, null, a string), cancelling the others, even with settle', () => {
      const savedOnUnhandledError = config.onUnhandledError;
      const unhandled: unknown[] = [];
      config.onUnhandledError = error => unhandled.push(error);
      try {
        for (const [label, notATask, message] of notTasks) {
          for (const settle of [false, true]) {
            let caught: unknown;
            taskGroupTestScheduler().run(({ cold, hot, expectObservable, expectSubscriptions }) => {
              const a = cold('     ---------(x|)');
              const source = hot('-a--n------|  ', { a, n: notATask as unknown as TaskInput<string> });
              const result = source.pipe(
                taskGroup({ settle }),
                tap({ error: (e: unknown) => (caught = e) }),
                catchError((e: unknown) => of(errorShape(e))),
              );
              expectObservable(result).toBe('----(e|)', { e: 'TaskGroupError(TypeError)' });
              expectSubscriptions(source.subscriptions).toBe('^---!');
              expectSubscriptions(a.subscriptions).toBe('     -^--!');
            });
            const context = `${label}, settle: ${settle}`;
            expect((caught as TaskGroupError).errors).withContext(context).toHaveSize(1);
            expect(((caught as TaskGroupError).errors[0] as Error).message).withContext(context).toMatch(message);
          }
        }
      } finally {
        config.onUnhandledError = savedOnUnhandledError;
      }
      expect(unhandled).withContext('errors that reached config.onUnhandledError').toEqual([]);
    });
  });

  describe('the source', () => {
    it("fails the group with the source's error, cancelling the running tasks", () => {
      testScheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
        const error = new Error('source failed');
        const a = cold('     ------(x|)');
        const source = hot('-a---#     ', { a }, error);
        expectObservable(source.pipe(taskGroup())).toBe('-----#', undefined, taskGroupError(error));
        expectSubscriptions(source.subscriptions).toBe('^----!');
        expectSubscriptions(a.subscriptions).toBe('     -^---!');
      });
    });
  });

  describe('options.signal', () => {
    it('cancels everything when the signal aborts, then completes without emitting', () => {
      testScheduler.run(({ cold, hot, expectObservable, expectSubscriptions, time }) => {
        const controller = new AbortController();
        const a = cold('     -(x|)     ');
        const b = cold('       ------(y|)');
        const source = hot('-a-b------|', { a, b });
        testScheduler.schedule(() => controller.abort('enough'), time('-----|'));
        expectObservable(source.pipe(taskGroup({ signal: controller.signal }))).toBe('-----|');
        expectSubscriptions(source.subscriptions).toBe('^----!');
        expectSubscriptions(a.subscriptions).toBe('     -^!');
        expectSubscriptions(b.subscriptions).toBe('     ---^-!');
      });
    });

    it('completes at once, without subscribing the source, when the signal is already aborted; settle emits no outcome', () => {
      const savedOnUnhandledError = config.onUnhandledError;
      const unhandled: unknown[] = [];
      config.onUnhandledError = error => unhandled.push(error);
      try {
        testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
          const controller = new AbortController();
          controller.abort();
          const source = cold('a|', { a: cold('-x|') });
          const already = AbortSignal.abort('too late');
          expectObservable(source.pipe(taskGroup({ signal: controller.signal }))).toBe('|');
          expectObservable(source.pipe(taskGroup({ signal: already }))).toBe('|');
          expectObservable(source.pipe(taskGroup({ signal: already, settle: true }))).toBe('(x|)', { x: [] });
          expectSubscriptions(source.subscriptions).toBe([]);
        });
      } finally {
        config.onUnhandledError = savedOnUnhandledError;
      }
      expect(unhandled).withContext('errors that reached config.onUnhandledError').toEqual([]);
    });
  });

  describe('options.timeout', () => {
    it('fails the group with a TaskTimeoutError naming the task that outlived it', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const a = cold('--(x|)        ');
        const b = cold('----------(y|)');
        const c = cold('-------(z|)   ');
        const result = cold('(abc|)', { a, b, c }).pipe(taskGroup({ timeout: 5 }));
        expectObservable(result).toBe('-----#', undefined, taskGroupError(new TaskTimeoutError(5, 'task-1')));
        expectSubscriptions(a.subscriptions).toBe('^-!');
        expectSubscriptions(b.subscriptions).toBe('^----!');
        expectSubscriptions(c.subscriptions).toBe('^----!');
      });
    });

    it('counts a task’s timeout from its start, not while it is queued', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const a = cold('---(x|)   ', { x: 'A' });
        const b = cold('   ---(y|)', { y: 'B' }); // ends at 6 > 4, but 3 after its start
        const result = cold('(ab|)', { a, b }).pipe(taskGroup<string>({ concurrency: 1, timeout: 4 }));
        expectObservable(result).toBe('------(r|)', { r: ['A', 'B'] });
        expectSubscriptions(b.subscriptions).toBe('---^--!');
      });
    });
  });

  describe('settle mode', () => {
    it('never cancels a sibling and emits every outcome in source order', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const error = new Error('a failed');
        const a = cold('--#      ', undefined, error);
        const b = cold('-----(y|)', { y: 'B' });
        const c = cold('---(z|)  ', { z: 'C' });
        let outcomes: TaskOutcome<string>[] = [];
        const result = cold('(abc|)', { a, b, c }).pipe(
          taskGroup<string>({ settle: true }),
          tap(value => (outcomes = value)),
        );
        expectObservable(result).toBe('-----(r|)', {
          r: [
            { status: 'rejected', reason: error },
            { status: 'fulfilled', value: 'B' },
            { status: 'fulfilled', value: 'C' },
          ],
        });
        expectSubscriptions(b.subscriptions).toBe('^----!');
        expectSubscriptions(c.subscriptions).toBe('^--!');
        testScheduler.flush();
        const first = outcomes[0];
        expect(first.status === 'rejected' && first.reason).toBe(error);
      });
    });

    it('goes on starting queued tasks after a failure', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const error = new Error('a failed');
        const a = cold('--#    ', undefined, error);
        const b = cold('  --(y|)', { y: 'B' });
        const result = cold('(ab|)', { a, b }).pipe(taskGroup<string>({ settle: true, concurrency: 1 }));
        expectObservable(result).toBe('----(r|)', {
          r: [
            { status: 'rejected', reason: error },
            { status: 'fulfilled', value: 'B' },
          ],
        });
        expectSubscriptions(b.subscriptions).toBe('--^-!');
      });
    });

    it('after a cancel, reports cancelled and never-started tasks as rejected with a TaskCancelledError', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions, time }) => {
        const controller = new AbortController();
        const a = cold('-(w|)        ', { w: 'A' });
        const b = cold('------(x|)   ', { x: 'B' });
        const c = cold(' -------(y|) ', { y: 'C' }); // starts at 1, when a frees its slot
        const d = cold('-(z|)        ', { z: 'D' }); // queued: never starts
        testScheduler.schedule(() => controller.abort('stop'), time('----|'));
        const result = cold('(abcd|)', { a, b, c, d }).pipe(
          taskGroup<string>({ settle: true, concurrency: 2, signal: controller.signal }),
        );
        const cancelled = { status: 'rejected', reason: new TaskCancelledError('stop') };
        expectObservable(result).toBe('----(r|)', { r: [{ status: 'fulfilled', value: 'A' }, cancelled, cancelled, cancelled] });
        expectSubscriptions(a.subscriptions).toBe('^!  ');
        expectSubscriptions(b.subscriptions).toBe('^---!');
        expectSubscriptions(c.subscriptions).toBe('-^--!');
        expectSubscriptions(d.subscriptions).toBe([]);
      });
    });

    it('reports a timed-out task as rejected with its TaskTimeoutError', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const a = cold('-----(x|)', { x: 'A' });
        const b = cold('-(y|)    ', { y: 'B' });
        const result = cold('(ab|)', { a, b }).pipe(taskGroup<string>({ settle: true, timeout: 3 }));
        expectObservable(result).toBe('---(r|)', {
          r: [
            { status: 'rejected', reason: new TaskTimeoutError(3, 'task-0') },
            { status: 'fulfilled', value: 'B' },
          ],
        });
        expectSubscriptions(a.subscriptions).toBe('^--!');
      });
    });

    it("still fails the group with the source's error", () => {
      testScheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
        const error = new Error('source failed');
        const a = cold('     -------(x|)');
        const source = hot('-a--#       ', { a }, error);
        expectObservable(source.pipe(taskGroup({ settle: true }))).toBe('----#', undefined, taskGroupError(error));
        expectSubscriptions(source.subscriptions).toBe('^---!');
        expectSubscriptions(a.subscriptions).toBe('     -^--!');
      });
    });
  });
});
