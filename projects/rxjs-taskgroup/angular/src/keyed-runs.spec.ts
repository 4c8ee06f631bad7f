/**
 * `injectTaskGroup().run(key, task, { strategy })`: keyed runs, proved on the wire with
 * HttpTestingController, and `status(key)`.
 */
import { HttpClient, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { EnvironmentInjector, ErrorHandler, createEnvironmentInjector, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { NEVER, Subject, of, throwError } from 'rxjs';
import { TaskCancelledError, TaskGroupError, TaskStateError, type Task } from 'rxjs-taskgroup';
import { injectTaskGroup, type InjectTaskGroupOptions, type KeyedRunStrategy } from 'rxjs-taskgroup/angular';

/** A child injector to destroy, with the group created in it. */
function scoped(options?: InjectTaskGroupOptions) {
  const injector = createEnvironmentInjector([], TestBed.inject(EnvironmentInjector));
  const group = injectTaskGroup({ ...options, injector });
  return { group, destroy: () => injector.destroy() };
}

/** What a handle's Observable delivered. */
function outcomeOf<T>(handle: Task<T> | undefined): { value?: T; error?: unknown; complete?: true } {
  const outcome: { value?: T; error?: unknown; complete?: true } = {};
  handle?.subscribe({ next: value => (outcome.value = value), error: error => (outcome.error = error), complete: () => (outcome.complete = true) });
  return outcome;
}

describe('injectTaskGroup().run', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  const search = (q: string) => http.get<string[]>(`/api/search?q=${q}`);

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(), provideHttpClient(), provideHttpClientTesting(),
        // Failures these specs provoke reach Angular's ErrorHandler (injectTaskGroup's default);
        // the specs read them from status() and the handles, so the handler only keeps them quiet.
        { provide: ErrorHandler, useValue: { handleError: () => undefined } },
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  for (const failurePolicy of ['fail-fast', 'keep-going'] as const) {
    describe(`under '${failurePolicy}'`, () => {
      it('switch: cancels the running request of the key before it starts the next', () => {
        const { group } = scoped({ failurePolicy });
        const first = group.run('search', search('a'), { strategy: 'switch' });
        const a = backend.expectOne('/api/search?q=a');
        const second = group.run('search', search('ab'), { strategy: 'switch' });
        expect(a.cancelled).toBeTrue();
        expect(first.cancelled()).toBeTrue();
        const ab = backend.expectOne('/api/search?q=ab');
        expect(ab.cancelled).toBeFalse();
        ab.flush(['abc']);
        expect(second.result()).toEqual(['abc']);
        expect(group.errors()).toEqual([]);
        expect(group.closed()).toBeFalse();
      });

      it('exhaust: a run while the key is busy is ignored, makes no request and returns undefined', () => {
        const { group } = scoped({ failurePolicy });
        const save = group.status('save');
        const first = group.run('save', http.put('/api/doc', 1), { strategy: 'exhaust' });
        expect(save()).toEqual({ running: 1, queued: 0, busy: true, error: undefined });
        expect(group.run('save', http.put('/api/doc', 2), { strategy: 'exhaust' })).toBeUndefined();
        const put = backend.expectOne('/api/doc');
        expect(put.request.body).toBe(1);
        put.flush('saved');
        expect(first?.result()).toBe('saved');
        expect(save().busy).toBeFalse();
        // Idle again: the next click runs.
        group.run('save', http.put('/api/doc', 3), { strategy: 'exhaust' });
        backend.expectOne('/api/doc').flush('saved again');
      });

      it("concat: the key's second request goes out only after the first completes", () => {
        const { group } = scoped({ failurePolicy });
        const uploads = group.status('upload');
        const first = group.run('upload', http.post('/api/upload/1', null), { strategy: 'concat' });
        const second = group.run('upload', http.post('/api/upload/2', null), { strategy: 'concat', name: 'second' });
        expect(uploads()).toEqual({ running: 1, queued: 1, busy: true, error: undefined });
        expect([second.index, second.name, second.done()]).toEqual([-1, 'second', false]);
        expect(() => second.result()).toThrowError(TaskStateError);
        const outcome = outcomeOf(second);
        backend.expectNone('/api/upload/2');
        backend.expectOne('/api/upload/1').flush('one');
        expect(first.result()).toBe('one');
        expect(uploads()).toEqual({ running: 1, queued: 0, busy: true, error: undefined });
        expect(second.index).toBeGreaterThan(first.index);
        backend.expectOne('/api/upload/2').flush('two');
        expect(second.result()).toBe('two');
        expect(outcome).toEqual({ value: 'two', complete: true });
        expect(uploads().busy).toBeFalse();
      });

      it('merge: every run of the key goes out at once (the default)', () => {
        const { group } = scoped({ failurePolicy });
        group.run('log', http.post('/api/log/1', null), { strategy: 'merge' });
        group.run('log', http.post('/api/log/2', null));
        expect(group.status('log')().running).toBe(2);
        backend.expectOne('/api/log/1').flush(null);
        backend.expectOne('/api/log/2').flush(null);
        expect(group.status('log')().busy).toBeFalse();
      });

      it("switch: the replaced run's onCancel is awaited; the run stays the key's until its cleanup is over", () => {
        const { group } = scoped({ failurePolicy });
        const cleanup = new Subject<void>();
        const reasons: string[] = [];
        const first = group.run('search', NEVER, {
          strategy: 'switch',
          onCancel: reason => {
            reasons.push(String(reason.reason));
            return cleanup;
          },
        });
        const second = group.run('search', NEVER, { strategy: 'switch' });
        expect(reasons).toEqual(['replaced by a newer run of "search"']);
        expect(first.cancelled()).toBeTrue();
        expect(first.done()).toBeFalse();
        expect(group.tasks().map(t => [t.name, t.state])).toEqual([['search', 'cleanup'], ['search', 'running']]);
        expect(group.status('search')().running).toBe(2);
        cleanup.complete();
        expect(first.done()).toBeTrue();
        expect(group.status('search')().running).toBe(1);
        second.cancel();
        expect(group.status('search')().busy).toBeFalse();
        expect(group.errors()).toEqual([]);
      });

      it("switch drops the key's queued runs: they never start", () => {
        const { group } = scoped({ failurePolicy });
        group.run('upload', http.post('/api/upload/1', null), { strategy: 'concat' });
        const queued = group.run('upload', http.post('/api/upload/2', null), { strategy: 'concat' });
        group.run('upload', http.post('/api/upload/3', null), { strategy: 'switch' });
        expect(queued.cancelled()).toBeTrue();
        expect(outcomeOf(queued).error).toEqual(jasmine.any(TaskCancelledError));
        expect(backend.expectOne('/api/upload/1').cancelled).toBeTrue();
        backend.expectOne('/api/upload/3').flush(null);
        backend.expectNone('/api/upload/2');
      });

      it('a queued run can be cancelled: it is dropped and never requested', () => {
        const { group } = scoped({ failurePolicy });
        group.run('upload', http.post('/api/upload/1', null), { strategy: 'concat' });
        const onCancel = jasmine.createSpy('onCancel');
        const queued = group.run('upload', http.post('/api/upload/2', null), { strategy: 'concat', onCancel });
        expect(queued.cancel('not needed')).toBeTrue();
        expect(onCancel).not.toHaveBeenCalled(); // it never started: nothing to clean up
        expect(queued.cancel()).toBeFalse();
        expect([queued.done(), queued.cancelled()]).toEqual([true, true]);
        expect(() => queued.result()).toThrowMatching(e => e instanceof TaskCancelledError && e.reason === 'not needed');
        expect(group.status('upload')()).toEqual({ running: 1, queued: 0, busy: true, error: undefined });
        backend.expectOne('/api/upload/1').flush(null);
        backend.expectNone('/api/upload/2');
        expect(group.status('upload')().busy).toBeFalse();
      });

      it('destroying the injector cancels everything of every key, queued runs included', () => {
        const { group, destroy } = scoped({ failurePolicy });
        group.run('search', search('a'), { strategy: 'switch' });
        group.run('save', http.put('/api/doc', 1), { strategy: 'exhaust' });
        group.run('upload', http.post('/api/upload/1', null), { strategy: 'concat' });
        const queued = group.run('upload', http.post('/api/upload/2', null), { strategy: 'concat' });
        const requests = [backend.expectOne('/api/search?q=a'), backend.expectOne('/api/doc'), backend.expectOne('/api/upload/1')];
        destroy();
        expect(requests.map(r => r.cancelled)).toEqual([true, true, true]);
        expect(queued.cancelled()).toBeTrue();
        expect(outcomeOf(queued).error).toEqual(jasmine.any(TaskCancelledError));
        backend.expectNone('/api/upload/2');
        for (const key of ['search', 'save', 'upload']) expect(group.status(key)().busy).withContext(key).toBeFalse();
        expect(() => group.run('search', search('b'))).toThrowError(TaskStateError);
        expect(() => group.run('upload', search('b'), { strategy: 'concat' })).toThrowError(TaskStateError);
        expect(group.errors()).toEqual([]);
      });

      it("status(key): the key's latest failure, cleared when its next run starts", () => {
        const boom = new Error('boom');
        const { group } = scoped({ failurePolicy: 'keep-going' });
        const status = group.status('save');
        expect(status()).toEqual({ running: 0, queued: 0, busy: false, error: undefined });
        expect(group.status('save')).toBe(status);
        group.run('save', throwError(() => boom));
        expect(status()).toEqual({ running: 0, queued: 0, busy: false, error: boom });
        group.run('save', NEVER, { strategy: 'switch' });
        expect(status()).toEqual({ running: 1, queued: 0, busy: true, error: undefined });
        // A cancellation is not a failure.
        group.run('save', of('ok'), { strategy: 'switch' });
        expect(status()).toEqual({ running: 0, queued: 0, busy: false, error: undefined });
      });
    });
  }

  it("switch: an error of the replaced run's cleanup is reported, not lost ('keep-going')", () => {
    const onError = jasmine.createSpy('onError');
    const { group } = scoped({ failurePolicy: 'keep-going', onError });
    const cleanupError = new Error('could not undo');
    group.run('search', NEVER, { strategy: 'switch', onCancel: () => throwError(() => cleanupError) });
    group.run('search', of('b'), { strategy: 'switch' });
    expect(group.errors()).toEqual([cleanupError]);
    expect(onError).toHaveBeenCalledOnceWith(cleanupError, { name: 'search', index: 0 });
    expect(group.closed()).toBeFalse();
  });

  it("switch: an error of the replaced run's cleanup fails the group like any failure ('fail-fast', rule 6)", () => {
    const { group } = scoped();
    const cleanupError = new Error('could not undo');
    const cleanup = new Subject<void>();
    group.run('search', NEVER, { strategy: 'switch', onCancel: () => cleanup });
    const second = group.run('search', NEVER, { strategy: 'switch' });
    cleanup.error(cleanupError);
    expect(second.cancelled()).toBeTrue();
    expect(group.error()).toEqual(jasmine.any(TaskGroupError));
    expect(group.error()?.errors).toEqual([cleanupError]);
    expect(group.closed()).toBeTrue();
  });

  it("concat: under 'keep-going' the key's next run starts after a failure; under 'fail-fast' the failure drops the queue", () => {
    const kept = scoped({ failurePolicy: 'keep-going' }).group;
    kept.run('upload', http.post('/api/upload/1', null), { strategy: 'concat' });
    const next = kept.run('upload', http.post('/api/upload/2', null), { strategy: 'concat' });
    backend.expectOne('/api/upload/1').flush('no', { status: 500, statusText: 'Server Error' });
    backend.expectOne('/api/upload/2').flush('yes');
    expect(next.result()).toBe('yes');
    expect(kept.status('upload')().error).toBeUndefined(); // cleared when the next run started

    const failFast = scoped().group;
    failFast.run('upload', http.post('/api/upload/1', null), { strategy: 'concat' });
    const dropped = failFast.run('upload', http.post('/api/upload/2', null), { strategy: 'concat' });
    backend.expectOne('/api/upload/1').flush('no', { status: 500, statusText: 'Server Error' });
    expect(dropped.cancelled()).toBeTrue();
    backend.expectNone('/api/upload/2');
    expect(failFast.closed()).toBeTrue();
    expect(failFast.status('upload')()).toEqual({ running: 0, queued: 0, busy: false, error: jasmine.objectContaining({ status: 500 }) });
  });

  it("a run that fails with a value that cannot be inspected (a revoked Proxy) is the key's failure, and the key's next run starts", () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const { group } = scoped({ failurePolicy: 'keep-going' });
    const failing = new Subject<never>();
    const first = group.run('upload', failing, { strategy: 'concat' });
    const next = group.run('upload', of('second'), { strategy: 'concat' });
    failing.error(proxy);
    // The revoked Proxy itself (compared with ===: Jasmine cannot print one).
    expect(first.exception() === proxy).toBeTrue();
    expect(next.result()).toBe('second');
    expect(group.status('upload')()).toEqual({ running: 0, queued: 0, busy: false, error: undefined }); // cleared by the next run
    const alone = group.run('save', throwError(() => proxy));
    expect(alone.done()).toBeTrue();
    expect(group.status('save')().error === proxy).toBeTrue();
  });

  it('names a run after its key unless given a name', () => {
    const { group } = scoped();
    expect(group.run('search', NEVER).name).toBe('search');
    expect(group.run('search', NEVER, { name: 'search "ab"' }).name).toBe('search "ab"');
    group.cancel();
  });

  it("types the handle: a Task for 'switch', 'concat' and 'merge', Task | undefined when the strategy may be 'exhaust'", () => {
    const { group } = scoped();
    const switched: Task<number> = group.run('k', of(1), { strategy: 'switch' });
    const merged: Task<number> = group.run('k', ctx => of(ctx.index));
    const strategy = 'exhaust' as KeyedRunStrategy;
    // @ts-expect-error: an exhausted run may be ignored
    const exhausted: Task<number> = group.run('k', of(1), { strategy });
    expect([switched.result(), merged.result(), exhausted.result()]).toEqual([1, 1, 1]);
  });

  describe('rejects bad input at the call, naming it', () => {
    it('a key that is not a string', () => {
      const { group } = scoped();
      expect(() => group.run(1 as never, of(1))).toThrowError(TypeError, 'run: key must be a string; got number');
      expect(() => group.status(null as never)).toThrowError(TypeError, 'status: key must be a string; got null');
    });

    it('an unknown strategy', () => {
      const { group } = scoped();
      expect(() => group.run('k', of(1), { strategy: 'latest' as never })).toThrowError(
        TypeError,
        "run: options.strategy must be 'switch', 'exhaust', 'concat' or 'merge'; got 'latest'",
      );
    });

    it('an option that does not exist, in the package’s one message', () => {
      const { group } = scoped();
      expect(() => group.run('k', of(1), { stratgy: 'switch' } as never)).toThrowError(
        TypeError,
        'run: options: "stratgy" is not an option (expected strategy, name, timeout, onCancel, shield)',
      );
    });

    it('a bad task or task option, even for a run that would wait in the queue', () => {
      const { group } = scoped();
      group.run('upload', NEVER, { strategy: 'concat' });
      expect(() => group.run('upload', 'text' as never, { strategy: 'concat' })).toThrowError(TypeError, /^run: a string is not a task/);
      expect(() => group.run('upload', NEVER, { strategy: 'concat', timeout: -1 })).toThrowError(
        RangeError,
        'run: options.timeout must be a number of milliseconds ≥ 0 or Infinity; got -1',
      );
      expect(group.status('upload')().queued).toBe(0);
      group.cancel();
    });
  });
});
