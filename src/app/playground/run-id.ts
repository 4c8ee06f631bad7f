/** `url` with `run=<id>` added to its query: the local API records it and `GET /api/log?run=<id>` filters by it. */
export function tagRun(url: string, run: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}run=${encodeURIComponent(run)}`;
}
