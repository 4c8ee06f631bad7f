// A strict consumer of `rxjs-taskgroup` for scripts/check-typescript-versions.mjs, compiled
// with TypeScript 4.9 and 5.0 (skipLibCheck off: the package's .d.ts are checked too). It reads
// the inferred type of each helper, so a type that stops inferring fails to compile.
import { NEVER, concat, defer, from, map, of, throwError, type Observable } from 'rxjs';
import {
  TaskGroupError,
  TaskTimeoutError,
  cancelSiblingsOnError,
  catchTaskErrors,
  forkJoinTasks,
  formatTaskTree,
  reduceTaskTree,
  task,
  taskGroup,
  withTaskGroup,
  withTimeout,
  type TaskEvent,
  type TaskGroupSnapshot,
  type TaskOutcome,
} from 'rxjs-taskgroup';

interface User {
  name: string;
}
const user$: Observable<User> = of({ name: 'ada' });

export const results: Observable<(number | string)[]> = from([of(1), task(of('a'), { name: 'a', timeout: 100 })]).pipe(taskGroup());
export const outcomes: Observable<TaskOutcome<number>[]> = from([of(1)]).pipe(taskGroup({ settle: true }));
export const streamed: Observable<number> = from([of(1), of(2)]).pipe(cancelSiblingsOnError({ concurrency: 1 }));

// The value is inferred from the tasks, whatever options.tasks names.
export const name$: Observable<string> = forkJoinTasks(
  { user: ({ signal }) => (signal.aborted ? NEVER : user$), count: Promise.resolve(42) },
  { timeout: 1_000, tasks: { count: { timeout: 10 } } },
).pipe(
  catchTaskErrors(TaskTimeoutError, () => of({ user: { name: '' }, count: 0 })),
  map((value) => `${value.user.name} ${value.count.toFixed(0)}`),
);
export const tuple: Observable<[string, number]> = forkJoinTasks([of('a'), of(1)]);

export const started: Observable<unknown> = withTaskGroup((tg) => tg.start((ctx) => concat(defer(async () => ctx.started('token')), NEVER)));
export const typed: Observable<string> = withTaskGroup((tg) => tg.start<string>((ctx) => defer(async () => ctx.started('url'))));
export const deadline: Observable<number> = withTaskGroup((tg) => tg.createTask(of(1))).pipe(withTimeout(1_000));

const error = new TaskGroupError([new TypeError('t'), new RangeError('r')]);
export const types: TypeError[] | undefined = error.subgroup(TypeError)?.leaves();
export const failed: Observable<never> = throwError(() => error);

let tree: TaskGroupSnapshot | undefined;
const onEvent = (event: TaskEvent) => (tree = reduceTaskTree(tree, event));
withTaskGroup((tg) => void tg.createTask(of(1), { name: 'one' }), { onEvent }).subscribe();
export const printed: string = tree ? formatTaskTree(tree) : '';
