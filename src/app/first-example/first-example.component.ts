import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { Subscription } from 'rxjs';
import { FIRST_EXAMPLE_WORKERS, runFirstExample } from './first-example';

type Status = 'idle' | 'running' | 'done' | 'failed';

@Component({
  selector: 'app-first-example',
  templateUrl: './first-example.component.html',
  styleUrl: './first-example.component.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FirstExampleComponent {
  readonly workers = FIRST_EXAMPLE_WORKERS;
  readonly status = signal<Status>('idle');
  readonly results = signal<readonly string[]>([]);
  readonly error = signal('');
  readonly elapsedSeconds = signal<number | null>(null);

  private subscription?: Subscription;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.subscription?.unsubscribe());
  }

  run(): void {
    this.subscription?.unsubscribe();
    this.status.set('running');
    this.results.set([]);
    this.error.set('');
    this.elapsedSeconds.set(null);
    const started = performance.now();
    const stop = () => this.elapsedSeconds.set(Math.round((performance.now() - started) / 100) / 10);

    this.subscription = runFirstExample().subscribe({
      next: (results) => this.results.set(results),
      error: (error: unknown) => {
        stop();
        this.error.set(error instanceof Error ? error.message : String(error));
        this.status.set('failed');
      },
      complete: () => {
        stop();
        this.status.set('done');
      },
    });
  }
}
