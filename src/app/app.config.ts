import { provideHttpClient, withFetch } from '@angular/common/http';
import { ApplicationConfig, provideBrowserGlobalErrorListeners } from '@angular/core';

// Zoneless change detection is Angular's default: the components use signals.
// `withFetch()`: HttpClient uses fetch with an AbortController, so unsubscribing from a
// request (which is what cancelling a task does) aborts it at the socket.
export const appConfig: ApplicationConfig = {
  providers: [provideBrowserGlobalErrorListeners(), provideHttpClient(withFetch())],
};
