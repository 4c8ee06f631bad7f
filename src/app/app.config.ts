import { provideHttpClient, withFetch } from '@angular/common/http';
import { ApplicationConfig, provideBrowserGlobalErrorListeners } from '@angular/core';

// Zoneless change detection is Angular's default: the components use signals.
// HttpClient aborts a request when it is unsubscribed (which is what cancelling a task does),
// with either backend: XHR by default, fetch with `withFetch()`, which the demo uses (fetch
// with an AbortController, and Angular's recommended backend).
export const appConfig: ApplicationConfig = {
  providers: [provideBrowserGlobalErrorListeners(), provideHttpClient(withFetch())],
};
