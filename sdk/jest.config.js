/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  // Sibling workspaces are tested from source.
  moduleNameMapper: { '^@citytrust/domain$': '<rootDir>/../domain/src' },
  testTimeout: 60000,
};
