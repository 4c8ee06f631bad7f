// The scenarios, in run and table order.
export const SCENARIOS = ['gather-sync', 'gather-async', 'fail-fast', 'bounded', 'memory', 'size'];

export const loadScenario = (name) => import(`../scenarios/${name}.mjs`);
