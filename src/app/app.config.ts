import { ApplicationConfig, provideBrowserGlobalErrorListeners } from '@angular/core';

// Zoneless change detection is Angular's default: the components use signals.
export const appConfig: ApplicationConfig = {
  providers: [provideBrowserGlobalErrorListeners()],
};
