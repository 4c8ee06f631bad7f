// 5. memory: heap bytes per running task with 100,000 tasks alive.
import { measureRow } from '../lib/rows.mjs';
import { repeat } from '../lib/stats.mjs';
import { prepareHanging, startHanging } from '../lib/hanging.mjs';
import { gc, nextTurn } from '../lib/util.mjs';

export const id = 'memory';
export const title = '5. memory';
export const what =
  'Heap bytes per running task with 100,000 tasks alive (never completing): `global.gc()`, ' +
  '`process.memoryUsage().heapUsed` before starting them and once all have started; the task ' +
  'inputs exist before the first reading, so only what running them costs is counted. Baseline: ' +
  "`mergeAll`'s bytes per running inner. withTaskGroup keeps every task handle, as a caller does. " +
  'Case `queued`: the same 100,000 tasks at concurrency 1 (one running, the rest waiting), read once ' +
  "the first has started; baseline `mergeAll(1)`'s bytes per buffered inner.";

const RUNS = { full: 3, slow: 1, quick: 1 };

/** Lets what the previous run left behind (async teardowns, timers) finish, then collects it. */
async function settle() {
  for (let i = 0; i < 3; i++) await nextTurn();
  gc();
}

async function bytesPerTask(hanging, n, queued = false) {
  await settle();
  const prepared = prepareHanging(hanging, n, false);
  gc();
  const before = process.memoryUsage().heapUsed;
  const run = queued ? startFirst(hanging, prepared) : await startHanging(hanging, prepared);
  gc();
  const after = process.memoryUsage().heapUsed;
  await run.stop();
  return (after - before) / n;
}

/** Starts tasks that run one at a time: the first starts at once, the others wait in the queue. */
function startFirst(hanging, { counts, state }) {
  const run = hanging.start(state, counts);
  if (counts.started !== 1) throw new Error(`expected 1 task started at concurrency 1, got ${counts.started}`);
  return run;
}

export async function run({ quick, peers }) {
  const n = quick ? 1_000 : 100_000;
  const rows = [];
  for (const peer of peers.filter((p) => p.hanging)) {
    const op = { label: peer.memory?.label ?? peer.hanging.label };
    rows.push(await measureRow({ scenario: id, caseId: 'alive', n, peer, op, unit: 'B/task' }, async () => {
      const runs = quick ? RUNS.quick : peer.slow ? RUNS.slow : RUNS.full;
      const stats = await repeat(runs, () => bytesPerTask(peer.hanging, n));
      return { stats, proof: { ok: true, text: `${n.toLocaleString('en')} tasks alive` } };
    }));
  }
  for (const peer of peers.filter((p) => p.queued)) {
    const op = { label: peer.queued.label ?? peer.hanging?.label };
    rows.push(await measureRow({ scenario: id, caseId: 'queued', n, peer, op, unit: 'B/task' }, async () => {
      const stats = await repeat(quick ? RUNS.quick : RUNS.full, () => bytesPerTask(peer.queued, n, true));
      return { stats, proof: { ok: true, text: `1 running, ${(n - 1).toLocaleString('en')} queued` } };
    }));
  }
  return rows;
}
