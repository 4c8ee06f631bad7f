// 6. size: minified + gzipped bundles, made with esbuild from the built package.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { PACKAGE_DIR, ROOT } from '../lib/dist.mjs';
import { summarize } from '../lib/stats.mjs';
import { relative } from 'node:path';

export const id = 'size';
export const title = '6. size';
export const what =
  'esbuild (minify, ESM, browser) bundles a one-line entry against the built package: the core (`export * from ' +
  "'rxjs-taskgroup'`) and `taskGroup` alone (`export { taskGroup } from 'rxjs-taskgroup'`, tree-shaken), " +
  "`forkJoinTasks` alone, `withTimeout` alone, all with `rxjs` external, and the `rxjs-taskgroup/angular` entry point (`@angular/*` external too); gzip level 9. Reference: the RxJS code that `forkJoin` + `mergeMap` pull " +
  'in (`export { forkJoin, mergeMap } from \'rxjs\'`, rxjs bundled). 1 KB = 1,000 bytes.';

const BUNDLES = [
  { caseId: 'reference', peer: 'rxjs', lib: 'rxjs', role: 'baseline', label: 'forkJoin + mergeMap (rxjs bundled)', entry: "export { forkJoin, mergeMap } from 'rxjs';", external: [] },
  { caseId: 'core', peer: 'core', lib: 'rxjs-taskgroup', role: 'subject', label: 'core (every export)', entry: "export * from 'rxjs-taskgroup';", external: ['rxjs'] },
  { caseId: 'taskGroup', peer: 'taskGroup', lib: 'rxjs-taskgroup', role: 'subject', label: 'taskGroup alone', entry: "export { taskGroup } from 'rxjs-taskgroup';", external: ['rxjs'] },
  { caseId: 'forkJoinTasks', peer: 'forkJoinTasks', lib: 'rxjs-taskgroup', role: 'subject', label: 'forkJoinTasks alone', entry: "export { forkJoinTasks } from 'rxjs-taskgroup';", external: ['rxjs'] },
  { caseId: 'withTimeout', peer: 'withTimeout', lib: 'rxjs-taskgroup', role: 'subject', label: 'withTimeout alone', entry: "export { withTimeout } from 'rxjs-taskgroup';", external: ['rxjs'] },
  // Reported apart from the core's budgets: it includes the parts of the core it uses.
  { caseId: 'angular', peer: 'angular', lib: 'rxjs-taskgroup', role: 'variant', label: 'rxjs-taskgroup/angular (every export)', entry: "export * from 'rxjs-taskgroup/angular';", external: ['rxjs', '@angular/core', '@angular/common', '@angular/core/rxjs-interop', '@angular/common/http'] },
];

async function bundle({ entry, external }) {
  const result = await build({
    stdin: { contents: entry, resolveDir: ROOT, loader: 'js' },
    absWorkingDir: ROOT,
    alias: { 'rxjs-taskgroup': `./${relative(ROOT, PACKAGE_DIR).split('\\').join('/')}` },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    external,
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

export async function run() {
  const rows = [];
  for (const b of BUNDLES) {
    const { minified, gzip } = await bundle(b);
    rows.push({
      scenario: id, case: b.caseId, n: 1, peer: b.peer, lib: b.lib, label: b.label, role: b.role, unit: 'B',
      stats: summarize([gzip]), minified,
      proof: { ok: gzip > 0, text: `${minified.toLocaleString('en')} B minified` },
    });
  }
  return rows;
}
