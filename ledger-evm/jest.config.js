/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  // The domain is tested from source; the contracts' generated factories come built.
  moduleNameMapper: { '^@citytrust/domain$': '<rootDir>/../domain/src' },
  testTimeout: 60000,
};
