// Scale and stack safety: nothing the library does recurses in proportion to the number of
// tasks, so none of these overflows Node's default stack. They run in Node rather than in the
// browser suite because they are big, not because they are slow.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lastValueFrom, map, Observable, of, range, throwError, toArray } from 'rxjs';
import { cancelSiblingsOnError, taskGroup, TaskGroupError, withTaskGroup } from './library.mjs';

const MILLION = 1_000_000;

describe('stack safety', () => {
  it('runs 1,000,000 synchronous tasks through concurrency: 1', async () => {
    const results = await lastValueFrom(range(0, MILLION).pipe(map(i => of(i)), taskGroup({ concurrency: 1 })));
    assert.equal(results.length, MILLION);
    assert.equal(results[MILLION - 1], MILLION - 1);
  });

  it('runs 1,000,000 synchronous tasks unbounded', async () => {
    const results = await lastValueFrom(range(0, MILLION).pipe(map(i => of(i)), taskGroup()));
    assert.equal(results.length, MILLION);
    assert.equal(results[123_456], 123_456);
  });

  it('streams 1,000,000 synchronous tasks through cancelSiblingsOnError with concurrency: 1', async () => {
    let count = 0;
    let completed = false;
    range(0, MILLION)
      .pipe(map(i => of(i)), cancelSiblingsOnError({ concurrency: 1 }))
      .subscribe({ next: () => count++, complete: () => (completed = true) });
    assert.equal(count, MILLION);
    assert.ok(completed);
  });

  it('nests groups 1,000 deep', async () => {
    let nested = of('leaf');
    for (let depth = 0; depth < 1000; depth++) {
      const inner = nested;
      nested = withTaskGroup(tg => tg.createTask(inner));
    }
    assert.equal(await lastValueFrom(nested), 'leaf');
  });

  it('fails 1,000 nested groups deep and keeps the nesting in the error', async () => {
    const error = new Error('deepest');
    let nested = throwError(() => error);
    for (let depth = 0; depth < 1000; depth++) {
      const inner = nested;
      nested = withTaskGroup(tg => { tg.createTask(inner); });
    }
    const thrown = await lastValueFrom(nested).catch(e => e);
    assert.ok(thrown instanceof TaskGroupError);
    assert.deepEqual(thrown.leaves(), [error]);
    let depth = 0;
    for (let e = thrown; e instanceof TaskGroupError; e = e.errors[0]) depth++;
    assert.equal(depth, 1000);
  });

  it('lets a task create 100,000 tasks from inside', async () => {
    let created = 0;
    const values = await lastValueFrom(
      withTaskGroup(tg => {
        tg.createTask(() => {
          for (let i = 0; i < 100_000; i++, created++) tg.createTask(of(i));
          return of('creator');
        });
        return of('body');
      }).pipe(toArray()),
    );
    assert.equal(created, 100_000);
    assert.deepEqual(values, ['body']);
  });

  it('cancels 100,000 siblings at once: every teardown runs, one error arrives', async () => {
    let teardowns = 0;
    const error = new Error('one failed');
    const thrown = await lastValueFrom(
      withTaskGroup(tg => {
        for (let i = 0; i < 100_000; i++) tg.createTask(new Observable(() => () => teardowns++));
        tg.createTask(throwError(() => error));
      }),
    ).catch(e => e);
    assert.equal(teardowns, 100_000);
    assert.ok(thrown instanceof TaskGroupError);
    assert.deepEqual(thrown.errors, [error]);
  });

  it('cancels 100,000 queued tasks without starting any', async () => {
    let started = 0;
    const error = new Error('first failed');
    const tasks = [() => throwError(() => error)];
    for (let i = 0; i < 100_000; i++) tasks.push(() => (started++, of(i)));
    const thrown = await lastValueFrom(of(...tasks).pipe(taskGroup({ concurrency: 1 }))).catch(e => e);
    assert.equal(started, 0);
    assert.deepEqual(thrown.errors, [error]);
  });
});
