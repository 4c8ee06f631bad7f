/**
 * `withTaskGroup`: events (`onEvent`, docs/contract.md "Errors and events"): the lifecycle events,
 * their order, their time and their task.
 */
import { Observable } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import { TaskCancelledError, withTaskGroup, type TaskEvent } from 'rxjs-taskgroup';
import { taskGroupError, taskGroupTestScheduler } from 'rxjs-taskgroup/testing';

/** `type task@time`: one line per event, so a whole run compares as a list of strings. */
const describeEvent = ({ type, task, time }: TaskEvent): string => `${type}${task ? ` ${task.name}` : ''}@${time}`;

describe('withTaskGroup: events (onEvent)', () => {
  let testScheduler: TestScheduler;
  beforeEach(() => (testScheduler = taskGroupTestScheduler()));

  it('tells a successful run: started, value, completed with the result, group-finished last', () => {
    testScheduler.run(({ cold, expectObservable, flush }) => {
      const events: TaskEvent[] = [];
      expectObservable(withTaskGroup(tg => {
        tg.createTask(cold('-a-|', { a: 1 }));
        tg.createTask(cold('--|'));
      }, { onEvent: event => events.push(event) })).toBe('---|');
      flush();
      expect(events.map(describeEvent)).toEqual([
        'started task-0@0',
        'started task-1@0',
        'value task-0@1',
        'completed task-1@2',
        'completed task-0@3',
        'group-finished@3',
      ]);
      expect(events[2].value).toBe(1);
      expect(events[3].value).toBeUndefined();
      expect(events[4].value).toBe(1);
      expect(events.every(event => event.error === undefined)).toBeTrue();
    });
  });

  it('tells a failure: failed, group-shutdown, one cancelled per cancelled task, the cleanups, group-finished last', () => {
    testScheduler.run(({ cold, expectObservable, flush }) => {
      const error = new Error('boom');
      const events: TaskEvent[] = [];
      expectObservable(withTaskGroup(tg => {
        tg.createTask(cold('10ms |'), { name: 'with-cleanup', onCancel: () => cold('--|') });
        tg.createTask(cold('10ms |'), { name: 'plain' });
        tg.createTask(cold('--#', undefined, error), { name: 'failing' });
        tg.createTask(cold('-|'), { name: 'waiting' });
      }, { concurrency: 3, onEvent: event => events.push(event) })).toBe('----#', undefined, taskGroupError(error));
      flush();
      expect(events.map(describeEvent)).toEqual([
        'started with-cleanup@0',
        'started plain@0',
        'started failing@0',
        'queued waiting@0',
        'failed failing@2',
        'group-shutdown@2',
        'cancelled plain@2',
        'cancelled with-cleanup@2',
        'cleanup-started with-cleanup@2',
        'cancelled waiting@2',
        'cleanup-finished with-cleanup@4',
        'group-finished@4',
      ]);
      const failed = events.find(event => event.type === 'failed');
      expect(failed?.error).toBe(error);
      const cancelled = events.filter(event => event.type === 'cancelled');
      expect(cancelled).toHaveSize(3);
      for (const event of cancelled) {
        expect(event.error).toBeInstanceOf(TaskCancelledError);
        expect((event.error as TaskCancelledError).reason).toBe(error);
      }
      expect(events.find(event => event.type === 'cleanup-finished')?.error).toBeUndefined();
    });
  });

  it('carries a failed cleanup\'s error on cleanup-finished', () => {
    testScheduler.run(({ cold, expectObservable, flush }) => {
      const error = new Error('boom');
      const cleanupError = new Error('cleanup failed');
      const events: TaskEvent[] = [];
      expectObservable(withTaskGroup(tg => {
        tg.createTask(cold('10ms |'), { onCancel: () => cold('-#', undefined, cleanupError) });
        tg.createTask(cold('-#', undefined, error));
      }, { onEvent: event => events.push(event) })).toBe('--#', undefined, taskGroupError(error, cleanupError));
      flush();
      const finished = events.filter(event => event.type === 'cleanup-finished');
      expect(finished.map(describeEvent)).toEqual(['cleanup-finished task-0@2']);
      expect(finished[0].error).toBe(cleanupError);
    });
  });

  it('emits queued only for a task that has to wait for a slot', () => {
    testScheduler.run(({ cold, expectObservable, flush }) => {
      const limited: string[] = [];
      const unlimited: string[] = [];
      const body = () => withTaskGroup(tg => {
        tg.createTask(cold('-|'));
        tg.createTask(cold('-|'));
      }, { concurrency: 1, onEvent: event => limited.push(describeEvent(event)) });
      expectObservable(body()).toBe('--|');
      expectObservable(withTaskGroup(tg => {
        tg.createTask(cold('-|'));
        tg.createTask(cold('-|'));
      }, { onEvent: event => unlimited.push(describeEvent(event)) })).toBe('-|');
      flush();
      expect(limited).toEqual([
        'started task-0@0',
        'queued task-1@0',
        'completed task-0@1',
        'started task-1@1',
        'completed task-1@2',
        'group-finished@2',
      ]);
      expect(unlimited).toEqual(['started task-0@0', 'started task-1@0', 'completed task-0@1', 'completed task-1@1', 'group-finished@1']);
    });
  });

  it('stamps every event with the scheduler\'s virtual time', () => {
    testScheduler.run(({ cold, expectObservable, flush }) => {
      const events: TaskEvent[] = [];
      const nowAtEvent: number[] = [];
      expectObservable(withTaskGroup(tg => {
        tg.createTask(cold('1000ms a 499ms |'));
      }, {
        onEvent: event => {
          events.push(event);
          nowAtEvent.push(testScheduler.now());
        },
      }), '250ms ^').toBe('250ms 1500ms |');
      flush();
      expect(events.map(event => event.time)).toEqual([250, 1250, 1750, 1750]);
      expect(events.map(event => event.time)).toEqual(nowAtEvent);
    });
  });

  it('emits synchronously, as things happen', () => {
    testScheduler.run(({ expectObservable, flush }) => {
      const events: string[] = [];
      const seenInBody: string[][] = [];
      expectObservable(withTaskGroup(tg => {
        seenInBody.push([...events]);
        tg.createTask(new Observable<never>(() => {
          seenInBody.push([...events]);
        }));
        seenInBody.push([...events]);
        tg.cancel();
        seenInBody.push([...events]);
      }, { onEvent: event => events.push(event.type) })).toBe('|');
      flush();
      expect(seenInBody).toEqual([
        [],
        ['started'],
        ['started'],
        ['started', 'group-shutdown', 'cancelled'],
      ]);
      expect(events).toEqual(['started', 'group-shutdown', 'cancelled', 'group-finished']);
    });
  });

  it('names each task by options.name, else task-${index}, with its creation index', () => {
    testScheduler.run(({ cold, expectObservable, flush }) => {
      const tasks: { name: string; index: number }[] = [];
      expectObservable(withTaskGroup(tg => {
        tg.createTask(cold('-|'));
        tg.createTask(cold('-|'), { name: 'fetch' });
        tg.createTask(cold('-|'));
      }, {
        onEvent: ({ type, task }) => {
          if (type === 'started' && task) tasks.push({ ...task });
        },
      })).toBe('-|');
      flush();
      expect(tasks).toEqual([
        { name: 'task-0', index: 0 },
        { name: 'fetch', index: 1 },
        { name: 'task-2', index: 2 },
      ]);
    });
  });

  it('gives group-shutdown and group-finished no task', () => {
    testScheduler.run(({ expectObservable, flush }) => {
      const events: TaskEvent[] = [];
      expectObservable(withTaskGroup(tg => tg.cancel(), { onEvent: event => events.push(event) })).toBe('|');
      flush();
      expect(events.map(event => event.type)).toEqual(['group-shutdown', 'group-finished']);
      expect(events.every(event => event.task === undefined)).toBeTrue();
    });
  });
});
