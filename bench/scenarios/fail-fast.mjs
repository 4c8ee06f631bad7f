// 3. fail-fast: n running tasks, then one fails; time until the error has arrived and every
// sibling has been torn down, with the teardown count as proof.
import { timeInRounds } from '../lib/measure.mjs';
import { finishRow, makeRow } from '../lib/rows.mjs';
import { isBoom, prepareHanging, startHanging } from '../lib/hanging.mjs';
import { gc } from '../lib/util.mjs';

export const id = 'fail-fast';
export const title = '3. fail-fast';
export const what =
  'n tasks that never complete (`new Observable(() => teardown)`, `Effect.never`, `suspend()`), then ' +
  'one fails; time from the failure until the error has arrived **and** every sibling has been torn ' +
  "down (RxJS's `merge` delivers the error before it unsubscribes the siblings; rxjs-taskgroup, " +
  'Effect and Effection after), and proof that n−1 teardowns ran. Setup is not timed. Baseline: ' +
  '`merge` (as `from(tasks).pipe(mergeAll())`) erroring. Promise.all and p-map cannot cancel: ' +
  'shown for reference, not compared.';

const CASES = { full: [['small', 10_000], ['large', 100_000]], quick: [['small', 100], ['large', 1_000]] };

const PLAN = {
  small: { rounds: 5, iterations: 4, time: 0, warmup: 5 },
  large: { rounds: 4, iterations: 2, time: 0, warmup: 1 },
  slowSmall: { rounds: 3, iterations: 1, time: 0, warmup: 1 }, // Effection: seconds per run
  slowLarge: { rounds: 1, iterations: 1, time: 0, warmup: 0 }, // a minute per run
  quick: { rounds: 1, iterations: 2, time: 0, warmup: 0 },
  slowQuick: { rounds: 1, iterations: 1, time: 0, warmup: 0 },
};

function planFor(quick, caseId, slow) {
  if (quick) return slow ? PLAN.slowQuick : PLAN.quick;
  if (caseId === 'small') return slow ? PLAN.slowSmall : PLAN.small;
  return slow ? PLAN.slowLarge : PLAN.large;
}

/** One run: start n tasks (untimed), then time the failure until it has been fully handled. */
async function failOnce(hanging, n, seen) {
  const prepared = prepareHanging(hanging, n, true);
  const run = await startHanging(hanging, prepared);
  const { counts, state } = prepared;
  gc();
  const t0 = performance.now();
  state.fire();
  if (!run.record.settled) await run.record.outcome; // async peers; RxJS is done when fire() returns
  const elapsed = performance.now() - t0;
  const { error, teardownsAtError } = await run.record.outcome;
  seen.push({ teardowns: counts.teardowns, teardownsAtError, ours: isBoom(error) });
  run.stop();
  return { overriddenDuration: elapsed };
}

function proofOf(seen, n, cancels) {
  const fmt = (k) => k.toLocaleString('en');
  const siblings = n - 1;
  const last = seen.at(-1);
  const ours = seen.every((s) => s.ours);
  if (!cancels) {
    return { ok: ours, comparable: false, text: `cannot cancel: ${fmt(last.teardowns)}/${fmt(siblings)} siblings stopped` };
  }
  const ok = ours && seen.every((s) => s.teardowns === siblings);
  return {
    ok,
    text: `${fmt(last.teardowns)}/${fmt(siblings)} siblings torn down (${fmt(last.teardownsAtError)} before the error arrived)` +
      (ok ? '' : ' — PROOF FAILED'),
  };
}

export async function run({ quick, peers }) {
  const rows = [];
  for (const [caseId, n] of quick ? CASES.quick : CASES.full) {
    const cases = peers.filter((peer) => peer.hanging).map((peer) => {
      const seen = [];
      const op = peer.hanging;
      const row = makeRow({ scenario: id, caseId, n, peer, op, unit: 'ms' });
      return { row, op, seen, plan: planFor(quick, caseId, peer.slow), fn: () => failOnce(op, n, seen) };
    });
    await timeInRounds(cases);
    for (const c of cases) {
      const proof = c.seen.length ? proofOf(c.seen, n, c.op.cancels) : undefined;
      rows.push(finishRow(c, { proof, comparable: proof?.comparable ?? true }));
    }
  }
  return rows;
}
