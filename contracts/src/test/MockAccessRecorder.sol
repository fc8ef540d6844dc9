// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AccessRequest, IAccessRecorder} from "../IAccessRecorder.sol";

/// @title MockAccessRecorder
/// @notice TEST DOUBLE, never to be deployed on a real chain: an {IAccessRecorder} that
/// answers what the test set with {setAnswer} (or reverts with {UnknownAuthorization} after
/// {setUnknown}) and keeps the last call it got, so the credit registry's tests do not depend
/// on the authorization registry. It lives under `src/` only because Hardhat compiles that
/// folder alone.
contract MockAccessRecorder is IAccessRecorder {
    bool private _allowed;
    bytes32 private _eventHash;
    bool private _unknown;
    uint256 private _calls;
    address private _lastRequester;
    AccessRequest private _lastRequest;

    /// @notice An access was recorded for `requester` on `authorizationId`.
    event AccessRecorded(
        address requester,
        string authorizationId,
        bool allowed,
        bytes32 eventHash
    );

    /// @notice What a real recorder says of an authorization it does not know.
    error UnknownAuthorization(string authorizationId);

    /// @notice The answer every later call gets.
    function setAnswer(bool allowed, bytes32 eventHash) external {
        _allowed = allowed;
        _eventHash = eventHash;
    }

    /// @notice Whether later calls revert as for an unknown authorization.
    function setUnknown(bool unknown) external {
        _unknown = unknown;
    }

    /// @inheritdoc IAccessRecorder
    function recordAccessFor(
        address requester,
        AccessRequest calldata request
    ) external returns (bool allowed, bytes32 eventHash) {
        if (_unknown) revert UnknownAuthorization(request.authorizationId);
        ++_calls;
        _lastRequester = requester;
        _lastRequest = request;
        emit AccessRecorded(requester, request.authorizationId, _allowed, _eventHash);
        return (_allowed, _eventHash);
    }

    /// @notice How many accesses were recorded.
    function calls() external view returns (uint256) {
        return _calls;
    }

    /// @notice The requester and request of the last access recorded.
    function lastCall() external view returns (address requester, AccessRequest memory request) {
        return (_lastRequester, _lastRequest);
    }
}
