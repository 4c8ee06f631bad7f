/**
 * `tg.start()`: start a task and wait until it says it is ready, while it keeps running in the
 * group (rule 17 of docs/contract.md; Trio's and AnyIO's `nursery.start`).
 */
import { Observable, switchMap, tap, type MonoTypeOperatorFunction } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import { TaskCancelledError, TaskStateError, withTaskGroup, type TaskStartContext } from 'rxjs-taskgroup';
import { taskGroupError, taskGroupTestScheduler } from 'rxjs-taskgroup/testing';

/** Calls `ctx.started(value)` for the first value that passes. */
const readyOn = <V>(ctx: TaskStartContext<V>): MonoTypeOperatorFunction<V> => {
  let said = false;
  return tap(value => {
    if (!said) {
      said = true;
      ctx.started(value);
    }
  });
};

describe('tg.start: start a task and wait until it is ready (rule 17)', () => {
  let testScheduler: TestScheduler;
  beforeEach(() => (testScheduler = taskGroupTestScheduler()));

  it('emits the ready value and completes when the task says so, while the task keeps running', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const server = cold('--r----|');
      let ready$!: Observable<string>;
      const result = withTaskGroup(tg => {
        ready$ = tg.start<string>(ctx => server.pipe(readyOn(ctx)));
      });
      expectObservable(result).toBe('-------|');
      expectObservable(defer$(() => ready$), '^').toBe('--(r|)');
      expectSubscriptions(server.subscriptions).toBe('^------!');
    });
  });

  it('is ready before a sibling that waits for it starts using it', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const connection = cold('---c------|');
      const result = withTaskGroup(tg => {
        const ready$ = tg.start<string>(ctx => connection.pipe(readyOn(ctx)));
        return ready$.pipe(switchMap(url => cold('-x|', { x: `request over ${url}` })));
      });
      expectObservable(result).toBe('----x-----|', { x: 'request over c' });
    });
  });

  it('errors with the task’s own error when it fails before it is ready; the group fails too', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const error = new Error('connection refused');
      let ready$!: Observable<unknown>;
      const result = withTaskGroup(tg => {
        ready$ = tg.start(ctx => cold('--#', undefined, error).pipe(readyOn(ctx)));
      });
      expectObservable(result).toBe('--#', undefined, taskGroupError(error));
      expectObservable(defer$(() => ready$), '^').toBe('--#', undefined, error);
    });
  });

  it('errors with the TaskCancelledError when the task is cancelled before it is ready, at once', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const failure = new Error('sibling failed');
      const connection = cold('-----c--|');
      let ready$!: Observable<unknown>;
      const result = withTaskGroup(tg => {
        ready$ = tg.start(ctx => connection.pipe(readyOn(ctx)), { onCancel: () => cold('---|') });
        tg.createTask(cold('-#', undefined, failure));
      });
      expectObservable(result).toBe('----#', undefined, taskGroupError(failure));
      expectObservable(defer$(() => ready$), '^').toBe('-#', undefined, new TaskCancelledError(failure));
      expectSubscriptions(connection.subscriptions).toBe('^!');
    });
  });

  it('can be told from inside a group the task runs', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      let ready$!: Observable<string>;
      const result = withTaskGroup(tg => {
        ready$ = tg.start<string>(ctx => withTaskGroup(inner => {
          inner.createTask(cold('--a---|').pipe(readyOn(ctx)));
          inner.createTask(cold('----|'));
        }, { owner: ctx }));
      });
      expectObservable(result).toBe('------|');
      expectObservable(defer$(() => ready$), '^').toBe('--(a|)');
    });
  });

  it('waits for a slot under concurrency: the queued task is ready only after it started', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold('---|');
      const second = cold('--r-|');
      let ready$!: Observable<string>;
      const result = withTaskGroup(tg => {
        tg.createTask(first);
        ready$ = tg.start<string>(ctx => second.pipe(readyOn(ctx)));
      }, { concurrency: 1 });
      expectObservable(result).toBe('-------|');
      expectObservable(defer$(() => ready$), '^').toBe('-----(r|)');
      expectSubscriptions(second.subscriptions).toBe('---^---!');
    });
  });

  it('errors with a TaskStateError naming the task when it completes without saying it is ready', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      let ready$!: Observable<unknown>;
      const result = withTaskGroup(tg => {
        ready$ = tg.start(() => cold('--|'), { name: 'silent' });
      });
      expectObservable(result).toBe('--|');
      expectObservable(defer$(() => ready$), '^').toBe('--#', undefined,
        new TaskStateError('task "silent" completed without calling started()'));
    });
  });

  it('throws a TaskStateError when started() is called twice or after the task ended', () => {
    const thrown: unknown[] = [];
    let late!: TaskStartContext<number>;
    testScheduler.run(({ cold }) => {
      withTaskGroup(tg => {
        tg.start<number>(ctx => {
          late = ctx;
          ctx.started(1);
          try {
            ctx.started(2);
          } catch (error) {
            thrown.push(error);
          }
          return cold('-|');
        }, { name: 'eager' });
      }).subscribe();
    });
    expect(() => late.started(3)).toThrowError(TaskStateError, 'task "eager" called started() after it ended');
    expect(thrown.length).toBe(1);
    expect(thrown[0]).toEqual(new TaskStateError('task "eager" called started() twice'));
  });

  it('refuses what is not a factory at once, and refuses to start once the group is shutting down', () => {
    withTaskGroup(tg => {
      expect(() => tg.start(42 as never)).toThrowError(TypeError, /start: the task must be a factory/);
      tg.cancel();
      expect(() => tg.start(() => [1])).toThrowError(TaskStateError);
    }).subscribe();
  });
});

/** Subscribes to the Observable `make()` returns at subscription time (the body assigns it first). */
function defer$<T>(make: () => Observable<T>): Observable<T> {
  return new Observable<T>(subscriber => make().subscribe(subscriber));
}
