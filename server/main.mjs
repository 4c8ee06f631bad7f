#!/usr/bin/env node
// @ts-check
// `npm run serve`: the demo's local server. Environment: PORT (default 4300; 0 picks a free
// port), STATIC_DIR (default dist/demo/browser in the repository). Prints one line with the
// URL; SIGINT or SIGTERM closes it gracefully.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { closeGracefully, createServer, DEFAULT_STATIC_DIR, listen } from './server.mjs';

const DEFAULT_PORT = 4300;

const portText = process.env['PORT'] || String(DEFAULT_PORT);
const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
if (!(port >= 0 && port <= 65535)) {
  console.error(`PORT must be an integer from 0 to 65535 (0 picks a free port); got "${portText}".`);
  process.exit(2);
}
const staticDir = process.env['STATIC_DIR'] ? resolve(process.env['STATIC_DIR']) : DEFAULT_STATIC_DIR;

const server = createServer({ staticDir });
let url;
try {
  url = await listen(server, port);
} catch (error) {
  const code = /** @type {{ code?: string }} */ (error).code;
  console.error(
    code === 'EADDRINUSE'
      ? `Port ${port} is already in use: stop the other server or set PORT (PORT=0 picks a free port).`
      : `Could not listen on port ${port}: ${/** @type {Error} */ (error).message}`,
  );
  process.exit(1);
}

console.log(`rxjs-taskgroup demo: ${url}`);
if (!existsSync(join(staticDir, 'index.html'))) {
  console.error(`No demo build in ${staticDir}: run \`npm run build\` (the /api routes work meanwhile).`);
}

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => {
    console.error(`${signal}: closing the server…`);
    // A second signal does not wait.
    process.once(signal, () => process.exit(1));
    closeGracefully(server).then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
