// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @notice The roles of DESIGN.md. An organization holds a set of them, kept as a bit mask
/// in which role `r` is bit `1 << uint8(r)`.
enum Role {
    GOVERNANCE,
    ISSUER,
    CREDIT_AUTHORITY,
    DATA_HOLDER,
    REQUESTER,
    AUDITOR,
    ENTERPRISE
}
