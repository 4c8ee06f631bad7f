/**
 * `taskGroupResource`: a resource whose loader is a group, proven on HttpClient with
 * HttpTestingController (`TestRequest.cancelled` is an aborted request).
 */
import { HttpClient, HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, Injector, inject, provideZonelessChangeDetection, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { EMPTY, Subject, forkJoin, map, of, throwError, timer, type Observable } from 'rxjs';
import { TaskGroupError, type TaskEvent } from 'rxjs-taskgroup';
import { httpError, taskGroupResource } from 'rxjs-taskgroup/angular';

interface User {
  name: string;
}

describe('taskGroupResource', () => {
  let http: HttpTestingController;
  let client: HttpClient;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    client = TestBed.inject(HttpClient);
  });

  afterEach(() => http.verify());

  /** Runs the resource's effects, then lets its loader's promise settle (a resource resolves a microtask later). */
  async function settle() {
    TestBed.tick();
    await new Promise(resolve => setTimeout(resolve));
    TestBed.tick();
  }

  it('loads its tasks as one group: value() by key, tasks() with each outcome', async () => {
    const ref = TestBed.runInInjectionContext(() =>
      taskGroupResource({
        tasks: () => ({ user: client.get<User>('/api/delay/0.8'), stats: client.get<number[]>('/api/delay/1.5') }),
      }),
    );
    TestBed.tick();
    expect(ref.status()).toBe('loading');
    expect(ref.isLoading()).toBeTrue();
    expect(ref.tasks().map(t => [t.name, t.state])).toEqual([['user', 'running'], ['stats', 'running']]);
    http.expectOne('/api/delay/0.8').flush({ name: 'Ada' });
    // tasks(): what the group still waits for; taskTree().tasks: every task of the load.
    expect(ref.tasks().map(t => [t.name, t.state])).toEqual([['stats', 'running']]);
    expect(ref.taskTree().tasks.map(t => [t.name, t.state])).toEqual([['user', 'done'], ['stats', 'running']]);
    http.expectOne('/api/delay/1.5').flush([1, 2]);
    await settle();
    expect(ref.status()).toBe('resolved');
    const value = ref.value();
    expect(value).toEqual({ user: { name: 'Ada' }, stats: [1, 2] });
    // Typed like forkJoin's record.
    const name: string | undefined = value?.user.name;
    expect(name).toBe('Ada');
    // The core's TaskSnapshot: plain data; the results are value()'s.
    expect(ref.taskTree().tasks[1]).toEqual({ name: 'stats', index: 1, state: 'done', shield: false, startTime: jasmine.any(Number), groups: [], outcome: 'fulfilled' });
    expect(JSON.parse(JSON.stringify(ref.taskTree().tasks))).toEqual(ref.taskTree().tasks as unknown);
    expect(ref.taskTree().state).toBe('finished');
    expect(ref.tasks()).toEqual([]); // nothing left to wait for
    expect(ref.taskTree().done).toEqual({ fulfilled: 2, failed: 0, cancelled: 0 });
  });

  it('a failure aborts the other requests; error() is the TaskGroupError, matched by httpError', async () => {
    const ref = TestBed.runInInjectionContext(() =>
      taskGroupResource({
        tasks: () => [client.get('/api/delay/5'), client.get('/api/status/503')],
      }),
    );
    TestBed.tick();
    const slow = http.expectOne('/api/delay/5');
    http.expectOne('/api/status/503').flush('down', { status: 503, statusText: 'Service Unavailable' });
    expect(slow.cancelled).toBeTrue();
    await settle();
    expect(ref.status()).toBe('error');
    const error = ref.error() as TaskGroupError;
    expect(error).toBeInstanceOf(TaskGroupError);
    expect(error.errors.length).toBe(1);
    expect(error.split(httpError(s => s >= 500))[1]).toBeUndefined();
    expect((error.errors[0] as HttpErrorResponse).status).toBe(503);
    expect(ref.taskTree().tasks.map(t => [t.name, t.state, t.outcome])).toEqual([['task-0', 'done', 'cancelled'], ['task-1', 'done', 'failed']]);
    // The failure as text; the error object is error()'s.
    expect(ref.taskTree().tasks[1].error).toBe(`HttpErrorResponse: ${(error.errors[0] as HttpErrorResponse).message}`);
    expect(ref.taskTree().done).toEqual({ fulfilled: 0, failed: 1, cancelled: 1 });
  });

  it("tasks() shows a sibling's cleanup while it runs, a timeout and a failed cleanup, and a queued task cancelled", async () => {
    const cleanup = new Subject<void>();
    const ref = TestBed.runInInjectionContext(() =>
      taskGroupResource({
        concurrency: 3,
        tasks: () => ({
          slow: client.get('/api/slow'),
          timed: client.get('/api/timed'),
          failing: client.get('/api/failing'),
          waiting: client.get('/api/waiting'),
        }),
        taskOptions: {
          slow: { onCancel: () => cleanup },
          timed: { timeout: 10, onCancel: () => throwError(() => new Error('undo failed')) },
        },
      }),
    );
    jasmine.clock().install();
    try {
      TestBed.tick();
      const slow = http.expectOne('/api/slow');
      const timed = http.expectOne('/api/timed');
      http.expectOne('/api/failing');
      http.expectNone('/api/waiting');
      expect(ref.tasks().map(t => t.state)).toEqual(['running', 'running', 'running', 'queued']);
      // Each change gives a new tree and leaves the old one as it was.
      const tree = ref.taskTree();
      jasmine.clock().tick(11);
      expect(timed.cancelled).toBeTrue();
      expect(ref.taskTree().tasks[1]).toEqual(jasmine.objectContaining({ name: 'timed', state: 'done', outcome: 'failed' }));
      // Its cleanup failed after its timeout: the text is the cleanup's.
      expect(ref.taskTree().tasks[1].error).toBe('cleanup failed: Error: undo failed');
      expect(slow.cancelled).toBeTrue();
      expect(ref.tasks().map(t => [t.name, t.state])).toEqual([['slow', 'cleanup']]); // what the group waits for
      expect(ref.taskTree().tasks.map(t => [t.name, t.state, t.outcome])).toEqual([
        ['slow', 'cleanup', 'cancelled'],
        ['timed', 'done', 'failed'],
        ['failing', 'done', 'cancelled'],
        ['waiting', 'done', 'cancelled'],
      ]);
      expect(ref.taskTree().state).toBe('shutting-down');
      expect(tree.state).toBe('open');
      cleanup.complete();
      expect(ref.taskTree().tasks[0].state).toBe('done');
      expect(ref.taskTree().state).toBe('finished');
    } finally {
      jasmine.clock().uninstall();
    }
    await settle();
    expect(ref.status()).toBe('error');
  });

  it('a params change cancels the running group (requests aborted, cleanups run) and loads again', async () => {
    const id = signal(1);
    const cleanups: string[] = [];
    const ref = TestBed.runInInjectionContext(() =>
      taskGroupResource({
        params: () => id(),
        tasks: n => ({ user: client.get<User>(`/api/users/${n}`) }),
        taskOptions: { user: { onCancel: () => { cleanups.push(`user ${id()}`); return EMPTY; } } },
      }),
    );
    TestBed.tick();
    const first = http.expectOne('/api/users/1');
    id.set(2);
    TestBed.tick();
    expect(first.cancelled).toBeTrue();
    expect(cleanups).toEqual(['user 2']);
    expect(ref.tasks().map(t => [t.name, t.state])).toEqual([['user', 'running']]);
    http.expectOne('/api/users/2').flush({ name: 'Grace' });
    await settle();
    expect(ref.value()).toEqual({ user: { name: 'Grace' } });
  });

  it('reload() runs the group again, keeping the value meanwhile', async () => {
    const ref = TestBed.runInInjectionContext(() => taskGroupResource({ tasks: () => ({ a: client.get('/api/a') }) }));
    TestBed.tick();
    expect(ref.reload()).toBeFalse(); // as any resource: no reload while loading
    http.expectOne('/api/a').flush('first');
    await settle();
    expect(ref.reload()).toBeTrue();
    TestBed.tick();
    expect(ref.status()).toBe('reloading');
    expect(ref.value()).toEqual({ a: 'first' });
    expect(ref.tasks().map(t => [t.name, t.state])).toEqual([['a', 'running']]);
    http.expectOne('/api/a').flush('again');
    await settle();
    expect(ref.value()).toEqual({ a: 'again' });
  });

  it('with concurrency, tasks() shows the queued tasks, whose requests never go out', async () => {
    const ref = TestBed.runInInjectionContext(() =>
      taskGroupResource({
        concurrency: 1,
        tasks: () => ({ a: client.get('/api/a'), b: client.get('/api/b') }),
      }),
    );
    TestBed.tick();
    expect(ref.tasks().map(t => [t.name, t.state])).toEqual([['a', 'running'], ['b', 'queued']]);
    http.expectNone('/api/b');
    http.expectOne('/api/a').flush('A');
    http.expectOne('/api/b').flush('B');
    await settle();
    expect(ref.value()).toEqual({ a: 'A', b: 'B' });
  });

  it('the body form: a group body whose values are the value; tasks and events as usual', async () => {
    const events: string[] = [];
    const gate = new Subject<number>();
    const ref = TestBed.runInInjectionContext(() =>
      taskGroupResource({
        params: () => 2,
        body: (tg, n) => forkJoin([tg.createTask(of(n * 10), { name: 'ten' }), tg.createTask(gate, { name: 'gate' })]),
        onEvent: (e: TaskEvent) => events.push(`${e.type} ${e.task?.name ?? ''}`.trim()),
      }),
    );
    TestBed.tick();
    // A value changes nothing a progress UI shows: the same tree.
    const tree = ref.taskTree();
    expect(ref.taskTree().tasks.map(t => [t.name, t.state])).toEqual([['ten', 'done'], ['gate', 'running']]);
    gate.next(7);
    expect(ref.taskTree()).toBe(tree);
    gate.complete();
    await settle();
    expect(ref.value()).toEqual([20, 7]);
    expect(events).toEqual(['started ten', 'value ten', 'completed ten', 'started gate', 'value gate', 'completed gate', 'group-finished']);
  });

  it('loads a record of 2,000 asynchronous tasks, each named by its key', async () => {
    const count = 2_000;
    const keys = Array.from({ length: count }, (_, i) => `t${i}`);
    const ref = TestBed.runInInjectionContext(() =>
      taskGroupResource({ tasks: () => Object.fromEntries(keys.map((key, i) => [key, timer(1).pipe(map(() => i))])) }),
    );
    TestBed.tick();
    expect(ref.tasks()).toHaveSize(count);
    expect(ref.tasks().every(t => t.state === 'running')).toBeTrue();
    await new Promise(resolve => setTimeout(resolve, 10));
    await settle();
    expect(ref.status()).toBe('resolved');
    const value = ref.value()!;
    expect(Object.keys(value)).toEqual(keys);
    expect(keys.every((key, i) => value[key] === i)).toBeTrue();
    expect(ref.taskTree().tasks.map(t => t.name)).toEqual(keys);
    expect(ref.tasks()).toEqual([]);
    expect(ref.taskTree().done).toEqual({ fulfilled: count, failed: 0, cancelled: 0 });
  });

  it('{} tasks load {}: a finished group with no tasks', async () => {
    const ref = TestBed.runInInjectionContext(() => taskGroupResource({ tasks: () => ({}) }));
    await settle();
    expect(ref.status()).toBe('resolved');
    expect(ref.value()).toEqual({});
    expect(ref.taskTree()).toEqual({ state: 'finished', listening: true, tasks: [], done: { fulfilled: 0, failed: 0, cancelled: 0 }, groups: [] });
  });

  it('{} and [] load {} and []; a task without a value gives undefined (forkJoinTasks\' rules)', async () => {
    const record = TestBed.runInInjectionContext(() => taskGroupResource({ tasks: () => ({}) }));
    const tuple = TestBed.runInInjectionContext(() => taskGroupResource({ tasks: () => [] }));
    const empty = TestBed.runInInjectionContext(() => taskGroupResource({ tasks: () => ({ nothing: EMPTY, one: of(1) }) }));
    await settle();
    expect(record.value()).toEqual({});
    expect(tuple.value()).toEqual([]);
    expect(empty.value() as unknown).toEqual({ nothing: undefined, one: 1 });
    expect(record.taskTree()).toEqual({ state: 'finished', listening: true, tasks: [], done: { fulfilled: 0, failed: 0, cancelled: 0 }, groups: [] });
  });

  it('idle (params undefined): an open tree without tasks', async () => {
    const ref = TestBed.runInInjectionContext(() => taskGroupResource({ params: () => undefined, tasks: () => ({ a: of(1) }) }));
    await settle();
    expect(ref.status()).toBe('idle');
    expect(ref.tasks()).toEqual([]);
    expect(ref.taskTree()).toEqual({ state: 'open', listening: true, tasks: [], done: { fulfilled: 0, failed: 0, cancelled: 0 }, groups: [] });
  });

  it('accepts task keys named like Object.prototype members, and reads taskOptions by own key only', async () => {
    // Per-task options inherited from a prototype are not the record's own: they are not applied.
    const inherited = Object.create({ constructor: { name: 'inherited' }, plain: { name: 'inherited' } }) as Record<string, { name?: string }>;
    inherited['toString'] = { name: 'text' };
    const ref = TestBed.runInInjectionContext(() =>
      taskGroupResource({
        tasks: () => ({ constructor: of(1), toString: of(2), plain: of(3) }),
        taskOptions: inherited as never,
      }),
    );
    await settle();
    expect(ref.status()).toBe('resolved');
    expect(ref.value() as unknown).toEqual({ constructor: 1, toString: 2, plain: 3 });
    expect(ref.taskTree().tasks.map(t => [t.name, t.outcome])).toEqual([['constructor', 'fulfilled'], ['text', 'fulfilled'], ['plain', 'fulfilled']]);
  });

  it('a tasks function that throws, or gives something that is not a task, is error() as it is: no group runs', async () => {
    const events: TaskEvent[] = [];
    const thrown = new Error('no params');
    const throwing = TestBed.runInInjectionContext(() =>
      taskGroupResource({ tasks: (): Record<string, Observable<number>> => { throw thrown; }, onEvent: e => events.push(e) }),
    );
    const notATask = TestBed.runInInjectionContext(() => taskGroupResource({ tasks: () => ({ user: 42 as never }), onEvent: e => events.push(e) }));
    await settle();
    expect(throwing.status()).toBe('error');
    expect(throwing.error()).toBe(thrown);
    expect(notATask.status()).toBe('error');
    expect(notATask.error()).toEqual(jasmine.any(TypeError));
    expect(notATask.error()!.message).toMatch(/^forkJoinTasks: tasks\.user: expected an Observable/);
    expect(events).toEqual([]);
    expect(notATask.taskTree().state).toBe('open');
  });

  it('a taskOptions key that names no task of the load is a TypeError naming it, in error()', async () => {
    const ref = TestBed.runInInjectionContext(() =>
      taskGroupResource({ tasks: () => ({ user: of('ada') }), taskOptions: { usr: { timeout: 10 } } as never }),
    );
    await settle();
    expect(ref.status()).toBe('error');
    expect(ref.error()).toEqual(jasmine.any(TypeError));
    expect(ref.error()!.message).toBe('forkJoinTasks: options.tasks.usr names no task (the tasks are user)');
  });

  it('rejects an option that does not exist, naming it', () => {
    const injector = TestBed.inject(Injector);
    expect(() => taskGroupResource({ injector, tasks: () => ({}), taskOption: {} } as never)).toThrowError(
      TypeError,
      'taskGroupResource: options: "taskOption" is not an option ' +
        '(expected params, equal, injector, concurrency, timeout, scheduler, onEvent, body, tasks, taskOptions)',
    );
  });

  it('needs tasks or body, and an injection context or an injector', () => {
    expect(() => taskGroupResource({ tasks: () => ({}) })).toThrowError(/injection context/);
    const injector = TestBed.inject(Injector);
    expect(() => taskGroupResource({ injector } as never)).toThrowError(TypeError, /tasks/);
  });

  describe('in a component destroyed mid-load', () => {
    const cleanups: string[] = [];

    @Component({
      selector: 'test-dashboard',
      template: `@for (t of dashboard.tasks(); track t.index) { <span>{{ t.name }}: {{ t.state }}</span> }`,
    })
    class DashboardComponent {
      private readonly http = inject(HttpClient);
      readonly dashboard = taskGroupResource({
        tasks: () => ({
          user: this.http.get<User>('/api/delay/0.8'),
          stats: this.http.get<number[]>('/api/delay/1.5'),
        }),
        taskOptions: {
          // A cleanup that itself calls the server; the group waits for it.
          stats: { onCancel: () => { cleanups.push('stats'); return this.http.post('/api/stats/cancelled', null); } },
        },
      });
    }

    it('aborts every request and runs the cleanups', () => {
      const fixture = TestBed.createComponent(DashboardComponent);
      fixture.detectChanges();
      const user = http.expectOne('/api/delay/0.8');
      const stats = http.expectOne('/api/delay/1.5');
      fixture.detectChanges();
      expect(fixture.nativeElement.textContent).toContain('user: running');
      expect(fixture.nativeElement.textContent).toContain('stats: running');

      fixture.destroy();

      expect(user.cancelled).toBeTrue();
      expect(stats.cancelled).toBeTrue();
      expect(cleanups).toEqual(['stats']);
      http.expectOne('/api/stats/cancelled').flush(null);
    });
  });
});
