import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';
import { ServerLogEntry } from '../dashboard/dashboard-loader.service';
import { ServerLogComponent } from './server-log.component';
import { SERVER_LOG_FEED } from './server-log-feed';

const entry = (id: number, path: string, outcome: ServerLogEntry['outcome'], end: number | null = null): ServerLogEntry => ({
  id,
  method: 'GET',
  path,
  run: 'r.1',
  start: 1000,
  end,
  duration: end === null ? null : end - 1000,
  status: end === null ? null : 200,
  outcome,
});

describe('ServerLogComponent', () => {
  let fixture: ComponentFixture<ServerLogComponent>;
  let http: HttpTestingController;
  let feeds: { run: string; subject: Subject<ServerLogEntry[]> }[];
  const rows = () =>
    Array.from(fixture.nativeElement.querySelectorAll('[data-testid="server-log-row"]') as NodeListOf<HTMLElement>, (row) => `${row.dataset['path']}: ${row.dataset['outcome']}`);
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  beforeEach(async () => {
    feeds = [];
    await TestBed.configureTestingModule({
      imports: [ServerLogComponent],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        {
          provide: SERVER_LOG_FEED,
          useValue: (run: string) => {
            const subject = new Subject<ServerLogEntry[]>();
            feeds.push({ run, subject });
            return subject;
          },
        },
      ],
    }).compileComponents();
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ServerLogComponent);
    fixture.componentRef.setInput('period', 10);
    fixture.componentRef.setInput('settlePolls', 3);
    fixture.componentRef.setInput('run', 'r.1');
    fixture.componentRef.setInput('runs', 1);
    fixture.componentRef.setInput('running', true);
    await fixture.whenStable();
  });

  afterEach(() => fixture.destroy());

  it('shows the run’s requests as the live log reports them, without polling, and lets go of it after the run', async () => {
    expect(feeds.map((feed) => feed.run)).toEqual(['r.1']);
    const [live] = feeds;
    live.subject.next([entry(1, '/api/delay/3', 'pending')]);
    await fixture.whenStable();
    expect(rows()).toEqual(['/api/delay/3: pending']);
    live.subject.next([entry(1, '/api/delay/3', 'aborted by client', 1500), entry(2, '/api/cleanup/x', 'pending')]);
    await fixture.whenStable();
    expect(rows()).toEqual(['/api/delay/3: aborted by client', '/api/cleanup/x: pending']);
    await wait(40);
    http.expectNone(() => true);

    // The run ends: the log stays live a moment (period × settlePolls), then lets go.
    fixture.componentRef.setInput('running', false);
    await fixture.whenStable();
    expect(feeds.length).toBe(2);
    feeds[1].subject.next([entry(1, '/api/delay/3', 'aborted by client', 1500), entry(2, '/api/cleanup/x', 'completed', 1800)]);
    await fixture.whenStable();
    expect(rows()).toEqual(['/api/delay/3: aborted by client', '/api/cleanup/x: completed']);
    expect(feeds[1].subject.observed).toBeTrue();
    await wait(80);
    expect(live.subject.observed).toBeFalse();
    expect(feeds[1].subject.observed).toBeFalse();
    http.expectNone(() => true);
  });

  it('polls GET /api/log when the live log cannot open', async () => {
    feeds[0].subject.error(new Event('error'));
    await wait(30);
    const reads = http.match((req) => req.url === '/api/log?run=r.1');
    expect(reads.length).toBeGreaterThan(0);
    reads[0].flush([entry(1, '/api/delay/1', 'completed', 2000)]);
    await fixture.whenStable();
    expect(rows()).toEqual(['/api/delay/1: completed']);
    fixture.destroy();
    http.match(() => true);
  });
});
