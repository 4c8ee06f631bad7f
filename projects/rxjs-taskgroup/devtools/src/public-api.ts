/**
 * `rxjs-taskgroup/devtools`: every task group of the page on custom tracks of Chrome DevTools'
 * Performance panel (`traceTaskGroupsInDevTools`), through the DevTools extensibility API.
 * Imports nothing but the core; an application that does not import it pays nothing for it.
 *
 * @packageDocumentation
 */
export { traceTaskGroupsInDevTools, type TraceTaskGroupsInDevToolsOptions } from './trace-task-groups-in-devtools';
