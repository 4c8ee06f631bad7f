/**
 * `cancelSiblingsOnError` (docs/contract.md, "The operators"): `mergeAll` with structured
 * concurrency. Every task's values as they arrive; the first failure cancels the source and every
 * sibling.
 */
import type { TestScheduler } from 'rxjs/testing';
import { cancelSiblingsOnError, TaskGroupError, type TaskInput } from 'rxjs-taskgroup';
import { taskGroupError, taskGroupTestScheduler } from 'rxjs-taskgroup/testing';
import { config, from, of, throwError } from 'rxjs';

describe("cancelSiblingsOnError: every task's values as they arrive, failing fast (the operators)", () => {
  let testScheduler: TestScheduler;
  beforeEach(() => (testScheduler = taskGroupTestScheduler()));

  describe('streaming', () => {
    it('forwards the values of every task as they arrive, interleaved', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const a = cold('-x---y|');
        const b = cold('--z|   ');
        expectObservable(cold('(ab|)', { a, b }).pipe(cancelSiblingsOnError<string>())).toBe('-xz--y|');
        expectSubscriptions(a.subscriptions).toBe('^-----!');
        expectSubscriptions(b.subscriptions).toBe('^--!');
      });
    });

    it('starts each task when the source emits it', () => {
      testScheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
        const a = cold('      -1-2-3|    ');
        const b = cold('          --4-5| ');
        const source = hot('-a---b----|  ', { a, b });
        expectObservable(source.pipe(cancelSiblingsOnError<string>())).toBe('--1-2-34-5|');
        expectSubscriptions(a.subscriptions).toBe('-^-----!');
        expectSubscriptions(b.subscriptions).toBe('-----^----!');
      });
    });
  });

  describe('completion', () => {
    it('completes when the last task completes after the source', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const a = cold('---x|');
        expectObservable(cold('a|', { a }).pipe(cancelSiblingsOnError<string>())).toBe('---x|');
      });
    });

    it('completes when the source completes after the last task', () => {
      testScheduler.run(({ cold, hot, expectObservable }) => {
        const a = cold('-x|');
        expectObservable(hot('a----|', { a }).pipe(cancelSiblingsOnError<string>())).toBe('-x---|');
      });
    });

    it('completes at once for an empty source', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        expectObservable(cold<never>('--|').pipe(cancelSiblingsOnError<string>())).toBe('--|');
      });
    });

    it('completes at once, without subscribing the source, when options.signal is already aborted', () => {
      const savedOnUnhandledError = config.onUnhandledError;
      const unhandled: unknown[] = [];
      config.onUnhandledError = error => unhandled.push(error);
      try {
        testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
          const source = cold<TaskInput<string>>('-a|', { a: of('a') });
          expectObservable(source.pipe(cancelSiblingsOnError({ signal: AbortSignal.abort('too late') }))).toBe('|');
          expectSubscriptions(source.subscriptions).toBe([]);
        });
      } finally {
        config.onUnhandledError = savedOnUnhandledError;
      }
      expect(unhandled).withContext('errors that reached config.onUnhandledError').toEqual([]);
    });
  });

  describe('fail-fast', () => {
    it('unsubscribes the source and every running task at the first failure, then errors', () => {
      testScheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
        const error = new Error('b failed');
        const a = cold('     -1-2-3-4|    ');
        const b = cold('        -#        ', undefined, error);
        const source = hot('-a--b-------|', { a, b });
        expectObservable(source.pipe(cancelSiblingsOnError<string>())).toBe('--1-2#', undefined, taskGroupError(error));
        expectSubscriptions(source.subscriptions).toBe('^----!');
        expectSubscriptions(a.subscriptions).toBe('     -^---!');
        expectSubscriptions(b.subscriptions).toBe('     ----^!');
      });
    });

    it('errors with a TaskGroupError holding the very error the task failed with', () => {
      const error = new Error('boom');
      const values: number[] = [];
      let caught: unknown;
      from([of(1, 2), throwError(() => error), of(3)])
        .pipe(cancelSiblingsOnError<number>())
        .subscribe({ next: v => values.push(v), error: (e: unknown) => (caught = e) });
      expect(values).toEqual([1, 2]);
      expect(caught).toBeInstanceOf(TaskGroupError);
      expect((caught as TaskGroupError).errors).toHaveSize(1);
      expect((caught as TaskGroupError).errors[0]).toBe(error);
    });

    it("fails with the source's error, cancelling the running tasks", () => {
      testScheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
        const error = new Error('source failed');
        const a = cold('     -1---2|');
        const source = hot('a---#   ', { a }, error);
        expectObservable(source.pipe(cancelSiblingsOnError<string>())).toBe('-1--#', undefined, taskGroupError(error));
        expectSubscriptions(a.subscriptions).toBe('^---!');
      });
    });
  });

  describe('concurrency', () => {
    it('with concurrency 1, runs the tasks one after the other, like concatAll', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const a = cold('-x-|   ');
        const b = cold('   -y| ');
        expectObservable(cold('(ab|)', { a, b }).pipe(cancelSiblingsOnError<string>({ concurrency: 1 }))).toBe('-x--y|');
        expectSubscriptions(a.subscriptions).toBe('^--!');
        expectSubscriptions(b.subscriptions).toBe('---^-!');
      });
    });

    it('queues the extra tasks FIFO and never starts them after a failure', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const error = new Error('c failed');
        const a = cold('-1-2|          ');
        const b = cold('--3----4|      ');
        const c = cold('    -#         ', undefined, error); // starts at 4, when a frees its slot
        const d = cold('-5|            ');
        const source = cold('(abcd|)', { a, b, c, d });
        expectObservable(source.pipe(cancelSiblingsOnError<string>({ concurrency: 2 }))).toBe(
          '-132-#',
          undefined,
          taskGroupError(error),
        );
        expectSubscriptions(a.subscriptions).toBe('^---!');
        expectSubscriptions(b.subscriptions).toBe('^----!');
        expectSubscriptions(c.subscriptions).toBe('----^!');
        expectSubscriptions(d.subscriptions).toBe([]);
      });
    });
  });
});
