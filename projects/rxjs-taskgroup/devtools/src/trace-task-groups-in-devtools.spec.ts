/**
 * `traceTaskGroupsInDevTools`: tasks as entries of custom tracks in Chrome DevTools' Performance
 * panel (docs/contract.md rule 27), read back from the page's performance timeline.
 */
import { config, lastValueFrom, NEVER, of, switchMap, throwError, timer } from 'rxjs';
import { withTaskGroup } from 'rxjs-taskgroup';
import { traceTaskGroupsInDevTools } from 'rxjs-taskgroup/devtools';

interface TrackEntry {
  dataType: string;
  track: string;
  trackGroup: string;
  color: string;
  properties: [string, string][];
  tooltipText: string;
}

/** Each spec names its tracks' groups after itself, and reads back only those. */
let label: string;
let uninstall: () => void;

/** The entries written for this spec, in the order they were written. */
function entries(): { name: string; start: number; end: number; devtools: TrackEntry }[] {
  return (performance.getEntriesByType('measure') as PerformanceMeasure[])
    .filter(measure => (measure.detail as { devtools?: TrackEntry } | null)?.devtools?.trackGroup.startsWith(`${label} #`))
    .map(measure => ({
      name: measure.name,
      start: measure.startTime,
      end: measure.startTime + measure.duration,
      devtools: (measure.detail as { devtools: TrackEntry }).devtools,
    }));
}

const entry = (name: string) => {
  const found = entries().filter(e => e.name === name);
  expect(found.length).withContext(`entries named ${name}`).toBe(1);
  return found[0];
};

const settle = (observable: Parameters<typeof lastValueFrom>[0]) => lastValueFrom(observable, { defaultValue: undefined }).catch(() => undefined);

