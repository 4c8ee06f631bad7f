export { withTaskGroup } from './with-task-group';
export { taskGroup } from './task-group';
export { cancelSiblingsOnError } from './cancel-siblings-on-error';
export { withTimeout, type WithTimeoutOptions } from './with-timeout';
export { catchTaskErrors } from './catch-task-errors';
export { task } from './task';
export { forkJoinTasks, type ForkJoinTasksOptions, type ForkJoinTasksResult } from './fork-join-tasks';
export { formatTaskTree, reduceTaskTree, type FormatTaskTreeOptions, type TaskGroupSnapshot, type TaskSnapshot, type TaskSnapshotState } from './task-tree';
export { TaskGroupError } from './errors/task-group-error';
export { TaskTimeoutError } from './errors/task-timeout-error';
export { TaskCancelledError } from './errors/task-cancelled-error';
export { TaskStateError } from './errors/task-state-error';
export { subscribeToTaskGroups, addTaskScope as ɵaddTaskScope } from './subscribe-to-task-groups';
export type { TaskScope as ɵTaskScope } from './subscribe-to-task-groups';
export { checkOptionKeys as ɵcheckOptionKeys } from './internal/options';
export { describeError as ɵdescribeError } from './internal/describe';
export { checkTask as ɵcheckTask } from './internal/task-input';
export { isInstance as ɵisInstance } from './internal/user-values';
export { reportUnhandledError as ɵreportUnhandledError } from './internal/report-unhandled-error';
export type {
  ErrorClass,
  ErrorMatcher,
  PlatformObservable,
  Task,
  TaskContext,
  TaskDescriptor,
  TaskEvent,
  TaskEventType,
  TaskGroup,
  TaskGroupEvent,
  TaskGroupEventType,
  TaskGroupFailurePolicy,
  TaskGroupInfo,
  TaskGroupOptions,
  TaskInput,
  TaskOptions,
  TaskOutcome,
  TaskResult,
  TaskSourceValue,
  TaskStartContext,
} from './types';
