// A root service that loads with the core operators: `forkJoinTasks` (a record of tasks, one
// group, fail-fast) and `withTaskGroup` (tasks created in a body, their handles read after).
import { Injectable } from '@angular/core';
import { forkJoin, map, timer, type Observable } from 'rxjs';
import { forkJoinTasks, withTaskGroup, type TaskOutcome } from 'rxjs-taskgroup';

export interface User {
  readonly id: number;
  readonly name: string;
}

/** Sources the tests replace: each is an Observable factory, as HttpClient calls would be. */
export interface ProfileSources {
  user(id: number): Observable<User>;
  posts(id: number): Observable<readonly string[]>;
}

export const DELAYED_SOURCES: ProfileSources = {
  user: (id) => timer(5).pipe(map(() => ({ id, name: `user ${id}` }))),
  posts: (id) => timer(10).pipe(map(() => [`post ${id}.1`, `post ${id}.2`])),
};

@Injectable({ providedIn: 'root' })
export class ProfileApi {
  sources: ProfileSources = DELAYED_SOURCES;

  user(id: number): Observable<User> {
    return this.sources.user(id);
  }

  posts(id: number): Observable<readonly string[]> {
    return this.sources.posts(id);
  }

  /** User and posts in one group: the first failure cancels the other request. */
  profile(id: number): Observable<{ user: User; posts: readonly string[] }> {
    return forkJoinTasks({ user: this.user(id), posts: this.posts(id) }, { timeout: 1_000 });
  }

  /** Every user at once, at most `concurrency` at a time, in the order asked. */
  users(ids: readonly number[], concurrency: number): Observable<User[]> {
    return withTaskGroup<User[]>((tg) => {
      const tasks = ids.map((id) => tg.createTask(this.user(id), { name: `user-${id}` }));
      return forkJoin(tasks);
    }, { concurrency });
  }

  /** Each load's outcome, none cancelled by another's failure. */
  settled(ids: readonly number[]): Observable<TaskOutcome<User>[]> {
    return forkJoinTasks(ids.map((id) => this.user(id)), { settle: true });
  }
}
