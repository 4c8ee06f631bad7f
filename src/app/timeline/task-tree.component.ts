import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TaskGroupSnapshot, formatTaskTree } from 'rxjs-taskgroup';
import { formatSeconds } from './timeline';

/**
 * A group's task tree as text (the core's `formatTaskTree`): what it is still waiting for —
 * a running task, a queued one, a cleanup, a shielded task, an inner group. Long lines scroll
 * inside the panel, never the page.
 */
@Component({
  selector: 'app-task-tree',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <figure class="task-tree" data-testid="task-tree">
      <figcaption>
        <strong>Task tree</strong>&ngsp;<span class="source">{{ source() }}</span>
      </figcaption>
      <pre tabindex="0" data-testid="task-tree-text" [attr.data-state]="tree()?.state">{{ text() }}</pre>
    </figure>
  `,
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    .task-tree {
      margin: 0;
      padding: 0.4rem 0.6rem;
      background: #f8f9fb;
      border: 1px solid var(--border);
      border-radius: 0.375rem;
    }
    figcaption {
      font-size: 0.8rem;
      color: var(--muted);
    }
    .source {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 0.75rem;
    }
    pre {
      margin: 0.25rem 0 0;
      overflow-x: auto;
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 0.75rem;
      line-height: 1.45;
      white-space: pre;
    }
    pre:focus-visible {
      outline: 3px solid var(--accent);
      outline-offset: 2px;
    }
  `,
})
export class TaskTreeComponent {
  /** The tree; undefined before the group's first event. */
  readonly tree = input.required<TaskGroupSnapshot | undefined>();
  /** Where it comes from, in a few words. */
  readonly source = input('');
  /** The scheduler's `now()` when the run started: start times are shown from it, in seconds. */
  readonly origin = input(0);
  readonly text = computed(() => {
    const tree = this.tree();
    return tree ? relativeTimes(formatTaskTree(shiftTimes(tree, this.origin()))) : 'task group: not started yet';
  });
}

/** The tree with each start time counted from `origin` (ms). */
function shiftTimes(tree: TaskGroupSnapshot, origin: number): TaskGroupSnapshot {
  return {
    ...tree,
    groups: tree.groups.map((group) => shiftTimes(group, origin)),
    tasks: tree.tasks.map((task) => ({
      ...task,
      startTime: task.startTime === undefined ? undefined : task.startTime - origin,
      groups: task.groups.map((group) => shiftTimes(group, origin)),
    })),
  };
}

/** `, since 270` (ms, as formatTaskTree prints a start time) → `, since 0.27 s`, as the timeline writes times. */
function relativeTimes(text: string): string {
  return text.replace(/, since (-?\d+(?:\.\d+)?)(?= —|$)/gm, (_, ms: string) => `, since ${formatSeconds(Number(ms))}`);
}
