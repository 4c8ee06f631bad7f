import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { AppComponent } from './app.component';

describe('AppComponent', () => {
  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [AppComponent],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    }).compileComponents();
  });

  it('renders the library name as the page title', async () => {
    const fixture = TestBed.createComponent(AppComponent);
    await fixture.whenStable();
    const heading: HTMLElement | null = fixture.nativeElement.querySelector('h1');
    expect(heading?.textContent?.trim()).toBe('rxjs-taskgroup');
  });

  it('shows the playground, forkJoin vs a task group first, with an enabled Run button', async () => {
    const fixture = TestBed.createComponent(AppComponent);
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    const first = element.querySelector('app-playground app-scenario-card');
    expect(first?.querySelector('h2')?.textContent).toContain('forkJoin vs a task group');
    const button = first?.querySelector<HTMLButtonElement>('button');
    expect(button?.type).toBe('button');
    expect(button?.textContent?.trim()).toBe('Run');
    expect(button?.disabled).toBeFalse();
  });
});
