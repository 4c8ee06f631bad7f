// Karma configuration shared by every project of the workspace (`ng test <project>`).
// The `@angular/build:karma` builder adds its own files, framework hooks and
// reporter on top of this file, so only the test framework, the browsers and
// the reporters are configured here.
// See https://karma-runner.github.io/6.4/config/configuration-file.html

const fs = require('node:fs');
const path = require('node:path');
const { CHROME_FLAGS, findChrome, NO_CHROME_MESSAGE } = require('./scripts/chrome.cjs');

/** Where every test suite of `npm test` drops its JSON summary. */
const RESULTS_DIR = path.join(__dirname, '.test-results');

/**
 * Name of the suite in the JSON summary: KARMA_SUITE (set by scripts/test.mjs),
 * else the project given to `ng test <project>`, else a unique name.
 */
function suiteName() {
  if (process.env.KARMA_SUITE) {
    return process.env.KARMA_SUITE;
  }
  const args = process.argv.slice(2);
  const testIndex = args.findIndex((arg) => arg === 'test' || arg === 't');
  const project = testIndex >= 0 ? args.slice(testIndex + 1).find((arg) => !arg.startsWith('-')) : undefined;
  return project ?? `karma-${process.pid}-${Date.now()}`;
}

/**
 * Reporter `json-summary`: counts specs and writes
 * `.test-results/karma-<suite>.json` = { suite, passed, failed, skipped }.
 * An error outside any spec (a file that fails to load, an afterAll error, a
 * browser crash) is counted as one more failure so it can't read as success.
 */
function JsonSummaryReporter(config, logger) {
  const log = logger.create('reporter.json-summary');
  const suite = suiteName();
  let counts = { passed: 0, failed: 0, skipped: 0 };

  this.adapters = [];
  this.onRunStart = () => {
    counts = { passed: 0, failed: 0, skipped: 0 };
  };
  this.onSpecComplete = (_browser, result) => {
    if (result.skipped || result.pending) {
      counts.skipped++;
    } else if (result.success) {
      counts.passed++;
    } else {
      counts.failed++;
    }
  };
  this.onRunComplete = (_browsers, results) => {
    if ((results.error || results.disconnected) && counts.failed === 0) {
      counts.failed++;
    }
    const file = path.join(RESULTS_DIR, `karma-${suite.replace(/[^\w.-]+/g, '_')}.json`);
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ suite, ...counts }, null, 2) + '\n');
    log.debug(`wrote ${file}`);
  };
}
JsonSummaryReporter.$inject = ['config', 'logger'];

module.exports = function (config) {
  const chromeBin = findChrome();
  if (!chromeBin) {
    console.error(NO_CHROME_MESSAGE);
    process.exit(1);
  }
  process.env.CHROME_BIN = chromeBin;

  config.set({
    basePath: '',
    frameworks: ['jasmine'],
    plugins: [
      require('karma-jasmine'),
      require('karma-chrome-launcher'),
      require('karma-spec-reporter'),
      { 'reporter:json-summary': ['type', JsonSummaryReporter] },
    ],
    client: {
      jasmine: {
        // Jasmine options: https://jasmine.github.io/api/edge/Configuration.html
        // e.g. `random: false` or a fixed `seed` to reproduce an order-dependent failure.
      },
    },
    reporters: ['spec', 'json-summary'],
    // Colours only on a terminal: CI logs stay plain text.
    colors: Boolean(process.stdout.isTTY),
    specReporter: {
      suppressSkipped: false,
      showSpecTiming: true,
    },
    browsers: ['ChromeHeadlessCI'],
    customLaunchers: {
      ChromeHeadlessCI: {
        base: 'ChromeHeadless',
        flags: CHROME_FLAGS,
      },
    },
    // A project may have no spec yet: report 0 tests instead of failing.
    failOnEmptyTestSuite: false,
    browserNoActivityTimeout: 60000,
    restartOnFileChange: true,
  });
};
