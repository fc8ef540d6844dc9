// Solhint for src/**/*.sol, run by the root `npm run lint`: errors fail the lint, warnings are
// advice. Errors are the security rules and the project's fixed choices (the pinned compiler,
// custom errors, no dead code); the recommended style and gas hints stay warnings.
module.exports = {
  extends: 'solhint:recommended',
  rules: {
    'compiler-version': ['error', '0.8.30'],
    'gas-custom-errors': 'error',
    'no-unused-vars': ['error', { validateParameters: true }],
    'no-unused-import': 'error',
    'avoid-call-value': 'error',
    'avoid-low-level-calls': 'error',
    'avoid-tx-origin': 'error',
    'check-send-result': 'error',
    'multiple-sends': 'error',
    'no-complex-fallback': 'error',
    'no-inline-assembly': 'error',
    'no-unchecked-calls': 'error',
    'not-rely-on-block-hash': 'error',
    reentrancy: 'error',
    'state-visibility': 'error',
    // Solidity >= 0.7 forbids a constructor visibility, so only functions are checked.
    'func-visibility': ['error', { ignoreConstructors: true }],
    // OpenZeppelin 5 style: private and internal names start with `_`, immutables included
    // (`_registry`), so immutables are mixedCase rather than SNAKE_CASE like constants.
    'private-vars-leading-underscore': 'warn',
    'immutable-vars-naming': ['warn', { immutablesAsConstants: false }],
    // Parameters are described in the @notice prose, with @param/@return only where a value
    // needs more; there are no @author tags (git has them).
    'use-natspec': [
      'warn',
      { author: { enabled: false }, param: { enabled: false }, return: { enabled: false } },
    ],
    // Off: which event fields are indexed is the events' ABI, decoded by lib/chaincode-events.ts.
    'gas-indexed-events': 'off',
    // Off: struct field order is the ABI of the views that return them, in the chaincode's order.
    'gas-struct-packing': 'off',
    // Off: bounds are written as the chaincode's rules state them; `> n - 1` for `>= n` saves
    // next to nothing and invites off-by-one mistakes.
    'gas-strict-inequalities': 'off',
  },
};
