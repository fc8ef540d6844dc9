// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @title Identifiers
/// @notice Checks of the identifiers and tokens every registry takes, the same rules the
/// chaincode applies: ids are 1-128 of `A-Z a-z 0-9 . _ -` starting alphanumeric (never `~`,
/// which is kept for batch members' `batchId~index`), tokens 1-64 of `a-z 0-9 -` starting
/// alphanumeric, texts non-blank and at most so many characters once trimmed.
library Identifiers {
    /// @notice `id` is not a valid identifier.
    error InvalidIdentifier(string id);

    /// @notice `token` is not a valid lowercase token.
    error InvalidToken(string token);

    /// @notice `text` is empty or blank, or longer than `maxLength` characters once trimmed.
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

    /// @notice Reverts with {InvalidText} unless `text`, trimmed of leading and trailing white
    /// space, is not empty and has at most `maxLength` characters; returns the trimmed text.
    /// @dev The chaincode's `z.string().trim().min(1).max(maxLength)`: white space is what
    /// JavaScript's `String.prototype.trim` removes (ASCII TAB, LF, VT, FF, CR and space, and
    /// U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF), and the
    /// length is counted in Unicode code points as zod 4 counts it, so a name in Chinese is
    /// allowed as many characters on the EVM as on Fabric. `text` is taken to be UTF-8, as
    /// every ABI encoder writes a string; the count reads at most `4 * maxLength` bytes.
    function checkText(
        string calldata text,
        uint256 maxLength
    ) internal pure returns (string calldata) {
        bytes calldata raw = bytes(text);
        uint256 start = 0;
        uint256 end = raw.length;
        uint256 width;
        while (start < end && (width = _spaceAt(raw, start)) > 0) start += width;
        while (end > start && (width = _spaceBefore(raw, end)) > 0) end -= width;
        // A code point takes 1 to 4 UTF-8 bytes: count only when the bytes leave it in doubt.
        if (start == end || end - start > 4 * maxLength) revert InvalidText(text, maxLength);
        if (end - start > maxLength) {
            uint256 codePoints = 0;
            for (uint256 i = start; i < end; ++i) if (uint8(raw[i]) & 0xC0 != 0x80) ++codePoints;
            if (codePoints > maxLength) revert InvalidText(text, maxLength);
        }
        return string(raw[start:end]);
    }

    /// @notice The storage key of an identifier or token.
    function key(string calldata id) internal pure returns (bytes32) {
        return keccak256(bytes(id));
    }

    /// @dev The byte length of the white space character starting at `i`, or 0.
    function _spaceAt(bytes calldata raw, uint256 i) private pure returns (uint256) {
        uint256 c = uint8(raw[i]);
        if (c == 0x20 || (c >= 0x09 && c <= 0x0D)) return 1;
        if (c == 0xC2) return i + 1 < raw.length && raw[i + 1] == 0xA0 ? 2 : 0;
        if (c < 0xE1 || c > 0xEF || i + 2 >= raw.length) return 0;
        return _isSpace3(bytes3(raw[i:i + 3])) ? 3 : 0;
    }

    /// @dev The byte length of the white space character ending just before `end`, or 0.
    function _spaceBefore(bytes calldata raw, uint256 end) private pure returns (uint256) {
        uint256 c = uint8(raw[end - 1]);
        if (c == 0x20 || (c >= 0x09 && c <= 0x0D)) return 1;
        if (end >= 2 && raw[end - 2] == 0xC2 && c == 0xA0) return 2;
        return end >= 3 && _isSpace3(bytes3(raw[end - 3:end])) ? 3 : 0;
    }

    /// @dev Whether three UTF-8 bytes encode one of JavaScript's white space characters.
    function _isSpace3(bytes3 c) private pure returns (bool) {
        if (c == 0xE19A80 || c == 0xE38080 || c == 0xEFBBBF || c == 0xE2819F) return true;
        return (c >= 0xE28080 && c <= 0xE2808A) || c == 0xE280A8 || c == 0xE280A9 || c == 0xE280AF;
    }

    function _isAlphanumeric(bytes1 c) private pure returns (bool) {
        return (c >= "0" && c <= "9") || (c >= "A" && c <= "Z") || (c >= "a" && c <= "z");
    }

    /// @notice Whether `creditCode` has the GB 32100-2015 layout: 18 characters of the code's
    /// alphabet (no I, O, S, V, Z), a six-digit division code in positions 3-8. The check
    /// character is not enforced, as in the chaincode: the demo consortium's published code
    /// does not carry a valid one.
    function isCreditCode(string memory creditCode) internal pure returns (bool) {
        bytes memory raw = bytes(creditCode);
        if (raw.length != 18) return false;
        for (uint256 i = 0; i < 18; ++i) {
            bytes1 c = raw[i];
            bool digit = c >= "0" && c <= "9";
            bool letter = c >= "A" && c <= "Y" && c != "I" && c != "O" && c != "S" && c != "V";
            if (i >= 2 && i < 8 ? !digit : !(digit || letter)) return false;
        }
        return true;
    }
}
