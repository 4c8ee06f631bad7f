import { HttpClient } from '@angular/common/http';
import { VirtualTimeScheduler } from 'rxjs';
import { formatTaskTree } from 'rxjs-taskgroup';
import { Scenario, cleanupScenario, nestedScenario } from '../playground/scenarios';
import { buildTaskTree } from './task-tree';
import { TimelineRecord } from './timeline';

/** Runs a scenario in virtual time and returns its records up to `until` ms (all by default). */
function record(scenario: Scenario, variant = false, until = Infinity): TimelineRecord[] {
  const scheduler = new VirtualTimeScheduler();
  const records: TimelineRecord[] = [];
  scenario
    .run({
      scheduler,
      variant,
      onEvent: (event, group = []) => records.push({ event, group }),
      onTimeout: () => undefined,
      watch: () => undefined,
      http: {} as HttpClient,
      api: (url) => url,
    })
    .subscribe({ error: () => undefined });
  scheduler.flush();
  return records.filter((r) => !('event' in r) || r.event.time <= until);
}

describe('buildTaskTree', () => {
  it('is undefined before any event', () => {
    expect(buildTaskTree([])).toBeUndefined();
  });

  it('mid-run, shows the cleanup the group waits for; at the end, every task with its outcome', () => {
    expect(formatTaskTree(buildTaskTree(record(cleanupScenario, false, 300))!).split('\n')).toEqual([
      'task group: shutting down, waiting for 1 task · done: 1 failed',
      '├─ #0 cleanup_worker: cleanup (onCancel running), since +0 ms',
      '└─ #1 fast: done, failed — ValueError: fast failed after 0.1s',
    ]);
    expect(formatTaskTree(buildTaskTree(record(cleanupScenario))!).split('\n')).toEqual([
      'task group: finished · done: 1 failed, 1 cancelled',
      '├─ #0 cleanup_worker: done, cancelled',
      '└─ #1 fast: done, failed — ValueError: fast failed after 0.1s',
    ]);
  });

  it('hangs each inner group under the task that runs it', () => {
    const lines = formatTaskTree(buildTaskTree(record(nestedScenario, false, 600))!).split('\n');
    expect(lines).toEqual([
      'task group: open, waiting for 2 tasks',
      '├─ #0 X: running, since +0 ms',
      '│  └─ task group: open, waiting for 1 task · done: 1 fulfilled',
      '│     ├─ #0 X-1: done, fulfilled',
      '│     └─ #1 X-2: running, since +0 ms',
      '└─ #1 Y: running, since +0 ms',
      '   └─ task group: open, waiting for 1 task · done: 1 fulfilled',
      '      ├─ #0 Y-1: done, fulfilled',
      '      └─ #1 Y-2: running, since +0 ms',
    ]);
  });
});
