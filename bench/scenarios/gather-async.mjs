// 2. gather, asynchronous: 10,000 tasks that each resolve after a microtask.
import { gatherRows } from '../lib/gather.mjs';

export const id = 'gather-async';
export const title = '2. gather, asynchronous';
export const what =
  '10,000 tasks that each resolve after a microtask (`from(promise)` of a resolved promise, ' +
  '`Effect.promise`, Effection `until`); time until the results are out. Baseline `forkJoin(tasks)`.';

export const run = (context) => gatherRows(id, 'gatherAsync', context);
