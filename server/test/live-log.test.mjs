// @ts-check
// GET /api/log/live?run=<id>: the live request log, a WebSocket written to as requests start and end.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { frame } from '../live-log.mjs';
import { startTestServer } from '../test-support.mjs';

/** @typedef {import('../request-log.mjs').LogEntry} LogEntry */

/** @type {Awaited<ReturnType<typeof startTestServer>>} */
let server;
before(async () => {
  server = await startTestServer({ staticDir: '/nonexistent-build-folder' });
});
after(() => server.close());

const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';

/**
 * Opens the live log of `run` with a raw upgrade request (Node 20 has no WebSocket client
 * without a flag); resolves once it is open, with every message it receives so far.
 * @param {string} path
 * @returns {Promise<{ status: number, accept?: string, messages: LogEntry[][], next: () => Promise<LogEntry[]>, closed: Promise<number>, send: (bytes: Buffer) => void }>}
 */
function open(path) {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port: server.port,
      path,
      agent: false,
      headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Key': KEY, 'Sec-WebSocket-Version': '13' },
    });
    req.on('response', (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, messages: [], next: () => Promise.reject(new Error('not open')), closed: Promise.resolve(0), send: () => undefined });
    });
    req.on('upgrade', (res, socket, head) => {
      /** @type {LogEntry[][]} */
      const messages = [];
      /** @type {((entries: LogEntry[]) => void)[]} */
      const waiting = [];
      let buffer = head;
      /** @type {(code: number) => void} */
      let onClose = () => undefined;
      const closed = new Promise((resolveClose) => (onClose = resolveClose));
      const parse = () => {
        for (;;) {
          if (buffer.length < 2) return;
          const opcode = buffer[0] & 0x0f;
          let length = buffer[1] & 0x7f;
          let offset = 2;
          if (length === 126) {
            length = buffer.readUInt16BE(2);
            offset = 4;
          }
          if (buffer.length < offset + length) return;
          const payload = buffer.subarray(offset, offset + length);
          buffer = buffer.subarray(offset + length);
          if (opcode === 0x1) {
            const entries = JSON.parse(payload.toString('utf8'));
            const waiter = waiting.shift();
            if (waiter) waiter(entries);
            else messages.push(entries);
          } else if (opcode === 0x8) {
            onClose(payload.length >= 2 ? payload.readUInt16BE(0) : 1005);
          }
        }
      };
      socket.on('data', (/** @type {Buffer} */ chunk) => {
        buffer = Buffer.concat([buffer, chunk]);
        parse();
      });
      setImmediate(parse); // what came with the handshake
      socket.on('error', () => undefined);
      resolve({
        status: res.statusCode ?? 0,
        accept: /** @type {string} */ (res.headers['sec-websocket-accept']),
        messages,
        next: () => {
          const ready = messages.shift();
          return ready ? Promise.resolve(ready) : new Promise((resolveNext) => waiting.push(resolveNext));
        },
        closed,
        send: (bytes) => socket.write(bytes),
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * A client frame (masked, as a client's must be).
 * @param {number} opcode
 * @param {Buffer} payload
 */
function clientFrame(opcode, payload) {
  const mask = Buffer.from([1, 2, 3, 4]);
  const masked = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]));
  return Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | payload.length]), mask, masked]);
}

describe('/api/log/live', () => {
  test('opens with the RFC 6455 handshake and sends the run’s log at once, then on each change', async () => {
    const live = await open('/api/log/live?run=live.1');
    assert.equal(live.status, 101);
    assert.equal(live.accept, 's3pPLMBiTxaQ9kYGzzhZRbK+xOo='); // RFC 6455's example
    assert.deepEqual(await live.next(), []);

    const answer = fetch(server.url('/api/delay/0.2?run=live.1')).then((res) => res.text());
    await fetch(server.url('/api/delay/0?run=another.1')).then((res) => res.text()); // another run: not sent
    const started = await live.next();
    assert.deepEqual(started.map(({ path, run, outcome }) => ({ path, run, outcome })), [{ path: '/api/delay/0.2', run: 'live.1', outcome: 'pending' }]);
    await answer;
    const answeredAt = Date.now();
    const settled = await live.next();
    assert.equal(settled[0].outcome, 'completed');
    assert.ok(Date.now() - answeredAt < 150, 'sent as the request ended');
    assert.deepEqual(live.messages, []);

    live.send(clientFrame(0x8, Buffer.from([0x03, 0xe8])));
    assert.equal(await live.closed, 1000);
  });

  test('tells of a request the client aborts as it is aborted', async () => {
    const live = await open('/api/log/live?run=live.2');
    await live.next();
    const controller = new AbortController();
    const call = fetch(server.url('/api/delay/5?run=live.2'), { signal: controller.signal }).catch(() => 'aborted');
    assert.equal((await live.next())[0].outcome, 'pending');
    controller.abort();
    assert.equal(await call, 'aborted');
    assert.equal((await live.next())[0].outcome, 'aborted by client');
    live.send(clientFrame(0x8, Buffer.alloc(0)));
    await live.closed;
  });

  test('refuses what is not a WebSocket of a run with a plain HTTP error', async () => {
    assert.equal((await open('/api/log/elsewhere')).status, 404);
    assert.equal((await open('/api/log/live?run=bad%20id')).status, 400);
  });

  test('frames: a short and a 16-bit length, unmasked', () => {
    assert.deepEqual([...frame(0x1, Buffer.from('hi'))], [0x81, 2, 0x68, 0x69]);
    const long = frame(0x1, Buffer.alloc(300));
    assert.deepEqual([...long.subarray(0, 4)], [0x81, 126, 1, 44]);
    assert.equal(long.length, 304);
  });

  test('the server closes its live logs when it closes', async () => {
    const own = await startTestServer({ staticDir: '/nonexistent-build-folder' });
    const previous = server;
    server = own;
    try {
      const live = await open('/api/log/live?run=live.3');
      await live.next();
      await own.close();
      assert.equal(await live.closed, 1000);
    } finally {
      server = previous;
    }
  });
});
