#!/usr/bin/env node
// The TypeScript versions the READMEs claim, checked on the built package (dist/rxjs-taskgroup,
// run `npm run build:lib` first): a strict consumer of each entry point (compat/typescript/*.ts,
// which reads the inferred type of each helper) is compiled with `skipLibCheck: false`, so the
// package's .d.ts are type-checked too, and `lib: ["es2021", "dom"]`, the lowest `lib` claimed.
//
//   - TypeScript 4.9.5 and 5.0.4 (the lowest claimed), installed into tmp/compat-typescript with
//     `npm install --prefer-offline`: the core and `rxjs-taskgroup/testing`, with
//     moduleResolution node16 and node10 (and bundler, which 5.0 introduced). Not
//     `rxjs-taskgroup/angular`: Angular 21's own .d.ts need TypeScript 5.4 (`NoInfer`) and a newer
//     DOM lib (`RequestPriority`), and Angular 21 supports TypeScript >= 5.9 only.
//   - the workspace's TypeScript (5.9): the same, plus `rxjs-taskgroup/angular` with node16 and
//     bundler (Angular's own types cannot be resolved under node10). TypeScript 6.0 and the
//     angular entry point on Angular 22 are checked by scripts/check-angular-compat.mjs.
//
// The package is copied into the scratch project's node_modules, so it is resolved by name, through
// its `exports` (or `typesVersions` under node10), as in a user's project; rxjs and Angular are
// the workspace's. One test per leg (TypeScript version × moduleResolution). The 4.9 and 5.0 legs
// are skipped, with the reason printed, only when the registry cannot be reached and no earlier
// run left them installed. Writes .test-results/typescript-versions.json as
// { suite, passed, failed, skipped }.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SUITE = 'typescript-versions';
const INSTALLED = { '4.9.5': 'typescript-4.9', '5.0.4': 'typescript-5.0' }; // version → npm alias
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const scratch = join(root, 'tmp', 'compat-typescript');
const resultFile = join(root, '.test-results', `${SUITE}.json`);
const workspaceTsc = join(dirname(createRequire(join(root, 'package.json')).resolve('typescript/package.json')), 'bin', 'tsc');

const versionOf = (dir) => {
  const manifest = join(dir, 'package.json');
  return existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).version : undefined;
};
const installedDir = (alias) => join(scratch, 'node_modules', alias);

const npm = (args, timeout) =>
  spawnSync('npm', [...args, '--no-audit', '--no-fund', '--fetch-retries=1', '--fetch-timeout=30000'], {
    cwd: scratch, encoding: 'utf8', timeout,
  });

/** Installs TypeScript 4.9.5 and 5.0.4 (from npm's cache when it has them): 'installed' or { unreachable }. */
function install() {
  mkdirSync(scratch, { recursive: true });
  if (Object.entries(INSTALLED).every(([version, alias]) => versionOf(installedDir(alias)) === version)) return 'installed';
  writeFileSync(join(scratch, 'package.json'), `${JSON.stringify({
    name: 'rxjs-taskgroup-compat-typescript', private: true, type: 'module',
    dependencies: Object.fromEntries(Object.entries(INSTALLED).map(([version, alias]) => [alias, `npm:typescript@${version}`])),
  }, null, 2)}\n`);
  const result = npm(['install', '--ignore-scripts', '--no-package-lock', '--prefer-offline'], 300_000);
  if (result.status === 0) return 'installed';
  const ping = npm(['ping'], 60_000);
  if (ping.status !== 0) {
    const lines = (ping.stderr ?? '').split('\n').map((line) => line.replace(/^npm (?:error|ERR!)\s*/, '').trim()).filter(Boolean);
    const telling = lines.filter((line) => /^code |ECONN|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ENETUNREACH|request to/i.test(line));
    return { unreachable: telling.slice(0, 2).join('; ') || lines[0] || ping.error?.message || 'no answer' };
  }
  throw new Error(`npm install of TypeScript ${Object.keys(INSTALLED).join(', ')} failed:\n${result.stderr}`);
}

/** The legs: which tsc, which moduleResolution, which entry points' consumers. */
function legs() {
  const list = [];
  for (const [version, alias] of Object.entries(INSTALLED)) {
    for (const resolution of version === '4.9.5' ? ['node16', 'node'] : ['node16', 'node', 'bundler']) {
      list.push({ version, tsc: join(installedDir(alias), 'bin', 'tsc'), resolution, files: ['core', 'testing'] });
    }
  }
  const version = versionOf(dirname(dirname(workspaceTsc)));
  list.push({ version, tsc: workspaceTsc, resolution: 'node', files: ['core', 'testing'] });
  for (const resolution of ['node16', 'bundler']) {
    list.push({ version, tsc: workspaceTsc, resolution, files: ['core', 'testing', 'angular'] });
  }
  return list;
}

/** Compiles one leg with its own tsconfig; returns tsc's output, or '' when it compiled. */
function compile(leg) {
  const config = `tsconfig.${leg.version}.${leg.resolution}.json`;
  writeFileSync(join(scratch, config), `${JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, skipLibCheck: false, experimentalDecorators: true, types: [],
      target: 'es2022', lib: ['es2021', 'dom'],
      module: leg.resolution === 'node16' ? 'node16' : 'es2022', moduleResolution: leg.resolution,
    },
    files: leg.files.map((file) => `src/${file}.ts`),
  }, null, 2)}\n`);
  const run = spawnSync(process.execPath, [leg.tsc, '-p', config], { cwd: scratch, encoding: 'utf8', timeout: 300_000 });
  return run.status === 0 ? '' : `${run.stdout}${run.stderr}`.trim() || `tsc exited ${run.status}`;
}

const counts = { passed: 0, failed: 0, skipped: 0 };
try {
  const dist = join(root, 'dist', 'rxjs-taskgroup');
  if (!existsSync(join(dist, 'package.json'))) throw new Error('dist/rxjs-taskgroup is missing: run `npm run build:lib` first');
  const installed = install();
  rmSync(join(scratch, 'node_modules', 'rxjs-taskgroup'), { recursive: true, force: true });
  cpSync(dist, join(scratch, 'node_modules', 'rxjs-taskgroup'), { recursive: true });
  rmSync(join(scratch, 'src'), { recursive: true, force: true });
  cpSync(join(root, 'compat', 'typescript'), join(scratch, 'src'), { recursive: true });
  for (const leg of legs()) {
    const name = `TypeScript ${leg.version}, moduleResolution ${leg.resolution === 'node' ? 'node10' : leg.resolution}: ${leg.files.join(', ')}`;
    if (leg.tsc !== workspaceTsc && installed !== 'installed') {
      console.log(`[typescript] SKIPPED ${name}: the npm registry cannot be reached, so TypeScript ${leg.version} cannot be installed (${installed.unreachable})`);
      counts.skipped++;
      continue;
    }
    const started = Date.now();
    const output = compile(leg);
    const took = `${((Date.now() - started) / 1000).toFixed(1)} s`;
    if (output) {
      counts.failed++;
      console.log(`[typescript] FAILED ${name} (${took})\n${output.split('\n').map((line) => `  ${line}`).join('\n')}`);
    } else {
      counts.passed++;
      console.log(`[typescript] ok ${name} (${took})`);
    }
  }
} catch (error) {
  console.error(`[typescript] ${error.message}`);
  counts.failed++;
}
mkdirSync(dirname(resultFile), { recursive: true });
writeFileSync(resultFile, `${JSON.stringify({ suite: SUITE, ...counts }, null, 2)}\n`);
process.exitCode = counts.failed > 0 ? 1 : 0;
