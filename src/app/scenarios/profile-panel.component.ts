import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { taskGroupResource } from 'rxjs-taskgroup/angular';
import { TaskTreeComponent } from '../timeline/task-tree.component';
import { EventSink } from './context';

/**
 * A panel that loads its data through a task group: `taskGroupResource`, a resource whose
 * loader is the group. Destroying the panel (closing it) destroys the resource, which
 * unsubscribes the group: every request still running is cancelled, and HttpClient aborts it.
 * Its `taskTree()` (rebuilt from the group's events) is the progress list, every task of the
 * load with its state and outcome, and, printed by `formatTaskTree` (in `app-task-tree`), what
 * the group still waits for (`tasks()`, the tasks not done yet).
 */
@Component({
  selector: 'app-profile-panel',
  imports: [TaskTreeComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p data-testid="panel-status">Profile panel: {{ profile.status() }}</p>
    <ul class="tasks" data-testid="panel-tasks">
      @for (task of profile.taskTree().tasks; track task.index) {
        <li [attr.data-state]="task.state">{{ task.name }}: {{ task.state }}{{ task.outcome ? ', ' + task.outcome : '' }}</li>
      }
    </ul>
    <app-task-tree data-testid="panel-tree" [tree]="profile.taskTree()" source="profile.taskTree()" [origin]="origin()" />
  `,
})
export class ProfilePanelComponent {
  /** Tags each URL with the card's run id. */
  readonly api = input.required<(url: string) => string>();
  /** The card's timeline. */
  readonly onEvent = input<EventSink>(() => undefined);
  /** When the card opened the panel: the tree's start times count from it. */
  readonly origin = input(0);

  private readonly http = inject(HttpClient);

  readonly profile = taskGroupResource({
    params: () => ({ api: this.api() }),
    tasks: ({ api }) => ({
      user: this.http.get(api('/api/delay/0.5?part=user')),
      posts: this.http.get(api('/api/delay/3?part=posts')),
      friends: this.http.get(api('/api/delay/4?part=friends')),
    }),
    onEvent: (event) => this.onEvent()(event),
  });
}
