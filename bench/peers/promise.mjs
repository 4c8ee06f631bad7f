// Plain Promises: Promise.all and p-map. Neither can cancel a running task, so in fail-fast they
// only show how fast a rejection arrives (their siblings keep running).
import pMap from 'p-map';
import { range } from '../lib/util.mjs';
import { boom, recorder } from './outcome.mjs';

function prepareHanging(n, counts, fail) {
  // A real pending task can still be settled by something: keep the resolvers reachable, or the
  // pending promises (and Promise.all's bookkeeping for them) are garbage at once.
  const resolvers = [];
  const pending = () => {
    counts.started++;
    return new Promise((resolve) => void resolvers.push(resolve));
  };
  const inputs = range(fail ? n - 1 : n, () => pending);
  let fire;
  const trigger = () => {
    counts.started++;
    return new Promise((_, reject) => (fire = () => reject(boom())));
  };
  if (fail) inputs.push(trigger);
  return { inputs, resolvers, fire: () => fire() };
}

/** Starts the thunks with `gather` (Promise.all or p-map); `stop` can only let go of them. */
const hanging = (gather) => ({
  cancels: false,
  prepare: prepareHanging,
  start(state, counts) {
    const record = recorder(counts);
    gather(state.inputs).catch(record.report);
    return { record, resolvers: state.resolvers, stop: () => {} };
  },
});

const resolved = (n) => range(n, (i) => Promise.resolve(i));

export default [
  {
    id: 'promise-all',
    lib: 'node',
    role: 'reference',
    label: 'Promise.all',
    gatherSync: { prepare: range, run: (values) => Promise.all(values) },
    gatherAsync: { prepare: resolved, run: (promises) => Promise.all(promises) },
    hanging: hanging((thunks) => Promise.all(thunks.map((start) => start()))),
  },
  {
    id: 'p-map',
    lib: 'p-map',
    role: 'peer',
    label: 'p-map',
    gatherSync: { prepare: range, run: (values) => pMap(values, (value) => value) },
    gatherAsync: { prepare: resolved, run: (promises) => pMap(promises, (value) => value) },
    hanging: hanging((thunks) => pMap(thunks, (start) => start())),
    bounded: {
      prepare: (n) => range(n),
      run: (values, concurrency) => pMap(values, (value) => value, { concurrency }),
    },
  },
];
