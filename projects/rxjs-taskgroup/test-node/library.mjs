// The built package, as a user installs it (run `npm run build:lib` first; `npm test` does).
export * from '../../../dist/rxjs-taskgroup/fesm2022/rxjs-taskgroup.mjs';
