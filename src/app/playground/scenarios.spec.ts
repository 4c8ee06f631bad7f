import { HttpClient } from '@angular/common/http';
import { Observable, VirtualTimeScheduler } from 'rxjs';
import { TaskEvent, TaskGroupError, TaskStateError, TaskTimeoutError } from 'rxjs-taskgroup';
import {
  Scenario,
  ValueError,
  basicScenario,
  cleanupScenario,
  failFastScenario,
  formatResult,
  gatherScenario,
  nestedScenario,
  pitfallScenario,
  timeoutScenario,
} from './scenarios';

interface Run {
  values: unknown[];
  error?: unknown;
  completed: boolean;
  /** Virtual ms when it ended. */
  endedAt?: number;
  events: { event: TaskEvent; group: readonly string[] }[];
  /** `taskName@time` for each withTimeout that expired. */
  timeouts: string[];
}

/** Runs a scenario to its end in virtual time. */
function runScenario(scenario: Scenario, variant = scenario.variant?.initial ?? false): Run {
  const scheduler = new VirtualTimeScheduler();
  const run: Run = { values: [], completed: false, events: [], timeouts: [] };
  const source: Observable<unknown> = scenario.run({
    scheduler,
    variant,
    onEvent: (event, group = []) => run.events.push({ event, group }),
    onTimeout: (error) => run.timeouts.push(`${error.taskName}@${scheduler.now()}`),
    watch: () => undefined,
    // These scenarios make no HTTP call (the HTTP ones are run by the playground's spec).
    http: {} as HttpClient,
    api: (url) => url,
  });
  source.subscribe({
    next: (value) => run.values.push(value),
    error: (error: unknown) => {
      run.error = error;
      run.endedAt = scheduler.now();
    },
    complete: () => {
      run.completed = true;
      run.endedAt = scheduler.now();
    },
  });
  scheduler.flush();
  return run;
}

/** `type task@time` for each event of the given group. */
function trace(run: Run, group: readonly string[] = []): string[] {
  return run.events
    .filter((e) => e.group.join('/') === group.join('/'))
    .map(({ event }) => `${event.type}${event.task ? ` ${event.task.name}` : ''}@${event.time}`);
}

