#!/usr/bin/env node
// `npm audit --omit=dev` over what a user of the library installs: the built package's
// dependencies and its rxjs peer, resolved in a scratch project (a lock file only; nothing is
// installed). Writes .test-results/audit.json: passed when no vulnerability is reported, failed
// when one is, skipped (with the reason printed) when the registry offers no audit endpoint.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = JSON.parse(readFileSync(join(root, 'dist', 'rxjs-taskgroup', 'package.json'), 'utf8'));
const rxjsVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'rxjs', 'package.json'), 'utf8')).version;

const scratch = mkdtempSync(join(tmpdir(), 'rxjs-taskgroup-audit-'));
const npm = (...args) => spawnSync('npm', args, { cwd: scratch, encoding: 'utf8', shell: process.platform === 'win32' });

function finish(outcome, message) {
  console.log(`[audit] ${message}`);
  mkdirSync(join(root, '.test-results'), { recursive: true });
  const counts = { passed: 0, failed: 0, skipped: 0, [outcome]: 1 };
  writeFileSync(join(root, '.test-results', 'audit.json'), `${JSON.stringify({ suite: 'audit', ...counts }, null, 2)}\n`);
  rmSync(scratch, { recursive: true, force: true });
}

const dependencies = { ...built.dependencies, rxjs: rxjsVersion };
writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'audit-scratch', private: true, dependencies }));
const locked = npm('install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund');
if (locked.status !== 0) {
  finish('failed', `could not resolve ${JSON.stringify(dependencies)}:\n${locked.stderr}`);
} else {
  const audit = npm('audit', '--omit=dev', '--json');
  let report;
  try {
    report = JSON.parse(audit.stdout);
  } catch {
    report = undefined;
  }
  const total = report?.metadata?.vulnerabilities?.total;
  if (typeof total === 'number') {
    finish(total === 0 ? 'passed' : 'failed', `${total} vulnerabilities in ${Object.keys(dependencies).join(', ')} and their dependencies`);
  } else if (/audit endpoint|ENOAUDIT|405|404/i.test(`${audit.stdout}\n${audit.stderr}`)) {
    finish('skipped', 'skipped: this registry offers no audit endpoint, so no audit could be made here');
  } else {
    finish('failed', `npm audit gave no report (exit ${audit.status}):\n${audit.stderr || audit.stdout}`);
  }
}
