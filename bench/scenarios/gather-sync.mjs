// 1. gather, synchronous: 10,000 tasks that complete at once with a value; results in input order.
import { gatherRows } from '../lib/gather.mjs';

export const id = 'gather-sync';
export const title = '1. gather, synchronous';
export const what =
  '10,000 tasks that complete at once with a value (`of(i)`, `Effect.succeed(i)`, a plain value); ' +
  'time until the array of results, in input order, is out. Baseline `forkJoin(tasks)`.';

export const run = (context) => gatherRows(id, 'gatherSync', context);
