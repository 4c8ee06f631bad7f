// RxJS itself: the baselines (forkJoin for gathers, merge / mergeAll for the rest).
import { forkJoin, from, mergeAll, Observable, of, Subject, defer, toArray } from 'rxjs';
import { lazyRange, range } from '../lib/util.mjs';
import { boom, recorder } from './outcome.mjs';

/** Subscribes and returns the last value; the Observable must finish synchronously. */
export function runSync(observable) {
  let value;
  let error;
  let state = 'running';
  observable.subscribe({
    next: (v) => (value = v),
    error: (e) => ((state = 'failed'), (error = e)),
    complete: () => (state = 'done'),
  });
  if (state === 'failed') throw error;
  if (state !== 'done') throw new Error('the Observable did not finish synchronously');
  return value;
}

/** The last value, as a Promise. */
export const toPromise = (observable) =>
  new Promise((resolve, reject) => {
    let value;
    observable.subscribe({ next: (v) => (value = v), error: reject, complete: () => resolve(value) });
  });

const syncTasks = (n) => range(n, (i) => of(i));
const asyncTasks = (n) => range(n, (i) => from(Promise.resolve(i)));
const boundedTasks = (n, lazy) => (lazy ? lazyRange : range)(n, (i) => of(i));

/**
 * `n` tasks that never complete and count their start and teardown; with `fail`, the last one is
 * a trigger that fails on demand. Shared by every RxJS-based peer (they differ in `operate`).
 */
export function rxHanging(operate) {
  return {
    cancels: true,
    prepare(n, counts, fail) {
      const release = () => void counts.teardowns++;
      const hang = () => {
        counts.started++;
        return release;
      };
      const inputs = range(fail ? n - 1 : n, () => new Observable(hang));
      const trigger = new Subject();
      const failing = defer(() => {
        counts.started++;
        return trigger;
      });
      if (fail) inputs.push(failing);
      return { inputs, fire: () => trigger.error(boom()) };
    },
    start(state, counts) {
      const record = recorder(counts);
      const source = operate(state.inputs); // kept while running: it may hold the task handles
      const subscription = source.subscribe({ error: record.report });
      return { record, source, stop: () => subscription.unsubscribe() };
    },
  };
}

/**
 * The floor a task cannot go below: one `subscribe` of `of(x)` and its teardown per task, results
 * kept in order, no scheduling, no queue, no bookkeeping. Bounded concurrency is reported as a
 * multiple of it (bench/lib/targets.mjs).
 */
function floor(tasks) {
  const results = new Array(tasks.length);
  let i = 0;
  const observer = { next: (value) => (results[i] = value) };
  for (; i < tasks.length; i++) tasks[i].subscribe(observer).unsubscribe();
  return results;
}

export default [
  {
    id: 'rxjs',
    lib: 'rxjs',
    role: 'baseline',
    gatherSync: { label: 'forkJoin', prepare: syncTasks, run: (tasks) => runSync(forkJoin(tasks)) },
    gatherAsync: { label: 'forkJoin', prepare: asyncTasks, run: (tasks) => toPromise(forkJoin(tasks)) },
    // merge(...tasks) is mergeAll over from(tasks); spreading 100,000 arguments is not an option.
    hanging: { label: 'merge', ...rxHanging((tasks) => from(tasks).pipe(mergeAll())) },
    memory: { label: 'mergeAll' },
    // One running, the rest waiting: what a queue costs per waiting task.
    queued: { label: 'mergeAll(1)', ...rxHanging((tasks) => from(tasks).pipe(mergeAll(1))) },
    bounded: {
      label: 'mergeAll(n)',
      prepare: boundedTasks,
      run: (tasks, concurrency) => runSync(from(tasks).pipe(mergeAll(concurrency), toArray())),
    },
  },
  {
    id: 'floor',
    lib: 'rxjs',
    role: 'reference',
    // Not a bounded peer at concurrency 1 (a million tasks are a million subscriptions in a loop;
    // nothing to overflow): only the concurrency-8 case, where it is the floor.
    bounded: { label: 'floor: subscribe + teardown of of(x)', prepare: (n) => range(n, (i) => of(i)), run: floor, floorOnly: true },
  },
];

export { syncTasks, asyncTasks, boundedTasks };
