/**
 * Introspection (rule 18 of docs/contract.md): `tg.snapshot()`, `formatTaskTree` and
 * `reduceTaskTree` — what a group is still waiting for.
 */
import { merge, NEVER, of, takeUntil, throwError } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import {
  formatTaskTree,
  reduceTaskTree,
  withTaskGroup,
  type TaskEvent,
  type TaskGroup,
  type TaskGroupSnapshot,
} from 'rxjs-taskgroup';
import { taskGroupTestScheduler } from 'rxjs-taskgroup/testing';

describe('tg.snapshot and formatTaskTree: what a group is still waiting for (rule 18)', () => {
  let testScheduler: TestScheduler;
  beforeEach(() => (testScheduler = taskGroupTestScheduler()));

  /** Runs `body`, and takes a snapshot at frame `at`. */
  function snapshotAt(at: number, body: (tg: TaskGroup) => void, concurrency = Infinity): TaskGroupSnapshot {
    let snapshot!: TaskGroupSnapshot;
    testScheduler.run(({ cold }) => {
      let tg!: TaskGroup;
      withTaskGroup(group => {
        tg = group;
        tg.snapshot(); // from here on, start times are recorded
        body(group);
      }, { concurrency }).subscribe({ error: () => undefined });
      cold(`${'-'.repeat(at)}x`).subscribe(() => (snapshot = tg.snapshot()));
    });
    return snapshot;
  }

  it('shows queued and running tasks, shields and start times, and counts the done ones', () => {
    const snapshot = snapshotAt(3, tg => {
      tg.createTask(of(1), { name: 'quick' });
      tg.createTask(NEVER, { name: 'server', shield: true });
      tg.createTask(NEVER, { name: 'waiting' });
    }, 2);
    expect(snapshot).toEqual({
      state: 'open',
      listening: true,
      tasks: [
        { name: 'server', index: 1, state: 'running', shield: true, startTime: 0, groups: [] },
        { name: 'waiting', index: 2, state: 'running', shield: false, startTime: 0, groups: [] },
      ],
      done: { fulfilled: 1, failed: 0, cancelled: 0 },
      groups: [],
    });
  });

  it('shows a queued task as queued, without a start time', () => {
    const snapshot = snapshotAt(1, tg => {
      tg.createTask(NEVER, { name: 'first' });
      tg.createTask(NEVER, { name: 'second' });
    }, 1);
    expect(snapshot.tasks.map(t => [t.name, t.state, t.startTime])).toEqual([['first', 'running', 0], ['second', 'queued', undefined]]);
  });

  it('shows a cancelled task’s cleanup, a shielded task still running, and a task cancelling while its own group finishes', () => {
    let snapshot!: TaskGroupSnapshot;
    testScheduler.run(({ cold }) => {
      let tg!: TaskGroup;
      withTaskGroup(group => {
        tg = group;
        tg.createTask(NEVER, { name: 'upload', onCancel: () => cold('-----|') });
        tg.createTask(NEVER, { name: 'audit', shield: true });
        tg.createTask(withTaskGroup(inner => {
          inner.createTask(NEVER, { name: 'inner work', onCancel: () => cold('-----|') });
        }), { name: 'outer' });
        tg.createTask(cold('--#', undefined, new Error('boom')), { name: 'failing' });
      }).subscribe({ error: () => undefined });
      cold('---x').subscribe(() => (snapshot = tg.snapshot()));
    });
    expect(snapshot.state).toBe('shutting-down');
    expect(snapshot.done).toEqual({ fulfilled: 0, failed: 1, cancelled: 0 });
    const byName = Object.fromEntries(snapshot.tasks.map(t => [t.name, t]));
    expect(byName['upload'].state).toBe('cleanup');
    expect(byName['upload'].outcome).toBe('cancelled');
    expect(byName['audit'].state).toBe('running');
    expect(byName['outer'].state).toBe('cancelling');
    expect(byName['outer'].groups.length).toBe(1);
    const inner = byName['outer'].groups[0];
    expect(inner.state).toBe('shutting-down');
    expect(inner.listening).toBeFalse();
    expect(inner.tasks.map(t => [t.name, t.state])).toEqual([['inner work', 'cleanup']]);
    expect(formatTaskTree(snapshot)).toBe([
      'task group: shutting down, waiting for 3 tasks · done: 1 failed',
      '├─ #0 upload: cleanup (onCancel running)',
      '├─ #1 audit: running, shielded',
      '└─ #2 outer: cancelling',
      '   └─ task group: shutting down, nobody listening, waiting for 1 task',
      '      └─ #0 inner work: cleanup (onCancel running)',
    ].join('\n'));
  });

  it('shows a task that has ended while a group it owns still finishes as finishing, with its outcome', () => {
    let snapshot!: TaskGroupSnapshot;
    testScheduler.run(({ cold }) => {
      let tg!: TaskGroup;
      /** A group whose one task takes 5 frames to clean up once cancelled. */
      const slowToFinish = () => withTaskGroup(inner => {
        inner.createTask(NEVER, { name: 'inner work', onCancel: () => cold('-----|') });
      });
      withTaskGroup(group => {
        tg = group;
        tg.snapshot(); // record start times
        tg.createTask(merge(slowToFinish(), cold('--#', undefined, new Error('boom'))), { name: 'failing' });
        tg.createTask(slowToFinish().pipe(takeUntil(cold('-x'))), { name: 'completing', shield: true });
      }).subscribe({ error: () => undefined });
      cold('---x').subscribe(() => (snapshot = tg.snapshot()));
    });
    expect(snapshot.tasks.map(t => [t.name, t.state, t.outcome, t.error])).toEqual([
      ['failing', 'finishing', 'failed', 'Error: boom'],
      ['completing', 'finishing', 'fulfilled', undefined],
    ]);
    expect(snapshot.tasks.map(t => t.groups.length)).toEqual([1, 1]);
    expect(formatTaskTree(snapshot)).toBe([
      'task group: shutting down, waiting for 2 tasks',
      '├─ #0 failing: finishing, failed, since 0 — Error: boom',
      '│  └─ task group: shutting down, nobody listening, waiting for 1 task',
      '│     └─ #0 inner work: cleanup (onCancel running)',
      '└─ #1 completing: finishing, fulfilled, shielded, since 0',
      '   └─ task group: shutting down, nobody listening, waiting for 1 task',
      '      └─ #0 inner work: cleanup (onCancel running)',
    ].join('\n'));
  });

  it('shows groups the body owns, and is plain data that survives JSON', () => {
    let snapshot!: TaskGroupSnapshot;
    withTaskGroup(tg => {
      return withTaskGroup(inner => {
        inner.createTask(NEVER, { name: 'nested' });
        snapshot = tg.snapshot();
        tg.cancel();
      });
    }).subscribe();
    expect(snapshot.groups.length).toBe(1);
    expect(snapshot.groups[0].tasks.map(t => t.name)).toEqual(['nested']);
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
  });

  it('can be taken from inside onEvent, and is consistent there', () => {
    const seen: string[] = [];
    let tg!: TaskGroup;
    withTaskGroup(group => {
      tg = group;
      group.createTask(of(1), { name: 'a' });
      group.createTask(throwError(() => new Error('no')), { name: 'b' });
    }, {
      onEvent: e => {
        const s = tg.snapshot();
        seen.push(`${e.type}${e.task ? ` ${e.task.name}` : ''}: ${s.state}, ${s.tasks.map(t => `${t.name}=${t.state}`).join(' ')}`);
      },
    }).subscribe({ error: () => undefined });
    expect(seen).toEqual([
      'started a: open, a=running',
      'value a: open, a=running',
      'completed a: open, a=finishing',
      'started b: open, b=running',
      'failed b: open, b=finishing',
      'group-shutdown: shutting-down, b=finishing',
      'group-finished: finished, ',
    ]);
  });

  it('of a finished group: finished, nothing waiting', () => {
    let tg!: TaskGroup;
    withTaskGroup(group => {
      tg = group;
      group.createTask(of(1));
    }).subscribe();
    expect(tg.snapshot()).toEqual({ state: 'finished', listening: true, tasks: [], done: { fulfilled: 1, failed: 0, cancelled: 0 }, groups: [] });
    expect(formatTaskTree(tg.snapshot())).toBe('task group: finished · done: 1 fulfilled');
  });
});

