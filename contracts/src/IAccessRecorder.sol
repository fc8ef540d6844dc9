// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @notice How data is used, as an authorization allows it.
enum Operation {
    READ,
    VERIFY,
    COPY,
    COMPUTE
}

/// @notice One use of data under an authorization, as the requester declares it. `subject`
/// is the citizen's salted reference (lowercase hex) or the enterprise's credit code;
/// `requestHash` is SHA-256 of the canonical request the requester made.
struct AccessRequest {
    string authorizationId;
    string subject;
    string category;
    string purpose;
    Operation operation;
    uint32 recordCount;
    bytes32 requestHash;
}

/// @title IAccessRecorder
/// @notice What records an access on an authorization's trail on behalf of a requester: the
/// credit registry uses it so a bank's credit report and the access it makes are one
/// transaction. A denial is recorded too and returned, not reverted.
interface IAccessRecorder {
    /// @notice Checks `request` by `requester` against its authorization and appends the
    /// allowed or denied event to the authorization's hash chain.
    /// @return allowed whether the access was inside the authorization
    /// @return eventHash the new head of the authorization's chain
    function recordAccessFor(
        address requester,
        AccessRequest calldata request
    ) external returns (bool allowed, bytes32 eventHash);
}
