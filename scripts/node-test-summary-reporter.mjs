// A reporter for Node's test runner that writes the same summary as every
// other suite of `npm test`: .test-results/<TEST_SUITE>.json =
// { "suite", "passed", "failed", "skipped" }. Use it next to a readable one:
//   node --test --test-reporter=spec --test-reporter-destination=stdout \
//        --test-reporter=./scripts/node-test-summary-reporter.mjs \
//        --test-reporter-destination=stdout <files>
// with TEST_SUITE=<name> in the environment.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const resultsDir = join(dirname(fileURLToPath(import.meta.url)), '..', '.test-results');

export default async function* nodeTestSummaryReporter(source) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') {
      continue;
    }
    const details = event.data.details ?? {};
    if (details.type === 'suite' && event.type === 'test:pass') {
      continue; // a describe() block, not a test
    }
    if (details.error?.failureType === 'subtestsFailed') {
      continue; // failed only because a test inside it failed, which is counted
    }
    if (event.data.skip !== undefined || event.data.todo !== undefined) {
      counts.skipped++;
    } else if (event.type === 'test:pass') {
      counts.passed++;
    } else {
      counts.failed++;
    }
  }
  const suite = process.env.TEST_SUITE || 'node-test';
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, `${suite}.json`), JSON.stringify({ suite, ...counts }, null, 2) + '\n');
  yield '';
}
