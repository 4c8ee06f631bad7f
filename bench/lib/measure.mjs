// Timing with tinybench, in rounds: every case of a scenario gets a share of its runs in each
// round, and each round starts with a different case, so a slow spell of the machine (it is
// shared, with 2 cores) hits every case alike instead of the one that happened to run then.
import { Bench } from 'tinybench';

/**
 * The samples (ms) of one tinybench task. `fn` may be async, and may return
 * `{ overriddenDuration }` to time only part of an iteration (fail-fast times the failure, not
 * the setup). budget: { iterations (at least), time (ms, at least), warmup (iterations) }.
 */
async function samples(fn, { iterations, time, warmup }) {
  const bench = new Bench({
    iterations,
    time,
    warmup: warmup > 0,
    warmupIterations: warmup,
    warmupTime: 0,
    retainSamples: true,
    throws: true,
  });
  bench.add('case', fn);
  await bench.run();
  const { result } = bench.tasks[0];
  if (result.state !== 'completed') throw result.error ?? new Error(`tinybench: ${result.state}`);
  return result.latency.samples;
}

/**
 * Runs every case's `fn` for `plan.rounds` rounds (plan: { rounds, iterations, time, warmup };
 * the warm-up only in its first round), rotating the order each round. Fills `samples`, or
 * `error` when a case throws (it is then left out of the later rounds).
 */
export async function timeInRounds(cases) {
  const rounds = Math.max(0, ...cases.map((c) => c.plan.rounds));
  for (let round = 0; round < rounds; round++) {
    const order = cases.map((_, i) => cases[(i + round) % cases.length]);
    for (const c of order) {
      if (c.error || round >= c.plan.rounds) continue;
      const { iterations, time, warmup } = c.plan;
      try {
        (c.samples ??= []).push(...(await samples(c.fn, { iterations, time, warmup: round === 0 ? warmup : 0 })));
      } catch (error) {
        c.error = error;
      }
    }
  }
}
