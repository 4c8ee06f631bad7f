// 4. bounded concurrency: 100,000 synchronous tasks through concurrency 8, and 1,000,000 through
// concurrency 1 (does the peer overflow the stack?).
import { timeInRounds } from '../lib/measure.mjs';
import { finishRow, makeRow, measureRow } from '../lib/rows.mjs';
import { summarize } from '../lib/stats.mjs';
import { inOrder, isStackOverflow } from '../lib/util.mjs';

export const id = 'bounded';
export const title = '4. bounded concurrency';
export const what =
  '100,000 synchronous tasks through `concurrency: 8`, results in order (baseline ' +
  '`from(tasks).pipe(mergeAll(8), toArray())`); then 1,000,000 through `concurrency: 1`, run once, ' +
  'recording whether the peer overflows the stack (a `RangeError`, caught). Effection has no ' +
  'concurrency limit and Promise.all none either: not run.';

const CASES = {
  full: { c8: 100_000, c1: 1_000_000 },
  quick: { c8: 1_000, c1: 10_000 },
};
const PLAN = { full: { rounds: 5, iterations: 3, time: 200, warmup: 3 }, quick: { rounds: 1, iterations: 2, time: 0, warmup: 0 } };
const fmt = (k) => k.toLocaleString('en');

/** Checks the peer's results once, then returns its case for timeInRounds. */
async function eight(meta, op, plan) {
  const c = { row: makeRow(meta), plan };
  try {
    const input = op.prepare(meta.n, false);
    c.ok = inOrder(await op.run(input, 8), meta.n);
    if (c.ok) c.fn = () => op.run(input, 8);
    else c.plan = { rounds: 0 };
  } catch (error) {
    c.error = error;
  }
  return c;
}

async function one(op, n) {
  const input = op.prepare(n, true); // lazy where the peer takes an iterable: no array of a million tasks
  const t0 = performance.now();
  let result;
  try {
    result = await op.run(input, 1);
  } catch (error) {
    if (!isStackOverflow(error)) throw error;
    return { overflow: true, proof: { ok: true, text: 'stack overflow (RangeError)' } };
  }
  const elapsed = performance.now() - t0;
  const ok = inOrder(result, n);
  return { overflow: false, stats: summarize([elapsed]), proof: { ok, text: ok ? `no overflow; ${fmt(n)} results in order` : 'results NOT in order' } };
}

export async function run({ quick, peers }) {
  const sizes = quick ? CASES.quick : CASES.full;
  const bounded = peers.filter((p) => p.bounded);
  const cases = [];
  for (const peer of bounded) {
    const meta = { scenario: id, caseId: 'c8', n: sizes.c8, peer, op: peer.bounded, unit: 'ms' };
    cases.push(await eight(meta, peer.bounded, quick ? PLAN.quick : PLAN.full));
  }
  await timeInRounds(cases);
  const text = (c) => (c.ok === false ? 'results NOT in input order' : `${fmt(sizes.c8)} results in order`);
  const rows = cases.map((c) => finishRow(c, { proof: { ok: c.ok !== false, text: text(c) } }));
  for (const peer of bounded.filter((p) => !p.bounded.floorOnly)) {
    rows.push(await measureRow({ scenario: id, caseId: 'c1', n: sizes.c1, peer, op: peer.bounded, unit: 'ms' },
      () => one(peer.bounded, sizes.c1)));
  }
  return rows;
}
