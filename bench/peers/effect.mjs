// Effect: Effect.all with { concurrency }.
import { Effect } from 'effect';
import { lazyRange, range } from '../lib/util.mjs';
import { boom, recorder } from './outcome.mjs';

const UNBOUNDED = { concurrency: 'unbounded' };

function prepareHanging(n, counts, fail) {
  const hang = Effect.suspend(() => {
    counts.started++;
    return Effect.never;
  }).pipe(
    Effect.onInterrupt(() => Effect.sync(() => void counts.teardowns++)),
  );
  const inputs = range(fail ? n - 1 : n, () => hang);
  let fire;
  const trigger = Effect.callback((resume) => {
    counts.started++;
    fire = () => resume(Effect.fail(boom()));
  });
  if (fail) inputs.push(trigger);
  return { inputs, fire: () => fire() };
}

function startHanging(state, counts) {
  const record = recorder(counts);
  const controller = new AbortController();
  Effect.runPromise(Effect.all(state.inputs, UNBOUNDED), { signal: controller.signal }).catch(record.report);
  return { record, stop: () => controller.abort() };
}

const tasks = (n, lazy, make) => (lazy ? lazyRange : range)(n, make);

export default [
  {
    id: 'effect',
    lib: 'effect',
    role: 'peer',
    label: 'Effect.all',
    // A synchronous task is `Effect.sync(() => i)`: a computation that runs, as `of(i)` is one
    // that must be subscribed. (Effect.succeed(i) is an already-finished Exit: see below.)
    gatherSync: {
      label: 'Effect.all (Effect.sync)',
      prepare: (n) => tasks(n, false, (i) => Effect.sync(() => i)),
      run: (effects) => Effect.runSync(Effect.all(effects, UNBOUNDED)),
    },
    gatherAsync: {
      label: 'Effect.all (Effect.promise)',
      prepare: (n) => range(n, (i) => Promise.resolve(i)).map((p) => Effect.promise(() => p)),
      run: (effects) => Effect.runPromise(Effect.all(effects, UNBOUNDED)),
    },
    hanging: { cancels: true, prepare: prepareHanging, start: startHanging },
    bounded: {
      label: 'Effect.all (Effect.sync)',
      prepare: (n, lazy) => tasks(n, lazy, (i) => Effect.sync(() => i)),
      run: (effects, concurrency) => Effect.runSync(Effect.all(effects, { concurrency })),
    },
  },
  {
    // Effect.succeed(i) is a finished result, not a computation: Effect.all collects such values
    // without running a fiber for each. Shown for reference; nothing runs, so it is not compared.
    id: 'effect-succeed',
    lib: 'effect',
    role: 'variant',
    label: 'Effect.all (Effect.succeed)',
    gatherSync: {
      prepare: (n) => tasks(n, false, (i) => Effect.succeed(i)),
      run: (effects) => Effect.runSync(Effect.all(effects, UNBOUNDED)),
    },
    bounded: {
      prepare: (n, lazy) => tasks(n, lazy, (i) => Effect.succeed(i)),
      run: (effects, concurrency) => Effect.runSync(Effect.all(effects, { concurrency })),
    },
  },
];
