// A component of a strict Angular app: a resource whose loader is a task group
// (`taskGroupResource`) and a long-lived group of uploads (`injectTaskGroup`), both read in a
// template that is type-checked with strictTemplates.
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { of, throwError, type Observable } from 'rxjs';
import { catchTaskErrors, formatTaskTree, type Task } from 'rxjs-taskgroup';
import { httpError, injectTaskGroup, taskGroupResource, type TaskGroupResourceRef } from 'rxjs-taskgroup/angular';
import { ProfileApi, type User } from './profile-api.js';

export interface Profile {
  readonly user: User;
  readonly posts: readonly string[];
}

@Component({
  selector: 'compat-profile',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul>
      @for (task of profile.taskTree().tasks; track task.index) {
        <li>{{ task.name }}: {{ task.state }}{{ task.outcome ? ' (' + task.outcome + ')' : '' }}</li>
      }
    </ul>
    @if (profile.value(); as value) {
      <h1>{{ value.user.name }}</h1>
      <p>{{ value.posts.length }} posts, {{ progress() }}</p>
    } @else if (profile.error(); as error) {
      <p role="alert">{{ error.message }}</p>
    }
    <p>{{ uploads.running() }} uploading, {{ uploads.errors().length }} failed{{ uploads.closed() ? ', closed' : '' }}</p>
    <pre>{{ tree() }}</pre>
    <button type="button" (click)="next()">next</button>
  `,
})
export class ProfileComponent {
  private readonly api = inject(ProfileApi);
  readonly id = signal(1);

  readonly profile: TaskGroupResourceRef<Profile | undefined> = taskGroupResource<Profile, number>({
    params: () => this.id(),
    tasks: (id: number) => ({ user: this.api.user(id), posts: this.api.posts(id) }),
    taskOptions: { posts: { timeout: 1_000 } },
  });

  readonly uploads = injectTaskGroup({ failurePolicy: 'keep-going', concurrency: 2 });

  readonly progress = computed(() => {
    const { done, tasks } = this.profile.taskTree();
    return `${done.fulfilled}/${tasks.length} loaded`;
  });

  readonly tree = computed(() => formatTaskTree(this.uploads.taskTree()));

  next(): void {
    this.id.update((id) => id + 1);
  }

  /** An upload; a 404 is answered with `null`, anything else fails only this task. */
  upload(name: string, request: Observable<string>): Task<string | null> {
    return this.uploads.createTask(
      request.pipe(catchTaskErrors(httpError(404), () => of(null))),
      { name, onCancel: () => of(undefined) },
    );
  }

  /** What the template's task list shows, for a test. */
  taskNames(): readonly string[] {
    return this.profile.taskTree().tasks.map((task) => task.name);
  }
}

/** A 404 as `HttpClient` reports one. */
export const notFound = (url: string): Observable<never> =>
  throwError(() => new HttpErrorResponse({ status: 404, url }));
