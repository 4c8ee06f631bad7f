// The markdown report: a header, the results table and the targets table.
import { format } from './targets.mjs';

const fmt = (k) => k.toLocaleString('en');

const CASES = {
  gather: (r) => `${fmt(r.n)} tasks`,
  small: (r) => `n = ${fmt(r.n)}`,
  large: (r) => `n = ${fmt(r.n)}`,
  c8: (r) => `${fmt(r.n)} × concurrency 8`,
  c1: (r) => `${fmt(r.n)} × concurrency 1 (1 run)`,
  alive: (r) => `${fmt(r.n)} alive`,
};

const caseLabel = (row) => (CASES[row.case] ?? (() => row.case))(row);

function ratioCell(row) {
  if (row.role === 'baseline') return '1.00 (baseline)';
  if (row.ratio === undefined) return '—';
  return row.comparable === false ? `(${row.ratio.toFixed(2)})` : row.ratio.toFixed(2);
}

function resultCells(row, title) {
  const lead = [title, caseLabel(row), row.role === 'subject' ? `**${row.label}**` : row.label];
  if (row.error) return [...lead, '—', '—', '—', '—', '—', `ERROR: ${row.error.slice(0, 120)}`];
  const s = row.stats;
  const figures = s ? [format(row), format(row, s.min), format(row, s.max), String(s.runs)] : ['—', '—', '—', '—'];
  return [...lead, ...figures, ratioCell(row), row.proof?.text ?? ''];
}

const line = (cells) => `| ${cells.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`;

export function resultsTable(rows, scenarios) {
  const titles = Object.fromEntries(scenarios.map((s) => [s.id, s.title]));
  const out = [
    line(['Scenario', 'Case', 'Peer', 'Median', 'Min', 'Max', 'Runs', '× RxJS', 'Proof / notes']),
    line(Array(9).fill('---')),
  ];
  let previous;
  for (const row of rows) {
    out.push(line(resultCells(row, row.scenario === previous ? '' : titles[row.scenario] ?? row.scenario)));
    previous = row.scenario;
  }
  return out.join('\n');
}

const status = (met) => (met === null ? 'not measured' : met ? 'met' : '**MISSED**');

export function targetsTable(targets) {
  return [line(['Target', 'Measured', 'Status']), line(['---', '---', '---']),
    ...targets.map((t) => line([t.target, t.measured, status(t.met)]))].join('\n');
}

export function header(results) {
  const { date, node, cores, memoryGiB, cpu, platform, versions, quick } = results;
  const peers = Object.entries(versions).map(([name, v]) => `${name} ${v}`).join(', ');
  return [
    `${quick ? 'Quick (smoke) run, sizes cut down: the figures mean nothing. ' : ''}` +
      `Run ${date.slice(0, 16).replace('T', ' ')} UTC, Node ${node}, ${platform}, ${cores} cores (${cpu}), ${memoryGiB} GiB.`,
    `Versions: ${peers}.`,
  ].join('\n');
}

/** The whole report: header, results, targets, and the pass count. */
export function report(results) {
  const { summary } = results;
  const missed = results.targets.filter((t) => t.met === false).length;
  const met = results.targets.filter((t) => t.met === true).length;
  return [
    header(results), '',
    resultsTable(results.rows, results.scenarios), '',
    'Median, min and max over the runs; `× RxJS` is the median over the RxJS baseline\'s median in the same run ' +
      '(in parentheses: not comparable). Subjects (rxjs-taskgroup) in bold.', '',
    targetsTable(results.targets), '',
    `Targets: ${met} met, ${missed} missed. Figures: ${summary.passed} produced, ${summary.failed} failed.`,
  ].join('\n');
}
