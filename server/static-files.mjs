// @ts-check
// Serving the built demo: files from one folder only, index.html for `/` and for client-side
// routes (SPA fallback), and a clear 503 while the demo has not been built.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream';
import { HttpError, methodNotAllowed, sendError, sendText } from './responses.mjs';

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */
/** @typedef {import('./request-path.mjs').RequestPath} RequestPath */

/** Content types by file extension; anything else is `application/octet-stream`. */
export const CONTENT_TYPES = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
});

export const NOT_BUILT_MESSAGE =
  'The demo has not been built yet: run `npm run build` (or `npm start`, which builds it), then reload.';

/**
 * @param {string} file
 * @returns {string}
 */
export function contentType(file) {
  return /** @type {Record<string, string>} */ (CONTENT_TYPES)[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The handler for every path outside /api. It throws an {@link HttpError} for bad requests.
 * @param {{ root: string }} options `root`: the build folder; it may appear or disappear later
 * @returns {(req: IncomingMessage, res: ServerResponse, path: RequestPath) => Promise<void>}
 */
export function createStaticHandler({ root }) {
  return async function serveStatic(req, res, { rawPath, segments }) {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      throw methodNotAllowed(method, ['GET', 'HEAD']);
    }
    const wantsHtml = /\btext\/html\b/.test(req.headers.accept ?? '');
    const isRoot = segments.length === 1 && segments[0] === '';

    const realRoot = await realpath(root).catch(() => null);
    const index = realRoot && (await findFile(realRoot, ['index.html']));
    if (!realRoot || !index) {
      if (isRoot || wantsHtml) {
        sendText(res, 503, NOT_BUILT_MESSAGE);
      } else {
        sendError(res, new HttpError(503, NOT_BUILT_MESSAGE));
      }
      return;
    }

    if (!isRoot) {
      const file = await findFile(realRoot, segments);
      if (file) {
        return sendFile(req, res, file);
      }
      // A path without an extension is a client-side route when a browser navigates to it.
      const isAsset = extname(segments[segments.length - 1]) !== '';
      if (isAsset || !wantsHtml || method !== 'GET') {
        throw new HttpError(404, `Not found: ${rawPath}`);
      }
    }
    return sendFile(req, res, index);
  };
}

/**
 * The regular file at `segments` under `realRoot`, or null, also when the path or a symlink
 * on it leads outside `realRoot`.
 * @param {string} realRoot an absolute path without symlinks
 * @param {string[]} segments decoded, without `.`, `..` or slashes (see request-path.mjs)
 * @returns {Promise<{ path: string, size: number } | null>}
 */
async function findFile(realRoot, segments) {
  const candidate = resolve(realRoot, ...segments);
  if (!isInside(realRoot, candidate)) {
    return null;
  }
  try {
    const real = await realpath(candidate);
    if (!isInside(realRoot, real)) {
      return null;
    }
    const stats = await stat(real);
    return stats.isFile() ? { path: real, size: stats.size } : null;
  } catch {
    return null;
  }
}

/**
 * @param {string} root
 * @param {string} path
 */
function isInside(root, path) {
  return path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * @param {IncomingMessage} req
 * @param {ServerResponse} res
 * @param {{ path: string, size: number }} file
 */
function sendFile(req, res, file) {
  res.statusCode = 200;
  res.setHeader('Content-Type', contentType(file.path));
  res.setHeader('Content-Length', file.size);
  res.setHeader('Cache-Control', 'no-cache');
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  // On a read error or a client going away, pipeline destroys both streams.
  pipeline(createReadStream(file.path), res, () => {});
}

