// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @notice Checks of the identifiers and tokens every registry takes, the same rules the
/// chaincode applies: ids are 1-128 of `A-Z a-z 0-9 . _ -` starting alphanumeric (`~` is
/// kept for batch members), tokens 1-64 of `a-z 0-9 -` starting alphanumeric.
library Identifiers {
    /// @notice `id` is not a valid identifier.
    error InvalidIdentifier(string id);

    /// @notice `token` is not a valid lowercase token.
    error InvalidToken(string token);

    /// @notice `text` is empty, blank or longer than `maxLength` bytes.
    error InvalidText(string text, uint256 maxLength);

    /// @notice Reverts with {InvalidIdentifier} unless `id` is a valid identifier.
    function checkId(string calldata id) internal pure {
        bytes calldata raw = bytes(id);
        if (raw.length == 0 || raw.length > 128 || !_isAlphanumeric(raw[0]))
            revert InvalidIdentifier(id);
        for (uint256 i = 1; i < raw.length; ++i) {
            bytes1 c = raw[i];
            if (!_isAlphanumeric(c) && c != "." && c != "_" && c != "-")
                revert InvalidIdentifier(id);
        }
    }

    /// @notice Reverts with {InvalidToken} unless `token` is a valid lowercase token.
    function checkToken(string calldata token) internal pure {
        bytes calldata raw = bytes(token);
        if (raw.length == 0 || raw.length > 64) revert InvalidToken(token);
        for (uint256 i = 0; i < raw.length; ++i) {
            bytes1 c = raw[i];
            bool lowerOrDigit = (c >= "a" && c <= "z") || (c >= "0" && c <= "9");
            if (!lowerOrDigit && (i == 0 || c != "-")) revert InvalidToken(token);
        }
    }

    /// @notice Reverts with {InvalidText} unless `text` has a non-blank character and at
    /// most `maxLength` bytes.
    function checkText(string calldata text, uint256 maxLength) internal pure {
        bytes calldata raw = bytes(text);
        if (raw.length > maxLength) revert InvalidText(text, maxLength);
        for (uint256 i = 0; i < raw.length; ++i) {
            bytes1 c = raw[i];
            if (c != " " && c != "\t" && c != "\n" && c != "\r") return;
        }
        revert InvalidText(text, maxLength);
    }

    /// @notice The storage key of an identifier or token.
    function key(string calldata id) internal pure returns (bytes32) {
        return keccak256(bytes(id));
    }

    function _isAlphanumeric(bytes1 c) private pure returns (bool) {
        return (c >= "0" && c <= "9") || (c >= "A" && c <= "Z") || (c >= "a" && c <= "z");
    }
}
