import { HttpErrorResponse } from '@angular/common/http';
import { describeError, viewError, withoutRunIds } from './describe';

describe('withoutRunIds', () => {
  it('drops the run id from a query, wherever it is', () => {
    expect(withoutRunIds('GET /api/delay/1?run=http.1.abc')).toBe('GET /api/delay/1');
    expect(withoutRunIds('/api/delay/1?status=500&run=http.1.abc: 500 Server Error')).toBe('/api/delay/1?status=500: 500 Server Error');
    expect(withoutRunIds('/api/delay/1?run=http.1.abc&status=500')).toBe('/api/delay/1?status=500');
    expect(withoutRunIds('/api/x?a=1&run=r.2&b=2')).toBe('/api/x?a=1&b=2');
    expect(withoutRunIds('a run=1 without a query')).toBe('a run=1 without a query');
  });

  it('is applied to the errors the cards show', () => {
    const error = new HttpErrorResponse({ url: '/api/delay/1?status=500&run=forkjoin.1.abc', status: 500, statusText: 'Server Error' });
    expect(viewError(error).message).toBe('Http failure response for /api/delay/1?status=500: 500 Server Error');
    expect(describeError(new Error('failed: /api/x?run=a.1'))).toBe('Error: failed: /api/x');
    // And without the origin (always this page's server), as the fetch backend's errors have it.
    const fetched = new HttpErrorResponse({ url: 'http://127.0.0.1:4300/api/status/503?run=d.1', status: 503, statusText: 'Service Unavailable' });
    expect(viewError(fetched).message).toBe('Http failure response for /api/status/503: 503 Service Unavailable');
  });
});
