// Where the tests find Chrome or Chromium, and the flags they start it with: shared by
// karma.conf.js and the end-to-end test (e2e/), so both run the same browser the same way.
const fs = require('node:fs');

/** Candidate browser binaries, tried in order when CHROME_BIN is not set. */
const BROWSER_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/chromium-browser',
];

/**
 * Headless flags: `--no-sandbox` because CI runs as root; the rest keep Chromium from reaching
 * for the network (updates, sync, QUIC) on machines that have none.
 */
const CHROME_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** CHROME_BIN when it exists, else the first candidate that exists, else undefined. */
function findChrome() {
  const fromEnv = process.env.CHROME_BIN;
  if (fromEnv && fs.existsSync(fromEnv)) return fromEnv;
  return BROWSER_CANDIDATES.find((candidate) => fs.existsSync(candidate));
}

const NO_CHROME_MESSAGE =
  'No Chrome or Chromium found: install one (Debian/Ubuntu: `sudo apt-get install -y chromium`) or set CHROME_BIN to its path.';

module.exports = { BROWSER_CANDIDATES, CHROME_FLAGS, findChrome, NO_CHROME_MESSAGE };
