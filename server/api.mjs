// @ts-check
// The /api routes: delayed answers, chosen statuses and the request log, for the demo to
// run real HTTP requests against (and to show which ones were aborted).
import { HttpError, methodNotAllowed, sendJson } from './responses.mjs';

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */
/** @typedef {import('./request-path.mjs').RequestPath} RequestPath */
/** @typedef {import('./request-log.mjs').RequestLog} RequestLog */

/** The longest delay /api/delay accepts, in seconds. */
export const MAX_DELAY_SECONDS = 30;

const ROUTES = 'GET /api/delay/:seconds, GET /api/status/:code, GET or DELETE /api/log';

/**
 * The handler for every path under /api. It throws an {@link HttpError} for bad requests.
 * @param {{ log: RequestLog }} options
 * @returns {(req: IncomingMessage, res: ServerResponse, path: RequestPath) => void}
 */
export function createApiHandler({ log }) {
  return function handleApi(req, res, { rawPath, segments }) {
    const method = req.method ?? 'GET';
    const [, name, param, ...rest] = segments; // segments[0] is 'api'

    if ((name === 'delay' || name === 'status') && param !== undefined && rest.length === 0) {
      logRequest(log, req, res, rawPath);
      if (method !== 'GET') {
        throw methodNotAllowed(method, ['GET']);
      }
      if (name === 'delay') {
        answerLater(res, parseDelay(param), rawPath);
      } else {
        const status = parseStatus(param);
        sendJson(res, status, { status });
      }
      return;
    }

    if (name === 'log' && param === undefined) {
      if (method === 'GET') {
        sendJson(res, 200, log.entries());
      } else if (method === 'DELETE') {
        log.clear();
        sendJson(res, 204, null);
      } else {
        throw methodNotAllowed(method, ['GET', 'DELETE']);
      }
      return;
    }

    throw new HttpError(404, `There is no API route ${rawPath}; the routes are ${ROUTES}.`);
  };
}

/**
 * Logs the request now and settles its entry when the response is sent or the client
 * goes away first.
 * @param {RequestLog} log
 * @param {IncomingMessage} req
 * @param {ServerResponse} res
 * @param {string} path
 */
function logRequest(log, req, res, path) {
  const entry = log.start(req.method ?? 'GET', path);
  res.on('finish', () => log.finish(entry, 'completed', res.statusCode));
  res.on('close', () => {
    if (!res.writableFinished) {
      log.finish(entry, 'aborted by client', null);
    }
  });
}

/**
 * Answers `{ delay, path }` after `seconds`, unless the connection closes first.
 * @param {ServerResponse} res
 * @param {number} seconds
 * @param {string} path
 */
function answerLater(res, seconds, path) {
  const timer = setTimeout(() => sendJson(res, 200, { delay: seconds, path }), seconds * 1000);
  res.on('close', () => clearTimeout(timer));
}

/**
 * @param {string} text
 * @returns {number} seconds, from 0 to {@link MAX_DELAY_SECONDS}
 */
export function parseDelay(text) {
  if (!/^(?:\d+(?:\.\d+)?|\.\d+)$/.test(text)) {
    throw new HttpError(
      400,
      `The delay must be a number of seconds from 0 to ${MAX_DELAY_SECONDS}, like 2 or 0.5; got "${text}".`,
    );
  }
  const seconds = Number(text);
  if (seconds > MAX_DELAY_SECONDS) {
    throw new HttpError(400, `The delay ${text} s is over the limit of ${MAX_DELAY_SECONDS} seconds.`);
  }
  return seconds;
}

/**
 * @param {string} text
 * @returns {number} an HTTP status from 200 to 599
 */
export function parseStatus(text) {
  const status = /^\d{3}$/.test(text) ? Number(text) : NaN;
  if (!(status >= 200 && status <= 599)) {
    throw new HttpError(400, `The status must be an integer from 200 to 599; got "${text}".`);
  }
  return status;
}
