/**
 * Every scenario of the document the project grew from (Python's asyncio.TaskGroup guide),
 * in this library's API and in virtual time. Python's seconds are written as `1000ms` frames.
 */
import { concat, defer, EMPTY, from, map, of, timer, type Observable } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import {
  cancelSiblingsOnError,
  catchTaskErrors,
  taskGroup,
  TaskCancelledError,
  TaskGroupError,
  TaskStateError,
  withTaskGroup,
  withTimeout,
  type Task,
  type TaskGroup,
} from 'rxjs-taskgroup';
import { taskGroupError, taskGroupTestScheduler } from 'rxjs-taskgroup/testing';

class ValueError extends Error {
  override name = 'ValueError';
}
class HttpError extends Error {
  override name = 'HttpError';
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

const worker = (name: string, seconds: number): Observable<string> =>
  timer(seconds * 1000).pipe(map(() => `Worker ${name} done in ${seconds}s`));

describe('the seed examples: every scenario of the asyncio.TaskGroup guide', () => {
  let testScheduler: TestScheduler;
  beforeEach(() => (testScheduler = taskGroupTestScheduler()));

  it('basic usage: three workers, results in creation order', () => {
    testScheduler.run(({ expectObservable }) => {
      // As in Python: create the tasks in the block, read result() after it.
      let tasks: Task<string>[] = [];
      const viaHandles = concat(
        withTaskGroup(tg => {
          tasks = [tg.createTask(worker('A', 2)), tg.createTask(worker('B', 1)), tg.createTask(worker('C', 3))];
        }),
        defer(() => of(tasks.map(task => task.result()))),
      );
      const viaOperator = from([worker('A', 2), worker('B', 1), worker('C', 3)]).pipe(taskGroup());
      const expected = ['Worker A done in 2s', 'Worker B done in 1s', 'Worker C done in 3s'];
      expectObservable(viaHandles).toBe('3000ms (r|)', { r: expected });
      expectObservable(viaOperator).toBe('3000ms (r|)', { r: expected });
    });
  });

  it('one failure cancels the others, and except* catches the ValueError', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = cold('3000ms (a|)', { a: 'A' });
      const b = cold('1000ms #', undefined, new ValueError('B failed after 1s'));
      const c = cold('2000ms (c|)', { c: 'C' });
      const caught: string[] = [];
      const result = withTaskGroup(tg => {
        tg.createTask(a);
        tg.createTask(b);
        tg.createTask(c);
      }).pipe(
        catchTaskErrors(ValueError, eg => {
          for (const exc of eg.errors) caught.push(`Caught: ${(exc as Error).message}`);
          return of('handled');
        }),
      );
      expectObservable(result).toBe('1000ms (h|)', { h: 'handled' });
      expectSubscriptions(a.subscriptions).toBe('^ 999ms !');
      expectSubscriptions(b.subscriptions).toBe('^ 999ms !');
      expectSubscriptions(c.subscriptions).toBe('^ 999ms !');
      testScheduler.flush();
      expect(caught).toEqual(['Caught: B failed after 1s']);
    });
  });

  it('without except* the aggregate error arrives when the first task fails', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const error = new ValueError('B failed after 1s');
      const result = from([cold('3000ms (a|)'), cold('1000ms #', undefined, error), cold('2000ms (c|)')]).pipe(taskGroup());
      expectObservable(result).toBe('1000ms #', undefined, taskGroupError(error));
    });
  });

  it('timed_worker: each task bounded by withTimeout, with a fallback value', () => {
    testScheduler.run(({ expectObservable }) => {
      const timedWorker = (name: string, seconds: number, timeoutSeconds: number) =>
        timer(seconds * 1000).pipe(
          map(() => `${name} completed`),
          withTimeout(timeoutSeconds * 1000, { with: () => of(`${name} timed out`) }),
        );
      const result = withTaskGroup<string[]>(tg => {
        const task1 = tg.createTask(timedWorker('A', 5, 2)); // times out
        const task2 = tg.createTask(timedWorker('B', 1, 3));
        const task3 = tg.createTask(timedWorker('C', 3, 10));
        return waitAll([task1, task2, task3]);
      });
      expectObservable(result).toBe('3000ms (r|)', { r: ['A timed out', 'B completed', 'C completed'] });
    });
  });

  it('gather(return_exceptions=True) is settle mode: nothing is cancelled, every outcome comes back', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const error = new ValueError('B failed after 1s');
      const a = cold('3000ms (a|)', { a: 'A' });
      const b = cold('1000ms #', undefined, error);
      const c = cold('2000ms (c|)', { c: 'C' });
      expectObservable(of(a, b, c).pipe(taskGroup({ settle: true }))).toBe('3000ms (r|)', {
        r: [
          { status: 'fulfilled', value: 'A' },
          { status: 'rejected', reason: error },
          { status: 'fulfilled', value: 'C' },
        ],
      });
      expectSubscriptions(a.subscriptions).toBe('^ 2999ms !');
      expectSubscriptions(c.subscriptions).toBe('^ 1999ms !');
    });
  });

  it('nested groups complete when every inner group has', () => {
    testScheduler.run(({ expectObservable }) => {
      const subWorker = (label: string) =>
        withTaskGroup(inner => {
          inner.createTask(worker(`${label}-1`, 0.5));
          inner.createTask(worker(`${label}-2`, 1));
        });
      const events: string[] = [];
      const result = withTaskGroup(outer => {
        outer.createTask(subWorker('X')).subscribe({ complete: () => events.push('X') });
        outer.createTask(subWorker('Y')).subscribe({ complete: () => events.push('Y') });
      });
      expectObservable(result).toBe('1000ms |');
      testScheduler.flush();
      expect(events).toEqual(['X', 'Y']);
    });
  });

  it('a failing inner group fails its outer group, which cancels the other branch; the shape is kept', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const error = new ValueError('X-2 failed');
      const x1 = cold('      1000ms (a|)');
      const x2 = cold('      500ms #', undefined, error);
      const y1 = cold('      2000ms (b|)');
      const result = withTaskGroup(outer => {
        outer.createTask(withTaskGroup(inner => { inner.createTask(x1); inner.createTask(x2); }));
        outer.createTask(withTaskGroup(inner => { inner.createTask(y1); }));
      });
      expectObservable(result).toBe('500ms #', undefined, taskGroupError(taskGroupError(error)));
      expectSubscriptions(x1.subscriptions).toBe('^ 499ms !');
      expectSubscriptions(y1.subscriptions).toBe('^ 499ms !');
    });
  });

  it('concurrent HTTP requests: the 500 cancels the pending requests; each URL reports its fate', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const delay2 = cold('2000ms (r|)', { r: '{"delay":2}' });
      const delay10 = cold('10000ms (r|)', { r: '{"delay":10}' });
      const status500 = cold('100ms #', undefined, new HttpError(500));
      const responses: Record<string, Observable<string>> = { '/delay/2': delay2, '/delay/10': delay10, '/status/500': status500 };
      const fetchUrl = (url: string) => responses[url].pipe(withTimeout(5000, { name: url }));
      const checkUrls = (urls: string[]) =>
        defer(() => {
          const tasks: Task<string>[] = [];
          const group = withTaskGroup(tg => {
            for (const url of urls) tasks.push(tg.createTask(fetchUrl(url), { name: url }));
          });
          // The group fails on the 500; the per-URL report below reads every task's fate.
          return concat(group.pipe(catchTaskErrors(HttpError, () => EMPTY)), defer(() => of(report(urls, tasks))));
        });
      expectObservable(checkUrls(Object.keys(responses))).toBe('100ms (r|)', {
        r: {
          '/delay/2': 'Failed: TaskCancelledError',
          '/delay/10': 'Failed: TaskCancelledError',
          '/status/500': 'Failed: HttpError',
        },
      });
      expectSubscriptions(delay2.subscriptions).toBe('^ 99ms !');
      expectSubscriptions(delay10.subscriptions).toBe('^ 99ms !');
      expectSubscriptions(status500.subscriptions).toBe('^ 99ms !');
    });
  });

  it('cleanup on cancellation: onCancel runs and the group waits for it before it reports', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const sleep10 = cold('10000ms (x|)');
      const cleanup = cold('      500ms |');
      const fastError = new ValueError('fast failed');
      const result = withTaskGroup(tg => {
        tg.createTask(sleep10, { onCancel: () => cleanup });
        tg.createTask(cold('100ms #', undefined, fastError));
      });
      expectObservable(result).toBe('600ms #', undefined, taskGroupError(fastError));
      expectSubscriptions(sleep10.subscriptions).toBe('^ 99ms !');
      expectSubscriptions(cleanup.subscriptions).toBe('100ms ^ 499ms !');
    });
  });

  it('cleanup_worker as written: a worker that completes cancels nothing, so the group waits the 10 s', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const sleep10 = cold('10000ms (x|)');
      const cleanup = cold('500ms |');
      const result = withTaskGroup(tg => {
        tg.createTask(sleep10, { onCancel: () => cleanup });
        tg.createTask(worker('fast', 0.1));
      });
      expectObservable(result).toBe('10000ms |');
      expectSubscriptions(cleanup.subscriptions).toBe([]);
    });
  });

  it('pitfall: a task created after the group has finished throws TaskStateError', () => {
    testScheduler.run(({ expectObservable }) => {
      let group!: TaskGroup;
      expectObservable(withTaskGroup(tg => { group = tg; tg.createTask(worker('A', 1)); })).toBe('1000ms |');
      testScheduler.flush();
      expect(() => group.createTask(worker('late', 1))).toThrowMatching(e => e instanceof TaskStateError && /finished/.test(e.message));
    });
  });

  it('pitfall: cancelling one task by hand is safe here: no error for the group, the handle reports the cancel', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = cold('3000ms (a|)', { a: 'A' });
      const b = cold('1000ms (b|)', { b: 'B' });
      let handle!: Task<string>;
      const result = withTaskGroup<string>(tg => {
        handle = tg.createTask(a);
        tg.createTask(timer(500)).subscribe(() => handle.cancel('not needed'));
        return tg.createTask(b);
      });
      expectObservable(result).toBe('1000ms (b|)', { b: 'B' });
      expectSubscriptions(a.subscriptions).toBe('^ 499ms !');
      testScheduler.flush();
      expect(handle.cancelled()).toBeTrue();
      expect(() => handle.result()).toThrowMatching(e => e instanceof TaskCancelledError && e.reason === 'not needed');
    });
  });

  it('as_completed: taskGroup keeps creation order, cancelSiblingsOnError streams in completion order', () => {
    testScheduler.run(({ expectObservable }) => {
      const workers = () => [0, 1, 2].map(i => worker(String(i), 3 - i));
      expectObservable(from(workers()).pipe(taskGroup())).toBe('3000ms (r|)', {
        r: ['Worker 0 done in 3s', 'Worker 1 done in 2s', 'Worker 2 done in 1s'],
      });
      expectObservable(from(workers()).pipe(cancelSiblingsOnError())).toBe('1000ms a 999ms b 999ms (c|)', {
        a: 'Worker 2 done in 1s',
        b: 'Worker 1 done in 2s',
        c: 'Worker 0 done in 3s',
      });
    });
  });

  it('an aggregate is always a TaskGroupError, caught by type with except*', () => {
    const error = new TaskGroupError([new ValueError('x'), new HttpError(502)]);
    const [values, rest] = error.split(ValueError);
    expect(values?.errors).toEqual([jasmine.any(ValueError)]);
    expect(rest?.errors.length).toBe(1);
    expect(rest?.errors[0]).toBeInstanceOf(HttpError);
  });
});

/** Waits for every handle and emits their results, in the order given. */
function waitAll<T>(tasks: Task<T>[]): Observable<T[]> {
  return from(tasks).pipe(taskGroup<T>());
}

function report(urls: string[], tasks: Task<string>[]): Record<string, string> {
  const results: Record<string, string> = {};
  urls.forEach((url, i) => {
    try {
      results[url] = tasks[i].result();
    } catch (e) {
      results[url] = `Failed: ${(e as Error).name}`;
    }
  });
  return results;
}
