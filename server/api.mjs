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

const ROUTES =
  'GET /api/delay/:seconds (?status=NNN to answer with that status), GET /api/status/:code, ' +
  'GET /api/search?q=text (?delay=seconds), ' +
  'POST /api/cleanup/:name (?delay=seconds, ?status=NNN), GET /api/events (server-sent events; ?fail=before-ready), ' +
  'GET or DELETE /api/log (GET ?run=id: that run only), /api/log/live?run=id (a WebSocket); ' +
  'every route takes ?run=id, recorded in the log';

/** What a run id may look like: the demo makes them from a card's id and a counter. */
const RUN_ID = /^[\w.-]{1,64}$/;

/** The longest name /api/cleanup accepts. */
const CLEANUP_NAME = /^[\w.-]{1,40}$/;

/** How long /api/cleanup takes unless told otherwise, in seconds. */
export const DEFAULT_CLEANUP_SECONDS = 0.3;

/** When /api/events sends `ready` (or, with `?fail=before-ready`, closes instead), in seconds. */
export const EVENTS_READY_SECONDS = 0.3;

/** How often /api/events sends a `tick` after `ready`, in seconds. */
export const EVENTS_TICK_SECONDS = 0.25;

/** How long /api/events streams at most: then it ends (a client that forgot to close it reconnects). */
export const EVENTS_MAX_SECONDS = MAX_DELAY_SECONDS;

/** How long /api/search takes unless told otherwise, in seconds: long enough for a fast typist to overtake it. */
export const DEFAULT_SEARCH_SECONDS = 0.8;

/** The longest text /api/search accepts. */
export const MAX_SEARCH_LENGTH = 100;

/** What /api/search searches: words of structured concurrency and of RxJS. */
const SEARCH_TERMS = [
  'AbortSignal', 'AnyIO', 'asyncio.TaskGroup', 'cancel scope', 'cancelSiblingsOnError', 'catchTaskErrors',
  'concatMap', 'Effection', 'exhaustMap', 'forkJoin', 'forkJoinTasks', 'HttpClient', 'injectTaskGroup',
  'mergeMap', 'nursery', 'onCancel', 'rxMethod', 'rxMutation', 'shield', 'structured concurrency',
  'switchMap', 'TaskGroupError', 'taskGroupResource', 'Trio', 'withTaskGroup', 'withTimeout',
];

/**
 * The terms that contain `q`, ignoring case (all of them for an empty `q`), at most 8, in order.
 * @param {string} q
 * @returns {string[]}
 */
export function searchTerms(q) {
  const needle = q.trim().toLowerCase();
  return SEARCH_TERMS.filter((term) => term.toLowerCase().includes(needle)).slice(0, 8);
}

/**
 * The handler for every path under /api. It throws an {@link HttpError} for bad requests.
 * @param {{ log: RequestLog }} options
 * @returns {(req: IncomingMessage, res: ServerResponse, path: RequestPath) => void}
 */
