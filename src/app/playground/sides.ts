import { TimelineLane, formatSeconds } from '../timeline/timeline';

/** How one side of a side-by-side card stands: `errored` in red, the rest in the muted colour. */
export interface SideStatus {
  readonly state: 'idle' | 'running' | 'completed' | 'errored';
  readonly text: string;
}

/** What kind of code a side runs: it decides what its ending means. */
export type SideKind = 'forkJoin' | 'task group';

/** One side of a card that runs two versions of the same work at once (the forkJoin card). */
export interface ScenarioSide {
  /** The label of the side's outermost lane: the side's lanes are that lane and the lanes under it. */
  readonly lane: string;
  readonly kind: SideKind;
  /** Its result section's heading (the scenario's `format`), shown in its column. */
  readonly heading: string;
  /** Whether the card's task tree goes in this side's column. */
  readonly tree?: boolean;
}

/** The lanes of each outermost lane (a depth-0 lane and every lane after it up to the next one), by label. */
export function lanesBySide(lanes: readonly TimelineLane[]): Map<string, TimelineLane[]> {
  const sides = new Map<string, TimelineLane[]>();
  let current: TimelineLane[] | undefined;
  for (const lane of lanes) {
    if (lane.depth === 0) {
      current = [];
      sides.set(lane.label, current);
    }
    current?.push(lane);
  }
  return sides;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const failed = (lane: TimelineLane) => lane.state === 'failed' || lane.state === 'timed out';

/**
 * How a side stands, from its lanes: running, or how it ended. forkJoin reports the first error
 * and stops there: the cleanups it fired run on unwatched, and every failure after its error (a
 * cleanup's, another call's) reaches no one. A task group ends after every cleanup, with one
 * TaskGroupError holding every failed task and every failed cleanup.
 */
export function sideStatus(kind: SideKind, lanes: readonly TimelineLane[]): SideStatus {
  const [group, ...tasks] = lanes;
  if (!group) return { state: 'idle', text: 'not run yet' };
  const cleanups = tasks.filter((lane) => lane.cleanup !== undefined);
  const cleaning = cleanups.filter((lane) => lane.cleanup!.end === undefined).length;
  const cleanupFailures = cleanups.filter((lane) => lane.cleanup!.failed).length;
  const taskFailures = tasks.filter(failed).length;

  if (group.state !== 'finished') {
    if (kind === 'task group' && group.state === 'shutting down') {
      return { state: 'running', text: `shutting down: waiting for ${plural(cleaning, 'cleanup')} before it reports` };
    }
    return { state: 'running', text: `running: ${plural(tasks.filter((lane) => lane.state === 'running').length, 'call')} out` };
  }
  const at = group.end === undefined ? '' : ` at ${formatSeconds(group.end)}`;

  if (kind === 'forkJoin') {
    if (taskFailures === 0) return { state: 'completed', text: `completed${at}` };
    const landed = cleanups.filter((lane) => lane.cleanup!.end !== undefined && !lane.cleanup!.failed).length;
    const lost = taskFailures - 1 + cleanupFailures;
    const after = [
      cleaning > 0 ? `${plural(cleaning, 'cleanup')} still running, unwatched` : '',
      landed > 0 ? `${plural(landed, 'cleanup')} done after its error` : '',
      lost > 0 ? `${plural(lost, 'failure')} lost` : '',
    ].filter(Boolean);
    return { state: 'errored', text: `errored with 1 error${at}${after.length > 0 ? `; ${after.join(', ')}` : ''}` };
  }

  const errors = taskFailures + cleanupFailures;
  const waited = cleanups.length === 0 ? '' : cleanups.length === 1 ? ', after its cleanup' : cleanups.length === 2 ? ', after both cleanups' : `, after all ${cleanups.length} cleanups`;
  if (errors === 0) return { state: 'completed', text: `completed${at}${waited}` };
  return { state: 'errored', text: `errored with TaskGroupError of ${errors}${at}${waited}` };
}
