// The targets, each checked against the rows of one run: { target, measured, met }.
// met is null when the run has no figure for it (a scenario not run, or a row that failed).
// Ratios are to the scenario's RxJS baseline in the same run; sizes are bytes, min+gzip.

/** Ratio targets per peer: [scenario, case, peer id, limit]. */
const RATIOS = [
  ['gather-sync', 'gather', 'taskGroup', 1.3],
  ['gather-sync', 'gather', 'withTaskGroup', 0.5],
  ['gather-sync', 'gather', 'withTaskGroup-forkJoin', 1.0],
  ['gather-sync', 'gather', 'forkJoinTasks', 0.5],
  ['gather-async', 'gather', 'taskGroup', 1.3],
  ['gather-async', 'gather', 'withTaskGroup', 0.8],
  ['gather-async', 'gather', 'forkJoinTasks', 0.8],
  ['fail-fast', 'small', 'taskGroup', 1.5],
  ['fail-fast', 'small', 'withTaskGroup', 1.5],
  ['fail-fast', 'large', 'taskGroup', 1.5],
  ['fail-fast', 'large', 'withTaskGroup', 1.5],
  ['bounded', 'c8', 'taskGroup', 0.6],
  ['bounded', 'c8', 'withTaskGroup', 0.8],
  ['memory', 'alive', 'taskGroup', 1.5],
  ['memory', 'alive', 'withTaskGroup', 1.5],
];
const LINEAR = 1.5;
/** Size budgets, bytes min+gzip: [case, limit]. */
const SIZES = [['taskGroup', 4000], ['forkJoinTasks', 4500], ['withTimeout', 800]];
/** Bounded concurrency as a multiple of the floor (one subscribe + teardown of `of(x)` per task). */
const FLOOR_MULTIPLE = 3;
const RIVALS = 'Effection, Effect, p-map';

const x = (ratio) => `${ratio.toFixed(2)}×`;
const ok = (row) => row && !row.error && row.stats && Number.isFinite(row.stats.median);
const inCase = (rows, scenario, caseId) => rows.filter((r) => r.scenario === scenario && r.case === caseId);
const subjects = (rows, scenario, caseId) => inCase(rows, scenario, caseId).filter((r) => r.role === 'subject');
const rivals = (rows, scenario, caseId) =>
  inCase(rows, scenario, caseId).filter((r) => r.role === 'peer' && r.comparable !== false && ok(r));
const unmeasured = (target) => ({ target, measured: 'no figure', met: null });

/** `median ≤ limit × the baseline's median` for one peer in one case. */
function ratioTarget(rows, [scenario, caseId, peer, limit]) {
  const row = inCase(rows, scenario, caseId).find((r) => r.peer === peer);
  const baseline = inCase(rows, scenario, caseId).find((r) => r.role === 'baseline');
  const target = `${scenario} (${caseId}): ${row?.label ?? peer} ≤ ${limit}× ${baseline?.label ?? 'the RxJS baseline'}`;
  if (!ok(row) || row.ratio === undefined) return unmeasured(target);
  return { target, measured: x(row.ratio), met: row.ratio <= limit };
}

/** Faster (or smaller) than every third-party peer that could run the case. */
function aheadTargets(rows, scenario, caseId, what) {
  const others = rivals(rows, scenario, caseId);
  if (others.length === 0) return [];
  const best = others.reduce((a, b) => (b.stats.median < a.stats.median ? b : a));
  return subjects(rows, scenario, caseId).map((row) => {
    const target = `${what}: ${row.label} ahead of ${RIVALS}`;
    if (!ok(row)) return unmeasured(target);
    const measured = `${format(row)} vs best peer ${best.label} ${format(best)}`;
    return { target, measured, met: others.every((other) => row.stats.median < other.stats.median) };
  });
}

