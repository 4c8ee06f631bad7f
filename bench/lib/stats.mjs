// Descriptive statistics of a set of runs: median, min, max.

export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) throw new Error('no samples');
  const mid = n >> 1;
  const median = n % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[n - 1], runs: n };
}

/** Runs `fn` `runs` times (sequentially, awaiting each) and summarizes what it returns. */
export async function repeat(runs, fn) {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await fn(i));
  return summarize(samples);
}
