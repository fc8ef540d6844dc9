/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test', '<rootDir>/scenarios'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleNameMapper: {
    '^@citytrust/domain$': '<rootDir>/../domain/src',
    '^@citytrust/network$': '<rootDir>/../network/src/embedded',
    '^@citytrust/sdk$': '<rootDir>/../sdk/src',
  },
  testTimeout: 120000,
  setupFiles: ['<rootDir>/jest.setup.js'],
};
