#!/usr/bin/env node
// The Node suite (projects/rxjs-taskgroup/test-node/) against the lowest RxJS the package
// accepts, rxjs@7.4.0 (its peer range is ^7.4.0; the workspace itself runs 7.8).
//
// A scratch project under tmp/ gets rxjs@7.4.0 from the registry with `npm install`, and a copy
// of the built dist/rxjs-taskgroup in its node_modules, next to it, so the package resolves
// `rxjs` exactly as in a user's project: to 7.4.0, one copy shared with the tests. The suite's
// files are copied there too, with a library.mjs that imports the package by name; a first test
// checks which rxjs both sides loaded. The whole suite runs (about 20 s, the 1e6-task and
// 100,000-deep tests included).
//
// Skipped, with the reason printed and counted as 1 skipped, only when the registry cannot be
// reached and no earlier run left rxjs@7.4.0 installed there. Any other failure fails.
// Writes .test-results/library-node-rxjs-7.4.0.json as { suite, passed, failed, skipped }.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RXJS = '7.4.0';
const SUITE = `library-node-rxjs-${RXJS}`;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const scratch = join(root, 'tmp', `compat-rxjs-${RXJS}`);
const modules = join(scratch, 'node_modules');
const tests = join(scratch, 'suite'); // not test/: Node's runner would take every file in a test/ folder for a test
const resultFile = join(root, '.test-results', `${SUITE}.json`);

const writeResult = (counts) => {
  mkdirSync(dirname(resultFile), { recursive: true });
  writeFileSync(resultFile, `${JSON.stringify({ suite: SUITE, passed: 0, failed: 0, skipped: 0, ...counts }, null, 2)}\n`);
};

const npm = (args, timeout) =>
  spawnSync('npm', [...args, '--no-audit', '--no-fund', '--fetch-retries=1', '--fetch-timeout=30000'], {
    cwd: scratch, encoding: 'utf8', timeout,
  });

function installedRxjs() {
  const manifest = join(modules, 'rxjs', 'package.json');
  return existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).version : undefined;
}

function install() {
  if (installedRxjs() === RXJS) return 'installed';
  mkdirSync(scratch, { recursive: true });
  writeFileSync(join(scratch, 'package.json'), `${JSON.stringify({
    name: 'rxjs-taskgroup-compat', private: true, type: 'module', dependencies: { rxjs: RXJS },
  }, null, 2)}\n`);
  const ping = npm(['ping'], 60_000);
  if (ping.status !== 0) {
    const lines = (ping.stderr ?? '').split('\n').map((line) => line.replace(/^npm (?:error|ERR!)\s*/, '').trim()).filter(Boolean);
    const telling = lines.filter((line) => /^code |ECONN|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ENETUNREACH|request to/i.test(line));
    return { unreachable: telling.slice(0, 2).join('; ') || lines[0] || ping.error?.message || 'no answer' };
  }
  const result = npm(['install', '--ignore-scripts', '--no-package-lock'], 300_000);
  if (result.status !== 0) throw new Error(`npm install rxjs@${RXJS} failed:\n${result.stderr}`);
  if (installedRxjs() !== RXJS) throw new Error(`npm install left rxjs ${installedRxjs()} instead of ${RXJS}`);
  return 'installed';
}

function prepare() {
  const dist = join(root, 'dist', 'rxjs-taskgroup');
  if (!existsSync(join(dist, 'package.json'))) throw new Error('dist/rxjs-taskgroup is missing: run `npm run build:lib` first');
  rmSync(join(modules, 'rxjs-taskgroup'), { recursive: true, force: true });
  cpSync(dist, join(modules, 'rxjs-taskgroup'), { recursive: true });
  rmSync(tests, { recursive: true, force: true });
  mkdirSync(tests, { recursive: true });
  const source = join(root, 'projects', 'rxjs-taskgroup', 'test-node');
  for (const file of readdirSync(source).filter((name) => name.endsWith('.test.mjs'))) {
    cpSync(join(source, file), join(tests, file));
  }
  // The package by name, as a user imports it (the workspace's library.mjs points into dist/).
  writeFileSync(join(tests, 'library.mjs'), "export * from 'rxjs-taskgroup';\n");
  writeFileSync(join(tests, '0-rxjs-version.test.mjs'), `// Which rxjs the tests and the package load.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { it } from 'node:test';
import { Observable } from 'rxjs';
import { withTaskGroup } from 'rxjs-taskgroup';

it('runs against rxjs ${RXJS}, one copy shared by the tests and the package', () => {
  const require = createRequire(import.meta.url);
  assert.equal(require('rxjs/package.json').version, '${RXJS}');
  assert.ok(withTaskGroup(() => {}) instanceof Observable, 'the package must resolve the same rxjs as the tests');
});
`);
}

try {
  const installed = install();
  if (installed !== 'installed') {
    console.log(`[compat] SKIPPED: the npm registry cannot be reached, so rxjs@${RXJS} cannot be installed (${installed.unreachable})`);
    writeResult({ skipped: 1 });
  } else {
    prepare();
    console.log(`[compat] the Node suite against rxjs@${RXJS}, in ${scratch.slice(root.length + 1)}`);
    const run = spawnSync(process.execPath, [
      '--expose-gc', '--test', '--test-reporter=spec', '--test-reporter-destination=stdout',
      `--test-reporter=${join(root, 'scripts', 'node-test-summary-reporter.mjs')}`, '--test-reporter-destination=stdout',
      'suite/',
    ], { cwd: scratch, stdio: 'inherit', env: { ...process.env, TEST_SUITE: SUITE } });
    process.exitCode = run.status ?? 1;
  }
} catch (error) {
  console.error(`[compat] ${error.message}`);
  writeResult({ failed: 1 });
  process.exitCode = 1;
}
