/**
 * The trampoline that keeps nested groups off the call stack (internal; the public behaviour is
 * in nested-groups.spec.ts and test-node/stack-safety.test.mjs).
 */
import { nested, NESTING_LIMIT } from '../lib/internal/trampoline';

describe('the trampoline (internal): nested groups kept off the call stack', () => {
  /** A step that nests itself `left` more times, logging each level on the way in and out. */
  function descend(log: string[], level: number, left: number): void {
    log.push(`in ${level}`);
    if (left > 0) nested(descend, log, level + 1, left - 1);
    log.push(`out ${level}`);
  }

  it('runs a step at once while the nesting is shallow', () => {
    const log: string[] = [];
    nested((a: string, b: number, c: boolean) => log.push(`${a} ${b} ${c}`), 'ran', 1, true);
    expect(log).toEqual(['ran 1 true']);
  });

  it(`defers the step past ${NESTING_LIMIT} levels and runs it before the outermost call returns`, () => {
    const entered: number[] = [];
    const step = (level: number): void => {
      entered.push(level);
      if (level < NESTING_LIMIT + 10) nested(step, level + 1, undefined, undefined);
      if (level === NESTING_LIMIT - 1) {
        // The next level was deferred: it has not run yet, though its call has returned.
        expect(entered).not.toContain(NESTING_LIMIT);
      }
    };
    nested(step, 0, undefined, undefined);
    expect(entered).toEqual(Array.from({ length: NESTING_LIMIT + 11 }, (_, level) => level));
  });

  it('runs deferred steps in the order they were deferred', () => {
    const order: string[] = [];
    const fill = (depth: number): void => {
      if (depth < NESTING_LIMIT) {
        nested(fill, depth + 1, undefined, undefined);
        return;
      }
      // At the limit: these three wait, in this order.
      for (const name of ['a', 'b', 'c']) nested((n: string) => order.push(n), name, undefined, undefined);
      expect(order).toEqual([]);
    };
    nested(fill, 1, undefined, undefined);
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('runs the deferred steps left after one throws, then rethrows the first error', () => {
    const ran: string[] = [];
    const first = new Error('first');
    const fill = (depth: number): void => {
      if (depth < NESTING_LIMIT) {
        nested(fill, depth + 1, undefined, undefined);
        return;
      }
      nested(() => { throw first; }, undefined, undefined, undefined);
      nested(() => { throw new Error('second'); }, undefined, undefined, undefined);
      nested(() => ran.push('after'), undefined, undefined, undefined);
    };
    expect(() => nested(fill, 1, undefined, undefined)).toThrow(first);
    expect(ran).toEqual(['after']);
    // The trampoline is usable again afterwards.
    const log: string[] = [];
    nested(descend, log, 0, 2);
    expect(log).toEqual(['in 0', 'in 1', 'in 2', 'out 2', 'out 1', 'out 0']);
  });
});
