import { TestBed } from '@angular/core/testing';
import { TaskGroupSnapshot, TaskSnapshot } from 'rxjs-taskgroup';
import { TaskTreeComponent } from './task-tree.component';

/** A task of the tree below, started `startTime` ms after the run. */
const task = (name: string, index: number, startTime: number, extra: Partial<TaskSnapshot> = {}): TaskSnapshot => ({
  name, index, state: 'running', shield: false, startTime, groups: [], ...extra,
});

const tree: TaskGroupSnapshot = {
  state: 'shutting-down',
  listening: true,
  done: { fulfilled: 0, failed: 1, cancelled: 0 },
  groups: [],
  tasks: [
    task('upload', 0, 1_000, { state: 'cleanup', outcome: 'cancelled' }),
    task('order', 1, 1_010, {
      state: 'done',
      outcome: 'failed',
      error: 'HttpErrorResponse: Http failure response for http://127.0.0.1:4321/api/delay/1?status=500&run=r7: 500 Internal Server Error',
    }),
    task('audit', 2, 2_250, { shield: true }),
  ],
};

describe('TaskTreeComponent', () => {
  async function render(width: string) {
    const fixture = TestBed.createComponent(TaskTreeComponent);
    fixture.nativeElement.style.display = 'block';
    fixture.nativeElement.style.width = width;
    document.body.appendChild(fixture.nativeElement);
    fixture.componentRef.setInput('tree', tree);
    fixture.componentRef.setInput('origin', 1_000);
    await fixture.whenStable();
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))); // the panel measured
    await fixture.whenStable();
    const pre = fixture.nativeElement.querySelector('[data-testid="task-tree-text"]') as HTMLElement;
    const lines = Array.from(pre.querySelectorAll<HTMLElement>('.line'));
    return { fixture, pre, lines, texts: lines.map((line) => line.textContent ?? '') };
  }

  it('prints start times from the run’s start, and error texts without the page’s origin or run ids', async () => {
    const { fixture, texts } = await render('1600px');
    expect(texts).toEqual([
      'task group: shutting down, waiting for 2 tasks · done: 1 failed',
      '├─ #0 upload: cleanup (onCancel running), since +0 ms',
      '├─ #1 order: done, failed — HttpErrorResponse: Http failure response for /api/delay/1?status=500: 500 Internal Server Error',
      '└─ #2 audit: running, shielded, since +1.3 s',
    ]);
    fixture.destroy();
  });

  it('on a narrow panel, wraps each line under its text and draws the branches that go on beside the wrapped rest', async () => {
    const { fixture, pre, lines, texts } = await render('260px');
    expect(texts.length).withContext('the text is formatTaskTree’s, unwrapped').toBe(4);
    expect(pre.scrollWidth).withContext('nothing wider than the panel').toBeLessThanOrEqual(pre.clientWidth);
    const heights = lines.map((line) => line.getBoundingClientRect().height);
    const lineHeight = parseFloat(getComputedStyle(lines[0]).lineHeight);
    expect(heights[2]).withContext('the long error wraps').toBeGreaterThan(lineHeight * 2.5);
    // Bars: the root's children hang from column 0; under #1 (├─) the tree goes on at column 0; under #2 (└─) it does not.
    const barsOf = (line: HTMLElement) => line.style.backgroundPosition;
    expect(barsOf(lines[0])).toContain('0.5ch');
    expect(barsOf(lines[2])).toContain('0.5ch');
    expect(barsOf(lines[3])).toBe('');
    // A start time is never split: `since +1.3 s` sits on one row.
    const time = lines[3].querySelector<HTMLElement>('.time')!;
    expect(time.textContent).toBe('since +1.3 s');
    expect(time.getClientRects().length).toBe(1);
    expect(lines.every((line) => line.style.paddingLeft.endsWith('ch'))).toBeTrue();
    fixture.destroy();
  });
});
