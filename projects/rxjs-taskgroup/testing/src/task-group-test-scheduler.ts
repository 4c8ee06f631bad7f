import { TestScheduler } from 'rxjs/testing';
import { taskGroupMatcher } from './task-group-matcher';

/**
 * A `TestScheduler` that compares errors by their members: the one-liner for marble tests of
 * code that uses task groups.
 *
 * @example
 * ```ts
 * import { taskGroupTestScheduler, taskGroupError } from 'rxjs-taskgroup/testing';
 * import { withTaskGroup } from 'rxjs-taskgroup';
 *
 * taskGroupTestScheduler().run(({ cold, expectObservable }) => {
 *   const failing = cold('--#', undefined, new TypeError('bad'));
 *   expectObservable(withTaskGroup(tg => { tg.createTask(failing); }))
 *     .toBe('--#', undefined, taskGroupError(new TypeError('bad')));
 * });
 * ```
 *
 * @returns a new `TestScheduler` using {@link taskGroupMatcher}.
 */
export function taskGroupTestScheduler(): TestScheduler {
  return new TestScheduler(taskGroupMatcher);
}
