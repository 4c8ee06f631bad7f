import { Observable, type ObservableInput, type Subscriber } from 'rxjs';
import type { TaskGroup, TaskGroupOptions } from '../types';
import { Group, type GroupView, type Owner } from './group';
import { resolveGroupOptions } from './options';
import { TaskGroupFacade } from './task-group-facade';
import { typeError } from './type-error';

/**
 * `withTaskGroup`'s Observable, owned by `owner` when one is given (`ctx.withTaskGroup`), else by
 * whatever task or body subscribes it synchronously (see `Owner` in `group.ts`).
 */
export function ownedTaskGroup<R>(
  body: (tg: TaskGroup) => ObservableInput<R> | void,
  options: TaskGroupOptions | undefined,
  owner: Owner | undefined,
  where: string,
): Observable<R> {
  if (typeof body !== 'function') {
    throw typeError(`${where}: body`, 'a function (tg) => …', body);
  }
  const config = resolveGroupOptions(options, where);
  return new Observable<R>(subscriber => {
    const group = new Group(subscriber, config, new BodyValuesView(subscriber), owner);
    const tg = new TaskGroupFacade(group);
    group.start(() => body(tg), where);
  });
}

/** `withTaskGroup`'s view: the body's values are the group's values. */
class BodyValuesView implements GroupView {
  constructor(private readonly subscriber: Subscriber<unknown>) {}

  bodyValue(_: Group, value: unknown): void {
    this.subscriber.next(value);
  }
}
