// The targets, each checked against the rows of one run: { target, measured, met }.
// met is null when the run has no figure for it (a scenario not run, or a row that failed).

const LIMITS = { gather: 1.3, failFast: 1.5, linear: 1.5, bounded: 1.3, memory: 1.5, coreBytes: 3000, taskGroupBytes: 2000 };
const RIVALS = 'Effection, Effect, p-map';

const x = (ratio) => `${ratio.toFixed(2)}×`;
const ok = (row) => row && !row.error && row.stats && Number.isFinite(row.stats.median);
const inCase = (rows, scenario, caseId) => rows.filter((r) => r.scenario === scenario && r.case === caseId);
const subjects = (rows, scenario, caseId) => inCase(rows, scenario, caseId).filter((r) => r.role === 'subject');
const rivals = (rows, scenario, caseId) =>
  inCase(rows, scenario, caseId).filter((r) => r.role === 'peer' && r.comparable !== false && ok(r));
const unmeasured = (target) => ({ target, measured: 'no figure', met: null });

/** `subject's median ≤ limit × baseline's`, one target per subject. */
function ratioTargets(rows, scenario, caseId, what, limit, baselineName) {
  return subjects(rows, scenario, caseId).map((row) => {
    const target = `${what}: ${row.label} ≤ ${limit}× ${baselineName}`;
    if (!ok(row) || row.ratio === undefined) return unmeasured(target);
    return { target, measured: x(row.ratio), met: row.ratio <= limit };
  });
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
    const target = `fail-fast: ${large.label} per-task cost at large n ≤ ${LIMITS.linear}× that at small n`;
    if (!ok(large) || !ok(small)) return unmeasured(target);
    const perTask = (r) => (r.stats.median * 1000) / r.n; // µs per task
    const growth = perTask(large) / perTask(small);
    return { target, measured: `${perTask(small).toFixed(3)} → ${perTask(large).toFixed(3)} µs/task (${x(growth)})`, met: growth <= LIMITS.linear };
  });
}

function overflowTargets(rows) {
  return subjects(rows, 'bounded', 'c1').map((row) => {
    const target = `bounded: ${row.label}, ${row.n.toLocaleString('en')} tasks at concurrency 1, no stack overflow`;
    if (row.error || row.overflow === undefined) return unmeasured(target);
    return { target, measured: row.overflow ? 'overflowed' : 'no overflow', met: !row.overflow };
  });
}

function sizeTarget(rows, caseId, limit) {
  const row = inCase(rows, 'size', caseId)[0];
  const target = `size: ${row?.label ?? caseId} ≤ ${limit / 1000} KB min+gzip`;
  if (!ok(row)) return unmeasured(target);
  return { target, measured: `${(row.stats.median / 1000).toFixed(2)} KB`, met: row.stats.median <= limit };
}

export function evaluateTargets(rows) {
  return [
    ...ratioTargets(rows, 'gather-sync', 'gather', 'gather, sync', LIMITS.gather, 'forkJoin'),
    ...aheadTargets(rows, 'gather-sync', 'gather', 'gather, sync'),
    ...ratioTargets(rows, 'gather-async', 'gather', 'gather, async', LIMITS.gather, 'forkJoin'),
    ...aheadTargets(rows, 'gather-async', 'gather', 'gather, async'),
    ...['small', 'large'].flatMap((size) => [
      ...ratioTargets(rows, 'fail-fast', size, `fail-fast (${size} n)`, LIMITS.failFast, 'merge'),
      ...aheadTargets(rows, 'fail-fast', size, `fail-fast (${size} n)`),
    ]),
    ...linearTargets(rows),
    ...ratioTargets(rows, 'bounded', 'c8', 'bounded, concurrency 8', LIMITS.bounded, 'mergeAll(8)'),
    ...aheadTargets(rows, 'bounded', 'c8', 'bounded, concurrency 8'),
    ...overflowTargets(rows),
    ...ratioTargets(rows, 'memory', 'alive', 'memory', LIMITS.memory, 'mergeAll'),
    ...aheadTargets(rows, 'memory', 'alive', 'memory'),
    ...(rows.some((r) => r.scenario === 'size') ? [sizeTarget(rows, 'core', LIMITS.coreBytes), sizeTarget(rows, 'taskGroup', LIMITS.taskGroupBytes)] : []),
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
