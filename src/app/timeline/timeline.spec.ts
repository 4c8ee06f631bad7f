import { VirtualTimeScheduler } from 'rxjs';
import { TaskEvent } from 'rxjs-taskgroup';
import { cleanupScenario, nestedScenario, timeoutScenario } from '../playground/scenarios';
import { describeError, viewError } from './describe';
import { EventRecord, buildLanes, tickStep } from './timeline';

function record(scenario: typeof cleanupScenario, variant = false): EventRecord[] {
  const scheduler = new VirtualTimeScheduler();
  const records: EventRecord[] = [];
  scenario.run({ scheduler, variant, onEvent: (event: TaskEvent, group = []) => records.push({ event, group }) }).subscribe({ error: () => undefined });
  scheduler.flush();
  return records;
}

describe('buildLanes', () => {
  it('makes a group lane and one lane per task, with states, bars, cleanup and marks', () => {
    const lanes = buildLanes(record(cleanupScenario), 0);
    expect(lanes.map((lane) => [lane.label, lane.kind, lane.depth, lane.state])).toEqual([
      ['group', 'group', 0, 'finished'],
      ['cleanup_worker', 'task', 1, 'cancelled'],
      ['fast', 'task', 1, 'failed'],
    ]);
    const [group, worker, fast] = lanes;
    expect(group.marks.map((mark) => `${mark.kind}@${mark.time}`)).toEqual(['group-shutdown@100', 'group-finished@600']);
    expect([group.start, group.end]).toEqual([0, 600]);
    expect([worker.start, worker.end]).toEqual([0, 100]);
    expect(worker.cleanup).toEqual({ start: 100, end: 600 });
    expect(worker.marks.map((mark) => mark.kind)).toEqual(['started', 'cancelled', 'cleanup-started', 'cleanup-finished']);
    expect(fast.marks[1].text).toBe('failed at 0.10 s: ValueError: fast failed after 0.1s');
    expect(worker.summary).toContain('cancelled at 0.10 s');
  });

  it('puts a nested group’s tasks right under the task that runs it, and its group marks on that lane', () => {
    const lanes = buildLanes(record(nestedScenario, true), 0, 'outer');
    expect(lanes.map((lane) => `${'  '.repeat(lane.depth)}${lane.label}: ${lane.state}`)).toEqual([
      'outer: finished',
      '  X: cancelled',
      '    X-1: completed',
      '    X-2: cancelled',
      '  Y: failed',
      '    Y-1: completed',
      '    Y-2: failed',
    ]);
    const y = lanes.find((lane) => lane.label === 'Y')!;
    expect(y.marks.map((mark) => mark.kind)).toContain('group-shutdown');
  });

  it('shows values with their text, and times relative to the origin', () => {
    const records = record(timeoutScenario).map(({ event, group }) => ({ event: { ...event, time: event.time + 1000 }, group }));
    const a = buildLanes(records, 1000).find((lane) => lane.label === 'A')!;
    expect(a.state).toBe('completed');
    expect(a.marks.find((mark) => mark.kind === 'value')?.text).toBe('value at 2.00 s: A timed out');
  });

  it('marks a task whose timeout failed it as timed out', () => {
    const a = buildLanes(record(timeoutScenario, true), 0).find((lane) => lane.label === 'A')!;
    expect(a.state).toBe('timed out');
    expect(a.end).toBe(2000);
  });

  it('picks round axis steps', () => {
    expect(tickStep(3000)).toBe(1000);
    expect(tickStep(1000)).toBe(200);
    expect(tickStep(50)).toBe(10);
    expect(tickStep(700)).toBe(200);
  });
});

describe('viewError / describeError', () => {
  it('lists the members of an aggregate, nested ones too', () => {
    const error = new AggregateError([new TypeError('t'), new AggregateError([new RangeError('r')])]);
    const view = viewError(error);
    expect(view.message).toBe('2 errors');
    expect(view.members?.map((m) => m.name)).toEqual(['TypeError', 'AggregateError']);
    expect(view.members?.[1].members?.[0]).toEqual({ name: 'RangeError', message: 'r' });
    expect(describeError(error)).toBe('AggregateError [TypeError: t; AggregateError [RangeError: r]]');
  });

  it('reads name and message from error-like objects (HttpErrorResponse is not an Error)', () => {
    expect(viewError({ name: 'HttpErrorResponse', message: 'Http failure' })).toEqual({ name: 'HttpErrorResponse', message: 'Http failure' });
    expect(viewError('boom')).toEqual({ name: 'string', message: 'boom' });
  });
});
