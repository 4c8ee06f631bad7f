// The built package under test: dist/rxjs-taskgroup, built by `npm run build:lib`.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST_DIR = join(ROOT, 'dist', 'rxjs-taskgroup');
export const DIST_ENTRY = join(DIST_DIR, 'fesm2022', 'rxjs-taskgroup.mjs');
/**
 * A copy of dist/rxjs-taskgroup taken when a run starts, which every scenario uses: a rebuild
 * in the same tree during the run (`ng build` empties dist/ first) cannot break it. It sits in
 * node_modules/.cache (ignored by git and ESLint), from where `rxjs` resolves as from dist/.
 */
export const PACKAGE_DIR = join(ROOT, 'node_modules', '.cache', 'rxjs-taskgroup-bench');
const PACKAGE_ENTRY = join(PACKAGE_DIR, 'fesm2022', 'rxjs-taskgroup.mjs');

/** Builds the library (as `npm run build:lib` does) when dist/ has no build of it. */
export function ensureBuilt() {
  if (existsSync(DIST_ENTRY)) return;
  console.error('[bench] dist/rxjs-taskgroup is missing: building the library first');
  const require = createRequire(join(ROOT, 'package.json'));
  const ng = join(dirname(require.resolve('@angular/cli/package.json')), 'bin', 'ng.js');
  const { status } = spawnSync(process.execPath, [ng, 'build', 'rxjs-taskgroup'], {
    cwd: ROOT,
    stdio: ['ignore', 2, 2], // keep stdout clean for --json
    env: { ...process.env, NG_CLI_ANALYTICS: 'false' },
  });
  if (status !== 0 || !existsSync(DIST_ENTRY)) throw new Error('building the library failed');
}

/** Copies the built package to PACKAGE_DIR (run.mjs, once, before the scenarios). */
export function snapshotPackage() {
  rmSync(PACKAGE_DIR, { recursive: true, force: true });
  cpSync(DIST_DIR, PACKAGE_DIR, { recursive: true });
}

/** The built ESM bundle of rxjs-taskgroup (from the run's copy). */
export const loadTaskGroup = () => import(pathToFileURL(PACKAGE_ENTRY).href);
