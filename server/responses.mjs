// @ts-check
// Writing responses: JSON bodies, JSON errors, and the headers every response carries.

/** @typedef {import('node:http').ServerResponse} ServerResponse */

/** Statuses whose responses must not have a body (RFC 9110). */
const NO_BODY_STATUSES = new Set([204, 205, 304]);

/** An error that becomes a `{ "error": message }` response with `status`. */
export class HttpError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   * @param {Record<string, string>} [headers] extra response headers, e.g. `Allow`
   */
  constructor(status, message, headers = {}) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.headers = headers;
  }
}

/**
 * Sends `body` as JSON (or no body at all for 204, 205 and 304, and for HEAD requests).
 * @param {ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
export function sendJson(res, status, body, headers = {}) {
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) {
    res.setHeader(name, value);
  }
  if (NO_BODY_STATUSES.has(status)) {
    res.end();
    return;
  }
  const text = JSON.stringify(body) + '\n';
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(res.req?.method === 'HEAD' ? undefined : text);
}

/**
 * Sends `{ "error": message }` with the error's status and headers.
 * @param {ServerResponse} res
 * @param {HttpError} error
 */
export function sendError(res, error) {
  sendJson(res, error.status, { error: error.message }, error.headers);
}

/**
 * Sends a short plain-text sentence.
 * @param {ServerResponse} res
 * @param {number} status
 * @param {string} text
 */
export function sendText(res, status, text) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text + '\n'));
  res.end(res.req?.method === 'HEAD' ? undefined : text + '\n');
}

/**
 * A 405 error naming the methods the resource accepts.
 * @param {string} method
 * @param {string[]} allowed
 */
export function methodNotAllowed(method, allowed) {
  const list = allowed.join(', ');
  return new HttpError(405, `Method ${method} is not allowed here; use ${list}.`, { Allow: list });
}
