import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TaskGroupSnapshot, formatTaskTree } from 'rxjs-taskgroup';
import { readableErrorText } from './describe';

/**
 * A group's task tree as text (the core's `formatTaskTree`): what it is still waiting for —
 * a running task, a queued one, a cleanup, a shielded task, an inner group. A long line wraps
 * with a hanging indent (under its text, past the branches), so the panel never widens the page.
 */
@Component({
  selector: 'app-task-tree',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <figure class="task-tree" data-testid="task-tree">
      <figcaption>
        <strong>Task tree</strong>&ngsp;<span class="source">{{ source() }}</span>
      </figcaption>
      <pre data-testid="task-tree-text" [attr.data-state]="tree()?.state">@for (line of lines(); track $index) {<span class="line" [style.padding-left.ch]="line.indent" [style.text-indent.ch]="-line.indent">{{ line.text }}</span>}</pre>
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
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 0.75rem;
      line-height: 1.45;
    }
    /* One block a line; a long one wraps under its own text, past the tree's branches. */
    .line {
      display: block;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
  `,
})
export class TaskTreeComponent {
  /** The tree; undefined before the group's first event. */
  readonly tree = input.required<TaskGroupSnapshot | undefined>();
  /** Where it comes from, in a few words. */
  readonly source = input('');
  /** The scheduler's `now()` when the run started: start times are shown from it (`since +1.2 s`). */
  readonly origin = input(0);
  readonly text = computed(() => {
    const tree = this.tree();
    return tree ? readableErrorText(formatTaskTree(tree, { origin: this.origin() })) : 'task group: not started yet';
  });
  /** Each line, with the width of its branches (`│  ├─ `) plus two, for its wrapped rest. */
  readonly lines = computed(() =>
    this.text()
      .split('\n')
      .map((text) => ({ text, indent: (/^[│├└─ ]*/.exec(text)?.[0].length ?? 0) + 2 })),
  );
}
