// @ts-check
// Parsing and checking the request target before anything is routed or read from disk.
import { HttpError } from './responses.mjs';

/** Longer request targets are answered with 414. */
export const MAX_URL_LENGTH = 2048;

/**
 * @typedef {object} RequestPath
 * @property {string} rawPath the path as sent, still percent-encoded, without the query
 * @property {string[]} segments the decoded segments between the slashes (`/a/b` → `['a', 'b']`)
 */

/**
 * Splits `url` (the request target, e.g. `req.url`) into decoded path segments, refusing
 * anything that could name a file outside a folder: `.` and `..` segments, encoded or not,
 * encoded slashes or backslashes inside a segment, NUL bytes, malformed percent-encoding.
 * @param {string} url
 * @returns {RequestPath}
 * @throws {HttpError} 414 for a target over {@link MAX_URL_LENGTH}, 400 for the rest
 */
export function parseRequestPath(url) {
  if (url.length > MAX_URL_LENGTH) {
    throw new HttpError(414, `The URL is longer than ${MAX_URL_LENGTH} characters.`);
  }
  if (!url.startsWith('/')) {
    throw new HttpError(400, 'The request target must be a path starting with "/".');
  }
  const end = url.search(/[?#]/);
  const rawPath = end === -1 ? url : url.slice(0, end);
  const segments = rawPath
    .slice(1)
    .split('/')
    .map((raw) => {
      let segment;
      try {
        segment = decodeURIComponent(raw);
      } catch {
        throw new HttpError(400, 'The URL has malformed percent-encoding.');
      }
      if (segment === '.' || segment === '..') {
        throw new HttpError(400, 'The path must not contain "." or ".." segments, encoded or not.');
      }
      if (/[/\\\0]/.test(segment)) {
        throw new HttpError(400, 'The path must not contain encoded slashes, backslashes or NUL bytes.');
      }
      return segment;
    });
  return { rawPath, segments };
}
