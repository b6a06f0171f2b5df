/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // test/redis needs a redis-server (scripts/install-services.sh): `npm run test:redis`.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/redis/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: false }],
  },
  // Type errors are caught by `npm run typecheck`; tests only transpile (fast).
  maxWorkers: 2,
  testTimeout: 30000,
  setupFilesAfterEnv: ['<rootDir>/test/setup/fresh-coordination.ts'],
  // The extra reporter ends the run with a plain `tests: N passed, N failed, N skipped` line.
  reporters: ['default', '<rootDir>/test/reporters/summary-line.js'],
};
