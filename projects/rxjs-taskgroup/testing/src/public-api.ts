/*
 * Public API surface of rxjs-taskgroup/testing.
 */
export { toComparable } from './to-comparable';
export { taskGroupMatcher } from './task-group-matcher';
export { taskGroupTestScheduler } from './task-group-test-scheduler';
export { taskGroupError } from './task-group-error-of';
