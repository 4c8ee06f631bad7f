import { isDevMode } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { traceTaskGroupsInDevTools } from 'rxjs-taskgroup/devtools';
import { AppComponent } from './app/app.component';
import { appConfig } from './app/app.config';

// Every task group of the demo on its own tracks of Chrome DevTools' Performance panel (rule 27):
// record a profile while a card runs. Development builds only (`npm run dev`).
if (isDevMode()) traceTaskGroupsInDevTools({ trackGroup: 'Demo task group' });

bootstrapApplication(AppComponent, appConfig).catch((error: unknown) => console.error(error));
