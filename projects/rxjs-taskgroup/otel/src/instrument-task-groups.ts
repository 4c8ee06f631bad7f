import { context, SpanStatusCode, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import {
  subscribeToTaskGroups,
  TaskTimeoutError,
  ɵaddTaskScope,
  ɵcheckOptionKeys,
  ɵdescribeError,
  ɵisInstance,
  type TaskGroupEvent,
  type TaskGroupInfo,
} from 'rxjs-taskgroup';

/**
 * Options of {@link instrumentTaskGroups}.
 *
 * @example
 * ```ts
 * import { trace } from '@opentelemetry/api';
 * import { instrumentTaskGroups, type InstrumentTaskGroupsOptions } from 'rxjs-taskgroup/otel';
 *
 * const options: InstrumentTaskGroupsOptions = { tracer: trace.getTracer('my-app') };
 * const uninstall = instrumentTaskGroups(options);
 * uninstall();
 * ```
 */
export interface InstrumentTaskGroupsOptions {
  /** The tracer the spans are made with: `trace.getTracer('my-app')`. */
  tracer: Tracer;
}

/** A task's key in the maps below: its group's id and its index. */
const keyOf = (group: TaskGroupInfo, index: number) => `${group.id}:${index}`;

/**
 * A failure on its span: status ERROR and the exception — an `Error` as itself, anything else (or
 * an Error the exporter cannot read: a getter that throws) described. Never throws.
 */
function recordFailure(span: Span, error: unknown): void {
  const description = ɵdescribeError(error);
  try {
    span.recordException(ɵisInstance(error, Error) ? (error as Error) : description);
  } catch {
    span.recordException(description);
  }
  span.setStatus({ code: SpanStatusCode.ERROR, message: description });
}

/**
 * Traces every task group with OpenTelemetry (rule 27): one span per group (`task group`) and one
 * per task (named after the task), from its start to its end. A task's span is a child of its
 * group's span, and a nested or owned group's span a child of the task that owns it (or of its
 * parent group's span, when the parent's body owns it); a root group's span is a child of the
 * context active when it is subscribed. A task that fails (or times out) sets its span's status
 * to `ERROR` and records the exception; a cancellation is a `cancelled` span event with its reason
 * (`taskgroup.cancel.reason`), and the status stays unset: being cancelled is not an error. A
 * task's `onCancel` is a span of its own (`<name> onCancel`), child of the task's.
 *
 * While a task's Observable is subscribed, its span is the active context, so work that starts
 * synchronously in that subscription — an `HttpClient` or `fetch` request made when the task's
 * Observable is subscribed — is parented under the task by the HTTP instrumentation. Work started
 * later (after a timer, in a `switchMap`) sees whatever context the platform's context manager
 * carries there; and a factory's own code runs before the subscription, outside the task's span:
 * return a cold Observable (`defer(() => fetch(…))`) for the request to be the task's child.
 *
 * Built on `subscribeToTaskGroups` (from `rxjs-taskgroup`); an application that does not import
 * `rxjs-taskgroup/otel` pays nothing for it, and `@opentelemetry/api` is an optional peer
 * dependency of the package, needed only here.
 *
 * @example
 * ```ts
 * import { trace } from '@opentelemetry/api';
 * import { instrumentTaskGroups } from 'rxjs-taskgroup/otel';
 *
 * // main.ts, once the OpenTelemetry SDK is set up (its provider registered), before bootstrapApplication(…)
 * instrumentTaskGroups({ tracer: trace.getTracer('my-app') });
 * ```
 *
 * @example
 * ```ts
 * import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
 * import { withTaskGroup } from 'rxjs-taskgroup';
 * import { instrumentTaskGroups } from 'rxjs-taskgroup/otel';
 * import { of, throwError } from 'rxjs';
 *
 * const exporter = new InMemorySpanExporter();
 * const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
 * const uninstall = instrumentTaskGroups({ tracer: provider.getTracer('example') });
 * withTaskGroup(tg => {
 *   tg.createTask(of(1), { name: 'ok' });
 *   tg.createTask(throwError(() => new Error('boom')), { name: 'broken' });
 * }).subscribe({ error: () => {} });
 * uninstall();
 * console.log(exporter.getFinishedSpans().map(span => `${span.name} ${span.status.code}`));
 * // Logs: ['ok 0', 'broken 2', 'task group 0'] (status codes: 0 unset, 2 error)
 * ```
 *
 * @param options - `tracer`: the OpenTelemetry `Tracer` to make spans with.
 * @returns a function that uninstalls it: spans still open are ended then, with an `uninstrumented` event.
 * @throws TypeError when `options` is missing, has a key that is not an option, or `tracer` is not a `Tracer`.
 */
export function instrumentTaskGroups(options: InstrumentTaskGroupsOptions): () => void {
  const where = 'instrumentTaskGroups: options';
  if (options === undefined) throw new TypeError(`${where} must be an object with a tracer; got undefined`);
  ɵcheckOptionKeys(options, ['tracer'], where);
  const tracer = options.tracer as Partial<Tracer> | null | undefined;
  if (typeof tracer?.startSpan !== 'function') {
    throw new TypeError(`${where}.tracer must be an OpenTelemetry Tracer (with startSpan()); got ${tracer === null ? 'null' : typeof tracer}`);
  }
  const { tracer: tracerOf } = options;

  const groups = new Map<number, Span>();
  /** Running tasks' spans, then (once a task is cancelled or timed out) kept for its `onCancel`'s span. */
  const tasks = new Map<string, Span>();
  const cleanups = new Map<string, Span>();
  /** Spans of tasks cancelled or timed out, kept until their `onCancel` starts (its parent) or their group ends. */
  const torn = new Map<string, Span>();

  const under = (span: Span | undefined): Context => (span ? trace.setSpan(context.active(), span) : context.active());

  const groupSpan = (info: TaskGroupInfo): Span => {
    let span = groups.get(info.id);
    if (span) return span;
    const ownerKey = info.parent !== undefined && info.owner ? keyOf({ id: info.parent }, info.owner.index) : undefined;
    const parent = ownerKey !== undefined
      ? tasks.get(ownerKey) ?? torn.get(ownerKey)
      : info.parent !== undefined ? groups.get(info.parent) : undefined;
    const attributes: Record<string, number | string> = { 'taskgroup.id': info.id };
    if (info.parent !== undefined) attributes['taskgroup.parent'] = info.parent;
    if (info.owner) attributes['taskgroup.owner'] = info.owner.name;
    span = tracerOf.startSpan('task group', { attributes }, under(parent));
    groups.set(info.id, span);
    return span;
  };

  const listener = (event: TaskGroupEvent): void => {
    const group = groupSpan(event.group);
    const task = event.task;
    const key = task ? keyOf(event.group, task.index) : '';
    switch (event.type) {
      case 'started': {
        const attributes: Record<string, number | string | boolean> = { 'taskgroup.id': event.group.id, 'taskgroup.task.index': task!.index };
        if (task!.shield) attributes['taskgroup.task.shield'] = true;
        if (task!.timeout !== undefined && task!.timeout !== Infinity) attributes['taskgroup.task.timeout'] = task!.timeout;
        tasks.set(key, tracerOf.startSpan(task!.name, { attributes }, under(group)));
        break;
      }
      case 'completed':
      case 'failed':
      case 'cancelled': {
        const span = tasks.get(key);
        if (!span) {
          // dropped from the queue, never started: the group says so
          if (event.type === 'cancelled') group.addEvent('task dropped', { 'taskgroup.task.name': task!.name });
          break;
        }
        tasks.delete(key);
        if (event.type === 'cancelled' || ɵisInstance(event.error, TaskTimeoutError)) torn.set(key, span);
        if (event.type === 'failed') {
          recordFailure(span, event.error);
        } else if (event.type === 'cancelled') {
          span.addEvent('cancelled', { 'taskgroup.cancel.reason': ɵdescribeError((event.error as { reason?: unknown } | undefined)?.reason) });
        }
        span.end();
        break;
      }
      case 'cleanup-started':
        cleanups.set(key, tracerOf.startSpan(`${task!.name} onCancel`, {}, under(torn.get(key) ?? group)));
        torn.delete(key);
        break;
      case 'cleanup-finished': {
        const span = cleanups.get(key);
        if (!span) break;
        cleanups.delete(key);
        if (event.error !== undefined) recordFailure(span, event.error);
        span.end();
        break;
      }
      case 'group-shutdown':
        group.addEvent('shutdown');
        break;
      case 'group-finished': {
        group.end();
        groups.delete(event.group.id);
        if (torn.size !== 0) {
          const prefix = `${event.group.id}:`;
          for (const k of torn.keys()) if (k.startsWith(prefix)) torn.delete(k);
        }
        break;
      }
    }
  };

  const unsubscribe = subscribeToTaskGroups(listener);
  const removeScope = ɵaddTaskScope((group, task, subscribe) => {
    const span = tasks.get(keyOf(group, task.index));
    if (span) context.with(trace.setSpan(context.active(), span), subscribe);
    else subscribe();
  });
  return () => {
    unsubscribe();
    removeScope();
    for (const span of [...cleanups.values(), ...tasks.values(), ...groups.values()]) {
      span.addEvent('uninstrumented');
      span.end();
    }
    cleanups.clear();
    tasks.clear();
    groups.clear();
    torn.clear();
  };
}
