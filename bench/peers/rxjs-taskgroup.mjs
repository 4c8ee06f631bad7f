// The library under test, from its built package: taskGroup(), withTaskGroup + createTask, and the
// variants users also write (forkJoin over the handles, forkJoinTasks).
import { concat, defer, forkJoin, from, of } from 'rxjs';
import { loadTaskGroup } from '../lib/dist.mjs';
import { asyncTasks, boundedTasks, rxHanging, runSync, syncTasks, toPromise } from './rxjs.mjs';

const { taskGroup, withTaskGroup, forkJoinTasks } = await loadTaskGroup();

/** asyncio's idiom: create the tasks in the block, read `task.result()` after it. */
const gatherWith = (tasks, options) =>
  defer(() => {
    const handles = [];
    const group = withTaskGroup((tg) => {
      for (const task of tasks) handles.push(tg.createTask(task)); // tasks may be a lazy iterable
    }, options);
    return concat(group, defer(() => of(handles.map((handle) => handle.result()))));
  });

/** The README's idiom: the body returns forkJoin over the handles. */
const gatherForkJoin = (tasks) => withTaskGroup((tg) => forkJoin(tasks.map((task) => tg.createTask(task))));

/** withTaskGroup keeping every handle, as a caller does. */
function hangWith(tasks, options) {
  const handles = [];
  return withTaskGroup((tg) => {
    for (const task of tasks) handles.push(tg.createTask(task));
  }, options);
}

export default [
  {
    id: 'taskGroup',
    lib: 'rxjs-taskgroup',
    role: 'subject',
    label: 'taskGroup()',
    gatherSync: { prepare: syncTasks, run: (tasks) => runSync(from(tasks).pipe(taskGroup())) },
    gatherAsync: { prepare: asyncTasks, run: (tasks) => toPromise(from(tasks).pipe(taskGroup())) },
    hanging: rxHanging((tasks) => from(tasks).pipe(taskGroup())),
    queued: rxHanging((tasks) => from(tasks).pipe(taskGroup({ concurrency: 1 }))),
    bounded: {
      prepare: boundedTasks,
      run: (tasks, concurrency) => runSync(from(tasks).pipe(taskGroup({ concurrency }))),
    },
  },
  {
    id: 'withTaskGroup',
    lib: 'rxjs-taskgroup',
    role: 'subject',
    label: 'withTaskGroup + createTask',
    gatherSync: { prepare: syncTasks, run: (tasks) => runSync(gatherWith(tasks)) },
    gatherAsync: { prepare: asyncTasks, run: (tasks) => toPromise(gatherWith(tasks)) },
    hanging: rxHanging(hangWith),
    queued: rxHanging((tasks) => hangWith(tasks, { concurrency: 1 })),
    bounded: {
      prepare: boundedTasks,
      run: (tasks, concurrency) => runSync(gatherWith(tasks, { concurrency })),
    },
  },
  {
    id: 'withTaskGroup-forkJoin',
    lib: 'rxjs-taskgroup',
    role: 'variant',
    label: 'withTaskGroup → forkJoin(handles)',
    gatherSync: { prepare: syncTasks, run: (tasks) => runSync(gatherForkJoin(tasks)) },
    gatherAsync: { prepare: asyncTasks, run: (tasks) => toPromise(gatherForkJoin(tasks)) },
  },
  {
    id: 'forkJoinTasks',
    lib: 'rxjs-taskgroup',
    role: 'variant',
    label: 'forkJoinTasks(tasks)',
    gatherSync: { prepare: syncTasks, run: (tasks) => runSync(forkJoinTasks(tasks)) },
    gatherAsync: { prepare: asyncTasks, run: (tasks) => toPromise(forkJoinTasks(tasks)) },
  },
];
