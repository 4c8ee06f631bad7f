// Rows of results: a peer in one case of a scenario.
import { summarize } from './stats.mjs';

/** The display name of a peer in one scenario. */
const labelOf = (peer, op) => op?.label ?? peer.label ?? peer.id;

/** A row's identity: { scenario, caseId, n, peer, op, unit }. */
export const makeRow = ({ scenario, caseId, n, peer, op, unit }) =>
  ({ scenario, case: caseId, n, peer: peer.id, lib: peer.lib, label: labelOf(peer, op), role: peer.role, unit });

const describeError = (error) => String(error?.stack ?? error).split('\n').slice(0, 3).join(' | ');

function log(row) {
  const what = row.error ? `ERROR ${row.error}` : row.stats ? `median ${row.stats.median.toPrecision(4)} ${row.unit} over ${row.stats.runs} runs` : 'done';
  console.error(`[bench]   ${row.scenario} ${row.case} ${row.label}: ${what}`);
}

/**
 * Measures one peer and returns its row. `measure()` resolves to { stats, proof?, … } where
 * proof = { ok, text }; a throw becomes a row with `error` (counted as failed).
 */
export async function measureRow(meta, measure) {
  const row = makeRow(meta);
  try {
    Object.assign(row, await measure());
  } catch (error) {
    row.error = describeError(error);
  }
  log(row);
  return row;
}

/** The row of a case timed by `timeInRounds`: its samples summarized, its proof, or its error. */
export function finishRow(c, extra = {}) {
  const row = { ...c.row, ...extra };
  if (c.error) row.error = describeError(c.error);
  else if (c.samples?.length) row.stats = summarize(c.samples);
  log(row);
  return row;
}

/** Whether a row produced its figure (or, with no figure, its proof) and its proof holds. */
export const rowPassed = (row) =>
  !row.error && (row.stats ? Number.isFinite(row.stats.median) : row.proof?.ok === true) && row.proof?.ok !== false;
