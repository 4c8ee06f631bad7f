#!/usr/bin/env node
// What replacing RxJS's `forkJoin` with `forkJoinTasks` in one service costs an Angular
// application: two production builds (the workspace's @angular/build application builder,
// optimization on) of the same small app in tmp/angular-delta/, one whose service gathers two
// HTTP requests with `forkJoin`, the other with `forkJoinTasks` from the built package
// (dist/rxjs-taskgroup: `npm run build:lib` first). Prints each main bundle's size, raw and
// gzipped (level 9), and the difference. `npm run size:angular` runs it; the README quotes it.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const NG = join(dirname(require.resolve('@angular/cli/package.json')), 'bin', 'ng.js');
const app = join(root, 'tmp', 'angular-delta');

const VARIANTS = {
  forkJoin: "import { forkJoin, type Observable } from 'rxjs';\n" +
    'export const load = (a: Observable<number>, b: Observable<string>) => forkJoin({ a, b });\n',
  forkJoinTasks: "import type { Observable } from 'rxjs';\nimport { forkJoinTasks } from 'rxjs-taskgroup';\n" +
    'export const load = (a: Observable<number>, b: Observable<string>) => forkJoinTasks({ a, b });\n',
};

const MAIN = `import { Component, inject, Injectable } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { HttpClient, provideHttpClient } from '@angular/common/http';
import { load } from './variant';

@Injectable({ providedIn: 'root' })
class Loader {
  private readonly http = inject(HttpClient);
  get() { return load(this.http.get<number>('/a'), this.http.get<string>('/b')); }
}

@Component({ selector: 'app-root', template: '<button (click)="go()">go</button>' })
class App {
  private readonly loader = inject(Loader);
  go() { this.loader.get().subscribe(value => console.log(value)); }
}

bootstrapApplication(App, { providers: [provideHttpClient()] });
`;

const ANGULAR_JSON = {
  version: 1,
  projects: {
    delta: {
      projectType: 'application', root: '', sourceRoot: 'src',
      architect: {
        build: {
          builder: '@angular/build:application',
          options: {
            browser: 'src/main.ts', index: 'src/index.html', tsConfig: 'tsconfig.json', outputPath: 'out',
            optimization: true, sourceMap: false, outputHashing: 'none',
          },
        },
      },
    },
  },
};

const TSCONFIG = {
  compilerOptions: {
    strict: true, target: 'ES2022', module: 'ES2022', moduleResolution: 'bundler', lib: ['ES2022', 'dom'], skipLibCheck: true,
    paths: { 'rxjs-taskgroup': ['../../dist/rxjs-taskgroup'] },
  },
  files: ['src/main.ts'],
};

rmSync(app, { recursive: true, force: true });
mkdirSync(join(app, 'src'), { recursive: true });
writeFileSync(join(app, 'angular.json'), JSON.stringify(ANGULAR_JSON, null, 2));
writeFileSync(join(app, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
writeFileSync(join(app, 'src', 'index.html'), '<!doctype html><html><body><app-root></app-root></body></html>\n');
writeFileSync(join(app, 'src', 'main.ts'), MAIN);

const sizes = {};
for (const [name, variant] of Object.entries(VARIANTS)) {
  writeFileSync(join(app, 'src', 'variant.ts'), variant);
  rmSync(join(app, 'out'), { recursive: true, force: true });
  const build = spawnSync(process.execPath, [NG, 'build', 'delta'], { cwd: app, encoding: 'utf8', env: { ...process.env, NG_CLI_ANALYTICS: 'false' } });
  if (build.status !== 0) {
    console.error(`${name}: ng build failed\n${build.stdout}\n${build.stderr}`);
    process.exit(1);
  }
  const code = readFileSync(join(app, 'out', 'browser', 'main.js'));
  sizes[name] = { raw: code.length, gzip: gzipSync(code, { level: 9 }).length };
  console.log(`${name.padEnd(14)} main.js ${sizes[name].raw.toLocaleString('en')} B raw, ${sizes[name].gzip.toLocaleString('en')} B gzip`);
}
const raw = sizes.forkJoinTasks.raw - sizes.forkJoin.raw;
const gzip = sizes.forkJoinTasks.gzip - sizes.forkJoin.gzip;
console.log(`forkJoinTasks instead of forkJoin: +${raw.toLocaleString('en')} B raw, +${gzip.toLocaleString('en')} B gzip`);
