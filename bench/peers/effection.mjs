// Effection: all() inside run(). It has no concurrency limit for all(), so no bounded scenario.
import { all, run, suspend, until, withResolvers } from 'effection';
import { range } from '../lib/util.mjs';
import { boom, recorder } from './outcome.mjs';

/** An operation that returns at once: a synchronous task. */
const constant = (value) => ({
  // eslint-disable-next-line require-yield
  *[Symbol.iterator]() {
    return value;
  },
});

function prepareHanging(n, counts, fail) {
  const hang = {
    *[Symbol.iterator]() {
      counts.started++;
      try {
        yield* suspend();
      } finally {
        counts.teardowns++;
      }
    },
  };
  const inputs = range(fail ? n - 1 : n, () => hang);
  const trigger = withResolvers();
  if (fail) {
    inputs.push({
      *[Symbol.iterator]() {
        counts.started++;
        yield* trigger.operation;
        throw boom();
      },
    });
  }
  return { inputs, fire: () => trigger.resolve() };
}

function startHanging(state, counts) {
  const record = recorder(counts);
  const task = run(() => all(state.inputs));
  task.then(undefined, record.report);
  return { record, stop: () => task.halt() };
}

export default [
  {
    id: 'effection',
    lib: 'effection',
    role: 'peer',
    label: 'Effection all',
    slow: true,
    gatherSync: { prepare: (n) => range(n, constant), run: (ops) => run(() => all(ops)) },
    gatherAsync: {
      prepare: (n) => range(n, (i) => Promise.resolve(i)).map((p) => ({ [Symbol.iterator]: () => until(p)[Symbol.iterator]() })),
      run: (ops) => run(() => all(ops)),
    },
    hanging: { cancels: true, prepare: prepareHanging, start: startHanging },
  },
];
