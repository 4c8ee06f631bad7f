/**
 * `instrumentTaskGroups`: a span per group and per task, parented as the task tree is
 * (docs/contract.md rule 27), read back from OpenTelemetry's in-memory exporter.
 */
import { context, ROOT_CONTEXT, SpanStatusCode, trace, type Context, type ContextManager, type Tracer } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { config, defer, NEVER, of, throwError, timer } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import { withTaskGroup } from 'rxjs-taskgroup';
import { instrumentTaskGroups } from 'rxjs-taskgroup/otel';
import { taskGroupTestScheduler } from 'rxjs-taskgroup/testing';

/**
 * The smallest synchronous context manager (what `StackContextManager` of the web SDK does): the
 * default one keeps no context at all.
 */
class StackContextManager implements ContextManager {
  private current: Context = ROOT_CONTEXT;
  active(): Context {
    return this.current;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(ctx: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    const previous = this.current;
    this.current = ctx;
    try {
      return fn.call(thisArg, ...args);
    } finally {
      this.current = previous;
    }
  }
  bind<T>(_ctx: Context, target: T): T {
    return target;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    this.current = ROOT_CONTEXT;
    return this;
  }
}

describe('instrumentTaskGroups (rule 27)', () => {
  let exporter: InMemorySpanExporter;
  let tracer: Tracer;
  let uninstall: () => void;
  let testScheduler: TestScheduler;

  beforeEach(() => {
    context.setGlobalContextManager(new StackContextManager());
    exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    tracer = provider.getTracer('spec');
    uninstall = instrumentTaskGroups({ tracer });
    testScheduler = taskGroupTestScheduler();
  });
  afterEach(() => {
    uninstall();
    context.disable();
  });

  const spans = () => exporter.getFinishedSpans();
  const span = (name: string): ReadableSpan => {
    const found = spans().filter(s => s.name === name);
    expect(found.length).withContext(`spans named ${name}`).toBe(1);
    return found[0];
  };
  const parentOf = (s: ReadableSpan) => s.parentSpanContext?.spanId;
  const idOf = (s: { spanContext(): { spanId: string } }) => s.spanContext().spanId;

  it('makes one span per group and one per task, the task\'s a child of its group\'s, in one trace', () => {
    withTaskGroup(tg => {
      tg.createTask(of(1), { name: 'a' });
      tg.createTask(of(2), { name: 'b' });
    }).subscribe();
    const group = span('task group');
    expect(parentOf(group)).toBeUndefined();
    for (const name of ['a', 'b']) {
      expect(parentOf(span(name))).toBe(idOf(group));
      expect(span(name).spanContext().traceId).toBe(group.spanContext().traceId);
      expect(span(name).status.code).toBe(SpanStatusCode.UNSET);
    }
    expect(span('b').attributes['taskgroup.task.index']).toBe(1);
  });

  it('makes a nested group\'s span a child of the task that owns it', () => {
    withTaskGroup(tg => {
      tg.createTask(() => withTaskGroup(inner => { inner.createTask(of(1), { name: 'leaf' }); }), { name: 'load' });
    }).subscribe();
    const [inner, outer] = spans().filter(s => s.name === 'task group');
    expect(parentOf(inner)).toBe(idOf(span('load')));
    expect(parentOf(span('load'))).toBe(idOf(outer));
    expect(parentOf(span('leaf'))).toBe(idOf(inner));
    expect(inner.attributes['taskgroup.owner']).toBe('load');
  });

  it('makes a root group\'s span a child of the context active when it is subscribed', () => {
    const request = tracer.startSpan('request');
    context.with(trace.setSpan(context.active(), request), () => {
      withTaskGroup(tg => { tg.createTask(of(1)); }).subscribe();
    });
    request.end();
    expect(parentOf(span('task group'))).toBe(idOf(request));
  });

  it('a failure sets the task\'s status to ERROR and records the exception', () => {
    const error = new RangeError('too far');
    withTaskGroup(tg => { tg.createTask(throwError(() => error), { name: 'broken' }); }).subscribe({ error: () => undefined });
    const broken = span('broken');
    expect(broken.status).toEqual({ code: SpanStatusCode.ERROR, message: 'RangeError: too far' });
    expect(broken.events.map(e => e.name)).toEqual(['exception']);
    expect(broken.events[0].attributes?.['exception.type']).toBe('RangeError');
    expect(broken.events[0].attributes?.['exception.message']).toBe('too far');
  });

  it('records a failure it cannot read (a revoked Proxy, an Error whose message getter throws) by its description, and ends the span', async () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const unreadable = new Error('x');
    Object.defineProperty(unreadable, 'message', { get: () => { throw new Error('getter'); } });
    const reported: unknown[] = [];
    const previous = config.onUnhandledError;
    config.onUnhandledError = error => reported.push(error);
    try {
      withTaskGroup(tg => { tg.createTask(throwError(() => proxy), { name: 'proxy' }); }, { failurePolicy: 'keep-going' }).subscribe({ error: () => undefined });
      withTaskGroup(tg => { tg.createTask(throwError(() => unreadable), { name: 'getter' }); }).subscribe({ error: () => undefined });
      await new Promise(resolve => setTimeout(resolve, 10)); // what is reported comes on a timer
    } finally {
      config.onUnhandledError = previous;
    }
    expect(reported).toEqual([]);
    for (const name of ['proxy', 'getter']) {
      expect(span(name).status).toEqual({ code: SpanStatusCode.ERROR, message: '[unreadable error]' });
      expect(span(name).events.map(e => e.name)).toEqual(['exception']);
      expect(span(name).events[0].attributes?.['exception.message']).toBe('[unreadable error]');
    }
  });

  it('a timeout is a failure too, and the time limit is an attribute', () => {
    testScheduler.run(({ flush }) => {
      withTaskGroup(tg => { tg.createTask(NEVER, { name: 'slow', timeout: 5 }); }).subscribe({ error: () => undefined });
      flush();
    });
    const slow = span('slow');
    expect(slow.status.code).toBe(SpanStatusCode.ERROR);
    expect(slow.status.message).toBe('TaskTimeoutError: Task "slow" timed out after 5 ms');
    expect(slow.attributes['taskgroup.task.timeout']).toBe(5);
  });

  it('a cancellation is a span event with its reason, not an error; the group says it shut down', () => {
    withTaskGroup(tg => {
      tg.createTask(NEVER, { name: 'victim' });
      tg.cancel('enough');
    }).subscribe();
    const victim = span('victim');
    expect(victim.status.code).toBe(SpanStatusCode.UNSET);
    expect(victim.events.map(e => [e.name, e.attributes])).toEqual([['cancelled', { 'taskgroup.cancel.reason': '"enough"' }]]);
    expect(span('task group').events.map(e => e.name)).toEqual(['shutdown']);
  });

  it('makes a task\'s onCancel a span of its own, child of the task\'s, with its failure', () => {
    const error = new Error('cleanup broke');
    withTaskGroup(tg => {
      tg.createTask(NEVER, { name: 'victim', onCancel: () => throwError(() => error) });
      tg.cancel();
    }).subscribe({ error: () => undefined });
    const cleanup = span('victim onCancel');
    expect(parentOf(cleanup)).toBe(idOf(span('victim')));
    expect(cleanup.status).toEqual({ code: SpanStatusCode.ERROR, message: 'Error: cleanup broke' });
  });

  it('makes the task\'s span the active context while its Observable is subscribed', () => {
    let active: string | undefined;
    withTaskGroup(tg => {
      tg.createTask(defer(() => {
        active = trace.getSpan(context.active())?.spanContext().spanId;
        return of(1);
      }), { name: 'request' });
    }).subscribe();
    expect(active).toBe(idOf(span('request')));
  });

  it('stops once uninstalled, and ends the spans still open', () => {
    const running = withTaskGroup(tg => { tg.createTask(NEVER, { name: 'forever' }); }).subscribe();
    expect(spans()).toEqual([]);
    uninstall();
    uninstall(); // again: nothing happens
    expect(span('forever').events.map(e => e.name)).toEqual(['uninstrumented']);
    withTaskGroup(tg => { tg.createTask(timer(0), { name: 'unseen' }); }).subscribe();
    expect(spans().map(s => s.name)).toEqual(['forever', 'task group']);
    running.unsubscribe();
  });

  it('throws a TypeError at call time for a tracer without startSpan, an unknown option or no options', () => {
    expect(() => instrumentTaskGroups({ tracer: {} as Tracer })).toThrowError(
      TypeError, 'instrumentTaskGroups: options.tracer must be an OpenTelemetry Tracer (with startSpan()); got object');
    expect(() => instrumentTaskGroups({ tracer, sampler: 1 } as never)).toThrowError(
      TypeError, 'instrumentTaskGroups: options: "sampler" is not an option (expected tracer)');
    expect(() => instrumentTaskGroups(undefined as never)).toThrowError(
      TypeError, 'instrumentTaskGroups: options must be an object with a tracer; got undefined');
  });
});
