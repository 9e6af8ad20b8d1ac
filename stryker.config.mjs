// @ts-check
/**
 * Mutation testing (`npm run mutation`, docs/mutation-testing.md): Stryker plants small bugs
 * in the modules below, one at a time, and runs the tests that cover each; a bug no test
 * notices is a survivor. https://stryker-mutator.io/docs/stryker-js/configuration/
 */

/**
 * The modules where a silent bug costs users most. One line per module: a module added
 * here is mutated, and scripts/mutation-scores.mjs holds it to the same 85 %.
 */
const mutate = [
  'src/retry.ts', // which failures are retried, and for how long
  'src/token/access-token.ts', // token lifetime, refresh margin, what counts as a token
  'src/token/token-cache.ts', // single flight, compare-and-invalidate, deadlines
  'src/token/memory-token-store.ts',
  'src/token/cloud-database-token-store.ts',
  'src/token/fallback-token-store.ts',
  'src/token/stable-token-source.ts',
  'src/daily-retain/query.ts', // event and date validation (Beijing time)
  'src/daily-retain/event-parser.ts',
  'src/beijing-date.ts',
  'src/range/range-query.ts', // a range refused by arithmetic before any period is listed
  'src/period/period.ts', // days, weeks and months: spans and the last one that has ended
  'src/period/day-period.ts',
  'src/period/week-period.ts',
  'src/period/month-period.ts',
  'src/camel-case.ts', // keys exactly as wx-server-sdk names them
  'src/redact.ts', // secrets and control characters out of results, errors and logs
  'src/cloud-function/caller-gate.ts', // who may read retention data
  'src/cloud-function/caller-from-env.ts',
  'src/security/open-response.ts', // API security: verifying WeChat's answer
  'src/range/day-completeness.ts', // the cache-final rule
  'src/period/period-completeness.ts',
  'src/range/usable-period.ts', // which periods ranges, caches and reports may use
  'src/range/fetch-range.ts', // the caching decision
  'src/http-request.ts', // body size and time bounds
  'src/deadline.ts',
  'src/stall-guard.ts',
];

/**
 * Test files Stryker does not run. Those that load the built bundles (cloudfunctions/*,
 * dist/) or a child process cannot see a mutant in src/, so they would only cost time; the
 * end-to-end suites are kept out for time; the browser and benchmark suites test neither
 * these modules nor their behaviour.
 */
const notRun = [
  'test/get-daily-retain-function.test.ts', // cloudfunctions/getDailyRetain/index.js
  'test/get-daily-retain-range-function.test.ts', // cloudfunctions/getDailyRetainRange/index.js
  'test/get-period-retain-functions.test.ts', // cloudfunctions/getWeeklyRetain|getMonthlyRetain/index.js
  // End-to-end suites, kept out for time (each takes tens of seconds, and per-test coverage would
  // run them for most mutants): the handlers with every store choice, partly as built functions
  // in a child process; the CLI through runCli and as dist/cli.js; npm start; the npm package
  // installed. Every module they reach is also tested from src/ by the unit tests above them.
  'test/token-store-choice.test.ts',
  'test/cli.test.ts',
  'test/cli-build.test.ts',
  'test/cli-docs-examples.test.ts',
  'test/cli-package.test.ts',
  'test/cli-periods.test.ts',
  'test/cli-processes.test.ts',
  'test/cli-start.test.ts',
  'test/report/report-cli.test.ts',
  'test/security-integration/built-function.test.ts', // cloudfunctions/getDailyRetain/index.js
  'test/reliability/fuzzed-events.test.ts', // cloudfunctions/getDailyRetain/index.js
  'test/reliability/memory-bound.test.ts', // cloudfunctions/getDailyRetainRange/index.js in a child
  'test/reliability/fault-matrix.test.ts', // cloudfunctions/getDailyRetain/index.js (test/reliability/harness.ts)
  'test/reliability/concurrency-churn.test.ts', // cloudfunctions/getDailyRetain/index.js (harness.ts)
  'test/bench-smoke.test.ts', // bench/ in a child process
  'test/self-contained.test.ts', // the files git tracks
  'test/miniprogram/project-files.test.ts', // the mini program's project files
  // The dashboard component in jsdom (its docblock picks the environment, which then reports
  // no per-test coverage to Stryker); the range data it shows is tested from src/ elsewhere.
  'test/miniprogram/retain-dashboard.test.ts',
  'test/helpers/chromium.test.ts', // headless Chromium
  'test/report/report-in-chromium.test.ts',
  'test/report/report-views-in-chromium.test.ts',
  'test/miniprogram/dashboard-in-chromium.test.ts',
];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate,
  testRunner: 'jest',
  jest: {
    configFile: 'jest.config.js',
    config: {
      // src/ in the roots too: jest's --findRelatedTests (which Stryker uses to pick the test
      // files of a mutated module) only follows imports between files it has indexed, and
      // with test/ alone it saw no test of src/token/token-cache.ts reached through client.ts.
      roots: ['<rootDir>/test', '<rootDir>/src'],
      testPathIgnorePatterns: ['/node_modules/', ...notRun.map((file) => `<rootDir>/${file}$`)],
    },
  },
  // Only the tests that reach a mutant run for it.
  coverageAnalysis: 'perTest',
  // A mutant in code that runs only when a module loads (the tables of days, weeks and months,
  // messages and patterns built at the top level) is static: no single test covers it, so it
  // would run the whole suite, about 45 s each, an hour more for the 81 of them. They are left
  // out, and counted apart in docs/mutation-testing.md.
  ignoreStatic: true,
  // Mutants that do not compile are dropped before any test runs.
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  // Counted on every mutant, covered or not; scripts/mutation-scores.mjs applies `break` to each module too.
  thresholds: { high: 95, low: 85, break: 85 },
  reporters: ['clear-text', 'progress', 'html', 'json'],
  // Survivors are listed with their place in the code; the 900 test names are not.
  clearTextReporter: { logTests: false, reportTests: false, allowEmojis: false },
  // A mutant that makes a test hang (a deadline that never fires) is cut this long after the
  // time its tests took unmutated (× 1.5); the slowest tests wait about 1.5 s on real timers.
  timeoutMS: 5000,
  // biome.json stays out of the sandbox: a second root configuration under .stryker-tmp/
  // would make `biome lint` (and so `npm test`) fail while a run is going on.
  ignorePatterns: ['biome.json', 'bench/results.local.json', '.cache'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
