/**
 * Keeps synchronously nested groups off the call stack. A group started inside another group's
 * start (a task that is itself a group, say) adds every frame of that start to the stack, and a
 * group that completes synchronously hands its completion up through every level the same way.
 * Past {@link NESTING_LIMIT} levels the step waits until the outermost one returns and runs then:
 * still synchronously, inside the same outer call, in the order the steps were deferred.
 *
 * Starts and finishes share one count, so whatever mix of them nests, the stack holds at most
 * {@link NESTING_LIMIT} levels of groups.
 */
export const NESTING_LIMIT = 64;

type Step<A, B, C> = (a: A, b: B, c: C) => void;

let depth = 0;
let draining = false;
/** Deferred steps, flat: a function followed by its three arguments (no object per step). */
const waiting: unknown[] = [];

/**
 * Whether a step would be deferred now. When it would not, a step just made (say, a nested group's
 * unsubscription) has already run, and what must follow it can run directly, without a step.
 */
export function deferring(): boolean {
  return depth >= NESTING_LIMIT;
}

/** Runs `step(a, b, c)` now, or, too deep in nested groups, once the outermost one returns. */
export function nested<A, B, C>(step: Step<A, B, C>, a: A, b: B, c: C): void {
  if (depth >= NESTING_LIMIT) {
    waiting.push(step, a, b, c);
    return;
  }
  depth++;
  try {
    step(a, b, c);
  } finally {
    depth--;
  }
  if (depth === 0 && !draining) drain();
}

function drain(): void {
  draining = true;
  let thrown: { error: unknown } | undefined;
  // A step may defer more (a deeper level): the index sees what is appended. A step that throws
  // (steps catch what user code throws, so only a broken runtime would) must not drop the rest.
  for (let i = 0; i < waiting.length; i += 4) {
    const step = waiting[i] as Step<unknown, unknown, unknown>;
    const a = waiting[i + 1];
    const b = waiting[i + 2];
    const c = waiting[i + 3];
    waiting.fill(undefined, i, i + 4); // let go of what ran
    depth++;
    try {
      step(a, b, c);
    } catch (error) {
      thrown ??= { error };
    } finally {
      depth--;
    }
  }
  waiting.length = 0;
  draining = false;
  if (thrown) throw thrown.error;
}
