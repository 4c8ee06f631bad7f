// Self time per function in a .cpuprofile (as written by `node --cpu-prof`), counting only the
// samples taken inside a function of a given name (the measured part, not the setup).

const frameName = ({ functionName, url, lineNumber }) =>
  `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;

export function selfTimes(profile, focus) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const inside = new Map();
  const isInside = (id) => {
    if (!inside.has(id)) {
      const parent = parentOf.get(id);
      inside.set(id, byId.get(id).callFrame.functionName === focus || (parent !== undefined && isInside(parent)));
    }
    return inside.get(id);
  };
  const times = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    if (!isInside(id)) return;
    const dt = profile.timeDeltas[i] ?? 0;
    const name = frameName(byId.get(id).callFrame);
    times.set(name, (times.get(name) ?? 0) + dt);
    total += dt;
  });
  const rows = [...times].sort((a, b) => b[1] - a[1]).map(([name, us]) => ({ name, ms: us / 1000, share: us / total }));
  return { totalMs: total / 1000, rows };
}
