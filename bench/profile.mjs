#!/usr/bin/env node
// Profiles one peer in one timed scenario, for the engine's owner:
//
//   node --expose-gc --cpu-prof --cpu-prof-dir=/tmp/prof bench/profile.mjs bounded withTaskGroup
//   node bench/profile.mjs --summary /tmp/prof/CPU.….cpuprofile
//
// The first runs the peer's operation (same inputs and sizes as the full run) in a loop inside
// a function named `measured`; the second prints the top self-time functions of the samples
// taken inside `measured`, and the garbage collector's share of the whole profile.
// Scenarios: gather-sync, gather-async, fail-fast (n = 10,000), bounded (concurrency 8).
import { readFileSync } from 'node:fs';
import { selfTimes } from './lib/cpuprofile.mjs';
import { ensureBuilt, snapshotPackage } from './lib/dist.mjs';

const OPS = {
  'gather-sync': (peer) => loop(peer.gatherSync, 10_000, (op, input) => op.run(input)),
  'gather-async': (peer) => loop(peer.gatherAsync, 10_000, (op, input) => op.run(input)),
  bounded: (peer) => loop(peer.bounded, 100_000, (op, input) => op.run(input, 8)),
  'fail-fast': (peer) => failFast(peer.hanging, 10_000),
};

async function loop(op, n, call, runs = 30) {
  const input = op.prepare(n, false);
  async function measured() {
    return call(op, input);
  }
  for (let i = 0; i < runs; i++) await measured();
}

async function failFast(hanging, n, runs = 60) {
  const { prepareHanging, startHanging } = await import('./lib/hanging.mjs');
  function measured(state) {
    state.fire();
  }
  for (let i = 0; i < runs; i++) {
    const prepared = prepareHanging(hanging, n, true);
    await startHanging(hanging, prepared);
    global.gc?.();
    measured(prepared.state);
  }
}

function summary(file) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const { totalMs, rows } = selfTimes(profile, 'measured');
  const gc = selfTimes(profile, '(root)').rows.find((r) => r.name.startsWith('(garbage collector)'));
  console.log(`inside measured(): ${totalMs.toFixed(0)} ms; garbage collector (whole profile): ${gc ? gc.ms.toFixed(0) : 0} ms`);
  for (const r of rows.slice(0, 15)) console.log(`${r.ms.toFixed(1).padStart(9)} ms ${(r.share * 100).toFixed(1).padStart(5)} %  ${r.name}`);
}

const [first, second] = process.argv.slice(2);
if (first === '--summary') {
  summary(second);
} else {
  if (!OPS[first]) throw new Error(`usage: profile.mjs <${Object.keys(OPS).join('|')}> <peer id>`);
  ensureBuilt();
  snapshotPackage();
  const { PEERS } = await import('./peers/index.mjs');
  const peer = PEERS.find((p) => p.id === second);
  if (!peer) throw new Error(`peers: ${PEERS.map((p) => p.id).join(', ')}`);
  await OPS[first](peer);
}
