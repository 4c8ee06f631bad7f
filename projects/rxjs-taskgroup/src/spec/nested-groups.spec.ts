/**
 * Nested groups (rules 11 and 13 of docs/contract.md, and rule 4's nested members): a group
 * cancelled by the group around it (its task or its body is unsubscribed) still finishes its
 * cleanups and shielded tasks, and the outer group waits for them and collects their errors, as
 * nested asyncio TaskGroups do.
 */
import { config, merge, Observable, of, throwError, timer, switchMap } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import { TaskGroupError, TaskStateError, withTaskGroup } from 'rxjs-taskgroup';
import { taskGroupError, taskGroupTestScheduler } from 'rxjs-taskgroup/testing';

describe('nested groups: an inner group cancelled from outside is still awaited (rules 4, 11, 13)', () => {
  let testScheduler: TestScheduler;
  const savedOnUnhandledError = config.onUnhandledError;
  beforeEach(() => (testScheduler = taskGroupTestScheduler()));
  afterEach(() => (config.onUnhandledError = savedOnUnhandledError));

  it('the outer group waits for the cleanups of an inner group it cancelled', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const inner = cold('   10000ms (x|)');
      const cleanup = cold(' 500ms |');
      const error = new Error('sibling failed');
      const result = withTaskGroup(outer => {
        outer.createTask(withTaskGroup(tg => { tg.createTask(inner, { onCancel: () => cleanup }); }));
        outer.createTask(cold('100ms #', undefined, error));
      });
      expectObservable(result).toBe('600ms #', undefined, taskGroupError(error));
      expectSubscriptions(inner.subscriptions).toBe('^ 99ms !');
      expectSubscriptions(cleanup.subscriptions).toBe('100ms ^ 499ms !');
    });
  });

  it('collects an inner cleanup error as a nested TaskGroupError after the first failure', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const first = new Error('sibling failed');
      const cleanupError = new Error('cleanup failed');
      const result = withTaskGroup(outer => {
        outer.createTask(
          withTaskGroup(tg => {
            tg.createTask(cold('1000ms (x|)'), { onCancel: () => cold('50ms #', undefined, cleanupError) });
          }),
        );
        outer.createTask(cold('100ms #', undefined, first));
      });
      expectObservable(result).toBe('150ms #', undefined, taskGroupError(first, taskGroupError(cleanupError)));
    });
  });

  it('waits for a shielded task of an inner group, then runs the owning task’s own cleanup (children first)', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const shielded = cold('  300ms (s|)');
      const ownCleanup = cold('200ms |');
      const result = withTaskGroup(outer => {
        outer.createTask(
          withTaskGroup(tg => {
            tg.createTask(shielded, { shield: true });
          }),
          { onCancel: () => ownCleanup },
        );
        outer.createTask(timer(100)).subscribe(() => outer.cancel('enough'));
      });
      expectObservable(result).toBe('500ms |');
      expectSubscriptions(shielded.subscriptions).toBe('^ 299ms !');
      expectSubscriptions(ownCleanup.subscriptions).toBe('300ms ^ 199ms !');
    });
  });

  it('a group returned by the body is awaited too when the outer group fails', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const cleanup = cold('400ms |');
      const error = new Error('task failed');
      const result = withTaskGroup(outer => {
        outer.createTask(cold('100ms #', undefined, error));
        return withTaskGroup(tg => { tg.createTask(cold('1000ms (x|)'), { onCancel: () => cleanup }); });
      });
      expectObservable(result).toBe('500ms #', undefined, taskGroupError(error));
      expectSubscriptions(cleanup.subscriptions).toBe('100ms ^ 399ms !');
    });
  });

  it('a group that ends inside a merge which errors is awaited by the body that held it', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const cleanup = cold('300ms |');
      const error = new Error('merge sibling failed');
      const result = withTaskGroup(() =>
        merge(
          withTaskGroup(tg => { tg.createTask(cold('1000ms (x|)'), { onCancel: () => cleanup }); }),
          timer(100).pipe(switchMap(() => throwError(() => error))),
        ),
      );
      expectObservable(result).toBe('400ms #', undefined, taskGroupError(error));
      expectSubscriptions(cleanup.subscriptions).toBe('100ms ^ 299ms !');
    });
  });

  it('finishes at once when the cancelled inner group has nothing left to wait for', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const error = new Error('boom');
      const result = withTaskGroup(outer => {
        outer.createTask(withTaskGroup(tg => { tg.createTask(cold('1000ms (x|)')); }));
        outer.createTask(cold('100ms #', undefined, error));
      });
      expectObservable(result).toBe('100ms #', undefined, taskGroupError(error));
    });
  });

  it('nests deeper than the call stack allows: deep levels start when the outer start unwinds, within the same subscribe call', () => {
    let nested: Observable<string> = of('leaf');
    for (let depth = 0; depth < 500; depth++) {
      const inner = nested;
      nested = withTaskGroup(tg => tg.createTask(inner));
    }
    const values: string[] = [];
    let completed = false;
    nested.subscribe({ next: value => values.push(value), complete: () => (completed = true) });
    expect(values).toEqual(['leaf']); // synchronously, before subscribe returned
    expect(completed).toBeTrue();
  });

  it('unsubscribes a nest deeper than the call stack allows: the innermost task is torn down before unsubscribe returns', () => {
    let teardowns = 0;
    let nested: Observable<never> = new Observable<never>(() => () => teardowns++);
    for (let depth = 0; depth < 500; depth++) {
      const inner = nested;
      nested = withTaskGroup(tg => { tg.createTask(inner); });
    }
    const subscription = nested.subscribe();
    expect(teardowns).toBe(0);
    subscription.unsubscribe();
    expect(teardowns).toBe(1);
  });

  it('fails from a nest deeper than the call stack allows, before subscribe returns, with every level in the error', () => {
    const deepest = new Error('deepest');
    let nested: Observable<never> = throwError(() => deepest);
    for (let depth = 0; depth < 500; depth++) {
      const inner = nested;
      nested = withTaskGroup(tg => { tg.createTask(inner); });
    }
    let error: unknown;
    nested.subscribe({ error: e => (error = e) });
    expect(error).toBeInstanceOf(TaskGroupError);
    expect((error as TaskGroupError).leaves()).toEqual([deepest]);
    let levels = 0;
    for (let e = error; e instanceof TaskGroupError; e = e.errors[0]) levels++;
    expect(levels).toBe(500);
  });

  it('loses no error of a deep level that failed while its owner was being cancelled', () => {
    // Past 64 levels a level's failure reaches its owner only once the outer call unwinds; here
    // the owner's sibling fails first and cancels it meanwhile. Every error must still arrive.
    const reported: unknown[] = [];
    config.onUnhandledError = error => reported.push(error);
    const created: Error[] = [];
    const failing = (message: string) => throwError(() => {
      const error = new Error(message);
      created.push(error);
      return error;
    });
    let nested: Observable<never> = failing('deepest');
    for (let depth = 0; depth < 100; depth++) {
      const inner = nested;
      nested = withTaskGroup(tg => {
        tg.createTask(inner);
        tg.createTask(failing(`level ${depth}`)); // TaskStateError when the inner failed first
      });
    }
    let error: unknown;
    nested.subscribe({ error: e => (error = e) });
    expect(error).toBeInstanceOf(TaskGroupError);
    const arrived = (error as TaskGroupError).leaves().filter(e => !(e instanceof TaskStateError));
    expect(reported).toEqual([]);
    expect(created.length).toBeGreaterThan(1);
    expect(arrived.length).toBe(created.length);
    for (const made of created) expect(arrived.includes(made)).withContext(made.message).toBeTrue();
  });

  it('does not start a deep level whose outer group was unsubscribed before it could start', () => {
    let started = 0;
    let nested: Observable<never> = new Observable<never>(() => { started++; });
    for (let depth = 0; depth < 200; depth++) {
      const inner = nested;
      nested = withTaskGroup(tg => { tg.createTask(inner); });
    }
    const failing = withTaskGroup(tg => {
      tg.createTask(nested);
      tg.createTask(throwError(() => new Error('fails at once')));
    });
    let error: unknown;
    failing.subscribe({ error: e => (error = e) });
    expect(error).toBeInstanceOf(TaskGroupError);
    expect(started).toBe(0);
  });

  it('keeps the message of a deeply nested TaskGroupError bounded', () => {
    let error = new TaskGroupError([new Error('deepest')]);
    for (let depth = 0; depth < 1000; depth++) error = new TaskGroupError([error]);
    expect(error.message.length).toBeLessThan(600);
    expect(error.message).toMatch(/^1 error in task group: TaskGroupError: 1 error in task group: /);
    expect(error.leaves().map(e => (e as Error).message)).toEqual(['deepest']);
  });

  it('when nobody listens to the outer group any more, each inner cleanup error is reported as itself', () => {
    const reported: unknown[] = [];
    config.onUnhandledError = error => reported.push(error);
    const cleanupError = new Error('cleanup failed');
    testScheduler.run(({ cold, expectObservable }) => {
      const result = withTaskGroup(outer => {
        outer.createTask(withTaskGroup(tg => { tg.createTask(cold('1000ms (x|)'), { onCancel: () => cold('50ms #', undefined, cleanupError) }); }));
      });
      expectObservable(result, '^ 99ms !').toBe('');
    });
    expect(reported).toEqual([cleanupError]);
    expect(reported[0]).toBe(cleanupError);
    expect(reported[0]).not.toBeInstanceOf(TaskGroupError);
  });
});
