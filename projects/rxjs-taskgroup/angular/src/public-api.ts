/**
 * `rxjs-taskgroup/angular`: task groups scoped to Angular's injection contexts and signals —
 * a component's or service's long-lived group (`injectTaskGroup`), a resource whose loader is
 * a group (`taskGroupResource`), and a matcher for HTTP errors (`httpError`). The only entry
 * point of the package that imports `@angular/*`.
 *
 * @packageDocumentation
 */
export { injectTaskGroup, type InjectTaskGroupOptions, type InjectedTaskGroup } from './inject-task-group';
// The policy is the core's (a group option); re-exported here, where it was first defined.
export type { TaskGroupFailurePolicy } from 'rxjs-taskgroup';
export { type KeyedRunner, type KeyedRunOptions, type KeyedRunStrategy, type KeyStatus } from './keyed-runs';
export {
  taskGroupResource,
  type TaskGroupResourceBaseOptions,
  type TaskGroupResourceOptions,
  type TaskGroupResourceTasks,
  type TaskGroupResourceTasksOptions,
  type TaskGroupResourceRef,
} from './task-group-resource';
export { httpError } from './http-error';