describe('reduceTaskTree: the task tree rebuilt from events (rule 18)', () => {
  it('rebuilds the tree from onEvent, keeping done tasks with their outcome', () => {
    const taskGroupTest = taskGroupTestScheduler();
    const trees: TaskGroupSnapshot[] = [];
    let tree: TaskGroupSnapshot | undefined;
    taskGroupTest.run(({ cold }) => {
      withTaskGroup(tg => {
        tg.createTask(cold('-a|'), { name: 'quick' });
        tg.createTask(cold('----|'), { name: 'slow', onCancel: () => cold('--|') });
        tg.createTask(cold('--#', undefined, new Error('bad gateway')), { name: 'api' });
        tg.createTask(cold('-|'), { name: 'queued' });
      }, {
        concurrency: 3,
        onEvent: (event: TaskEvent) => {
          const before = tree;
          tree = reduceTaskTree(tree, event);
          if (event.type !== 'value') expect(tree).not.toBe(before!); // a new tree for every change
          trees.push(tree);
        },
      }).subscribe({ error: () => undefined });
    });
    expect(formatTaskTree(tree!)).toBe([
      'task group: finished · done: 1 fulfilled, 1 failed, 2 cancelled',
      '├─ #0 quick: done, fulfilled',
      '├─ #1 slow: done, cancelled',
      '├─ #2 api: done, failed — Error: bad gateway',
      '└─ #3 queued: done, cancelled',
    ].join('\n'));
    const duringCleanup = trees.find(t => t.tasks.some(task => task.state === 'cleanup'))!;
    expect(formatTaskTree(duringCleanup)).toBe([
      'task group: shutting down, waiting for 1 task · done: 1 fulfilled, 1 failed, 1 cancelled',
      '├─ #0 quick: done, fulfilled',
      '├─ #1 slow: cleanup (onCancel running), since 0',
      '├─ #2 api: done, failed — Error: bad gateway',
      '└─ #3 queued: done, cancelled',
    ].join('\n'));
  });

  /** An event of task `index`, named `t<index>`. */
  const eventOf = (type: TaskEvent['type'], index: number): TaskEvent => ({ type, task: { name: `t${index}`, index }, time: index });
  const statesOf = (tree: TaskGroupSnapshot) => tree.tasks.map(t => [t.index, t.state]);

  it('stays right when one tree is reduced twice, and when a task older than the last one arrives late', () => {
    const base = reduceTaskTree(reduceTaskTree(undefined, eventOf('started', 0)), eventOf('started', 1));
    const a = reduceTaskTree(reduceTaskTree(base, eventOf('started', 5)), eventOf('completed', 5));
    const b = reduceTaskTree(reduceTaskTree(base, eventOf('started', 4)), eventOf('started', 5));
    const a2 = reduceTaskTree(a, eventOf('completed', 1));
    const b2 = reduceTaskTree(b, eventOf('failed', 5));
    expect(statesOf(base)).toEqual([[0, 'running'], [1, 'running']]);
    expect(statesOf(a2)).toEqual([[0, 'running'], [1, 'done'], [5, 'done']]);
    expect(a2.done).toEqual({ fulfilled: 2, failed: 0, cancelled: 0 });
    expect(statesOf(b2)).toEqual([[0, 'running'], [1, 'running'], [4, 'running'], [5, 'done']]);
    expect(b2.done).toEqual({ fulfilled: 0, failed: 1, cancelled: 0 });
    const late = reduceTaskTree(b2, eventOf('queued', 2));
    expect(statesOf(late)).toEqual([[0, 'running'], [1, 'running'], [2, 'queued'], [4, 'running'], [5, 'done']]);
    expect(statesOf(reduceTaskTree(late, eventOf('started', 2)))).toEqual([[0, 'running'], [1, 'running'], [2, 'running'], [4, 'running'], [5, 'done']]);
  });

  it('keeps thousands of tasks in index order, each with its own state, and counts the done ones', () => {
    let tree: TaskGroupSnapshot | undefined;
    const count = 2_000;
    for (let index = 0; index < count; index++) tree = reduceTaskTree(tree, eventOf('started', index));
    for (let index = 0; index < count; index += 3) tree = reduceTaskTree(tree, eventOf('completed', index));
    expect(tree!.tasks).toHaveSize(count);
    expect(tree!.tasks.every((t, i) => t.index === i && t.name === `t${i}` && t.state === (i % 3 ? 'running' : 'done'))).toBeTrue();
    expect(tree!.done).toEqual({ fulfilled: Math.ceil(count / 3), failed: 0, cancelled: 0 });
    expect(tree!.tasks).withContext('the same array each time it is read').toBe(tree!.tasks);
  });

  it('does not change the tree it is given', () => {
    const first = reduceTaskTree(undefined, { type: 'started', task: { name: 'a', index: 0 }, time: 5 });
    const frozen = JSON.stringify(first);
    reduceTaskTree(first, { type: 'completed', task: { name: 'a', index: 0 }, time: 6 });
    expect(JSON.stringify(first)).toBe(frozen);
  });
});
