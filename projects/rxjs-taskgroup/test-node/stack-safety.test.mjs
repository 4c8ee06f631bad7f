// Scale and stack safety: nothing the library does recurses in proportion to the number of
// tasks, so none of these overflows Node's default stack. They run in Node rather than in the
// browser suite because they are big, not because they are slow.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lastValueFrom, map, NEVER, Observable, of, range, throwError, toArray } from 'rxjs';
import { cancelSiblingsOnError, formatTaskTree, taskGroup, TaskGroupError, withTaskGroup } from './library.mjs';

const MILLION = 1_000_000;

/** `leaf` wrapped `depth` times by `wrap`. */
function nest(depth, leaf, wrap) {
  let nested = leaf;
  for (let level = 0; level < depth; level++) nested = wrap(nested);
  return nested;
}

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

  // Starts, finishes and unsubscriptions of nested groups run on a trampoline, so the depth a
  // nest can reach does not depend on the stack: 1,000 levels is the contract, 100,000 the proof.
  for (const depth of [1000, 100_000]) {
    const levels = depth.toLocaleString('en-US');

    it(`nests groups ${levels} deep`, async () => {
      assert.equal(await lastValueFrom(nest(depth, of('leaf'), inner => withTaskGroup(tg => tg.createTask(inner)))), 'leaf');
    });

    it(`fails ${levels} nested groups deep and keeps the nesting in the error`, async () => {
      const error = new Error('deepest');
      const nested = nest(depth, throwError(() => error), inner => withTaskGroup(tg => { tg.createTask(inner); }));
      const thrown = await lastValueFrom(nested).catch(e => e);
      assert.ok(thrown instanceof TaskGroupError);
      assert.deepEqual(thrown.leaves(), [error]);
      let levelsInError = 0;
      for (let e = thrown; e instanceof TaskGroupError; e = e.errors[0]) levelsInError++;
      assert.equal(levelsInError, depth);
    });

    it(`nests taskGroup() ${levels} deep`, async () => {
      const unwrapped = inner => of(inner).pipe(taskGroup(), map(([value]) => value));
      assert.equal(await lastValueFrom(nest(depth, of('leaf'), unwrapped)), 'leaf');
    });

    it(`snapshots groups nested ${levels} deep, and prints them in lines that do not grow with depth`, () => {
      let outermost;
      let level = 0;
      const nested = nest(depth, NEVER, inner => {
        const at = ++level; // `depth` is the outermost group
        return withTaskGroup(tg => {
          if (at === depth) outermost = tg;
          tg.createTask(inner);
        });
      });
      const subscription = nested.subscribe();
      try {
        const snapshot = outermost.snapshot();
        let levelsInSnapshot = 0;
        for (let group = snapshot; group; group = group.tasks[0]?.groups[0]) {
          levelsInSnapshot++;
          assert.equal(group.state, 'open');
          assert.deepEqual(group.tasks.map(task => [task.name, task.state]), [['task-0', 'running']]);
        }
        assert.equal(levelsInSnapshot, depth);
        const lines = formatTaskTree(snapshot).split('\n');
        assert.equal(lines.length, 2 * depth); // a line for each group and each task
        assert.equal(lines[0], 'task group: open, waiting for 1 task');
        assert.match(lines.at(-1), /^\[\+\d+\] +└─ #0 task-0: running$/);
        assert.ok(lines.every(line => line.length < 300), 'past 64 levels, indentation is left out 32 levels at a time');
      } finally {
        subscription.unsubscribe();
      }
    });

    it(`unsubscribes groups nested ${levels} deep: the innermost teardown runs, every cleanup is awaited, children first`, async () => {
      let teardowns = 0;
      const cleanups = []; // the depth of each cleanup, in the order they ran
      let finished = false;
      const leaf = new Observable(() => () => teardowns++);
      let level = 0;
      const nested = nest(depth, leaf, inner => {
        const at = ++level; // 1 is the innermost group, `depth` the outermost
        return withTaskGroup(tg => tg.createTask(inner, {
          onCancel: () => new Promise(resolve => setImmediate(() => resolve(cleanups.push(at)))),
        }), { onEvent: e => { if (e.type === 'group-finished' && at === depth) finished = true; } });
      });
      const subscription = nested.subscribe();
      subscription.unsubscribe();
      assert.equal(teardowns, 1);
      // Children first: each level's cleanup starts when the level inside it has finished, so they run one after another.
      for (let waited = 0; !finished && waited < 60_000; waited += 10) await new Promise(resolve => setTimeout(resolve, 10));
      assert.ok(finished, 'the outermost group finishes once every nested cleanup is over');
      assert.equal(cleanups.length, depth);
      assert.ok(cleanups.every((at, i) => at === i + 1), 'the innermost cleanup ran first, the outermost last');
    });
  }

  // A body's value climbs every level on the stack, a few frames per level (the engine keeps that
  // path to one way in per level, written out, so that 2,000 levels fit in Node's default stack).
  it('passes values up through 2,000 nested bodies (values are not deferred: as deep as an RxJS operator chain)', async () => {
    const values = await lastValueFrom(nest(2000, of(1, 2, 3), inner => withTaskGroup(() => inner)).pipe(toArray()));
    assert.deepEqual(values, [1, 2, 3]);
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
