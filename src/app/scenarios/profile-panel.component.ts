import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { forkJoin } from 'rxjs';
import { TaskEvent, withTaskGroup } from 'rxjs-taskgroup';
import { EventSink } from './context';

/**
 * A panel that loads its data through a task group: a resource whose loader is the group.
 * Destroying the panel (closing it) destroys the resource, which unsubscribes the group: every
 * request still running is cancelled, and HttpClient aborts it. (With `rxjs-taskgroup/angular`,
 * `taskGroupResource({ params, tasks })` will replace `rxResource` + `withTaskGroup`, and its
 * per-task state signal will replace `track`.)
 */
@Component({
  selector: 'app-profile-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p data-testid="panel-status">Profile panel: {{ profile.status() }}</p>
    <ul class="tasks">
      @for (task of tasks(); track task.name) {
        <li>{{ task.name }}: {{ task.state }}</li>
      }
    </ul>
  `,
})
export class ProfilePanelComponent {
  /** Tags each URL with the card's run id. */
  readonly api = input.required<(url: string) => string>();
  /** The card's timeline. */
  readonly onEvent = input<EventSink>(() => undefined);

  private readonly http = inject(HttpClient);
  /** Each task's latest event, for a progress list. */
  readonly tasks = signal<readonly { name: string; state: TaskEvent['type'] }[]>([]);

  readonly profile = rxResource({
    params: () => ({ api: this.api() }),
    stream: ({ params: { api } }) =>
      withTaskGroup(
        (tg) =>
          forkJoin({
            user: tg.createTask(this.http.get(api('/api/delay/0.5?part=user')), { name: 'user' }),
            posts: tg.createTask(this.http.get(api('/api/delay/3?part=posts')), { name: 'posts' }),
            friends: tg.createTask(this.http.get(api('/api/delay/4?part=friends')), { name: 'friends' }),
          }),
        { onEvent: (event) => this.track(event) },
      ),
  });

  private track(event: TaskEvent): void {
    this.onEvent()(event);
    const name = event.task?.name;
    if (name === undefined) return;
    const entry = { name, state: event.type };
    this.tasks.update((tasks) =>
      tasks.some((t) => t.name === name) ? tasks.map((t) => (t.name === name ? entry : t)) : [...tasks, entry],
    );
  }
}
