/**
 * `rxjs-taskgroup/otel`: every task group traced with OpenTelemetry (`instrumentTaskGroups`):
 * a span per group and per task, parented as the task tree is, with each task's span active
 * while its Observable is subscribed. The one entry point that imports `@opentelemetry/api`
 * (an optional peer dependency); an application that does not import it pays nothing for it.
 *
 * @packageDocumentation
 */
export { instrumentTaskGroups, type InstrumentTaskGroupsOptions } from './instrument-task-groups';
