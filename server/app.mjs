// @ts-check
// The request handler: checks the request target, then hands /api to the API and the rest
// to the static files; turns every thrown error into a JSON error response.
import { createApiHandler } from './api.mjs';
import { parseRequestPath } from './request-path.mjs';
import { HttpError, sendError } from './responses.mjs';
import { createStaticHandler } from './static-files.mjs';

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */
/** @typedef {import('./request-log.mjs').RequestLog} RequestLog */

/**
 * @param {{ staticDir: string, log: RequestLog }} options
 * @returns {(req: IncomingMessage, res: ServerResponse) => void}
 */
export function createApp({ staticDir, log }) {
  const handleApi = createApiHandler({ log });
  const serveStatic = createStaticHandler({ root: staticDir });

  return function handleRequest(req, res) {
    const url = req.url ?? '/';
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (/^\/api(?:[/?#]|$)/.test(url)) {
      res.setHeader('Cache-Control', 'no-store');
    }
    try {
      const path = parseRequestPath(url);
      if (path.segments[0] === 'api') {
        handleApi(req, res, path);
      } else {
        serveStatic(req, res, path).catch((error) => fail(res, error));
      }
    } catch (error) {
      fail(res, error);
    }
  };
}

/**
 * @param {ServerResponse} res
 * @param {unknown} error
 */
function fail(res, error) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error instanceof HttpError) {
    sendError(res, error);
  } else {
    console.error(error);
    sendError(res, new HttpError(500, 'Internal server error.'));
  }
}
