#!/usr/bin/env node
// The `e2e` suite of `npm test`: builds the demo (scripts/scenario-sources.mjs, `ng build demo`), then runs the end-to-end
// tests with Node's test runner, writing .test-results/e2e.json through the shared reporter.
// A failed build exits non-zero without a result file, so the suite counts as failed.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const NG = join(dirname(require.resolve('@angular/cli/package.json')), 'bin/ng.js');

const run = (args, env = {}) =>
  spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

// The Code panels embed the files that run: regenerate their text first.
const sources = run([join(root, 'scripts', 'scenario-sources.mjs')]);
const built = sources === 0 ? run([NG, 'build', 'demo']) : sources;
if (built !== 0) {
  console.error(`[e2e] ng build demo failed (exit ${built}): no end-to-end test ran.`);
  process.exit(built);
}
process.exit(
  run(
    [
      '--test',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=./scripts/node-test-summary-reporter.mjs',
      '--test-reporter-destination=stdout',
      ...readdirSync(join(root, 'e2e'))
        .filter((file) => file.endsWith('.e2e.test.mjs'))
        .map((file) => `e2e/${file}`),
    ],
    { TEST_SUITE: process.env.TEST_SUITE || 'e2e' },
  ),
);
