// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

contract Probe {
    function root(bytes32 a) external pure returns (bytes32) {
        return sha256(abi.encodePacked(a));
    }
}
