// The package's entry points, as built in dist/: the core and `testing` import nothing from
// Angular (a user without Angular installs and runs them), and only `angular` does, with
// Angular declared as an optional peer dependency; `devtools` imports the core alone, and only
// `otel` imports `@opentelemetry/api`, an optional peer dependency too (rule 27).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'dist', 'rxjs-taskgroup');

/** Every module a built bundle imports (static or dynamic), read by esbuild's parser, not by a regex over its comments. */
async function importsOf(bundle) {
  const { metafile } = await build({
    entryPoints: [join(dist, 'fesm2022', bundle)],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    logLevel: 'silent',
    plugins: [{ name: 'externals', setup: b => b.onResolve({ filter: /^[^./]/ }, args => ({ path: args.path, external: true })) }],
  });
  return [...new Set(Object.values(metafile.inputs).flatMap(input => input.imports.map(i => i.path)))].sort();
}

describe('entry points', () => {
  it('the core bundle imports rxjs only, nothing from @angular', async () => {
    assert.deepEqual(await importsOf('rxjs-taskgroup.mjs'), ['rxjs']);
  });

  it('rxjs-taskgroup/testing imports nothing from @angular', async () => {
    const imports = await importsOf('rxjs-taskgroup-testing.mjs');
    assert.deepEqual(imports.filter(path => path.startsWith('@angular')), []);
  });

  it('rxjs-taskgroup/angular imports only @angular/core and @angular/common, rxjs and the core', async () => {
    const imports = await importsOf('rxjs-taskgroup-angular.mjs');
    assert.deepEqual(imports.filter(path => !/^(@angular\/(core|common)(\/.*)?|rxjs|rxjs-taskgroup)$/.test(path)), []);
    assert.ok(imports.includes('@angular/core'));
  });

  it('rxjs-taskgroup/devtools imports the core only', async () => {
    assert.deepEqual(await importsOf('rxjs-taskgroup-devtools.mjs'), ['rxjs-taskgroup']);
  });

  it('rxjs-taskgroup/otel imports @opentelemetry/api and the core only', async () => {
    assert.deepEqual(await importsOf('rxjs-taskgroup-otel.mjs'), ['@opentelemetry/api', 'rxjs-taskgroup']);
  });

  it('no other entry point imports @opentelemetry/api', async () => {
    for (const bundle of ['rxjs-taskgroup.mjs', 'rxjs-taskgroup-testing.mjs', 'rxjs-taskgroup-angular.mjs', 'rxjs-taskgroup-devtools.mjs']) {
      assert.ok(!(await importsOf(bundle)).includes('@opentelemetry/api'), bundle);
    }
  });

  it('declares @angular/core, @angular/common and @opentelemetry/api as optional peer dependencies', () => {
    const pkg = JSON.parse(readFileSync(join(dist, 'package.json'), 'utf8'));
    for (const name of ['@angular/core', '@angular/common', '@opentelemetry/api']) {
      assert.ok(pkg.peerDependencies[name], `${name} is a peer dependency`);
      assert.equal(pkg.peerDependenciesMeta?.[name]?.optional, true, `${name} is optional`);
    }
    assert.equal(pkg.dependencies?.['@angular/core'], undefined);
    assert.deepEqual(Object.keys(pkg.exports).sort(), ['.', './angular', './devtools', './otel', './package.json', './testing']);
  });
});