export function createApiHandler({ log }) {
  /** Numbers the /api/events connections, for their `ready` event. */
  let connections = 0;
  return function handleApi(req, res, { rawPath, segments }) {
    const method = req.method ?? 'GET';
    const [, name, param, ...rest] = segments; // segments[0] is 'api'
    const query = parseQuery(req.url ?? '');
    const run = parseRun(query.get('run'));

    if ((name === 'delay' || name === 'status') && param !== undefined && rest.length === 0) {
      logRequest(log, req, res, loggedPath(rawPath, query), run);
      if (method !== 'GET') {
        throw methodNotAllowed(method, ['GET']);
      }
      if (name === 'delay') {
        const status = query.has('status') ? parseStatus(query.get('status') ?? '') : 200;
        const seconds = parseDelay(param);
        answerLater(res, seconds, status, { delay: seconds, path: rawPath, ...(status === 200 ? {} : { status }) });
      } else {
        const status = parseStatus(param);
        sendJson(res, status, { status });
      }
      return;
    }

    if (name === 'search' && param === undefined) {
      logRequest(log, req, res, loggedPath(rawPath, query), run);
      if (method !== 'GET') {
        throw methodNotAllowed(method, ['GET']);
      }
      const q = query.get('q') ?? '';
      if (q.length > MAX_SEARCH_LENGTH) {
        throw new HttpError(400, `The search text must be at most ${MAX_SEARCH_LENGTH} characters; got ${q.length}.`);
      }
      const seconds = query.has('delay') ? parseDelay(query.get('delay') ?? '') : DEFAULT_SEARCH_SECONDS;
      answerLater(res, seconds, 200, { q, hits: searchTerms(q) });
      return;
    }

    if (name === 'cleanup' && param !== undefined && rest.length === 0) {
      logRequest(log, req, res, loggedPath(rawPath, query), run);
      if (method !== 'POST') {
        throw methodNotAllowed(method, ['POST']);
      }
      if (!CLEANUP_NAME.test(param)) {
        throw new HttpError(400, `The cleanup name must be 1 to 40 letters, digits, "_", "." or "-"; got "${param}".`);
      }
      const seconds = query.has('delay') ? parseDelay(query.get('delay') ?? '') : DEFAULT_CLEANUP_SECONDS;
      const status = query.has('status') ? parseStatus(query.get('status') ?? '') : 200;
      // The body (if any) is not needed: read and drop it so the connection stays usable.
      req.resume();
      answerLater(res, seconds, status, { cleaned: param, status });
      return;
    }

    if (name === 'events' && param === undefined) {
      logRequest(log, req, res, loggedPath(rawPath, query), run);
      if (method !== 'GET') {
        throw methodNotAllowed(method, ['GET']);
      }
      const fail = query.get('fail');
      if (fail !== null && fail !== 'before-ready') {
        throw new HttpError(400, `The only failure /api/events knows is fail=before-ready; got "${fail}".`);
      }
      streamEvents(res, { connection: `c${++connections}`, failBeforeReady: fail === 'before-ready' });
      return;
    }

    if (name === 'log' && param === undefined) {
      if (method === 'GET') {
        sendJson(res, 200, log.entries(run));
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
 * The query string of a request target, parsed.
 * @param {string} url
 * @returns {URLSearchParams}
 */
function parseQuery(url) {
  const start = url.indexOf('?');
  if (start === -1) {
    return new URLSearchParams();
  }
  const end = url.indexOf('#', start);
  return new URLSearchParams(url.slice(start + 1, end === -1 ? undefined : end));
}

/**
 * @param {string | null} text the `run` query parameter
 * @returns {string | undefined}
 */
export function parseRun(text) {
  if (text === null) {
    return undefined;
  }
  if (!RUN_ID.test(text)) {
    throw new HttpError(400, `The run id must be 1 to 64 letters, digits, "_", "." or "-"; got "${text}".`);
  }
  return text;
}

/**
 * The path as the log shows it: with the query that changes the answer (`?status=500`), without
 * the run id (the log has a field for it).
 * @param {string} rawPath
 * @param {URLSearchParams} query
 */
function loggedPath(rawPath, query) {
  const shown = new URLSearchParams(query);
  shown.delete('run');
  const text = shown.toString();
  return text === '' ? rawPath : `${rawPath}?${text}`;
}

/**
 * Logs the request now and settles its entry when the response is sent or the client
 * goes away first.
 * @param {RequestLog} log
 * @param {IncomingMessage} req
 * @param {ServerResponse} res
 * @param {string} path
 * @param {string | undefined} run
 */
function logRequest(log, req, res, path, run) {
  const entry = log.start(req.method ?? 'GET', path, Date.now(), run);
  res.on('finish', () => log.finish(entry, 'completed', res.statusCode));
  res.on('close', () => {
    if (!res.writableFinished) {
      log.finish(entry, 'aborted by client', null);
    }
  });
}

/**
 * Answers `body` with `status` after `seconds`, unless the connection closes first.
 * @param {ServerResponse} res
 * @param {number} seconds
 * @param {number} status
 * @param {unknown} body
 */
function answerLater(res, seconds, status, body) {
  const timer = setTimeout(() => sendJson(res, status, body), seconds * 1000);
  res.on('close', () => clearTimeout(timer));
}

/**
 * A stream of server-sent events: the headers and a comment at once (so the client's
 * EventSource opens), `ready` with `{ connection }` after {@link EVENTS_READY_SECONDS}, then
 * `tick` with `{ tick }` every {@link EVENTS_TICK_SECONDS}, until the client closes it. With
 * `failBeforeReady`, it ends the stream where `ready` would come, without sending it.
 * @param {ServerResponse} res
 * @param {{ connection: string, failBeforeReady: boolean }} options
 */
function streamEvents(res, { connection, failBeforeReady }) {
  res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store' });
  res.write(': connected\n\n');
  /** @param {string} event @param {unknown} data */
  const send = (event, data) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  /** @type {NodeJS.Timeout | undefined} */
  let ticker;
  const ready = setTimeout(() => {
    if (failBeforeReady) {
      res.end();
      return;
    }
    send('ready', { connection });
    let tick = 0;
    const ticks = Math.floor(EVENTS_MAX_SECONDS / EVENTS_TICK_SECONDS);
    ticker = setInterval(() => {
      send('tick', { tick: ++tick });
      if (tick >= ticks) {
        clearInterval(ticker);
        res.end();
      }
    }, EVENTS_TICK_SECONDS * 1000);
  }, EVENTS_READY_SECONDS * 1000);
  res.on('close', () => {
    clearTimeout(ready);
    clearInterval(ticker);
  });
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
