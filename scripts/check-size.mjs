#!/usr/bin/env node
// The size budgets of .size-limit.mjs, checked on the built package (dist/rxjs-taskgroup; run
// `npm run build:lib` first): runs size-limit with --json, prints every entry's size and limit in
// exact bytes, and writes .test-results/size.json as { suite, passed, failed, skipped }, one test
// per entry, passed when it is within its limit. Exits 1 when an entry is over its limit or
// size-limit could not measure.

import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const SIZE_LIMIT = join(dirname(require.resolve('size-limit/package.json')), 'bin.js');

const results = { suite: 'size (size-limit)', passed: 0, failed: 0, skipped: 0 };

const run = spawnSync(process.execPath, [SIZE_LIMIT, '--json'], { cwd: root, encoding: 'utf8' });
let entries;
try {
  entries = JSON.parse(run.stdout);
} catch {
  entries = undefined;
}

if (!Array.isArray(entries)) {
  console.error(`size-limit did not measure (exit ${run.status}):`);
  console.error((entries?.error ?? `${run.stdout}\n${run.stderr}`).trimEnd());
  results.failed++;
} else {
  const bytes = (n) => `${n.toLocaleString('en-US')} B`;
  const rows = entries.map(({ name, size, sizeLimit, passed }) => {
    results[passed ? 'passed' : 'failed']++;
    const margin = sizeLimit - size;
    const verdict = passed ? `ok, ${bytes(margin)} to spare` : `OVER by ${bytes(-margin)}`;
    return [name, bytes(size), bytes(sizeLimit), verdict];
  });
  const header = ['entry (min+gzip)', 'size', 'limit', ''];
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => (i === 1 || i === 2 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  console.log([line(header), ...rows.map(line)].join('\n'));
  console.log(`${results.passed} within the limit, ${results.failed} over`);
}

mkdirSync(join(root, '.test-results'), { recursive: true });
writeFileSync(join(root, '.test-results', 'size.json'), `${JSON.stringify(results)}\n`);
process.exitCode = results.failed > 0 ? 1 : 0;
