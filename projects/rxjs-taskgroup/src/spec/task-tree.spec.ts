/**
 * Introspection (rule 18 of docs/contract.md): `tg.snapshot()`, `formatTaskTree` and
 * `reduceTaskTree` — what a group is still waiting for.
 */
import { merge, NEVER, of, takeUntil, tap, throwError, timer } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import {
  formatTaskTree,
  reduceTaskTree,
  withTaskGroup,
  type TaskEvent,
  type TaskGroup,
  type TaskGroupSnapshot,
  type TaskSnapshot,
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
      '├─ #0 failing: finishing, failed, since +0 ms — Error: boom',
      '│  └─ task group: shutting down, nobody listening, waiting for 1 task',
      '│     └─ #0 inner work: cleanup (onCancel running)',
      '└─ #1 completing: finishing, fulfilled, shielded, since +0 ms',
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
      '├─ #1 slow: cleanup (onCancel running), since +0 ms',
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

describe('formatTaskTree', () => {
  /** A running task of the given start time. */
  const running = (name: string, index: number, startTime?: number, groups: TaskGroupSnapshot[] = []): TaskSnapshot =>
    ({ name, index, state: 'running', shield: false, startTime, groups });
  /** An open group of these tasks. */
  const open = (tasks: TaskSnapshot[], groups: TaskGroupSnapshot[] = []): TaskGroupSnapshot =>
    ({ state: 'open', listening: true, tasks, done: { fulfilled: 0, failed: 0, cancelled: 0 }, groups });

  describe('start times', () => {
    it('are counted from the earliest start in the tree, nested groups included, in ms, then s, min and h', () => {
      const epoch = 1_796_520_035_816; // Date.now(), as asyncScheduler gives it
      const tree = open([
        running('second', 1, epoch + 999.6),
        running('third', 2, epoch + 1_240, [open([running('inner', 0, epoch - 5)])]),
        running('long', 3, epoch + 59_960),
        running('poll', 4, epoch + 125_000),
        running('socket', 5, epoch + 3_780_000),
        running('queued', 6),
      ]);
      expect(formatTaskTree(tree)).toBe([
        'task group: open, waiting for 6 tasks',
        '├─ #1 second: running, since +1.0 s',
        '├─ #2 third: running, since +1.2 s',
        '│  └─ task group: open, waiting for 1 task',
        '│     └─ #0 inner: running, since +0 ms',
        '├─ #3 long: running, since +1 min 0 s',
        '├─ #4 poll: running, since +2 min 5 s',
        '├─ #5 socket: running, since +1 h 3 min',
        '└─ #6 queued: running',
      ].join('\n'));
      expect(formatTaskTree(tree)).not.toMatch(/\d{5}/);
    });

    it('are counted from options.origin when given, before it with a minus', () => {
      const tree = open([running('a', 0, 100), running('b', 1, 350), running('c', 2, 1_650)]);
      expect(formatTaskTree(tree, { origin: 300 }).split('\n').slice(1)).toEqual([
        '├─ #0 a: running, since -200 ms',
        '├─ #1 b: running, since +50 ms',
        '└─ #2 c: running, since +1.4 s',
      ]);
    });

    it("with a real scheduler, show the group's first task at +0 ms, not the clock's time", async () => {
      const text = await new Promise<string>(resolve =>
        withTaskGroup(tg => {
          tg.snapshot(); // record start times
          tg.createTask(NEVER, { name: 'poll' });
          tg.createTask(timer(40).pipe(tap(() => {
            tg.createTask(NEVER, { name: 'late' });
            resolve(formatTaskTree(tg.snapshot()));
            tg.cancel();
          })), { name: 'starter' });
        }).subscribe(),
      );
      const lines = text.split('\n');
      expect(lines.slice(0, 2)).toEqual([
        'task group: open, waiting for 3 tasks',
        '├─ #0 poll: running, since +0 ms',
      ]);
      // Started in the same synchronous body: the real clock may tick between the two starts.
      expect(lines[2]).toMatch(/^├─ #1 starter: running, since \+[01] ms$/);
      const late = /^└─ #2 late: running, since \+(\d+) ms$/.exec(lines[3]);
      expect(late).withContext(lines[3]).not.toBeNull();
      expect(Number(late![1])).toBeGreaterThanOrEqual(39);
    });

    it('show in virtual time as frames after the first start', () => {
      let atFrame7!: TaskGroupSnapshot;
      taskGroupTestScheduler().run(({ cold }) => {
        let tree: TaskGroupSnapshot | undefined;
        withTaskGroup(tg => {
          tg.createTask(cold('-----|'), { name: 'a' });
          tg.createTask(cold('-----|'), { name: 'b' });
        }, { concurrency: 1, onEvent: e => (tree = reduceTaskTree(tree, e)) }).subscribe();
        cold('-------x').subscribe(() => (atFrame7 = tree!));
      });
      expect(formatTaskTree(atFrame7)).toBe([
        'task group: open, waiting for 1 task · done: 1 fulfilled',
        '├─ #0 a: done, fulfilled',
        '└─ #1 b: running, since +5 ms',
      ].join('\n'));
    });
  });

  describe('width', () => {
    const failedTree = (): TaskGroupSnapshot => {
      let tree: TaskGroupSnapshot | undefined;
      withTaskGroup(tg => {
        tg.createTask(NEVER, { name: 'upload', onCancel: () => NEVER });
        tg.createTask(throwError(() => new Error('503 Service Unavailable from /api/users/42/posts')), { name: 'posts' });
      }, { onEvent: e => (tree = reduceTaskTree(tree, e)) }).subscribe({ error: () => undefined });
      return tree!;
    };

    it('wraps long lines at a space, continuing the branches and indenting the rest under its line', () => {
      const times: TaskGroupSnapshot = open([running('a task whose name is long', 0, 0), running('b', 1, 1_250)]);
      expect(formatTaskTree(times, { width: 34 })).withContext('a number stays with its unit').toBe([
        'task group: open, waiting',
        '│  for 2 tasks',
        '├─ #0 a task whose name is long:',
        '│     running, since +0 ms',
        '└─ #1 b: running, since +1.3 s',
      ].join('\n'));
      expect(formatTaskTree(failedTree(), { width: 40 })).toBe([
        'task group: shutting down, waiting',
        '│  for 1 task · done: 1 failed',
        '├─ #0 upload: cleanup (onCancel',
        '│     running), since +0 ms',
        '└─ #1 posts: done, failed —',
        '      Error: 503 Service Unavailable',
        '      from /api/users/42/posts',
      ].join('\n'));
    });

    it('breaks a word longer than the line where the width ends, and never splits a character', () => {
      const url = `https://example.com/${'a'.repeat(30)}😀${'b'.repeat(20)}`;
      const tree: TaskGroupSnapshot = { ...open([]), state: 'finished', tasks: [{ name: url, index: 0, state: 'done', shield: false, outcome: 'fulfilled', groups: [] }] };
      const lines = formatTaskTree(tree, { width: 32 }).split('\n');
      expect(lines.every(line => line.length <= 32)).withContext(lines.join('\n')).toBeTrue();
      expect(lines.slice(2).every(line => line.startsWith('      '))).toBeTrue();
      expect(lines.slice(1).map((line, i) => (i === 0 ? line.slice(3) : line.trimStart())).join('').replace(/ /g, '')).toBe(`#0${url}:done,fulfilled`);
      expect(lines.join('\n')).toContain('😀');
    });

    it('leaves lines that fit as they are, and gives deep lines at least 20 characters of text', () => {
      const tree = failedTree();
      expect(formatTaskTree(tree, { width: Infinity })).toBe(formatTaskTree(tree));
      expect(formatTaskTree(tree, { width: 200 })).toBe(formatTaskTree(tree));
      let deep = open([running('a long task name at the bottom', 0, 0)]);
      for (let level = 0; level < 12; level++) deep = open([running(`level ${level}`, 0, 0, [deep])]);
      const lines = formatTaskTree(deep, { width: 20 }).split('\n');
      const bottom = lines.find(line => line.includes('#0 a long'))!;
      expect(bottom.length).toBeGreaterThan(20 + 12 * 6);
      expect(bottom.replace(/^[│├└─ ]*/, '')).toBe('#0 a long task name');
    });
  });

  it('rejects options that do not exist or are out of range, naming them', () => {
    const tree = open([]);
    expect(() => formatTaskTree(tree, { widht: 40 } as never)).toThrowError(TypeError, 'formatTaskTree: options: "widht" is not an option (expected origin, width)');
    expect(() => formatTaskTree(tree, { width: 10 })).toThrowError(RangeError, 'formatTaskTree: options.width must be a number ≥ 20 or Infinity; got 10');
    expect(() => formatTaskTree(tree, { width: '40' as never })).toThrowError(TypeError, 'formatTaskTree: options.width must be a number; got string');
    expect(() => formatTaskTree(tree, { origin: NaN })).toThrowError(RangeError, 'formatTaskTree: options.origin must be a finite number; got NaN');
    expect(formatTaskTree(tree, {})).toBe('task group: open, waiting for 0 tasks');
  });

  it('prints the examples of its documentation', () => {
    const logs: string[] = [];
    jasmine.clock().install().mockDate(new Date(2026, 11, 6)); // the clock frozen: both tasks start at the same ms
    try {
      withTaskGroup(tg => {
        tg.snapshot();
        tg.createTask(NEVER, { name: 'upload', onCancel: () => timer(100) });
        tg.createTask(NEVER, { name: 'audit log', shield: true });
        tg.cancel();
        logs.push(formatTaskTree(tg.snapshot()));
      }).subscribe().unsubscribe();
    } finally {
      jasmine.clock().uninstall();
    }
    withTaskGroup(tg => {
      tg.createTask(NEVER, { name: 'poll' });
      logs.push(formatTaskTree(tg.snapshot()));
      tg.cancel();
    }).subscribe();
    const tree: TaskGroupSnapshot = {
      state: 'open', listening: true, done: { fulfilled: 0, failed: 0, cancelled: 0 }, groups: [],
      tasks: [{ name: 'poll', index: 0, state: 'running', shield: false, startTime: 1_250, groups: [] }],
    };
    logs.push(formatTaskTree(tree, { origin: 1_000, width: 40 }));
    expect(logs).toEqual([
      'task group: shutting down, waiting for 2 tasks\n├─ #0 upload: cleanup (onCancel running), since +0 ms\n└─ #1 audit log: running, shielded, since +0 ms',
      'task group: open, waiting for 1 task\n└─ #0 poll: running',
      'task group: open, waiting for 1 task\n└─ #0 poll: running, since +250 ms',
    ]);
  });
});
