// Running a peer's "hanging" tasks: n tasks that never complete, each counting its start and
// its teardown. Used by fail-fast (one of them fails) and memory (all stay alive).
import { until } from './util.mjs';

/** Makes the n task inputs (not started yet). */
export function prepareHanging(hanging, n, fail) {
  const counts = { started: 0, teardowns: 0 };
  return { n, counts, state: hanging.prepare(n, counts, fail) };
}

/** Starts prepared tasks; resolves with the run once every one of them has started. */
export async function startHanging(hanging, { n, counts, state }) {
  const run = hanging.start(state, counts);
  await until(() => counts.started === n, `${n} tasks to start`);
  return run;
}

/** The error a peer reported is ours (possibly inside a TaskGroupError / AggregateError). */
export const isBoom = (error) => error?.message === 'boom' || (Array.isArray(error?.errors) && error.errors.some(isBoom));
