// Jest runs the TypeScript sources as native ES modules (node --experimental-vm-modules),
// transformed by SWC with legacy decorators and decorator metadata, as tsc does for the build.
const transform = { '^.+\\.ts$': ['@swc/jest'] };
const common = {
  transform,
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
};

export default {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/migrations/**/*.spec.ts', '<rootDir>/bench/**/*.spec.mjs'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
    },
  ],
  testTimeout: 60000,
  maxWorkers: 2,
  // A leaked handle must not hang CI for its 90 minutes; the suites close what they open.
  forceExit: true,
};
