import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TaskGroupSnapshot, formatTaskTree } from 'rxjs-taskgroup';
import { readableErrorText } from './describe';

/**
 * A group's task tree as text (the core's `formatTaskTree`): what it is still waiting for —
 * a running task, a queued one, a cleanup, a shielded task, an inner group. A long line wraps
 * with a hanging indent (under its text, past the branches), so the panel never widens the page,
 * and the branches that go on below it are drawn beside its wrapped rest (a 1 px line per
 * branch), so the tree stays connected. The text is `formatTaskTree`'s as it is, unwrapped: the
 * browser wraps it at whatever width the panel has.
 */
@Component({
  selector: 'app-task-tree',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <figure class="task-tree" data-testid="task-tree">
      <figcaption>
        <strong>Task tree</strong>&ngsp;<span class="source">{{ source() }}</span>
      </figcaption>
      <pre data-testid="task-tree-text" [attr.data-state]="tree()?.state">@for (line of lines(); track $index) {<span class="line" [style]="line.style">@for (part of line.parts; track $index) {<span [class.time]="part.time">{{ part.text }}</span>}</span>}</pre>
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
      line-height: 1.45; /* ROW, below */
    }
    .time {
      white-space: nowrap;
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
  /** Each line, with its style: a hanging indent, and the branches that go on below it. */
  readonly lines = computed(() => {
    const texts = this.text().split('\n');
    const branches = texts.map((text) => /^[│├└─ ]*/.exec(text)?.[0] ?? '');
    return texts.map((text, i) => ({ text, parts: partsOf(text), style: lineStyle(branches[i], branches[i + 1]) }));
  });
}

/**
 * A line's style: its wrapped rest indented past its branches (`│  ├─ `) by two more, and a
 * vertical line at each column where the tree goes on below it: a `│` or `├` of its own
 * branches (over the glyph, then down its wrapped rest), and, when the next line is deeper, the
 * column its children hang from (from its second row on: on the first, that column is its text).
 */
function lineStyle(branches: string, next: string | undefined): Record<string, string> {
  const indent = branches.length + 2;
  const bars = [...branches].flatMap((char, column) => (char === '│' || char === '├' ? [{ column, from: '0px' }] : []));
  if (next !== undefined && next.length > branches.length) bars.push({ column: branches.length, from: ROW });
  const style: Record<string, string> = { 'padding-left': `${indent}ch`, 'text-indent': `${-indent}ch` };
  if (bars.length === 0) return style;
  return {
    ...style,
    'background-image': bars.map(() => 'linear-gradient(currentColor, currentColor)').join(', '),
    'background-position': bars.map(({ column, from }) => `calc(${column + 0.5}ch - 0.5px) ${from}`).join(', '),
    'background-size': bars.map(({ from }) => `1px calc(100% - ${from})`).join(', '),
    'background-repeat': 'no-repeat',
  };
}

/** A start time as formatTaskTree writes it: `since +0 ms`, `since +1.2 s`, `since +2 min 5 s`, `since +1 h 3 min`. */
const START_TIME = /(since [+-][\d.]+ (?:ms|s|min \d+ s|h \d+ min))/;

/** A line in parts, its start time apart: a time is never wrapped in the middle (`+0` / `ms`). */
function partsOf(text: string): { text: string; time: boolean }[] {
  return text.split(START_TIME).filter((part) => part !== '').map((part) => ({ text: part, time: START_TIME.test(part) }));
}

/** The height of one row of the tree: its `line-height`. */
const ROW = '1.45em';
