// Re-entrant user callbacks in Node, with no `config.onUnhandledError` set: nothing may escape as
// an uncaught exception (an internal error used to be rethrown from a timer and crash the process).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { config, NEVER, of, queueScheduler, switchMap, timer } from 'rxjs';
import { taskGroup, withTaskGroup } from './library.mjs';

/** Runs `scenario`, waits for timers to settle, and returns what escaped as uncaught exceptions. */
async function uncaughtDuring(scenario) {
  const escaped = [];
  const listener = error => escaped.push(error);
  const saved = config.onUnhandledError;
  config.onUnhandledError = null;
  process.on('uncaughtException', listener);
  try {
    await scenario();
    await new Promise(resolve => setTimeout(resolve, 30));
  } finally {
    process.off('uncaughtException', listener);
    config.onUnhandledError = saved;
  }
  return escaped;
}

describe('re-entrant callbacks in Node', () => {
  it('an operator whose onEvent aborts its signal at "started" completes, and nothing is thrown later', async () => {
    let ended;
    const escaped = await uncaughtDuring(async () => {
      const controller = new AbortController();
      await new Promise(resolve => {
        of(NEVER, timer(10))
          .pipe(taskGroup({ signal: controller.signal, onEvent: e => e.type === 'started' && controller.abort() }))
          .subscribe({ complete: () => resolve((ended = 'complete')), error: e => resolve((ended = e)) });
      });
    });
    assert.equal(ended, 'complete');
    assert.deepEqual(escaped, []);
  });

  it('a throwing onEvent on queueScheduler: the group still ends, and the error is reported afterwards, from a timer', async () => {
    const order = [];
    const broken = new Error('logger broke');
    const saved = config.onUnhandledError;
    config.onUnhandledError = error => order.push(error === broken ? 'reported: logger broke' : `reported: ${error}`);
    try {
      withTaskGroup(tg => {
        tg.createTask(NEVER, { onCancel: () => { order.push('cleanup'); return of(0); } });
        tg.createTask(timer(1).pipe(switchMap(() => { throw new Error('task failed'); })));
      }, { scheduler: queueScheduler, onEvent: e => { if (e.type === 'group-shutdown') throw broken; } })
        .subscribe({ error: () => order.push('group failed') });
      await new Promise(resolve => setTimeout(resolve, 30));
    } finally {
      config.onUnhandledError = saved;
    }
    assert.deepEqual(order, ['cleanup', 'group failed', 'reported: logger broke']);
  });
});
