// A strict consumer of `rxjs-taskgroup/angular` for scripts/check-typescript-versions.mjs:
// compiled only with the TypeScript versions Angular itself supports (see the script).
import { HttpClient } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import { of, type Observable } from 'rxjs';
import { catchTaskErrors, type Task } from 'rxjs-taskgroup';
import { httpError, injectTaskGroup, taskGroupResource, type TaskGroupResourceRef } from 'rxjs-taskgroup/angular';

interface User {
  name: string;
}

@Injectable({ providedIn: 'root' })
export class Profile {
  private readonly http = inject(HttpClient);
  readonly id = signal(1);
  readonly profile: TaskGroupResourceRef<{ user: User; posts: string[] } | undefined> = taskGroupResource({
    params: () => this.id(),
    tasks: (id) => ({ user: this.http.get<User>(`/api/users/${id}`), posts: this.http.get<string[]>(`/api/users/${id}/posts`) }),
    taskOptions: { posts: { timeout: 3_000 } },
  });
  readonly uploads = injectTaskGroup({ failurePolicy: 'keep-going', concurrency: 2 });

  name(): string | undefined {
    return this.profile.value()?.user.name;
  }

  upload(file: string): Task<unknown> {
    return this.uploads.createTask(this.http.post('/api/upload', file), { name: file });
  }

  user(): Observable<User | null> {
    return this.http.get<User>('/api/user').pipe(catchTaskErrors(httpError(404), () => of(null)));
  }
}
