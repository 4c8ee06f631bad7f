#!/usr/bin/env node
// `npm test`: lint, build, then every test suite, and a summed result line.
//
// Each entry of STEPS is either
//   - a gate  ({ gate: true }): it must succeed, or the run stops here;
//   - a suite: it runs even when an earlier suite failed, and must leave its
//     summary in .test-results/<result> as
//     { "suite": "<name>", "passed": N, "failed": N, "skipped": N }.
// To add a suite, append an entry with its command and the result file it
// writes, e.g. a Node test runner suite with the reporter next to this file:
//   { name: 'server', env: { TEST_SUITE: 'server' }, result: 'server.json',
//     command: ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout',
//               '--test-reporter=./scripts/node-test-summary-reporter.mjs',
//               '--test-reporter-destination=stdout', 'server/test/'] }
// (commands are run by this same `node`). A suite that exits non-zero, or
// leaves no result file (a crash), is counted as failed even if its file says
// otherwise.
//
// The last line printed is `tests: N passed, N failed[, N skipped]`.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = join(root, '.test-results');
const require = createRequire(join(root, 'package.json'));

/** Resolves a package's command-line script, run with this very node binary. */
const bin = (pkg, file) => join(dirname(require.resolve(`${pkg}/package.json`)), file);
const NG = bin('@angular/cli', 'bin/ng.js');
const ESLINT = bin('eslint', 'bin/eslint.js');

/** `ng test <project>` once, headless, writing .test-results/karma-<project>.json. */
const karmaSuite = (project) => ({
  name: `karma: ${project}`,
  command: [NG, 'test', project, '--watch=false', '--browsers=ChromeHeadlessCI'],
  env: { KARMA_SUITE: project },
  result: `karma-${project}.json`,
});

const STEPS = [
  // The demo's Code panels embed the text of the files that run (src/app/scenarios/sources.generated.ts).
  { name: 'demo code panel sources', gate: true, command: [join(root, 'scripts', 'scenario-sources.mjs')] },
  { name: 'lint', gate: true, command: [ESLINT, '.'] },
  { name: 'build rxjs-taskgroup', gate: true, command: [NG, 'build', 'rxjs-taskgroup'] },
  // ng-packagr always lists tslib as a dependency; no built file imports it, so it is dropped
  // (and the build fails if one ever does). `npm run build:lib` runs the same script.
  { name: 'finish package', gate: true, command: [join(root, 'scripts', 'finish-package.mjs')] },
  // The public API must match goldens/public-api/ (regenerate with `npm run api`).
  { name: 'public API report', gate: true, command: [join(root, 'scripts', 'api-report.mjs'), '--check'] },
  karmaSuite('rxjs-taskgroup'),
  // Every ```ts snippet of both READMEs, type-checked (strict) against the built package, one test each.
  { name: 'README snippets', result: 'readme-snippets.json', command: [join(root, 'scripts', 'check-readme-snippets.mjs')] },
  // The TypeScript versions the READMEs claim: a strict consumer of the built package compiled with
  // TypeScript 4.9.5 and 5.0.4 (installed in tmp/; skipped, with the reason, without a registry)
  // and the workspace's 5.9, one test per version and moduleResolution.
  { name: 'TypeScript 4.9, 5.0, 5.9', result: 'typescript-versions.json', command: [join(root, 'scripts', 'check-typescript-versions.mjs')] },
  // The library at scale and under GC, in Node against the built package (stack safety, leaks).
  { name: 'library in Node', env: { TEST_SUITE: 'library-node' }, result: 'library-node.json',
    command: ['--expose-gc', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout',
              '--test-reporter=./scripts/node-test-summary-reporter.mjs',
              '--test-reporter-destination=stdout', 'projects/rxjs-taskgroup/test-node/'] },
  // The same Node suite against the lowest peer, rxjs@7.4.0, installed in tmp/ (skipped, with the
  // reason, only when the registry cannot be reached).
  { name: 'library in Node, rxjs 7.4.0', result: 'library-node-rxjs-7.4.0.json',
    command: [join(root, 'scripts', 'test-node-compat.mjs')] },
  // The package as npm would publish it: publint and Are the Types Wrong? on `npm pack`.
  { name: 'package (publint, attw)', result: 'package-checks.json', command: [join(root, 'scripts', 'check-package.mjs')] },
  // `npm pack` installed into pinned Angular 21 and 22 projects (compat/), a strict AOT consumer of
  // every entry point compiled there with ngc and its specs run (Angular 22's leg on a Node 22
  // binary from the registry when this Node is older); skipped, with the reason, without a registry.
  { name: 'Angular 21 and 22 consumers', result: 'angular-compat.json', command: [join(root, 'scripts', 'check-angular-compat.mjs')] },
  // The module graph: no runtime import cycle (dpdm), and every module of the library can be the
  // first one loaded (each bundled as the entry point and imported in a fresh Node process).
  { name: 'module graph', result: 'modules.json', command: [join(root, 'scripts', 'check-modules.mjs')] },
  // The size budgets of .size-limit.mjs (min+gzip of each import of the built package), one test per entry.
  { name: 'size (size-limit)', result: 'size.json', command: [join(root, 'scripts', 'check-size.mjs')] },
  // npm audit --omit=dev over what a user of the library installs (skipped without an audit endpoint).
  { name: 'audit', result: 'audit.json', command: [join(root, 'scripts', 'audit-dependencies.mjs')] },
  karmaSuite('demo'),
  // The demo's local HTTP API server (server/), with Node's test runner.
  { name: 'server', env: { TEST_SUITE: 'server' }, result: 'server.json',
    command: ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout',
              '--test-reporter=./scripts/node-test-summary-reporter.mjs',
              '--test-reporter-destination=stdout', 'server/test/'] },
  // The demo end to end: e2e/run.mjs builds it (ng build demo), then runs e2e/*.e2e.test.mjs
  // with Node's test runner and the summary reporter (server/main.mjs + headless Chromium).
  { name: 'e2e', env: { TEST_SUITE: 'e2e' }, result: 'e2e.json', command: [join(root, 'e2e', 'run.mjs')] },
  // The benchmarks' smoke run against the built package: counts the figures and proofs (results
  // in order, every sibling torn down) that each scenario produced; speed is never asserted.
  { name: 'bench (quick)', result: 'bench.json',
    command: [join(root, 'bench', 'run.mjs'), '--quick', '--result', '.test-results/bench.json'] },
];

