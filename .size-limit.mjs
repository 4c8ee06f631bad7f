// size-limit's budgets (`npm run size`; in `npm test` through scripts/check-size.mjs): what each
// import costs in the built package, dist/rxjs-taskgroup (build it first: `npm run build:lib`).
//
// Each figure is esbuild's tree-shaken, minified bundle of one `import` of the entry point,
// gzipped at level 9, with the peers (rxjs, and @angular/* for the angular entry point) left
// external. The bundle is ESM, as an application's bundler makes it: size-limit's esbuild plugin
// would make an IIFE that loads rxjs through a `require` shim, which is why this is a JavaScript
// config (`modifyEsbuildConfig`) and not .size-limit.json. size-limit reports what the import adds
// to an empty project, so for one export it reads 46 B less than the whole file that bundle is.
//
// Limits are in bytes, written "N B": for size-limit 1 kB = 1,000 B (its output rounds to
// 0.1 kB; scripts/check-size.mjs prints exact bytes). Core, taskGroup and withTimeout have the
// budgets of the size issue; every other entry has a limit about 10% above what it measured when
// it was set (withTaskGroup 6,041 B, catchTaskErrors 1,159 B, forkJoinTasks 6,701 B, angular
// 8,167 B), so that growth is noticed.

/** ESM for the browser, as an application's bundler makes it. */
const esm = (config) => ({ ...config, format: 'esm', platform: 'browser' });

const core = 'dist/rxjs-taskgroup/fesm2022/rxjs-taskgroup.mjs';
const angular = 'dist/rxjs-taskgroup/fesm2022/rxjs-taskgroup-angular.mjs';

/** One check: `imports` of `path`, min+gzip, ESM, peers external. */
const entry = (name, path, imports, limit, ignore = ['rxjs']) =>
  ({ name, path, import: imports, ignore, gzip: true, limit, modifyEsbuildConfig: esm });

export default [
  entry('core: every export', core, '*', '4000 B'),
  entry('taskGroup', core, '{ taskGroup }', '3000 B'),
  entry('withTaskGroup', core, '{ withTaskGroup }', '6650 B'),
  entry('withTimeout', core, '{ withTimeout }', '1200 B'),
  entry('catchTaskErrors', core, '{ catchTaskErrors }', '1275 B'),
  entry('forkJoinTasks', core, '{ forkJoinTasks }', '7370 B'),
  // Every export of rxjs-taskgroup/angular, with the parts of the core that it uses.
  entry('rxjs-taskgroup/angular: every export', angular, '*', '8980 B', ['rxjs', '@angular/*']),
];
