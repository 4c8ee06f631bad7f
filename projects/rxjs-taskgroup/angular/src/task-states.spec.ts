/**
 * The reducer from a group's events to task states, on the events the engine really emits.
 */
import { EMPTY, NEVER, Subject, of, throwError, timer } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { withTaskGroup, type TaskEvent } from 'rxjs-taskgroup';
import { reduceTaskStates, type TaskState } from './task-states';

function track(): { states: () => readonly TaskState[]; onEvent: (event: TaskEvent) => void } {
  let states: readonly TaskState[] = [];
  return { states: () => states, onEvent: event => (states = reduceTaskStates(states, event)) };
}

describe('reduceTaskStates', () => {
  it('turns queued, started and completed into queued, running and done with the value', () => {
    const { states, onEvent } = track();
    const gate = new Subject<string>();
    withTaskGroup(tg => {
      tg.createTask(gate, { name: 'a' });
      tg.createTask(of('b!'), { name: 'b' });
    }, { concurrency: 1, onEvent }).subscribe();
    expect(states()).toEqual([
      { name: 'a', index: 0, state: 'running' },
      { name: 'b', index: 1, state: 'queued' },
    ]);
    gate.next('a!');
    gate.complete();
    expect(states()).toEqual([
      { name: 'a', index: 0, state: 'done', outcome: { status: 'fulfilled', value: 'a!' } },
      { name: 'b', index: 1, state: 'done', outcome: { status: 'fulfilled', value: 'b!' } },
    ]);
  });

  it('a failure is rejected with its error; its siblings cancelled, cancelling while their cleanup runs', () => {
    const { states, onEvent } = track();
    const boom = new Error('boom');
    const cleanup = new Subject<void>();
    const failing = new Subject<never>();
    withTaskGroup(tg => {
      tg.createTask(NEVER, { name: 'slow', onCancel: () => cleanup });
      tg.createTask(NEVER, { name: 'plain' });
      tg.createTask(failing, { name: 'failing' });
    }, { onEvent }).subscribe({ error: () => undefined });
    failing.error(boom);
    const [slow, plain, failed] = states();
    expect(failed).toEqual({ name: 'failing', index: 2, state: 'done', outcome: { status: 'rejected', reason: boom } });
    expect(plain.state).toBe('done');
    expect(plain.outcome?.status).toBe('cancelled');
    expect(slow.state).toBe('cancelling');
    expect(slow.outcome?.status).toBe('cancelled');
    cleanup.complete();
    expect(states()[0].state).toBe('done');
  });

  it('a timed-out task is rejected with TaskTimeoutError, and records a failed cleanup', () => {
    new TestScheduler((a, b) => expect(a).toEqual(b)).run(({ flush }) => {
      const { states, onEvent } = track();
      const cleanupError = new Error('cleanup failed');
      withTaskGroup(tg => {
        tg.createTask(timer(100), { name: 't', timeout: 10, onCancel: () => throwError(() => cleanupError) });
      }, { onEvent }).subscribe({ error: () => undefined });
      flush();
      const [t] = states();
      expect(t.state).toBe('done');
      expect(t.outcome?.status).toBe('rejected');
      expect((t.outcome as { reason: Error }).reason.name).toBe('TaskTimeoutError');
      expect(t.cleanupError).toBe(cleanupError);
    });
  });

  it('returns the same array for events that change nothing (values, group events)', () => {
    const states: readonly TaskState[] = [{ name: 'a', index: 0, state: 'running' }];
    expect(reduceTaskStates(states, { type: 'value', task: { name: 'a', index: 0 }, time: 0, value: 1 })).toBe(states);
    expect(reduceTaskStates(states, { type: 'group-shutdown', time: 0 })).toBe(states);
    expect(reduceTaskStates(states, { type: 'group-finished', time: 0 })).toBe(states);
  });

  it('a task cancelled while queued is done and cancelled', () => {
    const { states, onEvent } = track();
    withTaskGroup(tg => {
      tg.createTask(NEVER, { name: 'first' });
      tg.createTask(EMPTY, { name: 'second' }).cancel('not needed');
      tg.cancel();
    }, { concurrency: 1, onEvent }).subscribe();
    expect(states().map(s => [s.name, s.state, s.outcome?.status])).toEqual([
      ['first', 'done', 'cancelled'],
      ['second', 'done', 'cancelled'],
    ]);
  });
});
