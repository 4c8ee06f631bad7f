// #region imports
import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { tap } from 'rxjs';
import { injectTaskGroup } from 'rxjs-taskgroup/angular';
import { describeError } from '../timeline/describe';
import { EventSink } from './context';
// #endregion

/** What GET /api/search answers: the text searched, and the terms that contain it. */
interface SearchAnswer {
  readonly q: string;
  readonly hits: readonly string[];
}

/**
 * A search box: each keystroke runs the search under the key `'search'` with the strategy
 * `'switch'`, so a new keystroke cancels the search still running — HttpClient aborts its
 * request, and the server's log says "aborted by client" — and starts the next at once.
 * `status('search')` is a signal of the key: busy while a search runs, the last failure.
 * Destroying the component cancels whatever still runs.
 */
@Component({
  selector: 'app-type-ahead',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <label for="type-ahead-input">Search the words of structured concurrency</label>
    <input id="type-ahead-input" type="search" autocomplete="off" spellcheck="false" data-testid="search-input"
      placeholder="e.g. switchMap" (input)="search($any($event.target).value)" />
    <p class="search-status" aria-live="polite" data-testid="search-status" [attr.data-busy]="status().busy">
      @if (status().busy) {
        Searching…
      } @else if (status().error; as error) {
        The search failed: {{ describe(error) }}
      } @else if (answer(); as answer) {
        {{ answer.hits.length }} {{ answer.hits.length === 1 ? 'term contains' : 'terms contain' }} “{{ answer.q }}”
      }
    </p>
    <ul class="hits" data-testid="search-hits">
      @for (hit of answer()?.hits; track hit) {
        <li>{{ hit }}</li>
      }
    </ul>
  `,
  styles: `
    label { display: block; font-weight: 600; font-size: 0.9rem; }
    input { width: 100%; max-width: 24rem; margin-top: 0.25rem; padding: 0.4rem 0.6rem; font: inherit;
      border: 1px solid var(--muted); border-radius: 0.375rem; }
    input:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
    .search-status { min-height: 1.5em; margin: 0.4rem 0 0.25rem; font-size: 0.9rem; color: var(--muted); }
    .hits { display: flex; flex-wrap: wrap; gap: 0.25rem 0.5rem; margin: 0; padding: 0; list-style: none;
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.8rem; }
    .hits li { padding: 0.1rem 0.5rem; background: #eef2fb; border-radius: 0.25rem; }
  `,
})
export class TypeAheadComponent {
  // #region the card's plumbing: run ids for its server log, events for its timeline
  /** Tags each URL with the card's run id. */
  readonly api = input.required<(url: string) => string>();
  /** The card's timeline. */
  readonly onEvent = input<EventSink>(() => undefined);
  // #endregion

  private readonly http = inject(HttpClient);
  /** The component's nursery: destroying the component cancels every search still running. */
  private readonly tasks = injectTaskGroup({ failurePolicy: 'keep-going', onEvent: (event) => this.onEvent()(event) });
  /** The key's status: `{ running, queued, busy, error }`. */
  readonly status = this.tasks.status('search');
  readonly answer = signal<SearchAnswer | undefined>(undefined);

  search(q: string): void {
    const url = this.api()(`/api/search?q=${encodeURIComponent(q)}`);
    this.tasks.run('search', this.http.get<SearchAnswer>(url).pipe(tap((answer) => this.answer.set(answer))), {
      strategy: 'switch', // a new keystroke cancels the search still running
      name: `“${q}”`,
    });
  }

  readonly describe = describeError;
}
