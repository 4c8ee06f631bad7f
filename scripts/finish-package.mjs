#!/usr/bin/env node
// After `ng build rxjs-taskgroup` (`npm run build:lib` runs both): ng-packagr always adds
// `tslib` to the built package.json's dependencies, but the library is compiled for ES2022 and
// no built file imports tslib, so users would install it for nothing. This removes it, after
// checking that this is still true: a built file that imports tslib fails the build instead.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist', 'rxjs-taskgroup');
const manifestPath = join(dist, 'package.json');

/** Every file under `dir`, recursively. */
const filesUnder = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]);

const IMPORTS_TSLIB = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]tslib['"]/;
const importers = filesUnder(dist)
  .filter((file) => /\.(?:m?js|d\.ts)$/.test(file))
  .filter((file) => IMPORTS_TSLIB.test(readFileSync(file, 'utf8')));
if (importers.length > 0) {
  console.error(`[finish-package] these built files import tslib, so it must stay a dependency: ${
    importers.map((file) => relative(root, file)).join(', ')}`);
  process.exit(1);
}

const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
if (manifest.dependencies?.tslib) {
  delete manifest.dependencies.tslib;
  if (Object.keys(manifest.dependencies).length === 0) delete manifest.dependencies;
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log('[finish-package] dropped tslib from the dependencies of dist/rxjs-taskgroup: no built file imports it');
}
