// #region tracing plumbing: one short line per error, for the story
import { HttpErrorResponse } from '@angular/common/http';

/** One short line for an error: `HttpErrorResponse 500` for HTTP errors, else `Name: message`. */
export function short(error: unknown): string {
  if (error instanceof HttpErrorResponse) return `HttpErrorResponse ${error.status}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
// #endregion
