// @ts-check
// The HTTP server: the app on Node's `http` module, bound to 127.0.0.1, with a graceful close;
// and the live request log (GET /api/log/live, a WebSocket: live-log.mjs).
import { createServer as createHttpServer, STATUS_CODES } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.mjs';
import { close as closeLiveLog, createLiveLogHandler } from './live-log.mjs';
import { DEFAULT_LOG_SIZE, RequestLog } from './request-log.mjs';

/** @typedef {import('node:http').Server} Server */

/** Each server's open live logs: closed at once by {@link closeGracefully} (they never go idle). */
const liveLogs = new WeakMap();

/** The only address the server listens on. */
export const HOST = '127.0.0.1';

/** The demo's build output, relative to the repository root. */
export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../dist/demo/browser', import.meta.url));

/**
 * Creates the server (not listening yet; see {@link listen}).
 * @param {{ staticDir?: string, logSize?: number }} [options]
 *   `staticDir`: the folder to serve (default {@link DEFAULT_STATIC_DIR});
 *   `logSize`: how many requests /api/log keeps (default 200)
 * @returns {Server}
 */
export function createServer({ staticDir = DEFAULT_STATIC_DIR, logSize = DEFAULT_LOG_SIZE } = {}) {
  const log = new RequestLog(logSize);
  const server = createHttpServer(createApp({ staticDir, log }));
  /** @type {Set<import('node:stream').Duplex>} */
  const sockets = new Set();
  liveLogs.set(server, sockets);
  server.on('upgrade', createLiveLogHandler({ log, sockets }));
  // Requests Node cannot even parse (e.g. headers over 16 KB) still get a JSON error.
  server.on('clientError', (error, socket) => {
    const code = /** @type {{ code?: string }} */ (error).code;
    if (code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = code === 'HPE_HEADER_OVERFLOW' ? 431 : code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const body = JSON.stringify({ error: `${STATUS_CODES[status]}: the request could not be read.` }) + '\n';
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n' +
        body,
    );
  });
  return server;
}

/**
 * Starts listening on {@link HOST}; port 0 picks a free port.
 * @param {Server} server
 * @param {number} port
 * @returns {Promise<string>} the base URL, e.g. `http://127.0.0.1:4300/`
 */
export function listen(server, port) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      resolve(`http://${HOST}:${actualPort}/`);
    });
  });
}

/**
 * Stops accepting connections, closes idle ones and live logs at once and, after `graceMs`,
 * those still busy (pending delays are then logged as aborted).
 * @param {Server} server
 * @param {number} [graceMs]
 * @returns {Promise<void>}
 */
export function closeGracefully(server, graceMs = 1000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close((error) => {
      clearTimeout(timer);
      if (error) {
        reject(error);
      } else {
        resolve();
      }
    });
    server.closeIdleConnections();
    for (const socket of liveLogs.get(server) ?? []) closeLiveLog(socket);
  });
}
