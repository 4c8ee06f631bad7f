import { ComponentFixture, TestBed } from '@angular/core/testing';
import { FirstExampleComponent } from './first-example.component';

/** Polls `done` every 50 ms until it holds, or fails after `timeoutMs`. */
async function waitUntil(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('FirstExampleComponent', () => {
  let fixture: ComponentFixture<FirstExampleComponent>;
  let element: HTMLElement;

  beforeEach(async () => {
    await TestBed.configureTestingModule({ imports: [FirstExampleComponent] }).compileComponents();
    fixture = TestBed.createComponent(FirstExampleComponent);
    element = fixture.nativeElement;
    await fixture.whenStable();
  });

  it('lists the three workers with their durations', () => {
    const text = element.querySelector('p')?.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(text).toContain('A (2 s)');
    expect(text).toContain('B (1 s)');
    expect(text).toContain('C (3 s)');
  });

  it('runs the workers concurrently and shows their results in creation order', async () => {
    const button = element.querySelector<HTMLButtonElement>('button');
    if (!button) {
      throw new Error('no Run button');
    }
    button.click();
    await fixture.whenStable();
    expect(button.disabled).toBeTrue();
    expect(element.querySelector('.status')?.textContent).toContain('Running');

    await waitUntil(() => fixture.componentInstance.status() !== 'running', 8000);
    await fixture.whenStable();

    expect(fixture.componentInstance.status()).toBe('done');
    const items = Array.from(element.querySelectorAll('.results li'), (li) => li.textContent?.trim());
    expect(items).toEqual(['Worker A done in 2s', 'Worker B done in 1s', 'Worker C done in 3s']);
    // Concurrent, not sequential: about 3 s in all, well under the 6 s of the sum.
    const elapsed = fixture.componentInstance.elapsedSeconds() ?? Infinity;
    expect(elapsed).toBeGreaterThanOrEqual(2.9);
    expect(elapsed).toBeLessThan(5);
    expect(button.disabled).toBeFalse();
  }, 15000);
});
