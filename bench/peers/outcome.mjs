// What every peer's "hanging tasks" run reports: when the group's error arrived, and how many
// siblings had been torn down at that moment.

export function recorder(counts) {
  let resolve;
  const record = {
    settled: false,
    outcome: new Promise((r) => (resolve = r)),
    report(error) {
      if (record.settled) return;
      record.settled = true;
      resolve({ error, teardownsAtError: counts.teardowns });
    },
  };
  return record;
}

export const boom = () => new Error('boom');
