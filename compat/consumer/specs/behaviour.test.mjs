// Behaviour of the ngc-compiled consumer (out/), run by scripts/check-angular-compat.mjs with
// Node's test runner in a scratch Angular project, under the Angular version installed there.
//
// A real application is bootstrapped without a DOM: `createApplication` (zoneless), with three
// providers that Node needs in place of ones that read `document` — a renderer that is never
// asked to render (no component is attached to a view; ApplicationRef.tick only calls its
// optional begin/end), the image checks of dev mode switched off, and an empty TransferState. The component is created in an
// injection context, as Angular creates it, and its resource's effects run on the
// application's ticks. `@angular/compiler` is loaded first, as in any JIT-capable Node
// process, so the partial declarations of Angular's own packages compile on use (an Angular
// CLI build links them ahead of time instead).
import '@angular/compiler';

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { IMAGE_CONFIG } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import {
  ApplicationRef, EnvironmentInjector, RendererFactory2, TransferState, VERSION, createEnvironmentInjector,
  provideZonelessChangeDetection, runInInjectionContext,
} from '@angular/core';
import { createApplication } from '@angular/platform-browser';
import { Observable, firstValueFrom, map, of, throwError, timer } from 'rxjs';
import { TaskCancelledError, TaskGroupError } from 'rxjs-taskgroup';
import { DELAYED_SOURCES, ProfileApi } from '../out/profile-api.js';
import { ProfileComponent, notFound } from '../out/profile.component.js';
import { comparable, failFastMarbleTest, forkJoinMarbleTest, mismatchMessage } from '../out/marbles.js';

const require = createRequire(import.meta.url);

/** An Observable that records whether it was unsubscribed before it finished. */
function tracked(source) {
  const state = { subscribed: 0, unsubscribed: 0 };
  const observable = new Observable((subscriber) => {
    state.subscribed++;
    let finished = false;
    const subscription = source.subscribe({
      next: (value) => subscriber.next(value),
      error: (error) => { finished = true; subscriber.error(error); },
      complete: () => { finished = true; subscriber.complete(); },
    });
    return () => {
      if (!finished) state.unsubscribed++;
      subscription.unsubscribe();
    };
  });
  return { observable, state };
}

