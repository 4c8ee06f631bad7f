import { TimelineLane } from '../timeline/timeline';
import { lanesBySide, sideStatus } from './sides';

function lane(label: string, depth: number, state: TimelineLane['state'], extra: Partial<TimelineLane> = {}): TimelineLane {
  return { id: label, label, kind: depth === 0 ? 'group' : 'task', depth, state, start: 0, end: undefined, cleanup: undefined, marks: [], summary: '', ...extra };
}

describe('side statuses', () => {
  const side = (group: TimelineLane, cleanups: TimelineLane['cleanup'][]) => [
    group,
    lane('order', 1, 'failed', { end: 1000 }),
    ...cleanups.map((cleanup, i) => lane(`call ${i}`, 1, 'cancelled', { end: 1000, cleanup })),
  ];

  it('splits the lanes by outermost lane', () => {
    const lanes = [lane('forkJoin', 0, 'finished'), lane('a', 1, 'failed'), lane('task group', 0, 'running'), lane('a', 1, 'running'), lane('b', 2, 'running')];
    expect([...lanesBySide(lanes)].map(([label, list]) => [label, list.length])).toEqual([
      ['forkJoin', 2],
      ['task group', 3],
    ]);
  });

  it('forkJoin: one error, then the cleanups it no longer watches, and the failures lost', () => {
    const finished = lane('forkJoin', 0, 'finished', { end: 1000 });
    expect(sideStatus('forkJoin', side(finished, [{ start: 1000, end: undefined }, { start: 1000, end: undefined }])).text).toBe(
      'errored with 1 error at 1.00 s; 2 cleanups still running, unwatched',
    );
    expect(sideStatus('forkJoin', side(finished, [{ start: 1000, end: 1300 }, { start: 1000, end: undefined }])).text).toBe(
      'errored with 1 error at 1.00 s; 1 cleanup still running, unwatched, 1 cleanup done after its error',
    );
    const ended = sideStatus('forkJoin', side(finished, [{ start: 1000, end: 1300 }, { start: 1000, end: 3000, failed: true }]));
    expect(ended).toEqual({ state: 'errored', text: 'errored with 1 error at 1.00 s; 1 cleanup done after its error, 1 failure lost' });
  });

  it('task group: waits for its cleanups, then one TaskGroupError of every failure', () => {
    const shuttingDown = lane('task group', 0, 'shutting down');
    expect(sideStatus('task group', side(shuttingDown, [{ start: 1000, end: 1300 }, { start: 1000, end: undefined }])).text).toBe(
      'shutting down: waiting for 1 cleanup before it reports',
    );
    const finished = lane('task group', 0, 'finished', { end: 3000 });
    expect(sideStatus('task group', side(finished, [{ start: 1000, end: 1300 }, { start: 1000, end: 3000, failed: true }]))).toEqual({
      state: 'errored',
      text: 'errored with TaskGroupError of 2 at 3.00 s, after both cleanups',
    });
  });

  it('a side with no lane yet', () => {
    expect(sideStatus('task group', []).state).toBe('idle');
  });
});
