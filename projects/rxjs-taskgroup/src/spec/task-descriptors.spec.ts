/**
 * Task descriptors: a source value of `taskGroup` or `cancelSiblingsOnError` may carry its task's
 * options, `task(input, { name, timeout, onCancel, shield })` or `{ task, name, … }`, so that the
 * operators name their tasks and give each its own timeout, cleanup and shield (rule 16 of
 * docs/contract.md).
 */
import { from, of, type Observable } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import {
  cancelSiblingsOnError,
  task,
  taskGroup,
  TaskTimeoutError,
  type TaskEvent,
  type TaskSourceValue,
} from 'rxjs-taskgroup';
import { taskGroupError, taskGroupTestScheduler } from 'rxjs-taskgroup/testing';

/** Subscribes synchronously and returns what arrived. */
function collect<T>(source: Observable<T>): { values: T[]; error?: unknown; completed: boolean } {
  const out: { values: T[]; error?: unknown; completed: boolean } = { values: [], completed: false };
  source.subscribe({ next: v => out.values.push(v), error: (e: unknown) => (out.error = e), complete: () => (out.completed = true) });
  return out;
}

/** `started user`, `failed stats`, `group-finished`: an event as a short line. */
const describeEvent = (event: TaskEvent) => (event.task ? `${event.type} ${event.task.name}` : event.type);

