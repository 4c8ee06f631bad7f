import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { SOURCES } from '../scenarios/sources.generated';
import { foldRegions } from './code-folds';

/**
 * The "Code" of a card: the text of the files that run, as they are in the repository (the
 * build embeds them: scripts/scenario-sources.mjs), each under its path. What a file marks with
 * `// #region <label>` … `// #endregion` (imports, tracing plumbing) is folded away under
 * "show <label>", so the lines that matter come first; the parts, joined, are the whole file.
 */
@Component({
  selector: 'app-code-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <details class="code">
      <summary>Code: the lines that matter, from the files that run</summary>
      @for (file of shown(); track file.path) {
        <p class="path"><code>src/app/{{ file.path }}</code></p>
        <div class="source" data-testid="code" [attr.data-path]="file.path">
          @for (part of file.parts; track $index) {
            @if (part.fold === null) {
              <pre data-testid="code-part"><code>{{ part.text }}</code></pre>
            } @else {
              <details class="fold" data-testid="code-fold">
                <summary>show {{ part.fold }} <span class="count">({{ part.lines }} lines)</span></summary>
                <pre data-testid="code-part"><code>{{ part.text }}</code></pre>
              </details>
            }
          }
        </div>
      }
    </details>
  `,
  styles: `
    .code {
      margin-top: 0.75rem;
      font-size: 0.85rem;
    }
    summary {
      cursor: pointer;
      color: var(--muted);
    }
    .path {
      margin: 0.6rem 0 0;
      font-size: 0.8rem;
      color: var(--muted);
    }
    .source {
      margin: 0.25rem 0 0;
      padding: 0.5rem 0.75rem;
      background: #f3f4f7;
      border-radius: 0.375rem;
    }
    pre {
      overflow-x: auto;
      max-width: 100%;
      margin: 0;
      font-size: 0.75rem;
    }
    .fold {
      margin: 0.15rem 0;
    }
    .fold > summary {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 0.75rem;
      font-style: italic;
    }
    .fold[open] > pre {
      padding-left: 0.5rem;
      border-left: 2px solid var(--border);
    }
    .count {
      opacity: 0.8;
    }
  `,
})
export class CodePanelComponent {
  /** Paths under src/app/, as the card's scenario lists them. */
  readonly files = input.required<readonly string[]>();

  readonly shown = computed(() =>
    this.files().map((path) => {
      const text = SOURCES[path];
      if (text === undefined) throw new Error(`No source for ${path}: is it under src/app/scenarios/ (scripts/scenario-sources.mjs)?`);
      return { path, text, parts: foldRegions(text) };
    }),
  );
}