/** Waits (in real time) until `condition()` holds, or fails after `ms`. */
async function until(condition, what, ms = 2_000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

let app;
before(async () => {
  app = await createApplication({
    providers: [
      provideZonelessChangeDetection(),
      { provide: RendererFactory2, useValue: { createRenderer: () => assert.fail('nothing is rendered in Node') } },
      { provide: IMAGE_CONFIG, useValue: { disableImageSizeWarning: true, disableImageLazyLoadWarning: true } },
      // An empty TransferState (Angular 22's resources look there for server-rendered values;
      // by default it is read from the document).
      { provide: TransferState, useValue: new TransferState() },
    ],
  });
});
after(() => app?.destroy());

/** A component's own injector: destroying it destroys what the component injected. */
function createComponent() {
  const injector = createEnvironmentInjector([], app.injector.get(EnvironmentInjector));
  const component = runInInjectionContext(injector, () => new ProfileComponent());
  return { component, injector };
}

describe('the installed versions', () => {
  it('Angular, Node and rxjs-taskgroup are the ones this leg is for', () => {
    assert.equal(VERSION.full, process.env.EXPECT_ANGULAR);
    assert.equal(process.versions.node.split('.')[0], process.env.EXPECT_NODE_MAJOR);
    assert.equal(require('rxjs-taskgroup/package.json').version, process.env.EXPECT_PACKAGE);
    // One rxjs for the app, Angular and the package: the handles are the app's Observables.
    assert.ok(app.injector.get(ProfileApi).profile(1) instanceof Observable);
  });
});

describe('the core operators in a root service', () => {
  it('forkJoinTasks loads a record of tasks', async () => {
    const api = app.injector.get(ProfileApi);
    assert.deepEqual(await firstValueFrom(api.profile(7)), { user: { id: 7, name: 'user 7' }, posts: ['post 7.1', 'post 7.2'] });
  });

  it('fail-fast: the first failure cancels the sibling at once and errors with a TaskGroupError', async () => {
    const api = new ProfileApi();
    const boom = new Error('posts failed');
    const slowUser = tracked(timer(1_000).pipe(map(() => ({ id: 1, name: 'late' }))));
    api.sources = { user: () => slowUser.observable, posts: () => timer(5).pipe(map(() => { throw boom; })) };
    const started = Date.now();
    const error = await firstValueFrom(api.profile(1)).then(() => assert.fail('should fail'), (e) => e);
    assert.ok(error instanceof TaskGroupError);
    assert.deepEqual(error.errors, [boom]);
    assert.deepEqual(slowUser.state, { subscribed: 1, unsubscribed: 1 });
    assert.ok(Date.now() - started < 500, 'did not wait for the cancelled sibling');
  });

  it('withTaskGroup: at most `concurrency` tasks at once, results in order', async () => {
    const api = new ProfileApi();
    let running = 0;
    let most = 0;
    api.sources = {
      ...api.sources,
      user: (id) => new Observable((subscriber) => {
        most = Math.max(most, ++running);
        const timeout = setTimeout(() => { subscriber.next({ id, name: `u${id}` }); subscriber.complete(); }, 10 - id);
        return () => { running--; clearTimeout(timeout); };
      }),
    };
    const users = await firstValueFrom(api.users([1, 2, 3, 4, 5], 2));
    assert.deepEqual(users.map((user) => user.name), ['u1', 'u2', 'u3', 'u4', 'u5']);
    assert.equal(most, 2);
  });

  it('settle: every outcome, none cancelled by another failure', async () => {
    const api = new ProfileApi();
    const failure = new Error('no user 2');
    api.sources = { ...api.sources, user: (id) => (id === 2 ? throwError(() => failure) : of({ id, name: `u${id}` })) };
    assert.deepEqual(await firstValueFrom(api.settled([1, 2, 3])), [
      { status: 'fulfilled', value: { id: 1, name: 'u1' } },
      { status: 'rejected', reason: failure },
      { status: 'fulfilled', value: { id: 3, name: 'u3' } },
    ]);
  });
});

describe('a component with taskGroupResource and injectTaskGroup', () => {
  it('the resource loads its tasks as one group: value, tasks and tree', async () => {
    const { component, injector } = createComponent();
    try {
      await until(() => component.profile.status() === 'resolved', 'the first load');
      assert.deepEqual(component.profile.value(), { user: { id: 1, name: 'user 1' }, posts: ['post 1.1', 'post 1.2'] });
      assert.deepEqual(component.taskNames(), ['user', 'posts']);
      assert.deepEqual(component.profile.taskTree().tasks.map((task) => [task.state, task.outcome]), [['done', 'fulfilled'], ['done', 'fulfilled']]);
      assert.equal(component.progress(), '2/2 loaded');

      component.next();
      await until(() => component.profile.value()?.user.id === 2, 'the load of the next params');
      assert.deepEqual(component.profile.value()?.posts, ['post 2.1', 'post 2.2']);
    } finally {
      injector.destroy();
    }
  });

  it('a change of params cancels the running group: its requests are unsubscribed', async () => {
    const api = app.injector.get(ProfileApi);
    const pending = tracked(new Observable(() => {}));
    api.sources = { ...api.sources, posts: (id) => (id === 1 ? pending.observable : of([`post ${id}`])) };
    const { component, injector } = createComponent();
    try {
      await until(() => pending.state.subscribed === 1, 'the first load to start');
      assert.equal(component.profile.status(), 'loading');
      component.next();
      await until(() => component.profile.status() === 'resolved', 'the second load');
      assert.deepEqual(pending.state, { subscribed: 1, unsubscribed: 1 });
      assert.deepEqual(component.profile.value()?.posts, ['post 2']);
    } finally {
      injector.destroy();
      api.sources = DELAYED_SOURCES;
    }
  });

  it('a failing task fails the load fast: error() is the TaskGroupError, the sibling is cancelled', async () => {
    const api = app.injector.get(ProfileApi);
    const boom = new Error('posts failed');
    const slowUser = tracked(timer(1_000).pipe(map(() => ({ id: 1, name: 'late' }))));
    api.sources = { user: () => slowUser.observable, posts: () => timer(5).pipe(map(() => { throw boom; })) };
    const { component, injector } = createComponent();
    try {
      await until(() => component.profile.status() === 'error', 'the load to fail');
      const error = component.profile.error();
      assert.ok(error instanceof TaskGroupError, `${error}`);
      assert.deepEqual(error.errors, [boom]);
      assert.deepEqual(slowUser.state, { subscribed: 1, unsubscribed: 1 });
      assert.deepEqual(component.profile.taskTree().tasks.map((task) => [task.name, task.outcome]), [['user', 'cancelled'], ['posts', 'failed']]);
    } finally {
      injector.destroy();
      api.sources = DELAYED_SOURCES;
    }
  });

  it("injectTaskGroup ('keep-going'): failures stay in their tasks; destroying the injector cancels the rest", async () => {
    const { component, injector } = createComponent();
    const missing = component.upload('missing', notFound('/api/missing'));
    assert.equal(missing.result(), null);
    const broken = component.upload('broken', throwError(() => new HttpErrorResponse({ status: 500 })));
    assert.equal(broken.exception()?.status, 500);
    const slow = tracked(new Observable(() => {}));
    const running = component.upload('slow', slow.observable);
    assert.equal(component.uploads.running(), 1);
    assert.equal(component.uploads.errors().length, 1);
    assert.equal(component.uploads.closed(), false);
    assert.match(component.tree(), /slow/);

    injector.destroy();
    assert.equal(running.cancelled(), true);
    assert.throws(() => running.result(), TaskCancelledError);
    assert.deepEqual(slow.state, { subscribed: 1, unsubscribed: 1 });
    assert.equal(component.uploads.closed(), true);
    await app.injector.get(ApplicationRef).whenStable();
  });
});

describe('rxjs-taskgroup/testing', () => {
  it('marble tests with taskGroupTestScheduler and taskGroupError pass', () => {
    failFastMarbleTest();
    forkJoinMarbleTest();
  });

  it('and fail when the expectation is wrong, with a readable difference', () => {
    assert.throws(() => failFastMarbleTest(3));
    assert.match(mismatchMessage() ?? '', /differ at/);
    assert.notDeepEqual(comparable(new TypeError('a')), comparable(new RangeError('a')));
  });
});
