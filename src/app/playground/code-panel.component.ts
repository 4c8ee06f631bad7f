import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { SOURCES } from '../scenarios/sources.generated';

/**
 * The "Code" of a card: the text of the files that run, as they are in the repository (the
 * build embeds them: scripts/scenario-sources.mjs), each under its path.
 */
@Component({
  selector: 'app-code-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <details class="code">
      <summary>Code: the files that run</summary>
      @for (file of shown(); track file.path) {
        <p class="path"><code>src/app/{{ file.path }}</code></p>
        <pre data-testid="code" [attr.data-path]="file.path"><code>{{ file.text }}</code></pre>
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
    pre {
      overflow-x: auto;
      max-width: 100%;
      margin: 0.25rem 0 0;
      padding: 0.75rem;
      background: #f3f4f7;
      border-radius: 0.375rem;
      font-size: 0.75rem;
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
      return { path, text };
    }),
  );
}