describe('task descriptors: the operators name their tasks (rule 16)', () => {
  let testScheduler: TestScheduler;
  beforeEach(() => (testScheduler = taskGroupTestScheduler()));

  describe('taskGroup', () => {
    it('names its tasks: events and timeout errors say the name, not task-N', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const user = cold(' --(u|)     ', { u: 'ada' });
        const stats = cold('-----------|');
        const events: string[] = [];
        const result = cold('(us|)', { u: task(user, { name: 'user' }), s: task(stats, { name: 'stats', timeout: 4 }) }).pipe(
          taskGroup({ onEvent: e => events.push(describeEvent(e)) }),
        );
        expectObservable(result).toBe('----#', undefined, taskGroupError(new TaskTimeoutError(4, 'stats')));
        expectSubscriptions(user.subscriptions).toBe(' ^-!  ');
        expectSubscriptions(stats.subscriptions).toBe('^---!');
        testScheduler.flush();
        expect(events).toEqual([
          'started user', 'started stats', 'value user', 'completed user',
          'failed stats', 'group-shutdown', 'group-finished',
        ]);
      });
    });

    it('accepts the plain object { task, name, … } as well, mixed with bare tasks', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const a = cold('-(a|)', { a: 1 });
        const b = cold('--(b|)', { b: 'two' });
        const names: string[] = [];
        const source = cold<TaskSourceValue<number | string>>('(ab|)', { a, b: { task: () => (names.push('ran'), b), name: 'b' } });
        const result = source.pipe(taskGroup({ onEvent: e => e.type === 'started' && names.push(e.task!.name) }));
        expectObservable(result).toBe('--(r|)', { r: [1, 'two'] });
        testScheduler.flush();
        expect(names).toEqual(['task-0', 'b', 'ran']);
      });
    });

    it("gives each task its own onCancel, awaited, and its own shield", () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const failing = cold('--#              ', undefined, new Error('boom'));
        const cancelled = cold('-------------|');
        const cleanup = cold('  ---|           ');
        const shielded = cold('-----(s|)       ', { s: 'saved' });
        const source = cold('(abc|)', {
          a: task(cancelled, { name: 'cancelled', onCancel: () => cleanup }),
          b: task(shielded, { name: 'shielded', shield: true }),
          c: task(failing, { name: 'failing' }),
        });
        expectObservable(source.pipe(taskGroup())).toBe('-----#', undefined, taskGroupError(new Error('boom')));
        expectSubscriptions(cancelled.subscriptions).toBe('^-!');
        expectSubscriptions(cleanup.subscriptions).toBe('--^--!');
        expectSubscriptions(shielded.subscriptions).toBe('^----!');
      });
    });

    it('leaves a plain object without a `task` key to from(): an array-like is still a task', () => {
      const arrayLike = { length: 2, 0: 'x', 1: 'y' };
      expect(collect(of(arrayLike).pipe(taskGroup())).values).toEqual([['y']]);
    });
  });

  describe('cancelSiblingsOnError', () => {
    it('names its tasks and applies their options', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const ticks = cold('-a-b-c-d-e|');
        const slow = cold(' ----------|');
        const events: string[] = [];
        const source = from([task(ticks, { name: 'ticks' }), task(slow, { name: 'slow', timeout: 4 })]);
        const result = source.pipe(cancelSiblingsOnError({ onEvent: e => e.type === 'failed' && events.push(describeEvent(e)) }));
        expectObservable(result).toBe('-a-b#', undefined, taskGroupError(new TaskTimeoutError(4, 'slow')));
        expectSubscriptions(ticks.subscriptions).toBe('^---!');
        expectSubscriptions(slow.subscriptions).toBe('^---!');
        testScheduler.flush();
        expect(events).toEqual(['failed slow']);
      });
    });
  });

  describe('a bad descriptor', () => {
    it('fails the group with a TypeError naming an unknown key; the source is unsubscribed, no task starts', () => {
      testScheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
        const a = cold('  -----|');
        const b = cold('  --|');
        const source = hot('-a-b-|', { a: { task: a, name: 'a' }, b: { task: b, nmae: 'typo' } });
        const out: unknown[] = [];
        source.pipe(taskGroup()).subscribe({ error: e => out.push(e) });
        expectSubscriptions(source.subscriptions).toBe('^--!');
        expectSubscriptions(a.subscriptions).toBe('-^-!');
        expectSubscriptions(b.subscriptions).toBe([]);
        expectObservable(cold('|')).toBe('|');
        testScheduler.flush();
        expect(out).toHaveSize(1);
        const [typeError] = (out[0] as AggregateError).errors;
        expect(typeError).toBeInstanceOf(TypeError);
        expect((typeError as Error).message).toBe('taskGroup: descriptor: "nmae" is not an option (expected task, name, timeout, onCancel, shield)');
      });
    });

    it('fails the group for a bad option (TypeError) or a negative timeout (RangeError), naming the option', () => {
      const failures = [
        { descriptor: { task: of(1), name: 42 }, type: TypeError, message: /^cancelSiblingsOnError: descriptor\.name must be a string/ },
        { descriptor: { task: of(1), timeout: -1 }, type: RangeError, message: /^cancelSiblingsOnError: descriptor\.timeout must be/ },
        { descriptor: { task: of(1), onCancel: 'no' }, type: TypeError, message: /descriptor\.onCancel must be a function/ },
        { descriptor: { task: of(1), shield: 'yes' }, type: TypeError, message: /descriptor\.shield must be a boolean/ },
        { descriptor: { task: 5 }, type: TypeError, message: /^cancelSiblingsOnError: expected an Observable/ },
        { descriptor: { task: 'text' }, type: TypeError, message: /a string is not a task/ },
      ];
      for (const { descriptor, type, message } of failures) {
        const { error } = collect(of(descriptor as TaskSourceValue<unknown>).pipe(cancelSiblingsOnError()));
        const [member] = (error as AggregateError).errors;
        expect(member).withContext(JSON.stringify(descriptor)).toBeInstanceOf(type);
        expect((member as Error).message).toMatch(message);
      }
    });
  });

  describe('task()', () => {
    it('makes a frozen plain descriptor', () => {
      const input = of(1);
      const descriptor = task(input, { name: 'one', timeout: 10 });
      expect(descriptor).toEqual({ task: input, name: 'one', timeout: 10 });
      expect(Object.isFrozen(descriptor)).toBeTrue();
      expect(Object.getPrototypeOf(descriptor)).toBe(Object.prototype);
    });

    it('throws at once for a non-task or bad options, naming the option', () => {
      expect(() => task(5 as never)).toThrowError(TypeError, /^task: expected an Observable/);
      expect(() => task('abc' as never)).toThrowError(TypeError, /^task: a string is not a task/);
      expect(() => task(of(1), 'name' as never)).toThrowError(TypeError, 'task: options must be an object; got string');
      expect(() => task(of(1), { timeout: -5 })).toThrowError(RangeError, /^task: options\.timeout must be/);
      // A typo (`nmae`): bad-input.spec.ts, 'an option that does not exist'.
    });
  });
});
