#!/usr/bin/env node
// The built package as npm would publish it: publint (packaging mistakes: fields, exports,
// files that the tarball misses) and Are the Types Wrong? (types under every TypeScript module
// resolution: node10, node16 from CJS and ESM, bundler), both on `npm pack` of
// dist/rxjs-taskgroup. Writes .test-results/package-checks.json as { suite, passed, failed, skipped }.
//
// The package is ESM-only on purpose, so attw ignores its one rule about that,
// `cjs-resolves-to-esm` ("a require call resolved to an ESM file": CommonJS users need Node
// >= 20.19 / 22.12, or a dynamic import); every resolution is still checked, node10 included
// (`typesVersions` makes `rxjs-taskgroup/testing` resolve there). Everything else must be
// clean, publint's suggestions included.

import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist', 'rxjs-taskgroup');
const require = createRequire(join(root, 'package.json'));
const ATTW = join(dirname(require.resolve('@arethetypeswrong/cli/package.json')), 'dist', 'index.js');

const results = { suite: 'package (publint, attw)', passed: 0, failed: 0, skipped: 0 };
const check = (name, ok, details = '') => {
  results[ok ? 'passed' : 'failed']++;
  console.log(`${ok ? '✔' : '✖'} ${name}${details ? `\n${details}` : ''}`);
};

const { messages, pkg } = await publint({ pkgDir: dist, level: 'suggestion', strict: true, pack: 'npm' });
check(
  `publint: ${messages.length} message(s) at any level`,
  messages.length === 0,
  messages.map((message) => `  ${message.type}: ${formatMessage(message, pkg) ?? message.code}`).join('\n'),
);

const attw = spawnSync(process.execPath, [ATTW, '--pack', dist, '--ignore-rules', 'cjs-resolves-to-esm', '--format', 'ascii', '--no-color', '--no-emoji'], {
  cwd: root,
  encoding: 'utf8',
});
console.log(attw.stdout.trimEnd());
if (attw.stderr.trim()) console.error(attw.stderr.trimEnd());
check(`attw --pack --ignore-rules cjs-resolves-to-esm: exit ${attw.status}`, attw.status === 0);

mkdirSync(join(root, '.test-results'), { recursive: true });
writeFileSync(join(root, '.test-results', 'package-checks.json'), `${JSON.stringify(results)}\n`);
process.exitCode = results.failed > 0 ? 1 : 0;
