#!/usr/bin/env node
// The library's module graph: no runtime import cycle, and every module can be the first one
// loaded. Writes .test-results/modules.json as { suite, passed, failed, skipped }:
//
//   1. cycles: dpdm over the five entry points' sources, with TypeScript transformed away first
//      (`--transform`), so that type-only imports, which leave nothing at run time, are not edges;
//   2. load first: each module of the library's sources (specs aside) is bundled by esbuild as
//      the entry point (rxjs and @angular/* left external, as an application's bundler would) and
//      imported by Node in a fresh process. A cycle that only works in one load order (a class
//      extending one that is not defined yet) fails here, whatever the order of the exports of
//      index.ts. Modules that import @angular/* are bundled but not run: Angular is not loaded
//      in Node without a platform; the cycle check covers them.
//
// `node scripts/check-modules.mjs` runs it alone; `npm test` runs it as a suite.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const esbuild = require('esbuild');
const DPDM = join(dirname(require.resolve('dpdm/package.json')), 'lib', 'bin', 'dpdm.js');
const library = join(root, 'projects', 'rxjs-taskgroup');
const SOURCES = ['src', 'testing/src', 'angular/src', 'devtools/src', 'otel/src'];
const ENTRY_POINTS = SOURCES.map((dir) => join(library, dir, 'public-api.ts'));
const out = join(root, 'tmp', 'modules');
const results = { suite: 'module graph', passed: 0, failed: 0, skipped: 0 };

function report(ok, name, details = '') {
  results[ok ? 'passed' : 'failed']++;
  console.log(`${ok ? '✔' : '✖'} ${name}${!ok && details ? `\n${details.trimEnd()}` : ''}`);
}

/** Every .ts file of the library but specs, relative to the library. */
function modules(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'spec' ? [] : modules(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

// 1. Cycles.
const dpdm = spawnSync(process.execPath, [DPDM, '--transform', '--no-warning', '--no-tree', '--no-progress', '--exit-code', 'circular:1', ...ENTRY_POINTS],
  { cwd: root, encoding: 'utf8' });
report(dpdm.status === 0, 'no runtime import cycle among the library\'s modules (dpdm, type imports skipped)', dpdm.stdout + dpdm.stderr);

// 2. Each module loaded first.
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const file of SOURCES.flatMap((dir) => modules(join(library, dir)))) {
  const name = relative(library, file);
  const bundle = join(out, `${name.replace(/[\\/]/g, '__')}.mjs`);
  try {
    esbuild.buildSync({
      entryPoints: [file], bundle: true, format: 'esm', platform: 'node', outfile: bundle, logLevel: 'silent',
      external: ['rxjs', 'rxjs/*', '@angular/*'],
      tsconfig: join(library, 'tsconfig.lib.json'),
      alias: { 'rxjs-taskgroup': join(library, 'src', 'public-api.ts') },
    });
  } catch (error) {
    report(false, `${name} loads first`, String(error.message ?? error));
    continue;
  }
  if (readFileSync(bundle, 'utf8').includes('@angular/')) {
    report(true, `${name} bundles as the first module (Angular: not run)`);
    continue;
  }
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(bundle)});`], { cwd: root, encoding: 'utf8' });
  report(run.status === 0, `${name} loads first`, run.stderr);
}

mkdirSync(join(root, '.test-results'), { recursive: true });
writeFileSync(join(root, '.test-results', 'modules.json'), `${JSON.stringify(results)}\n`);
console.log(`${results.passed} passed, ${results.failed} failed`);
process.exitCode = results.failed > 0 ? 1 : 0;