describe('playground scenarios (virtual time)', () => {
  it('1: three workers run concurrently; results in creation order after 3 s', () => {
    const run = runScenario(basicScenario);
    expect(run.values).toEqual([['Worker A done in 2s', 'Worker B done in 1s', 'Worker C done in 3s']]);
    expect(run.endedAt).toBe(3000);
    expect(trace(run).filter((t) => t.startsWith('completed'))).toEqual(['completed B@1000', 'completed A@2000', 'completed C@3000']);
  });

  it('2: B fails at 1 s, A and C are cancelled then, and catchTaskErrors handles the ValueError', () => {
    const run = runScenario(failFastScenario, true);
    expect(run.values).toEqual([['Caught: B failed after 1s']]);
    expect(run.completed).toBeTrue();
    expect(run.endedAt).toBe(1000);
    expect(trace(run)).toContain('cancelled A@1000');
    expect(trace(run)).toContain('cancelled C@1000');
  });

  it('2: without except*, the TaskGroupError comes through', () => {
    const run = runScenario(failFastScenario, false);
    expect(run.error).toBeInstanceOf(TaskGroupError);
    const [error] = (run.error as TaskGroupError).errors;
    expect(error).toBeInstanceOf(ValueError);
    expect((error as Error).message).toBe('B failed after 1s');
  });

  it('3: withTimeout(…, { with }) turns A’s timeout into a result; the group carries on', () => {
    const run = runScenario(timeoutScenario, false);
    expect(run.values).toEqual([['A timed out', 'B completed', 'C completed']]);
    expect(run.endedAt).toBe(3000);
    // The timeline still hears about the timeout.
    expect(run.timeouts).toEqual(['A@2000']);
  });

  it('3: with the task option timeout instead, A’s timeout fails the group at 2 s', () => {
    const run = runScenario(timeoutScenario, true);
    const [error] = (run.error as TaskGroupError).errors as TaskTimeoutError[];
    expect(error).toBeInstanceOf(TaskTimeoutError);
    expect(error.taskName).toBe('A');
    expect(run.endedAt).toBe(2000);
    expect(trace(run)).toContain('cancelled C@2000');
  });

  it('4: fail-fast cancels the siblings; settle mode reports every outcome', () => {
    const run = runScenario(gatherScenario);
    expect(gatherScenario.format!(run.values[0])).toEqual([
      { heading: 'taskGroup()', lines: ['TaskGroupError: 1 error in task group: ValueError: B failed after 0.5s'] },
      {
        heading: 'taskGroup({ settle: true })',
        lines: ['A fulfilled: Worker A done in 1.5s', 'B rejected: B failed after 0.5s', 'C fulfilled: Worker C done in 1s'],
      },
    ]);
    expect(trace(run, ['taskGroup()'])).toContain('cancelled A@500');
    expect(trace(run, ['settle: true']).some((t) => t.startsWith('cancelled'))).toBeFalse();
    expect(run.endedAt).toBe(1500);
  });

  it('5: each outer task runs an inner group; the outer group ends with the last inner task', () => {
    const run = runScenario(nestedScenario, false);
    expect(run.values).toEqual([
      [
        ['Worker X-1 done in 0.5s', 'Worker X-2 done in 1s'],
        ['Worker Y-1 done in 0.5s', 'Worker Y-2 done in 1s'],
      ],
    ]);
    expect(trace(run, ['X'])).toEqual([
      'started X-1@0',
      'started X-2@0',
      'value X-1@500',
      'completed X-1@500',
      'value X-2@1000',
      'completed X-2@1000',
      'group-finished@1000',
    ]);
    expect(nestedScenario.format!(run.values[0])[0]).toBe('X: Worker X-1 done in 0.5s, Worker X-2 done in 1s');
  });

  it('5: when Y-2 fails, the inner group’s error is one member of the outer error, and X is cancelled', () => {
    const run = runScenario(nestedScenario, true);
    const outer = run.error as TaskGroupError;
    expect(outer.errors.length).toBe(1);
    expect(outer.errors[0]).toBeInstanceOf(TaskGroupError);
    expect((outer.leaves()[0] as Error).message).toBe('Y-2 failed after 0.75s');
    expect(trace(run)).toContain('cancelled X@750');
    expect(trace(run, ['X'])).toContain('cancelled X-2@750');
    expect(run.endedAt).toBe(750);
  });

  it('7: the error waits for the cancelled worker’s 0.5 s cleanup', () => {
    const run = runScenario(cleanupScenario);
    expect(run.error).toBeInstanceOf(TaskGroupError);
    expect(run.endedAt).toBe(600);
    expect(trace(run)).toEqual([
      'started cleanup_worker@0',
      'started fast@0',
      'failed fast@100',
      'group-shutdown@100',
      'cancelled cleanup_worker@100',
      'cleanup-started cleanup_worker@100',
      'cleanup-finished cleanup_worker@600',
      'group-finished@600',
    ]);
  });

  it('8: createTask on a finished group throws TaskStateError, and never starts the task', () => {
    const run = runScenario(pitfallScenario, false);
    expect(run.error).toBeInstanceOf(TaskStateError);
    expect(run.values).toEqual([]);
    expect(run.endedAt).toBe(500);
    expect(run.events.some(({ event }) => event.task?.name === 'late')).toBeFalse();
  });

  it('8: result() before the task is done throws TaskStateError inside the block, which fails the group', () => {
    const run = runScenario(pitfallScenario, true);
    expect(run.error).toBeInstanceOf(TaskGroupError);
    expect((run.error as TaskGroupError).errors[0]).toBeInstanceOf(TaskStateError);
    expect(trace(run)).toContain('cancelled A@0');
  });

  it('formats results as lines: array items, or key: value', () => {
    expect(formatResult(['a', 1])).toEqual(['a', '1']);
    expect(formatResult({ '/a': { x: 1 } })).toEqual(['/a: {"x":1}']);
    expect(formatResult('text')).toEqual(['text']);
  });
});
