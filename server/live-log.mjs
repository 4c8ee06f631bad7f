// @ts-check
// GET /api/log/live?run=<id>, a WebSocket: the log of one run, sent whole when the socket opens
// and again each time one of its requests starts or ends. The demo's server log reads it so it
// keeps up with the timeline. Not polling and not server-sent events: a browser opens at most
// 6 HTTP/1.1 connections to a host, so while a run keeps 6 requests open (the forkJoin card
// does), a GET /api/log waits until one of them ends; WebSockets are not counted in that limit.
// Server to client only, text frames; the client's frames are read for `close` and `ping` alone.
import { createHash } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { parseRun } from './api.mjs';
import { HttpError } from './responses.mjs';

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:stream').Duplex} Duplex */
/** @typedef {import('./request-log.mjs').RequestLog} RequestLog */

/** The path of the live log. */
export const LIVE_LOG_PATH = '/api/log/live';

/** RFC 6455's GUID, appended to the client's key to make the accept header. */
const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** How long a live log stays open at most: then it closes (the demo's cards hold one for seconds). */
export const LIVE_LOG_MAX_SECONDS = 120;

/**
 * An `upgrade` handler for the HTTP server: opens the live log of a run, or answers a plain
 * HTTP error (400, 404, 426) and closes the socket.
 * @param {{ log: RequestLog, sockets: Set<Duplex> }} options `sockets`: the open live logs (for closing the server)
 * @returns {(req: IncomingMessage, socket: Duplex) => void}
 */
export function createLiveLogHandler({ log, sockets }) {
  return function handleUpgrade(req, socket) {
    socket.on('error', () => socket.destroy());
    let run;
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== LIVE_LOG_PATH) throw new HttpError(404, `Only ${LIVE_LOG_PATH} takes a WebSocket.`);
      if (req.method !== 'GET') throw new HttpError(405, 'A WebSocket opens with GET.');
      const key = req.headers['sec-websocket-key'];
      if ((req.headers.upgrade ?? '').toLowerCase() !== 'websocket' || typeof key !== 'string' || req.headers['sec-websocket-version'] !== '13') {
        throw new HttpError(426, 'This is a WebSocket (version 13) endpoint.');
      }
      run = parseRun(url.searchParams.get('run'));
      const accept = createHash('sha1').update(key + WEBSOCKET_GUID).digest('base64');
      socket.write(
        'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' + `Sec-WebSocket-Accept: ${accept}\r\n\r\n`,
      );
    } catch (error) {
      const status = error instanceof HttpError ? error.status : 400;
      const body = JSON.stringify({ error: error instanceof Error ? error.message : String(error) }) + '\n';
      socket.end(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }

    sockets.add(socket);
    // Several changes in one tick (an abort and the next request) make one message.
    let queued = false;
    const send = () => {
      queued = false;
      if (socket.writable) socket.write(frame(0x1, Buffer.from(JSON.stringify(log.entries(run)))));
    };
    const stop = log.onChange((entry) => {
      if (entry !== undefined && run !== undefined && entry.run !== run) return;
      if (!queued) {
        queued = true;
        setImmediate(send);
      }
    });
    const lifetime = setTimeout(() => close(socket), LIVE_LOG_MAX_SECONDS * 1000);
    const done = () => {
      stop();
      clearTimeout(lifetime);
      sockets.delete(socket);
    };
    socket.on('close', done);
    socket.on('data', (/** @type {Buffer} */ data) => {
      const opcode = data[0] & 0x0f;
      if (opcode === 0x8) close(socket);
      else if (opcode === 0x9) socket.write(frame(0xa, Buffer.alloc(0)));
    });
    send();
  };
}

/**
 * Sends a close frame and ends the socket.
 * @param {Duplex} socket
 */
export function close(socket) {
  if (socket.writable) socket.end(frame(0x8, Buffer.from([0x03, 0xe8]))); // 1000: normal closure
  else socket.destroy();
}

/**
 * One unmasked, final frame (a server's frames are never masked).
 * @param {number} opcode 0x1 text, 0x8 close, 0xa pong
 * @param {Buffer} payload
 */
export function frame(opcode, payload) {
  const length = payload.length;
  const header = length < 126 ? Buffer.alloc(2) : length < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  header[0] = 0x80 | opcode;
  if (length < 126) {
    header[1] = length;
  } else if (length < 65536) {
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  } else {
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([header, payload]);
}
