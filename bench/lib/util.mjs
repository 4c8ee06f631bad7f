// Small helpers shared by the scenarios and the peer adapters.

export const range = (n, f = (i) => i) => Array.from({ length: n }, (_, i) => f(i));

/** A lazy iterable of `n` inputs (for a million tasks, so no array of them exists). */
export const lazyRange = (n, f) => ({
  *[Symbol.iterator]() {
    for (let i = 0; i < n; i++) yield f(i);
  },
});

export const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** Waits (a macrotask at a time) until `condition()` holds. */
export async function until(condition, what, limitMs = 120_000) {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await nextTurn();
  }
}

export const gc = () => {
  if (typeof global.gc !== 'function') throw new Error('run node with --expose-gc');
  global.gc();
  global.gc();
};

/** Whether an error is (or aggregates) a stack overflow. */
export function isStackOverflow(error) {
  if (error instanceof RangeError && /call stack/i.test(error.message)) return true;
  return Array.isArray(error?.errors) && error.errors.some(isStackOverflow);
}

/** Checks that a gather returned 0, 1, …, n−1 in order. */
export function inOrder(result, n) {
  if (!Array.isArray(result) || result.length !== n) return false;
  for (let i = 0; i < n; i++) if (result[i] !== i) return false;
  return true;
}
