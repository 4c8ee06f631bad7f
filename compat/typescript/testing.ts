// A strict consumer of `rxjs-taskgroup/testing` for scripts/check-typescript-versions.mjs.
import { of } from 'rxjs';
import { taskGroup } from 'rxjs-taskgroup';
import { taskGroupError, taskGroupMatcher, taskGroupTestScheduler, toComparable } from 'rxjs-taskgroup/testing';

taskGroupTestScheduler().run(({ cold, expectObservable }) => {
  const a = cold('-----1|');
  const b = cold('--#', undefined, new TypeError('bad'));
  expectObservable(of(a, b).pipe(taskGroup())).toBe('--#', undefined, taskGroupError(new TypeError('bad')));
});
export const matcher: (actual: unknown, expected: unknown) => void = taskGroupMatcher;
export const comparable: unknown = toComparable(new Error('x'));
