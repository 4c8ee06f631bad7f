/**
 * `injectTaskGroup`: a group that lives as long as its DestroyRef, with signals of its tasks,
 * under either failure policy.
 */
import { HttpClient, HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, DestroyRef, EnvironmentInjector, ErrorHandler, Injector, createEnvironmentInjector, inject, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { NEVER, Subject, config, defer, of, throwError, timer } from 'rxjs';
import { TaskCancelledError, TaskGroupError, TaskStateError, TaskTimeoutError } from 'rxjs-taskgroup';
import { injectTaskGroup, type InjectTaskGroupOptions } from 'rxjs-taskgroup/angular';

/** A child injector to destroy, with the group created in it. */
function scoped(options?: InjectTaskGroupOptions) {
  const injector = createEnvironmentInjector([], TestBed.inject(EnvironmentInjector));
  const group = injectTaskGroup({ ...options, injector });
  return { group, destroy: () => injector.destroy() };
}

describe('injectTaskGroup', () => {
  /** What reached Angular's ErrorHandler (a recording one: the default would log each to the console). */
  let handled: unknown[];
  beforeEach(() => {
    handled = [];
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(), provideHttpClient(), provideHttpClientTesting(),
        { provide: ErrorHandler, useValue: { handleError: (error: unknown) => handled.push(error) } },
      ],
    });
  });

  describe('in a long-lived place', () => {
    it("routes failures nobody handles to Angular's ErrorHandler: each one under 'keep-going'", () => {
      const { group } = scoped({ failurePolicy: 'keep-going' });
      const first = new Error('first');
      group.createTask(throwError(() => first));
      expect(handled).toEqual([first]);
      expect(handled[0]).toBe(first);
      expect(group.errors()).toEqual([first]);
    });

    it("routes the group's TaskGroupError to the ErrorHandler under 'fail-fast'", () => {
      const { group } = scoped();
      const boom = new Error('boom');
      group.createTask(throwError(() => boom));
      expect(handled).toHaveSize(1);
      expect(handled[0]).toBeInstanceOf(TaskGroupError);
      expect((handled[0] as TaskGroupError).errors[0]).toBe(boom);
    });

    it("goes on after a 'fail-fast' failure with reset(): a fresh group, its signals as at the start", () => {
      const { group } = scoped();
      const oldSignal = group.signal;
      group.createTask(throwError(() => new Error('boom')));
      expect(group.closed()).toBeTrue();
      expect(oldSignal.aborted).toBeTrue();
      expect(() => group.createTask(of(1))).toThrowError(TaskStateError);
      group.reset();
      expect(group.closed()).toBeFalse();
      expect(group.error()).toBeUndefined();
      expect(group.errors()).toEqual([]);
      expect(group.signal.aborted).toBeFalse();
      expect(group.createTask(of(2)).result()).toBe(2);
      expect(group.taskTree().done).toEqual({ fulfilled: 1, failed: 0, cancelled: 0 });
    });

    it('reset() cancels a group still open: its running task is cancelled, its cleanup runs', () => {
      const { group } = scoped({ failurePolicy: 'keep-going' });
      const cleanup = jasmine.createSpy('cleanup').and.returnValue(of(undefined));
      const task = group.createTask(NEVER, { onCancel: cleanup });
      group.reset();
      expect(task.cancelled()).toBeTrue();
      expect(cleanup).toHaveBeenCalledTimes(1);
      expect(group.tasks()).toEqual([]);
    });

    it('refuses reset() once its DestroyRef is destroyed', () => {
      const { group, destroy } = scoped();
      destroy();
      expect(() => group.reset()).toThrowError(TaskStateError);
    });

    it('clearErrors() empties errors(); new failures are listed again', () => {
      const { group } = scoped({ failurePolicy: 'keep-going', onError: () => undefined });
      const first = new Error('first');
      const second = new Error('second');
      group.createTask(throwError(() => first));
      group.clearErrors();
      expect(group.errors()).toEqual([]);
      group.createTask(throwError(() => second));
      expect(group.errors()).toEqual([second]);
      expect(handled).toEqual([]); // onError handled them
    });

    it('has start, snapshot and signal as a group has', () => {
      const { group, destroy } = scoped();
      const ready = jasmine.createSpy('ready');
      group.start<string>(ctx => {
        ctx.started('connected');
        return NEVER;
      }, { name: 'socket' }).subscribe(ready);
      expect(ready).toHaveBeenCalledOnceWith('connected');
      const snapshot = group.snapshot();
      expect(snapshot.tasks.map(t => `${t.name}: ${t.state}`)).toEqual(['socket: running']);
      const { signal } = group;
      expect(signal.aborted).toBeFalse();
      destroy();
      expect(signal.aborted).toBeTrue();
    });
  });

  it('needs an injection context, an injector or a DestroyRef', () => {
    expect(() => injectTaskGroup()).toThrowError(/injection context/);
    const group = TestBed.runInInjectionContext(() => injectTaskGroup());
    expect(group.closed()).toBeFalse();
    const destroyRef = TestBed.inject(Injector).get(DestroyRef);
    expect(injectTaskGroup({ destroyRef }).closed()).toBeFalse();
  });

  it('rejects an unknown failure policy at once', () => {
    expect(() => scoped({ failurePolicy: 'retry' as never })).toThrowError(TypeError, /failurePolicy/);
  });

  it('rejects an option that does not exist at once, naming it', () => {
    expect(() => scoped({ failurPolicy: 'keep-going' } as never)).toThrowError(
      TypeError,
      'injectTaskGroup: options: "failurPolicy" is not an option ' +
        '(expected failurePolicy, onError, concurrency, timeout, scheduler, onEvent, injector, destroyRef)',
    );
  });

  it('accepts tasks at any time; tasks() lists the unfinished ones and running() counts them', () => {
    const { group } = scoped({ concurrency: 2 });
    const gates = [new Subject<number>(), new Subject<number>(), new Subject<number>()];
    const handles = gates.map((gate, i) => group.createTask(gate, { name: `t${i}` }));
    expect(group.tasks().map(t => [t.name, t.state])).toEqual([['t0', 'running'], ['t1', 'running'], ['t2', 'queued']]);
    expect(group.running()).toBe(2);
    gates[0].next(10);
    gates[0].complete();
    expect(handles[0].result()).toBe(10);
    expect(group.tasks().map(t => [t.name, t.state])).toEqual([['t1', 'running'], ['t2', 'running']]);
    // The core's TaskSnapshot; the tree lists the tasks not done and counts the others.
    expect(group.tasks()[0]).toEqual({ name: 't1', index: 1, state: 'running', shield: false, startTime: jasmine.any(Number), groups: [] });
    expect(group.taskTree().tasks).toBe(group.tasks());
    expect(group.taskTree().done).toEqual({ fulfilled: 1, failed: 0, cancelled: 0 });
    gates[1].complete();
    gates[2].complete();
    expect(group.tasks()).toEqual([]);
    expect(group.running()).toBe(0);
    expect(group.taskTree()).toEqual({ state: 'open', listening: true, tasks: [], done: { fulfilled: 3, failed: 0, cancelled: 0 }, groups: [] });
    // Later still: the group is open.
    expect(group.createTask(of('later')).result()).toBe('later');
  });

  it('destroying the DestroyRef cancels every task and still runs their cleanups', () => {
    const { group, destroy } = scoped();
    const log: string[] = [];
    const cleanup = new Subject<void>();
    const task = group.createTask(NEVER, { name: 'slow', onCancel: reason => { log.push(`cleanup: ${reason.name}`); return cleanup; } });
    destroy();
    expect(task.cancelled()).toBeTrue();
    expect(log).toEqual(['cleanup: TaskCancelledError']);
    expect(group.closed()).toBeTrue();
    expect(group.tasks().map(t => [t.state, t.outcome])).toEqual([['cleanup', 'cancelled']]);
    expect(group.taskTree().state).toBe('shutting-down');
    cleanup.complete();
    expect(group.tasks()).toEqual([]);
    expect(group.taskTree().state).toBe('finished');
    expect(group.taskTree().done).toEqual({ fulfilled: 0, failed: 0, cancelled: 1 });
    expect(() => group.createTask(of(1))).toThrowError(TaskStateError);
  });

  describe("'fail-fast' (the default)", () => {
    it('the first failure cancels the others; error() holds the TaskGroupError; the group is then closed', () => {
      const onError = jasmine.createSpy('onError');
      const { group } = scoped({ onError });
      const boom = new Error('boom');
      const failing = new Subject<never>();
      const sibling = group.createTask(NEVER, { name: 'sibling' });
      group.createTask(failing, { name: 'failing' });
      failing.error(boom);
      expect(sibling.cancelled()).toBeTrue();
      expect(group.error()).toEqual(new TaskGroupError([boom]));
      expect(group.error()!.errors).toEqual([boom]);
      expect(group.errors()).toEqual([boom]);
      expect(group.closed()).toBeTrue();
      expect(onError).toHaveBeenCalledOnceWith(group.error(), undefined);
      expect(() => group.createTask(of(1))).toThrowError(TaskStateError);
      expect(group.tasks()).toEqual([]);
      expect(group.taskTree().state).toBe('finished');
      expect(group.taskTree().done).toEqual({ fulfilled: 0, failed: 1, cancelled: 1 });
    });

    it('cancel() cancels every task; the group is closed without error', () => {
      const { group } = scoped();
      const task = group.createTask(NEVER);
      group.cancel('enough');
      expect(task.cancelled()).toBeTrue();
      expect(group.closed()).toBeTrue();
      expect(group.error()).toBeUndefined();
    });
  });

  describe("'keep-going'", () => {
    it('reports each failure as itself, with its task, and goes on accepting tasks', () => {
      const onError = jasmine.createSpy('onError');
      const { group } = scoped({ failurePolicy: 'keep-going', onError });
      const first = new Error('first');
      const second = new Error('second');
      const survivor = new Subject<string>();
      const kept = group.createTask(survivor, { name: 'survivor' });
      const a = group.createTask(throwError(() => first), { name: 'a' });
      const b = group.createTask(defer(() => throwError(() => second)));
      expect(group.errors()).toEqual([first, second]);
      expect(onError.calls.allArgs()).toEqual([[first, { name: 'a', index: 1 }], [second, { name: 'task-2', index: 2 }]]);
      expect(group.error()).toBeUndefined();
      expect(group.closed()).toBeFalse();
      expect(kept.done()).toBeFalse();
      expect(group.tasks().map(t => t.name)).toEqual(['survivor']);
      expect(group.taskTree().done).toEqual({ fulfilled: 0, failed: 2, cancelled: 0 });
      // tasks() is plain data; the failed tasks' handles have the errors, and tell the truth.
      expect(a.done()).toBeTrue();
      expect(a.exception()).toBe(first);
      expect(() => b.result()).toThrow(second);
      let delivered: unknown;
      a.subscribe({ error: e => (delivered = e) });
      expect(delivered).toBe(first);
      // And the group is still open.
      survivor.next('alive');
      survivor.complete();
      expect(kept.result()).toBe('alive');
      expect(group.createTask(of(3), { name: 'c' }).result()).toBe(3);
    });

    it('an onError that throws is reported to onUnhandledError; the group stays open and errors() keeps every error', async () => {
      const unhandled: unknown[] = [];
      const saved = config.onUnhandledError;
      config.onUnhandledError = error => unhandled.push(error);
      try {
        const broken = new Error('onError broke');
        const first = new Error('first');
        const second = new Error('second');
        const onError = jasmine.createSpy('onError').and.callFake(() => {
          if (onError.calls.count() === 1) throw broken;
        });
        const { group } = scoped({ failurePolicy: 'keep-going', onError });
        const failed = group.createTask(throwError(() => first), { name: 'a' });
        expect(failed.exception()).toBe(first);
        expect(group.closed()).toBeFalse();
        expect(group.errors()).toHaveSize(1);
        expect(group.errors()[0]).toBe(first);
        expect(group.createTask(of('after'), { name: 'b' }).result()).toBe('after');
        group.createTask(throwError(() => second), { name: 'c' });
        expect(onError.calls.allArgs()).toEqual([[first, { name: 'a', index: 0 }], [second, { name: 'c', index: 2 }]]);
        expect(group.errors()).toHaveSize(2);
        expect(group.errors()[1]).toBe(second);
        expect(group.error()).toBeUndefined();
        expect(group.closed()).toBeFalse();
        await new Promise(resolve => setTimeout(resolve, 0));
        expect(unhandled).toHaveSize(1);
        expect(unhandled[0]).toBe(broken);
      } finally {
        config.onUnhandledError = saved;
      }
    });

    it('keeps no record of the tasks it ran: the tree lists the unfinished ones and counts the rest', () => {
      const { group } = scoped({ failurePolicy: 'keep-going' });
      for (let i = 0; i < 100; i++) group.createTask(i % 10 ? of(i) : throwError(() => new Error(`${i}`)));
      const gate = new Subject<void>();
      group.createTask(gate, { name: 'last' });
      expect(group.taskTree().tasks.map(t => [t.name, t.index, t.state])).toEqual([['last', 100, 'running']]);
      expect(group.taskTree().done).toEqual({ fulfilled: 90, failed: 10, cancelled: 0 });
      gate.complete();
      expect(group.taskTree().tasks).toEqual([]);
      expect(group.taskTree().done).toEqual({ fulfilled: 91, failed: 10, cancelled: 0 });
    });

    it('a timeout fails only its own task, after its cleanup', () => {
      TestBed.runInInjectionContext(() => {
        jasmine.clock().install();
        try {
          const log: string[] = [];
          const group = injectTaskGroup({ failurePolicy: 'keep-going' });
          const slow = group.createTask(timer(1_000), { name: 'slow', timeout: 10, onCancel: () => { log.push('cleanup'); return of(0); } });
          const other = group.createTask(NEVER, { name: 'other' });
          jasmine.clock().tick(11);
          expect(log).toEqual(['cleanup']);
          expect(slow.exception()).toBeInstanceOf(TaskTimeoutError);
          expect(group.errors()[0]).toBeInstanceOf(TaskTimeoutError);
          expect(other.done()).toBeFalse();
          expect(group.tasks().map(t => t.name)).toEqual(['other']);
          expect(group.taskTree().done).toEqual({ fulfilled: 0, failed: 1, cancelled: 0 });
        } finally {
          jasmine.clock().uninstall();
        }
      });
    });

    it('a bad task or bad options throw at once, as tg.createTask does, and leave no trace', () => {
      const { group } = scoped({ failurePolicy: 'keep-going' });
      expect(() => group.createTask('text' as never)).toThrowError(TypeError);
      expect(() => group.createTask(of(1), { timeout: -1 })).toThrowError(RangeError);
      expect(group.tasks()).toEqual([]);
      expect(group.errors()).toEqual([]);
      expect(group.createTask(of(2)).result()).toBe(2);
    });

    it('refuses a bad task at call time, even one that would queue; the group goes on', () => {
      const { group } = scoped({ failurePolicy: 'keep-going', concurrency: 1 });
      const gate = new Subject<void>();
      group.createTask(gate);
      expect(() => group.createTask(of(1), { timeout: -1 })).toThrowError(RangeError);
      gate.complete();
      expect(group.errors()).toEqual([]);
      expect(group.closed()).toBeFalse();
      expect(group.createTask(of(2)).result()).toBe(2);
    });

    it('onEvent sees each task under its own name and index, and the group events of the long-lived group only', () => {
      const events: string[] = [];
      const { group, destroy } = scoped({
        failurePolicy: 'keep-going',
        concurrency: 1,
        onEvent: e => events.push(`${e.type}${e.task ? ` ${e.task.name}#${e.task.index}` : ''}`),
      });
      group.createTask(of('a'), { name: 'a' });
      group.createTask(NEVER, { name: 'b' });
      group.createTask(of('c'), { name: 'c' });
      destroy();
      expect(events).toEqual([
        'started a#0', 'value a#0', 'completed a#0',
        'started b#1',
        'queued c#2',
        'group-shutdown', 'cancelled b#1', 'cancelled c#2', 'group-finished',
      ]);
    });

    it('queues past its concurrency; a queued task can be cancelled; cancel() ends them all', () => {
      const { group } = scoped({ failurePolicy: 'keep-going', concurrency: 1 });
      const running = group.createTask(NEVER, { name: 'running' });
      const queued = group.createTask(of(1), { name: 'queued' });
      expect(group.tasks().map(t => [t.name, t.state])).toEqual([['running', 'running'], ['queued', 'queued']]);
      expect(() => queued.result()).toThrowError(TaskStateError);
      expect(queued.cancel()).toBeTrue();
      expect(queued.cancelled()).toBeTrue();
      expect(() => queued.result()).toThrowError(TaskCancelledError);
      expect(group.tasks().map(t => t.name)).toEqual(['running']);
      expect(group.taskTree().done).toEqual({ fulfilled: 0, failed: 0, cancelled: 1 });
      group.cancel();
      expect(running.cancelled()).toBeTrue();
      expect(group.closed()).toBeTrue();
      expect(group.errors()).toEqual([]);
    });
  });

  describe('in a component', () => {
    const cleanups: string[] = [];

    @Component({ selector: 'test-uploads', template: `{{ uploads.running() }} uploading` })
    class UploadsComponent {
      private readonly http = inject(HttpClient);
      readonly uploads = injectTaskGroup({ failurePolicy: 'keep-going' });

      upload(name: string) {
        return this.uploads.createTask(this.http.post(`/api/upload/${name}`, name), {
          name,
          // A cleanup that itself calls the server: the group waits for it.
          onCancel: () => {
            cleanups.push(name);
            return this.http.delete(`/api/upload/${name}`);
          },
        });
      }
    }

    beforeEach(() => (cleanups.length = 0));

    it('destroyed mid-load: every request is aborted and every cleanup runs, its own request included', async () => {
      const http = TestBed.inject(HttpTestingController);
      const fixture = TestBed.createComponent(UploadsComponent);
      const component = fixture.componentInstance;
      const failed = component.upload('broken');
      component.upload('a.png');
      component.upload('b.png');
      http.expectOne('/api/upload/broken').flush('no', { status: 500, statusText: 'Server Error' });
      expect(failed.exception()).toBeInstanceOf(HttpErrorResponse);
      const pending = [http.expectOne('/api/upload/a.png'), http.expectOne('/api/upload/b.png')];
      fixture.detectChanges();
      expect(fixture.nativeElement.textContent).toContain('2 uploading');

      fixture.destroy();

      expect(pending.map(req => req.cancelled)).toEqual([true, true]);
      expect(cleanups.sort()).toEqual(['a.png', 'b.png']);
      const deletes = http.match(req => req.method === 'DELETE');
      expect(deletes.map(req => req.request.url).sort()).toEqual(['/api/upload/a.png', '/api/upload/b.png']);
      expect(component.uploads.tasks().map(t => t.state)).toEqual(['cleanup', 'cleanup']);
      deletes.forEach(req => req.flush(null));
      expect(component.uploads.tasks()).toEqual([]);
      http.verify();
    });
  });
});