function run(step) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, step.command, {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        NG_CLI_ANALYTICS: 'false',
        // Plain text (no ANSI colours) when the output goes to a log file.
        ...(process.stdout.isTTY ? {} : { NO_COLOR: '1' }),
        ...step.env,
      },
    });
    child.on('error', (error) => {
      console.error(`[test] ${step.name}: could not start: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

function readSummary(file) {
  const data = JSON.parse(readFileSync(file, 'utf8'));
  const count = (key) => {
    const value = data[key] ?? 0;
    if (!Number.isInteger(value) || value < 0) {
      throw new Error(`"${key}" is not a count`);
    }
    return value;
  };
  return { suite: String(data.suite ?? file), passed: count('passed'), failed: count('failed'), skipped: count('skipped') };
}

function finish(totals, problems) {
  for (const problem of problems) {
    console.log(`[test] FAILED: ${problem}`);
  }
  const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
  console.log(`tests: ${totals.passed} passed, ${totals.failed} failed${skipped}`);
  process.exitCode = totals.failed > 0 || problems.length > 0 ? 1 : 0;
}

async function main() {
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });

  const totals = { passed: 0, failed: 0, skipped: 0 };
  const problems = [];
  const exitCodes = new Map();

  for (const step of STEPS) {
    console.log(`\n[test] ── ${step.name} ──`);
    const started = Date.now();
    const code = await run(step);
    console.log(`[test] ${step.name}: exit ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (step.gate && code !== 0) {
      problems.push(`${step.name} failed (exit ${code}); stopped before the test suites.`);
      totals.failed++;
      return finish(totals, problems);
    }
    if (!step.gate) {
      exitCodes.set(step.result, { step, code });
    }
  }

  // Every suite must have left its result file.
  for (const [result, { step, code }] of exitCodes) {
    if (!existsSync(join(resultsDir, result))) {
      problems.push(`${step.name} produced no ${result} (exit ${code}): it crashed or never ran; counted as 1 failed.`);
      totals.failed++;
    }
  }

  console.log('\n[test] ── results ──');
  const files = readdirSync(resultsDir).filter((file) => file.endsWith('.json')).sort();
  for (const file of files) {
    let summary;
    try {
      summary = readSummary(join(resultsDir, file));
    } catch (error) {
      problems.push(`${file} is not a valid result (${error.message}); counted as 1 failed.`);
      totals.failed++;
      continue;
    }
    const expected = exitCodes.get(file);
    if (expected && expected.code !== 0 && summary.failed === 0) {
      problems.push(`${expected.step.name} exited ${expected.code} with no failed test; counted as 1 failed.`);
      summary.failed = 1;
    }
    totals.passed += summary.passed;
    totals.failed += summary.failed;
    totals.skipped += summary.skipped;
    console.log(`[test] ${summary.suite}: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
  }

  finish(totals, problems);
}

main().catch((error) => {
  console.error(error);
  console.log('tests: 0 passed, 1 failed');
  process.exitCode = 1;
});
