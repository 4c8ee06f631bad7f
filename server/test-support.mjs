// @ts-check
// Helpers for server/test/ (kept outside that folder: `node --test` runs every file in it).
import { request } from 'node:http';
import { closeGracefully, createServer, listen } from './server.mjs';

/**
 * Starts a server on a free port.
 * @param {Parameters<typeof createServer>[0]} [options]
 * @returns {Promise<{ base: string, port: number, url: (path: string) => string, close: () => Promise<void> }>}
 */
export async function startTestServer(options) {
  const server = createServer(options);
  const base = (await listen(server, 0)).replace(/\/$/, '');
  return {
    base,
    port: Number(new URL(base).port),
    url: (path) => base + path,
    close: () => closeGracefully(server, 0),
  };
}

/**
 * Sends a request with the path exactly as given: `fetch` would normalise `/../x` and
 * `/%2e%2e/x` before sending them.
 * @param {number} port
 * @param {string} path
 * @param {{ method?: string, headers?: Record<string, string> }} [options]
 * @returns {Promise<{ status: number, headers: import('node:http').IncomingHttpHeaders, body: string }>}
 */
export function rawRequest(port, path, { method = 'GET', headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Polls `check` every 25 ms until it returns a value other than undefined, or fails after
 * `timeoutMs`.
 * @template T
 * @param {() => Promise<T | undefined>} check
 * @param {number} timeoutMs
 * @returns {Promise<T>}
 */
export async function waitFor(check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`Still not true after ${timeoutMs} ms.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
