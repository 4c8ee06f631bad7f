// The scenarios, in run and table order.
export const SCENARIOS = ['gather-sync', 'gather-async', 'fail-fast', 'bounded', 'memory', 'size', 'task-tree'];

export const loadScenario = (name) => import(`../scenarios/${name}.mjs`);
