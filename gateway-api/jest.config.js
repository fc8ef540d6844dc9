/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  // Sibling workspaces are tested from source, as chaincode/ does with the network.
  moduleNameMapper: {
    '^@citytrust/domain$': '<rootDir>/../domain/src',
    '^@citytrust/network$': '<rootDir>/../network/src/embedded',
    '^@citytrust/chaincode$': '<rootDir>/../chaincode/src',
    '^@citytrust/sdk$': '<rootDir>/../sdk/src',
  },
  testTimeout: 120000,
  setupFiles: ['<rootDir>/jest.setup.js'],
};
