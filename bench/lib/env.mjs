// Where the figures come from: date, Node, machine size, versions of every library compared.
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_DIR, ROOT } from './dist.mjs';

const versionOf = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;

export function environment() {
  const cpu = cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cores: cpu.length,
    cpu: cpu[0]?.model?.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    versions: {
      'rxjs-taskgroup': versionOf(PACKAGE_DIR),
      ...Object.fromEntries(['rxjs', 'effect', 'effection', 'p-map', 'tinybench', 'esbuild']
        .map((name) => [name, versionOf(join(ROOT, 'node_modules', name))])),
    },
  };
}
