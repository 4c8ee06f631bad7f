// Runs scenarios in a fresh process (started by run.mjs with --expose-gc) and sends their rows
// back over IPC. A full run gives each scenario its own process, so no scenario's heap or JIT
// state leaks into the next; the quick run shares one, to spare the start-up time.
import { loadScenario } from './scenarios.mjs';

const [names, mode] = process.argv.slice(2);

/** A scenario that threw: one failed row. */
const crashRow = (scenario, error) => ({ scenario, case: 'crash', n: 0, peer: '-', label: '-', role: 'crash', error: String(error?.stack ?? error) });

const rows = [];
for (const name of names.split(',')) {
  try {
    const scenario = await loadScenario(name);
    // Loaded here, after run.mjs made sure dist/ is built; size needs no peer.
    const peers = name === 'size' ? [] : (await import('../peers/index.mjs')).PEERS;
    rows.push(...(await scenario.run({ quick: mode === '--quick', peers })));
  } catch (error) {
    rows.push(crashRow(name, error));
  }
}
process.send({ rows });
