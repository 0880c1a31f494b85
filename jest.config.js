// Two projects: `unit` (pure domain rules, no Strapi, milliseconds) and `integration`
// (Strapi booted in-process from the compiled app, once per test file).
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2021' } }] };
const common = {
  testEnvironment: 'node',
  transform,
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tmp/', '<rootDir>/.strapi/', '<rootDir>/src/plugins/marketing-setup/dist/'],
};
module.exports = {
  // Global (Jest ignores it per project): Strapi boots in a beforeAll, ~3-8 s.
  testTimeout: 180000,
  // A test that fails inside beforeAll can leave a Strapi instance open; never let that hang CI.
  forceExit: true,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/helpers/global-setup.js',
    },
  ],
};
