/**
 * `subscribeToTaskGroups`: every group observable from one place (docs/contract.md rule 26).
 */
import { config, defer, of, throwError } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import {
  subscribeToTaskGroups,
  taskGroup,
  withTaskGroup,
  ɵaddTaskScope,
  type TaskEvent,
  type TaskGroupEvent,
} from 'rxjs-taskgroup';
import { taskGroupTestScheduler } from 'rxjs-taskgroup/testing';

/** `group type task`: one line per event. */
const line = ({ group, type, task }: TaskGroupEvent): string => `${group.id} ${type}${task ? ` ${task.name}` : ''}`;

describe('subscribeToTaskGroups (rule 26)', () => {
  let testScheduler: TestScheduler;
  let stops: (() => void)[];
  beforeEach(() => {
    testScheduler = taskGroupTestScheduler();
    stops = [];
  });
  afterEach(() => stops.forEach(stop => stop()));

  /** Subscribes a listener for this spec; returns what it receives. */
  function listen(): TaskGroupEvent[] {
    const events: TaskGroupEvent[] = [];
    stops.push(subscribeToTaskGroups(event => events.push(event)));
    return events;
  }

  /** Renumbers ids from 1 in the order they are seen, so that a spec does not depend on the others. */
  function renumbered(events: TaskGroupEvent[]): string[] {
    const ids = new Map<number, number>();
    const id = (n: number) => ids.get(n) ?? (ids.set(n, ids.size + 1), ids.size);
    return events.map(event => line({ ...event, group: { id: id(event.group.id) } }));
  }

  it('receives the events of every group, group-started first, each with its group\'s id', () => {
    const events = listen();
    withTaskGroup(tg => { tg.createTask(of('x'), { name: 'a' }); }).subscribe();
    withTaskGroup(tg => { tg.createTask(of(), { name: 'b' }); }).subscribe();
    expect(renumbered(events)).toEqual([
      '1 group-started', '1 started a', '1 value a', '1 completed a', '1 group-finished',
      '2 group-started', '2 started b', '2 completed b', '2 group-finished',
    ]);
  });

  it('gives a nested group its parent\'s id and its owner task, and a group owned by a body its parent only', () => {
    const events = listen();
    withTaskGroup(tg => {
      tg.createTask(() => withTaskGroup(inner => { inner.createTask(of(1), { name: 'leaf' }); }), { name: 'load' });
      return withTaskGroup(inner => { inner.createTask(of(2), { name: 'body-leaf' }); });
    }).subscribe();
    const started = events.filter(event => event.type === 'group-started').map(event => event.group);
    expect(started.length).toBe(3);
    const [root, owned, bodyOwned] = started;
    expect(root.parent).toBeUndefined();
    expect(root.owner).toBeUndefined();
    expect(bodyOwned).toEqual({ id: bodyOwned.id, parent: root.id });
    expect(owned).toEqual({ id: owned.id, parent: root.id, owner: { name: 'load', index: 0 } });
    expect(new Set(started.map(group => group.id)).size).toBe(3);
  });

  it('uses one ids object per group, the same on every event of that group', () => {
    const events = listen();
    withTaskGroup(tg => { tg.createTask(of(1)); tg.createTask(of(2)); }).subscribe();
    expect(new Set(events.map(event => event.group)).size).toBe(1);
  });

  it('hands onEvent and the process-wide listener the same event object, which then carries the ids', () => {
    const events = listen();
    const own: TaskEvent[] = [];
    withTaskGroup(tg => { tg.createTask(of(1)); }, { onEvent: event => own.push(event) }).subscribe();
    expect(own.length).toBe(4);
    expect(own.every(event => event.group === events[1].group)).toBeTrue();
    expect(events.slice(1)).toEqual(own as TaskGroupEvent[]);
    expect(events.slice(1).every((event, i) => event === own[i])).toBeTrue();
  });

  it('leaves onEvent\'s events as they were while nothing listens: no ids, no group-started', () => {
    const own: TaskEvent[] = [];
    withTaskGroup(tg => { tg.createTask(of(1), { name: 'a' }); }, { onEvent: event => own.push(event) }).subscribe();
    expect(own.map(event => event.type)).toEqual(['started', 'value', 'completed', 'group-finished']);
    expect(own.every(event => !('group' in event))).toBeTrue();
    expect(own[0].task).toEqual({ name: 'a', index: 0 });
  });

  it('tells a started task\'s shield and time limit (the group\'s default when the task has none)', () => {
    const events = listen();
    testScheduler.run(({ cold, flush }) => {
      withTaskGroup(tg => {
        tg.createTask(cold('-|'), { name: 'guarded', shield: true, timeout: 50 });
        tg.createTask(cold('-|'), { name: 'plain' });
      }, { timeout: 100 }).subscribe();
      flush();
    });
    const started = events.filter(event => event.type === 'started').map(event => event.task);
    expect(started).toEqual([
      { name: 'guarded', index: 0, shield: true, timeout: 50 },
      { name: 'plain', index: 1, shield: false, timeout: 100 },
    ]);
  });

  it('sees the operators\' groups, queued tasks and failures, with the scheduler\'s time', () => {
    const events = listen();
    testScheduler.run(({ cold, flush }) => {
      const error = new Error('boom');
      of(cold('--|'), cold('-#', undefined, error)).pipe(taskGroup({ concurrency: 1 })).subscribe({ error: () => undefined });
      flush();
    });
    expect(renumbered(events).map((text, i) => `${text}@${events[i].time}`)).toEqual([
      '1 group-started@0', '1 started task-0@0', '1 queued task-1@0', '1 completed task-0@2', '1 started task-1@2',
      '1 failed task-1@3', '1 group-shutdown@3', '1 group-finished@3',
    ]);
  });

  it('stops at once when unsubscribed, and a listener may unsubscribe while it is being called', () => {
    const events: TaskGroupEvent[] = [];
    const stop = subscribeToTaskGroups(event => {
      events.push(event);
      if (event.type === 'started') stop();
    });
    stops.push(stop);
    withTaskGroup(tg => { tg.createTask(of(1)); }).subscribe();
    expect(events.map(event => event.type)).toEqual(['group-started', 'started']);
    stop(); // again: nothing happens
  });

  it('a listener that throws is reported and stops neither the group nor the other listeners', () => {
    const reported: unknown[] = [];
    const previous = config.onUnhandledError;
    config.onUnhandledError = error => reported.push(error);
    jasmine.clock().install();
    try {
      const broken = new Error('broken listener');
      stops.push(subscribeToTaskGroups(() => { throw broken; }));
      const events = listen();
      let completed = false;
      withTaskGroup(tg => { tg.createTask(of(1)); }).subscribe({ complete: () => (completed = true) });
      expect(completed).toBeTrue();
      expect(events.length).toBe(5);
      jasmine.clock().tick(1);
      expect(reported.length).toBe(5);
      expect(reported.every(error => error === broken)).toBeTrue();
    } finally {
      jasmine.clock().uninstall();
      config.onUnhandledError = previous;
    }
  });

  it('throws a TypeError at once for a listener that is not a function', () => {
    expect(() => subscribeToTaskGroups('log' as unknown as () => void)).toThrowError(
      TypeError, 'subscribeToTaskGroups: listener must be a function; got string');
  });

  it('a group already running when the listener subscribes shows up from its next event, with ids and no group-started', () => {
    testScheduler.run(({ cold, flush }) => {
      withTaskGroup(tg => { tg.createTask(cold('--|'), { name: 'late' }); }).subscribe();
      const events = listen();
      flush();
      expect(events.map(event => event.type)).toEqual(['completed', 'group-finished']);
      expect(events[0].group.id).toBeGreaterThan(0);
    });
  });

  describe('ɵaddTaskScope (for rxjs-taskgroup/otel)', () => {
    it('runs each task\'s subscription inside the scope, with the group\'s ids and the task', () => {
      let inside: string | undefined;
      const seen: string[] = [];
      stops.push(ɵaddTaskScope((group, task, subscribe) => {
        inside = task.name;
        seen.push(`${task.name}#${task.index} in ${group.id > 0}`);
        subscribe();
        inside = undefined;
      }));
      withTaskGroup(tg => {
        tg.createTask(defer(() => of(inside)), { name: 'a' }).subscribe(value => expect(value).toBe('a'));
      }).subscribe();
      expect(seen).toEqual(['a#0 in true']);
    });

    it('a scope that throws is reported, one that never calls through is skipped, and the task starts all the same', () => {
      const reported: unknown[] = [];
      const previous = config.onUnhandledError;
      config.onUnhandledError = error => reported.push(error);
      jasmine.clock().install();
      try {
        const broken = new Error('broken scope');
        stops.push(ɵaddTaskScope(() => { throw broken; }));
        stops.push(ɵaddTaskScope(() => undefined));
        let result: unknown;
        withTaskGroup(tg => { tg.createTask(of(7)).subscribe(value => (result = value)); }).subscribe();
        expect(result).toBe(7);
        jasmine.clock().tick(1);
        expect(reported).toEqual([broken]);
      } finally {
        jasmine.clock().uninstall();
        config.onUnhandledError = previous;
      }
    });

    it('a failing task is unchanged by a scope', () => {
      stops.push(ɵaddTaskScope((_group, _task, subscribe) => subscribe()));
      let error: unknown;
      withTaskGroup(tg => { tg.createTask(throwError(() => new Error('boom'))); }).subscribe({ error: e => (error = e) });
      expect(String(error)).toContain('boom');
    });
  });
});
