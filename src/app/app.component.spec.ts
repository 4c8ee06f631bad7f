import { TestBed } from '@angular/core/testing';
import { AppComponent } from './app.component';

describe('AppComponent', () => {
  beforeEach(async () => {
    await TestBed.configureTestingModule({ imports: [AppComponent] }).compileComponents();
  });

  it('renders the library name as the page title', async () => {
    const fixture = TestBed.createComponent(AppComponent);
    await fixture.whenStable();
    const heading: HTMLElement | null = fixture.nativeElement.querySelector('h1');
    expect(heading?.textContent?.trim()).toBe('rxjs-taskgroup');
  });

  it('shows the first example with an enabled Run button', async () => {
    const fixture = TestBed.createComponent(AppComponent);
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    expect(element.querySelector('app-first-example h2')?.textContent).toContain('First example');
    const button = element.querySelector<HTMLButtonElement>('app-first-example button');
    expect(button).not.toBeNull();
    expect(button?.type).toBe('button');
    expect(button?.textContent?.trim()).toBe('Run');
    expect(button?.disabled).toBeFalse();
  });
});
