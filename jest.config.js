/**
 * Five tiers (see README "Tests"): unit tests beside pure code, medium tests against a real
 * PostgreSQL, e2e tests through HTTP, process tests of the started service, browser tests in
 * Chromium. One throw-away PostgreSQL cluster and one build of the front end serve the whole run.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true, dynamicImport: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

// sanitize-html's parser (htmlparser2 and its dom packages) ships ESM only; Node runs it through
// require(esm), but jest's module loader cannot, so jest compiles those packages to CommonJS.
const ESM_PACKAGES = ['htmlparser2', 'domhandler', 'domutils', 'dom-serializer', 'entities', 'domelementtype'];

const common = {
  transform: { '^.+\\.(ts|js)$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // jest's Node environment, collecting garbage after each file (see the file for why).
  testEnvironment: '<rootDir>/test/setup/node-environment.js',
  setupFiles: ['reflect-metadata'],
};

module.exports = {
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  transform: common.transform,
  transformIgnorePatterns: common.transformIgnorePatterns,
  testTimeout: 30000,
  // One worker per core (jest's default leaves one core idle): most test time is spent waiting on
  // PostgreSQL and on the app, so two workers on two cores halve the run (348 s → 185 s measured).
  maxWorkers: '100%',
  // A worker whose heap is above this after a test file is replaced by a fresh one. jest's
  // workers keep finished files reachable (see test/setup/node-environment.js), on Node 20 without
  // a way to collect them: with a cold transform cache (a fresh clone) a worker reached 1.6 GB of
  // heap and 2.4 GB resident, and needed 592 to 709 ms to exit after the run, past the 500 ms jest
  // allows before it kills the worker and warns.
  workerIdleMemoryLimit: '300MB',
  // Skipped tests name what they need in one line each (see the reporter).
  reporters: ['default', '<rootDir>/test/setup/skipped-reporter.js'],
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/unit/**/*.spec.ts', '<rootDir>/web/**/*.spec.ts'] },
    { ...common, displayName: 'medium', testMatch: ['<rootDir>/test/medium/**/*.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.spec.ts'] },
    // The real entry point in its own process: start, stop, restart (see test/process/helpers).
    { ...common, displayName: 'process', testMatch: ['<rootDir>/test/process/**/*.spec.ts'] },
    // The front end in a real Chromium (playwright-core) against the real app: test/browser/.
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.spec.ts'] },
  ],
};