describe('traceTaskGroupsInDevTools (rule 27)', () => {
  beforeEach(() => {
    label = `Spec ${Math.random().toString(36).slice(2)}`;
    uninstall = traceTaskGroupsInDevTools({ trackGroup: label });
  });
  afterEach(() => uninstall());

  it('writes a task as a track entry from its start to its end, on its group\'s track, coloured by outcome', async () => {
    const before = performance.now();
    await settle(withTaskGroup(tg => { tg.createTask(timer(30), { name: 'slow' }); }));
    const after = performance.now();
    const slow = entry('slow');
    expect(slow.start).toBeGreaterThanOrEqual(before);
    expect(slow.end).toBeLessThanOrEqual(after);
    expect(slow.end - slow.start).toBeGreaterThanOrEqual(25);
    const id = /^group #(\d+)$/.exec(slow.devtools.track)?.[1];
    expect(id).withContext(slow.devtools.track).toBeDefined();
    expect(slow.devtools).toEqual({
      dataType: 'track-entry',
      track: `group #${id}`,
      trackGroup: `${label} #${id}`,
      color: 'tertiary',
      properties: [['name', 'slow'], ['outcome', 'fulfilled'], ['timeout', 'none'], ['shield', 'false']],
      tooltipText: 'slow: fulfilled',
    });
  });

  it('writes the group itself as an entry around its tasks, on the same track', async () => {
    await settle(withTaskGroup(tg => { tg.createTask(timer(10), { name: 'inside' }); }));
    const inside = entry('inside');
    const group = entry(inside.devtools.track);
    expect(group.start).toBeLessThanOrEqual(inside.start);
    expect(group.end).toBeGreaterThanOrEqual(inside.end);
    expect(group.devtools.trackGroup).toBe(inside.devtools.trackGroup);
    expect(group.devtools.color).toBe('primary-dark');
  });

  it('colours a failure as an error and gives its error; a timeout says so, with the time limit', async () => {
    await settle(withTaskGroup(tg => {
      tg.createTask(timer(5).pipe(switchMap(() => throwError(() => new RangeError('too far')))), { name: 'broken' });
      tg.createTask(NEVER, { name: 'shielded', shield: true, timeout: 20 });
    }));
    expect(entry('broken').devtools.color).toBe('error');
    expect(entry('broken').devtools.properties).toContain(['error', 'RangeError: too far']);
    const shielded = entry('shielded').devtools;
    expect(shielded.color).toBe('error');
    expect(shielded.properties).toEqual([
      ['name', 'shielded'], ['outcome', 'timed out'], ['error', 'TaskTimeoutError: Task "shielded" timed out after 20 ms'],
      ['timeout', '20 ms'], ['shield', 'true'],
    ]);
  });

  it('writes a task that failed with a value that cannot be inspected (a revoked Proxy) as failed, without a throw', async () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const reported: unknown[] = [];
    const previous = config.onUnhandledError;
    config.onUnhandledError = error => reported.push(error);
    try {
      await settle(withTaskGroup(tg => { tg.createTask(timer(5).pipe(switchMap(() => throwError(() => proxy))), { name: 'hostile' }); }));
      await new Promise(resolve => setTimeout(resolve, 10)); // what is reported comes on a timer
    } finally {
      config.onUnhandledError = previous;
    }
    expect(reported).toEqual([]);
    expect(entry('hostile').devtools.color).toBe('error');
    expect(entry('hostile').devtools.properties).toContain(['outcome', 'failed']);
    expect(entry('hostile').devtools.properties).toContain(['error', '[unreadable error]']);
  });

  it('colours a cancellation apart, with its reason, and writes the onCancel cleanup as an entry of its own', async () => {
    await settle(withTaskGroup(tg => {
      tg.createTask(NEVER, { name: 'victim', onCancel: () => timer(10) });
      tg.createTask(timer(5), { name: 'trigger' }).subscribe(() => tg.cancel('enough'));
    }));
    const victim = entry('victim');
    expect(victim.devtools.color).toBe('secondary-light');
    expect(victim.devtools.properties).toContain(['reason', '"enough"']);
    const cleanup = entry('victim (onCancel)');
    expect(cleanup.devtools.color).toBe('secondary-dark');
    expect(cleanup.start).toBeGreaterThanOrEqual(victim.end);
    expect(cleanup.end - cleanup.start).toBeGreaterThanOrEqual(5);
  });

  it('puts a nested group on a row of its own in its root group\'s tracks, named after its owner task', async () => {
    await settle(withTaskGroup(tg => {
      tg.createTask(() => withTaskGroup(inner => { inner.createTask(timer(5), { name: 'leaf' }); }), { name: 'load' });
    }));
    const load = entry('load');
    const leaf = entry('leaf');
    expect(leaf.devtools.trackGroup).toBe(load.devtools.trackGroup);
    expect(leaf.devtools.track).toMatch(/^group #\d+ in load$/);
    expect(leaf.devtools.track).not.toBe(load.devtools.track);
    expect(leaf.start).toBeGreaterThanOrEqual(load.start);
  });

  it('gives every root group its own tracks', async () => {
    await settle(withTaskGroup(tg => { tg.createTask(of(1), { name: 'first' }); }));
    await settle(withTaskGroup(tg => { tg.createTask(of(2), { name: 'second' }); }));
    expect(entry('first').devtools.trackGroup).not.toBe(entry('second').devtools.trackGroup);
  });

  it('writes nothing once uninstalled', async () => {
    uninstall();
    uninstall(); // again: nothing happens
    await settle(withTaskGroup(tg => { tg.createTask(of(1), { name: 'unseen' }); }));
    expect(entries()).toEqual([]);
  });

  it('throws a TypeError at call time for an unknown option or a track group that is not a string', () => {
    expect(() => traceTaskGroupsInDevTools({ trackgroup: 'x' } as never)).toThrowError(
      TypeError, 'traceTaskGroupsInDevTools: options: "trackgroup" is not an option (expected trackGroup)');
    expect(() => traceTaskGroupsInDevTools({ trackGroup: 3 as unknown as string })).toThrowError(
      TypeError, 'traceTaskGroupsInDevTools: options.trackGroup must be a string; got number');
  });
});
