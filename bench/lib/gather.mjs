// Shared by the two gather scenarios: every peer gathers n tasks' values in input order.
import { timeInRounds } from './measure.mjs';
import { finishRow, makeRow } from './rows.mjs';
import { inOrder } from './util.mjs';

const PLAN = {
  full: { rounds: 5, iterations: 6, time: 300, warmup: 10 },
  slow: { rounds: 3, iterations: 1, time: 0, warmup: 1 }, // a peer that takes seconds per run
  quick: { rounds: 1, iterations: 3, time: 0, warmup: 0 },
};

/** Checks the peer's result once, then returns its case for timeInRounds. */
async function prepare(meta, op, plan) {
  const c = { row: makeRow(meta), plan };
  try {
    const input = op.prepare(meta.n);
    c.ok = inOrder(await op.run(input), meta.n);
    if (c.ok) c.fn = () => op.run(input);
    else c.plan = { rounds: 0 };
  } catch (error) {
    c.error = error;
  }
  return c;
}

export async function gatherRows(scenario, opName, { quick, peers }) {
  const n = quick ? 100 : 10_000;
  const cases = [];
  for (const peer of peers) {
    const op = peer[opName];
    if (!op) continue;
    const plan = quick ? PLAN.quick : peer.slow ? PLAN.slow : PLAN.full;
    cases.push(await prepare({ scenario, caseId: 'gather', n, peer, op, unit: 'ms' }, op, plan));
  }
  await timeInRounds(cases);
  const fmt = n.toLocaleString('en');
  return cases.map((c) =>
    finishRow(c, { proof: { ok: c.ok !== false, text: c.ok === false ? 'results NOT in input order' : `${fmt} results in input order` } }));
}
