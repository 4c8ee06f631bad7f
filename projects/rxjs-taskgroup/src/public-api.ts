/*
 * Public API surface of rxjs-taskgroup.
 */
export * from './lib/index';
