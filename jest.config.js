/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  // Type errors are caught once by `tsc` in `npm test`; ts-jest only transpiles.
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }] },
  testTimeout: 20000,
  // Every file's console output is scanned for secrets after its tests.
  setupFilesAfterEnv: ['<rootDir>/test/helpers/console-secret-scan.ts'],
  // Browser suites skipped for want of Chromium are announced in one line at the end (browser-tests.ts).
  globalSetup: '<rootDir>/test/helpers/jest-global-setup.ts',
  globalTeardown: '<rootDir>/test/helpers/jest-global-teardown.ts',
};
