// Every library compared, in table order. A peer takes part in a scenario when it has the
// scenario's operation (gatherSync, gatherAsync, hanging, bounded).
import effect from './effect.mjs';
import effection from './effection.mjs';
import promise from './promise.mjs';
import rxjs from './rxjs.mjs';
import taskgroup from './rxjs-taskgroup.mjs';

export const PEERS = [...rxjs, ...taskgroup, ...promise, ...effection, ...effect];
