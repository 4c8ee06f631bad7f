// The placeholders the READMEs' excerpts (their ```ts snippets without imports) use without
// declaring them: an injected HttpClient, the API's types, the Observables and helpers that a
// real application would have. scripts/check-readme-snippets.mjs imports each one an excerpt
// uses from here (before looking at the packages' exports), so an excerpt is type-checked as if
// it sat in such an application. Keep them few and obvious.
import type { HttpClient } from '@angular/common/http';
import type { Observable } from 'rxjs';

/** `inject(HttpClient)`, as a service or a component has it. */
export declare const http: HttpClient;

export interface User {
  id: number;
  name: string;
}
export interface Post {
  title: string;
}
export interface Stats {
  visits: number;
}

/** Cleanups: an Observable that records or undoes something. */
export declare function audit(what: string): Observable<unknown>;
export declare function logAbort(what: string): Observable<unknown>;
/** Sends a message over an open WebSocket; completes once it is sent. */
export declare function send(socket: WebSocket, message: string): Observable<void>;

/** The tasks and cleanups of the task-tree example. */
export declare const upload$: Observable<unknown>;
export declare const deleteDraft$: Observable<unknown>;
export declare const auditLog$: Observable<unknown>;
export declare const resize$: Observable<unknown>;
export declare const removeTemp$: Observable<unknown>;
export declare const failing$: Observable<never>;

/** What `catchTaskErrors` handlers substitute for a failed load. */
export declare const placeholder: { items: never[] };
export declare const retryLater: { retry: true };
