import { HttpClient } from '@angular/common/http';
import { VirtualTimeScheduler } from 'rxjs';
import { TaskEvent } from 'rxjs-taskgroup';
import { cleanupScenario, nestedScenario, timeoutScenario } from '../playground/scenarios';
import { describeError, viewError } from './describe';
import { TimelineRecord, axisTicks, buildLanes, tickStep } from './timeline';

function record(scenario: typeof cleanupScenario, variant = false): TimelineRecord[] {
  const scheduler = new VirtualTimeScheduler();
  const records: TimelineRecord[] = [];
  scenario
    .run({
      scheduler,
      variant,
      onEvent: (event: TaskEvent, group = []) => records.push({ event, group }),
      watch: () => undefined,
      onTimeout: (error, group = []) => records.push({ timeout: { taskName: error.taskName, ms: error.timeout, time: scheduler.now() }, group }),
      http: {} as HttpClient,
      api: (url) => url,
    })
    .subscribe({ error: () => undefined });
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
    const records = record(timeoutScenario).map((r) =>
      'event' in r ? { event: { ...r.event, time: r.event.time + 1000 }, group: r.group } : { timeout: { ...r.timeout, time: r.timeout.time + 1000 }, group: r.group },
    );
    const lanes = buildLanes(records, 1000);
    const a = lanes.find((lane) => lane.label === 'A')!;
    expect(a.marks.find((mark) => mark.kind === 'value')?.text).toBe('value at 2.00 s: A timed out');
    expect(lanes.find((lane) => lane.label === 'B')!.state).toBe('completed');
  });

  it('marks a timeout that fell back: a timeout mark, then "fell back", not plain "completed"', () => {
    const a = buildLanes(record(timeoutScenario), 0).find((lane) => lane.label === 'A')!;
    expect(a.state).toBe('fell back');
    expect(a.marks.map((mark) => `${mark.kind}@${mark.time}`)).toEqual(['started@0', 'timeout@2000', 'value@2000', 'completed@2000']);
    expect(a.marks[1].text).toBe('timed out (2.00 s) at 2.00 s');
  });

  it('marks a task whose timeout failed it as timed out, with the same timeout mark', () => {
    const a = buildLanes(record(timeoutScenario, true), 0).find((lane) => lane.label === 'A')!;
    expect(a.state).toBe('timed out');
    expect(a.end).toBe(2000);
    expect(a.marks.map((mark) => mark.kind)).toContain('timeout');
    expect(a.marks.map((mark) => mark.kind)).not.toContain('failed');
  });

  it('picks round axis steps', () => {
    expect(tickStep(3000)).toBe(1000);
    expect(tickStep(1000)).toBe(200);
    expect(tickStep(50)).toBe(10);
    expect(tickStep(700)).toBe(200);
  });

  it('labels ticks with the decimals their step needs, never two alike', () => {
    const labels = (span: number) => axisTicks(span).map((tick) => tick.text);
    expect(labels(3000)).toEqual(['0 s', '1 s', '2 s', '3 s']);
    expect(labels(2000)).toEqual(['0.0 s', '0.5 s', '1.0 s', '1.5 s', '2.0 s']);
    expect(labels(40)).toEqual(['0.00 s', '0.01 s', '0.02 s', '0.03 s', '0.04 s']);
    expect(labels(22)).toEqual(['0.000 s', '0.005 s', '0.010 s', '0.015 s', '0.020 s']);
    for (const span of [7, 22, 40, 130, 700, 1000, 2500, 3000, 12_000]) {
      const texts = labels(span);
      expect(new Set(texts).size).withContext(`span ${span}`).toBe(texts.length);
    }
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
