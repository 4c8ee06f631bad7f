// The `rxjs-taskgroup/testing` helpers, as a user's marble tests call them. Each function runs
// one marble test and throws when it fails (TestScheduler's flush calls the matcher).
import { forkJoinTasks, withTaskGroup } from 'rxjs-taskgroup';
import { taskGroupError, taskGroupMatcher, taskGroupTestScheduler, toComparable } from 'rxjs-taskgroup/testing';

/** A failure at frame 2 fails the group at once and unsubscribes its sibling there. */
export function failFastMarbleTest(expectedFrame = 2): void {
  taskGroupTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
    const failing = cold<never>('--#', undefined, new TypeError('bad'));
    const sibling = cold<string>('-----a|');
    const group = withTaskGroup<never>((tg) => {
      tg.createTask(failing, { name: 'failing' });
      tg.createTask(sibling, { name: 'sibling' });
    });
    expectObservable(group).toBe(`${'-'.repeat(expectedFrame)}#`, undefined, taskGroupError(new TypeError('bad')));
    expectSubscriptions(sibling.subscriptions).toBe(`^${'-'.repeat(expectedFrame - 1)}!`);
  });
}

/** `forkJoinTasks` emits every task's last value, by key, when the last one completes. */
export function forkJoinMarbleTest(): void {
  taskGroupTestScheduler().run(({ cold, expectObservable }) => {
    const result = forkJoinTasks({ user: cold('-u|', { u: 'ada' }), count: cold('---c|', { c: 2 }) });
    expectObservable(result).toBe('----(r|)', { r: { user: 'ada', count: 2 } });
  });
}

/** A value compared by its members, as the matcher sees it. */
export function comparable(error: unknown): unknown {
  return toComparable(error);
}

/** The matcher's message when two groups' errors differ. */
export function mismatchMessage(): string | undefined {
  try {
    taskGroupMatcher(taskGroupError(new TypeError('a')), taskGroupError(new RangeError('a')));
    return undefined;
  } catch (error: unknown) {
    return error instanceof Error ? error.message : String(error);
  }
}
