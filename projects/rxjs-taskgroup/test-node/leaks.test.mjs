// Leaks: listeners left on signals, and what a finished group still holds. Run with
// --expose-gc: WeakRefs prove that values and subscriptions became collectable.
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { describe, it } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';
import { from, lastValueFrom, NEVER, Observable, of, throwError, timer } from 'rxjs';
import { map } from 'rxjs';
import { taskGroup, withTaskGroup } from './library.mjs';

/** Collects garbage until the WeakRef is cleared, or gives up after a few rounds. */
async function collected(ref) {
  for (let round = 0; round < 10 && ref.deref() !== undefined; round++) {
    await tick();
    globalThis.gc();
  }
  return ref.deref() === undefined;
}

const abortListeners = signal => getEventListeners(signal, 'abort').length;

describe('leaks', () => {
  assert.equal(typeof globalThis.gc, 'function', 'run with node --expose-gc');

  it('removes its listener from options.signal when the group completes', async () => {
    const controller = new AbortController();
    await lastValueFrom(of(of(1), of(2)).pipe(taskGroup({ signal: controller.signal })));
    assert.equal(abortListeners(controller.signal), 0);
  });

  it('removes its listener from options.signal when the group fails, or is cancelled by it', async () => {
    const failing = new AbortController();
    await lastValueFrom(of(throwError(() => new Error('x'))).pipe(taskGroup({ signal: failing.signal }))).catch(() => {});
    assert.equal(abortListeners(failing.signal), 0);

    const cancelling = new AbortController();
    const done = lastValueFrom(withTaskGroup(tg => { tg.createTask(NEVER); }, { signal: cancelling.signal }), {
      defaultValue: 'completed',
    });
    assert.equal(abortListeners(cancelling.signal), 1);
    cancelling.abort('stop');
    assert.equal(await done, 'completed');
    assert.equal(abortListeners(cancelling.signal), 0);
  });

  it('removes its listener when the subscriber unsubscribes', () => {
    const controller = new AbortController();
    const subscription = withTaskGroup(tg => { tg.createTask(NEVER); }, { signal: controller.signal }).subscribe();
    subscription.unsubscribe();
    assert.equal(abortListeners(controller.signal), 0);
  });

  it('leaves no listener on a task’s signal once the task has ended, even when a nested group used it', async () => {
    const signals = [];
    await lastValueFrom(
      withTaskGroup(tg => {
        for (let i = 0; i < 3; i++) {
          tg.createTask(ctx => {
            signals.push(ctx.signal);
            return withTaskGroup(inner => { inner.createTask(timer(5)); }, { signal: ctx.signal });
          });
        }
      }),
      { defaultValue: undefined },
    );
    assert.equal(signals.length, 3);
    for (const signal of signals) assert.equal(abortListeners(signal), 0);
  });

  it('leaves no listener on the signals of cancelled tasks', async () => {
    const signals = [];
    await lastValueFrom(
      withTaskGroup(tg => {
        for (let i = 0; i < 3; i++) {
          tg.createTask(ctx => {
            signals.push(ctx.signal);
            return withTaskGroup(inner => { inner.createTask(NEVER); }, { signal: ctx.signal });
          });
        }
        tg.createTask(timer(5).pipe(map(() => { throw new Error('fail'); })));
      }),
    ).catch(() => {});
    for (const signal of signals) {
      assert.ok(signal.aborted);
      assert.equal(abortListeners(signal), 0);
    }
  });

  it('a finished group holds neither its tasks’ values nor their Observables', async () => {
    let group;
    let valueRef;
    let observableRef;
    await (async () => {
      const value = { big: new Array(1000).fill('x') };
      const observable = of(value);
      valueRef = new WeakRef(value);
      observableRef = new WeakRef(observable);
      await lastValueFrom(withTaskGroup(tg => { group = tg; tg.createTask(observable); }), { defaultValue: undefined });
    })();
    assert.ok(group, 'the group itself is still referenced');
    assert.ok(await collected(valueRef), 'the task value was collected');
    assert.ok(await collected(observableRef), 'the task Observable was collected');
  });

  it('a task handle kept after its group finished keeps its result, not the group', async () => {
    let handle;
    let groupRef;
    await (async () => {
      await lastValueFrom(
        withTaskGroup(tg => {
          groupRef = new WeakRef(tg);
          handle = tg.createTask(of('kept'));
        }),
        { defaultValue: undefined },
      );
    })();
    assert.ok(await collected(groupRef), 'the group was collected');
    assert.equal(handle.result(), 'kept');
  });

  it('an operator group lets go of results it has emitted and of the tasks behind them', async () => {
    const refs = [];
    await (async () => {
      const inputs = [];
      for (let i = 0; i < 100; i++) {
        const value = { i };
        refs.push(new WeakRef(value));
        inputs.push(of(value));
      }
      const results = await lastValueFrom(from(inputs).pipe(taskGroup()));
      assert.equal(results.length, 100);
    })();
    for (const ref of refs) assert.ok(await collected(ref));
  });

  it('a long-running group does not keep the values of its finished tasks', async () => {
    const refs = [];
    let release;
    const finished = new Promise(resolve => (release = resolve));
    const done = lastValueFrom(
      withTaskGroup(tg => {
        for (let i = 0; i < 50; i++) {
          const value = { i };
          refs.push(new WeakRef(value));
          tg.createTask(of(value));
        }
        tg.createTask(new Observable(subscriber => { release(); finished.then(() => subscriber.complete()); }));
        return new Observable(subscriber => {
          // While the group still runs (the last task is pending), the finished values must be collectable.
          (async () => {
            for (const ref of refs) assert.ok(await collected(ref), 'a finished task’s value was kept');
            subscriber.complete();
          })().catch(e => subscriber.error(e));
        });
      }),
      { defaultValue: undefined },
    );
    await finished;
    await done;
  });
});
