/**
 * Marble-testing helpers for code that uses `rxjs-taskgroup`: a `TestScheduler` whose deep
 * equality compares errors by class and members, and a one-line expected `TaskGroupError`.
 *
 * @packageDocumentation
 */
export { toComparable } from './to-comparable';
export { taskGroupMatcher } from './task-group-matcher';
export { taskGroupTestScheduler } from './task-group-test-scheduler';
export { taskGroupError } from './task-group-error-of';
