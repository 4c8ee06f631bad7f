#!/usr/bin/env node
// `npm run bench`: every scenario against the built package in dist/, each in its own process.
//
//   npm run bench                      full run (a few minutes); writes bench/results/latest.json
//   npm run bench -- --quick           smoke run (seconds, cut-down sizes); bench/results/quick.json
//   npm run bench -- --json            print the results as JSON instead of markdown
//   npm run bench -- --only fail-fast  some scenarios only (comma-separated)
//   npm run bench -- --docs            also put the report into docs/benchmarks.md
//   npm run bench -- --result FILE     write a test-suite summary { suite, passed, failed, skipped }
//
// Exits non-zero when a scenario crashed or a proof failed (wrong results, a missing teardown);
// speed is never asserted: the targets table says met or missed.
import { fork } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuilt, ROOT, snapshotPackage } from './lib/dist.mjs';
import { environment } from './lib/env.mjs';
import { rowPassed } from './lib/rows.mjs';
import { loadScenario, SCENARIOS } from './lib/scenarios.mjs';
import { report } from './lib/table.mjs';
import { addRatios, evaluateTargets } from './lib/targets.mjs';

const WORKER = join(ROOT, 'bench', 'lib', 'worker.mjs');
const DOCS = join(ROOT, 'docs', 'benchmarks.md');
const MARKERS = ['<!-- bench:start -->', '<!-- bench:end -->'];

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    docs: { type: 'boolean', default: false },
    only: { type: 'string' },
    result: { type: 'string' },
  },
});

/** Runs scenarios in a child process (its own heap, --expose-gc); resolves with their rows. */
function runScenarios(names) {
  return new Promise((done) => {
    let reply;
    const child = fork(WORKER, [names.join(','), args.quick ? '--quick' : '--full'], {
      cwd: ROOT,
      execArgv: ['--expose-gc'],
      stdio: ['ignore', 2, 2, 'ipc'], // the child's output goes to stderr: stdout is the report
    });
    child.on('message', (message) => (reply = message));
    child.on('exit', (code, signal) => {
      if (reply?.rows) return done(reply.rows);
      const error = `exited with ${code ?? signal} before reporting`;
      done(names.map((scenario) => ({ scenario, case: 'crash', n: 0, peer: '-', label: '-', role: 'crash', error })));
    });
  });
}

function summarize(rows) {
  const passed = rows.filter(rowPassed).length;
  return { passed, failed: rows.length - passed };
}

function writeJson(file, data) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}

/** Replaces the generated part of docs/benchmarks.md, between its markers. */
function updateDocs(markdown) {
  const text = readFileSync(DOCS, 'utf8');
  const [start, end] = [text.indexOf(MARKERS[0]), text.indexOf(MARKERS[1])];
  if (start < 0 || end < start) throw new Error(`docs/benchmarks.md has no ${MARKERS.join(' … ')} region`);
  writeFileSync(DOCS, `${text.slice(0, start + MARKERS[0].length)}\n${markdown}\n${text.slice(end)}`);
}

async function main() {
  const started = Date.now();
  ensureBuilt();
  snapshotPackage();
  const names = args.only ? args.only.split(',').map((s) => s.trim()) : SCENARIOS;
  const scenarios = [];
  for (const name of names) {
    const { id, title, what } = await loadScenario(name);
    scenarios.push({ id, title, what });
  }
  // Full: a process per scenario. Quick: one for all (start-up, mostly module loading, dominates).
  const rows = [];
  for (const batch of args.quick ? [names] : names.map((name) => [name])) {
    console.error(`[bench] ${batch.join(', ')}`);
    rows.push(...(await runScenarios(batch)));
  }
  addRatios(rows);
  const results = { ...environment(), quick: args.quick, scenarios, rows, targets: evaluateTargets(rows), summary: summarize(rows) };
  results.seconds = Math.round((Date.now() - started) / 100) / 10;

  writeJson(join(ROOT, 'bench', 'results', args.quick ? 'quick.json' : 'latest.json'), results);
  if (args.result) writeJson(resolve(ROOT, args.result), { suite: 'bench', ...results.summary, skipped: 0 });
  const markdown = report(results);
  if (args.docs) updateDocs(markdown);
  console.log(args.json ? JSON.stringify(results, null, 2) : markdown);
  console.error(`[bench] done in ${results.seconds} s: ${results.summary.passed} figures, ${results.summary.failed} failed`);
  if (results.summary.failed > 0) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  if (args.result) writeJson(resolve(ROOT, args.result), { suite: 'bench', passed: 0, failed: 1, skipped: 0 });
  process.exitCode = 1;
});
