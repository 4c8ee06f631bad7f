#!/usr/bin/env node
// Every ```ts snippet of both READMEs (README.md and projects/rxjs-taskgroup/README.md) is
// type-checked, strict, against the built package (dist/rxjs-taskgroup, run `npm run build:lib`
// first) and the workspace's rxjs, Angular and TypeScript: one test per snippet.
//
// Each snippet becomes a module in tmp/readme-snippets/, compiled in one program with the
// TypeScript API:
//   - a snippet with an `import` is a whole program: it is compiled exactly as written;
//   - a snippet without one is an excerpt (the API guide's): each name it uses but does not
//     declare is imported, if an entry point of the package, rxjs, rxjs/ajax, @angular/core,
//     @angular/core/rxjs-interop or @angular/common/http exports it, or if it is one of the
//     placeholders the excerpts share (`http`, `User`, `upload$`…), declared in
//     scripts/readme-snippets-context.d.ts (the placeholders win: they are the excerpts' own).
//     A name found nowhere fails. The imports go after the snippet's last line, so the line
//     numbers of errors are the snippet's own.
// A fence ```ts fragment marks a snippet that is deliberately not a program (counted as
// skipped, and listed); the README must say why next to it. Keep them rare: one today, the
// demo's DashboardLoader trimmed (its whole file is compiled by the demo's build).
//
// Writes .test-results/readme-snippets.json as { suite, passed, failed, skipped }; a failure
// names README:line of the error.

import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SUITE = 'readme-snippets';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const READMES = ['README.md', 'projects/rxjs-taskgroup/README.md'];
const scratch = join(root, 'tmp', 'readme-snippets');
const resultFile = join(root, '.test-results', `${SUITE}.json`);
// Where an excerpt's names come from, first match wins (the placeholders first: an excerpt's
// `audit` is its own cleanup, not rxjs's operator).
const MODULES = [
  './context', 'rxjs-taskgroup', 'rxjs-taskgroup/angular', 'rxjs-taskgroup/testing', 'rxjs',
  'rxjs/ajax', '@angular/core', '@angular/core/rxjs-interop', '@angular/common/http',
];
// Cannot find name 'x' (2304), … Did you mean 'y'? (2552), … a type-only name used as a value (2693 is not it).
const MISSING_NAME = new Set([2304, 2552]);

const dist = join(root, 'dist', 'rxjs-taskgroup');
const options = {
  strict: true, noEmit: true, skipLibCheck: true, experimentalDecorators: true, isolatedModules: true,
  target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  module: ts.ModuleKind.Preserve, moduleResolution: ts.ModuleResolutionKind.Bundler, types: [],
  paths: { 'rxjs-taskgroup': [dist], 'rxjs-taskgroup/*': [`${dist}/*`] },
};

/** Every ```ts block: { readme, line (of its first code line), code, fragment }. */
function snippets() {
  const found = [];
  for (const readme of READMES) {
    const lines = readFileSync(join(root, readme), 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const fence = /^```ts(?:\s+(.*))?$/.exec(lines[i]);
      if (!fence) continue;
      const end = lines.findIndex((line, j) => j > i && line.startsWith('```'));
      if (end < 0) throw new Error(`${readme}:${i + 1}: a \`\`\`ts block that never closes`);
      found.push({ readme, line: i + 2, code: lines.slice(i + 1, end).join('\n'), fragment: fence[1]?.trim() === 'fragment' });
      i = end;
    }
  }
  return found;
}

const fileOf = (snippet) => join(scratch, `${snippet.readme.replace(/[/.]/g, '-')}-${snippet.line}.ts`);
const hasImport = (code) => /^import\s/m.test(code);

/** The names each module of MODULES exports, from a probe file in the same compiler setup. */
function exportsByModule() {
  const probe = join(scratch, 'exports-probe.ts');
  writeFileSync(probe, MODULES.map((name, i) => `import * as m${i} from '${name}';\n`).join('') + 'export {};\n');
  const program = ts.createProgram([probe], options);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(probe);
  return source.statements.filter(ts.isImportDeclaration).map((declaration, i) => {
    const symbol = checker.getSymbolAtLocation(declaration.moduleSpecifier);
    if (!symbol) throw new Error(`cannot resolve ${MODULES[i]} (is dist/rxjs-taskgroup built?)`);
    return { module: MODULES[i], names: new Set(checker.getExportsOfModule(symbol).map((s) => s.name)) };
  });
}

/** Compiles the files and returns each one's diagnostics. */
function compile(files, oldProgram) {
  const program = ts.createProgram(files, options, undefined, oldProgram);
  const byFile = new Map(files.map((file) => [file, []]));
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const list = diagnostic.file && byFile.get(diagnostic.file.fileName);
    if (list) list.push(diagnostic);
    else throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  }
  return { program, byFile };
}

function main() {
  if (!existsSync(join(dist, 'package.json'))) throw new Error('dist/rxjs-taskgroup is missing: run `npm run build:lib` first');
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  copyFileSync(join(root, 'scripts', 'readme-snippets-context.d.ts'), join(scratch, 'context.d.ts'));
  const all = snippets();
  const checked = all.filter((s) => !s.fragment);
  for (const s of checked) writeFileSync(fileOf(s), `${s.code}\nexport {};\n`);

  // First pass: which names does each excerpt use without declaring them?
  const modules = exportsByModule();
  const first = compile(checked.map(fileOf));
  for (const s of checked.filter((s) => !hasImport(s.code))) {
    const missing = new Set(first.byFile.get(fileOf(s)).filter((d) => MISSING_NAME.has(d.code))
      .map((d) => d.file.text.slice(d.start, d.start + d.length)));
    const imports = new Map();
    for (const name of missing) {
      const from = modules.find((m) => m.names.has(name));
      if (from) imports.set(from.module, [...(imports.get(from.module) ?? []), name]);
    }
    const lines = [...imports].map(([module, names]) => `import { ${names.join(', ')} } from '${module}';`);
    writeFileSync(fileOf(s), `${s.code}\nexport {};\n${lines.join('\n')}\n`);
  }

  // Second pass: the snippets as they will be judged.
  const { byFile } = compile(checked.map(fileOf), first.program);
  const counts = { passed: 0, failed: 0, skipped: all.length - checked.length };
  for (const s of all) {
    const where = `${s.readme}:${s.line - 1}`;
    if (s.fragment) {
      console.log(`[snippets] skipped ${where} (fenced as a fragment)`);
      continue;
    }
    const errors = byFile.get(fileOf(s));
    if (errors.length === 0) {
      counts.passed++;
      console.log(`[snippets] ok ${where}${hasImport(s.code) ? '' : ' (excerpt)'}`);
      continue;
    }
    counts.failed++;
    console.log(`[snippets] FAILED ${where}`);
    for (const d of errors) {
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
      console.log(`  ${s.readme}:${s.line + line}:${character + 1} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n    ')}`);
    }
  }
  console.log(`[snippets] ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (TypeScript ${ts.version})`);
  return counts;
}

let counts;
try {
  counts = main();
} catch (error) {
  console.error(`[snippets] ${error.message}`);
  counts = { passed: 0, failed: 1, skipped: 0 };
}
mkdirSync(dirname(resultFile), { recursive: true });
writeFileSync(resultFile, `${JSON.stringify({ suite: SUITE, ...counts }, null, 2)}\n`);
process.exitCode = counts.failed > 0 ? 1 : 0;
