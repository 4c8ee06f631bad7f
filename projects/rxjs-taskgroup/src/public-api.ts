/**
 * Structured concurrency for RxJS, after Python's `asyncio.TaskGroup`: run Observables as a
 * group of tasks that live and die together. When one fails, its siblings are cancelled
 * (unsubscribed), their cleanups are awaited, and every failure comes back as one
 * `TaskGroupError`.
 *
 * @packageDocumentation
 */
export * from './lib/index';
