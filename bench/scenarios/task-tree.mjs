// 7. task tree: reduceTaskTree over a group's whole event stream, at two sizes, so that its cost
// per event can be compared: it should not grow with the number of tasks.
import { loadTaskGroup } from '../lib/dist.mjs';
import { timeInRounds } from '../lib/measure.mjs';
import { finishRow, makeRow } from '../lib/rows.mjs';
import { summarize } from '../lib/stats.mjs';

export const id = 'task-tree';
export const title = '7. task tree';
export const what =
  '`reduceTaskTree` folded over the events of n tasks (`queued`, `started`, `completed` for each: 3·n events, ' +
  'made beforehand), then the final tree\'s `tasks` read once; n = 10,000 and 100,000. The proof column gives ' +
  'the time per event, which stays the same when the cost is linear. No baseline: RxJS has no such function.';

const SIZES = { full: { small: 10_000, large: 100_000 }, quick: { small: 1_000, large: 10_000 } };
const PLAN = { full: { rounds: 3, iterations: 2, time: 0, warmup: 1 }, quick: { rounds: 1, iterations: 1, time: 0, warmup: 0 } };
const PEER = { id: 'reduceTaskTree', lib: 'rxjs-taskgroup', label: 'reduceTaskTree', role: 'subject' };

/** The events of a group that queues n tasks, then starts and completes each in turn. */
function eventsOf(n) {
  const events = [];
  const task = (index) => ({ name: `task-${index}`, index });
  for (let index = 0; index < n; index++) events.push({ type: 'queued', task: task(index), time: 0 });
  for (let index = 0; index < n; index++) {
    events.push({ type: 'started', task: task(index), time: index }, { type: 'completed', task: task(index), time: index + 1 });
  }
  return events;
}

export async function run({ quick }) {
  const { reduceTaskTree } = await loadTaskGroup();
  const fold = (events) => {
    let tree;
    for (const event of events) tree = reduceTaskTree(tree, event);
    return tree;
  };
  const cases = Object.entries(quick ? SIZES.quick : SIZES.full).map(([caseId, n]) => {
    const events = eventsOf(n);
    const tree = fold(events);
    const ok = tree.tasks.length === n && tree.done.fulfilled === n && tree.tasks.every((t, i) => t.index === i && t.state === 'done');
    return {
      row: makeRow({ scenario: id, caseId, n, peer: PEER, unit: 'ms' }),
      plan: ok ? (quick ? PLAN.quick : PLAN.full) : { rounds: 0 },
      ok,
      events,
      fn: () => fold(events).tasks.length,
    };
  });
  await timeInRounds(cases);
  return cases.map((c) => {
    const perEvent = c.samples?.length ? `${((summarize(c.samples).median * 1000) / c.events.length).toFixed(2)} µs per event` : '';
    const text = c.ok ? `${c.events.length.toLocaleString('en')} events; ${perEvent}` : 'the final tree is NOT every task done, in order';
    return finishRow(c, { proof: { ok: c.ok, text } });
  });
}