/** Cost per task at the large size within `limit` of that at the small size. */
function linearTargets(rows) {
  return subjects(rows, 'fail-fast', 'large').map((large) => {
    const small = inCase(rows, 'fail-fast', 'small').find((r) => r.peer === large.peer);
    const target = `fail-fast: ${large.label} per-task cost at large n ≤ ${LINEAR}× that at small n`;
    if (!ok(large) || !ok(small)) return unmeasured(target);
    const perTask = (r) => (r.stats.median * 1000) / r.n; // µs per task
    const growth = perTask(large) / perTask(small);
    return { target, measured: `${perTask(small).toFixed(3)} → ${perTask(large).toFixed(3)} µs/task (${x(growth)})`, met: growth <= LINEAR };
  });
}

function overflowTargets(rows) {
  return subjects(rows, 'bounded', 'c1').map((row) => {
    const target = `bounded: ${row.label}, ${row.n.toLocaleString('en')} tasks at concurrency 1, no stack overflow`;
    if (row.error || row.overflow === undefined) return unmeasured(target);
    return { target, measured: row.overflow ? 'overflowed' : 'no overflow', met: !row.overflow };
  });
}

/** Bounded at concurrency 8, as a multiple of the floor: what a task costs above one subscription. */
function floorTargets(rows) {
  const floor = inCase(rows, 'bounded', 'c8').find((r) => r.peer === 'floor');
  return subjects(rows, 'bounded', 'c8').map((row) => {
    const target = `bounded (c8): ${row.label} ≤ ${FLOOR_MULTIPLE}× the floor (subscribe + teardown of of(x) per task)`;
    if (!ok(row) || !ok(floor)) return unmeasured(target);
    const multiple = row.stats.median / floor.stats.median;
    return { target, measured: `${x(multiple)} (${format(row)} vs ${format(floor)})`, met: multiple <= FLOOR_MULTIPLE };
  });
}

function sizeTarget(rows, caseId, limit) {
  const row = inCase(rows, 'size', caseId)[0];
  const target = `size: ${row?.label ?? caseId} ≤ ${limit / 1000} KB min+gzip`;
  if (!ok(row)) return unmeasured(target);
  return { target, measured: `${(row.stats.median / 1000).toFixed(2)} KB`, met: row.stats.median <= limit };
}

export function evaluateTargets(rows) {
  const ahead = (scenario, caseId, what) => aheadTargets(rows, scenario, caseId, what);
  return [
    ...RATIOS.map((spec) => ratioTarget(rows, spec)),
    ...ahead('gather-sync', 'gather', 'gather, sync'),
    ...ahead('gather-async', 'gather', 'gather, async'),
    ...ahead('fail-fast', 'small', 'fail-fast (small n)'),
    ...ahead('fail-fast', 'large', 'fail-fast (large n)'),
    ...linearTargets(rows),
    ...ahead('bounded', 'c8', 'bounded, concurrency 8'),
    ...floorTargets(rows),
    ...overflowTargets(rows),
    ...ahead('memory', 'alive', 'memory'),
    ...(rows.some((r) => r.scenario === 'size') ? SIZES.map(([caseId, limit]) => sizeTarget(rows, caseId, limit)) : []),
  ];
}

/** A row's median with its unit. */
export function format(row, value = row.stats.median) {
  if (row.unit === 'ms') return `${value < 10 ? value.toFixed(3) : value < 100 ? value.toFixed(2) : value.toFixed(1)} ms`;
  if (row.unit === 'B/task') return `${Math.round(value).toLocaleString('en')} B/task`;
  return `${Math.round(value).toLocaleString('en')} B`;
}

/** Adds `ratio` (median / baseline median) to every row with a figure, in place. */
export function addRatios(rows) {
  for (const row of rows) {
    const scenarioRows = rows.filter((r) => r.scenario === row.scenario && r.role === 'baseline' && ok(r));
    const baseline = scenarioRows.find((r) => r.case === row.case) ?? (scenarioRows.length === 1 ? scenarioRows[0] : undefined);
    if (ok(row) && baseline) row.ratio = row.stats.median / baseline.stats.median;
  }
  return rows;
}
