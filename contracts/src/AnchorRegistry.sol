// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {OrgRegistry} from "./OrgRegistry.sol";
import {Role} from "./Role.sol";

/// @title AnchorRegistry
/// @notice Public anchors of checkpoints taken elsewhere: for a source (a ledger such as
/// `fabric:citytrust`), each checkpoint covers a range of its blocks and carries the Merkle
/// root of what they hold (their block hashes), with the time it was anchored here. A
/// source's checkpoints follow one another without gap or overlap, so every block of the
/// source is covered by at most one checkpoint, and anyone can check a leaf against one
/// with a Merkle proof, without an account.
/// @dev Merkle trees are those of the chaincode (chaincode/src/ledger/merkle.ts): an inner
/// node is SHA-256 of its two children's 64 bytes, smaller first, so a proof is the list of
/// siblings from the leaf up. What a leaf is belongs to the anchoring service; it should not
/// be a bare 32-byte value that could also be an inner node (any sorted-pair tree proves an
/// inner node with the rest of its path): SHA-256 of the canonical JSON of block number and
/// block hash, as the chaincode's `batchLeaf` does for batch members, names its block too.
contract AnchorRegistry {
    /// @notice One anchored checkpoint of a source.
    /// @param sequence its place among the source's checkpoints, from 0
    /// @param fromBlock the first block it covers
    /// @param toBlock the last block it covers (inclusive)
    /// @param anchoredAt when it was anchored here (unix seconds)
    /// @param anchoredBy the AUDITOR account that anchored it
    /// @param root the Merkle root of the blocks' leaves
    struct Checkpoint {
        uint64 sequence;
        uint64 fromBlock;
        uint64 toBlock;
        uint64 anchoredAt;
        address anchoredBy;
        bytes32 root;
    }

    uint256 private constant _MAX_SOURCE_LENGTH = 64;

    OrgRegistry private immutable _registry;
    mapping(bytes32 sourceKey => Checkpoint[]) private _checkpoints;
    string[] private _sources;

    /// @notice Checkpoint `sequence` of `source`, covering blocks `fromBlock` to `toBlock`
    /// with Merkle root `root`, was anchored.
    event CheckpointAnchored(
        string source,
        uint64 sequence,
        uint64 fromBlock,
        uint64 toBlock,
        bytes32 root
    );

    /// @notice `account` does not hold `role` (the shape OrgRegistry uses).
    error MissingRole(address account, Role role);
    /// @notice `source` is not 1-64 characters of `:`-separated segments of `a-z 0-9 . -`,
    /// each starting with a letter or digit.
    error InvalidSource(string source);
    /// @notice A checkpoint cannot end (`toBlock`) before it starts (`fromBlock`).
    error InvalidBlockRange(uint64 fromBlock, uint64 toBlock);
    /// @notice A zero hash where a Merkle root is required.
    error ZeroHash();
    /// @notice The next checkpoint of `source` must start at `expectedFromBlock`, the block
    /// after the last one anchored (2^64 once a checkpoint has reached the last uint64 block);
    /// it started at `fromBlock`.
    error CheckpointNotContiguous(string source, uint256 expectedFromBlock, uint64 fromBlock);
    /// @notice `source` has no checkpoint.
    error UnknownSource(string source);
    /// @notice `source` has no checkpoint `sequence`.
    error UnknownCheckpoint(string source, uint64 sequence);
    /// @notice No checkpoint of `source` covers block `blockNumber`.
    error BlockNotAnchored(string source, uint64 blockNumber);

    /// @notice Deploys this registry for the consortium that `registry` keeps; it cannot change.
    /// @param registry the consortium's OrgRegistry, asked who holds AUDITOR
    constructor(OrgRegistry registry) {
        _registry = registry;
    }

    /// @notice Anchors the next checkpoint of `source`: blocks `fromBlock` to `toBlock`
    /// (inclusive) whose leaves have Merkle root `root`. The first checkpoint of a source may
    /// start at any block; each next one starts at the block after the previous `toBlock`.
    /// @dev AUDITOR only, not GOVERNANCE: an anchor is an attestation of what another ledger
    /// held, made for the public; it belongs with the party whose trade is checking records
    /// (the third-party audit of the city plans), not with the one that decides membership.
    /// The anchoring service runs unattended with its key online, so that key gets the
    /// narrowest role that does the job: a leaked anchoring key can add checkpoints (which the
    /// source's own blocks would contradict) but cannot change who is in the consortium. A
    /// GOVERNANCE organization that should anchor is given AUDITOR as well.
    /// @param source the checkpointed ledger, e.g. `fabric:citytrust`
    /// @param fromBlock the first block covered
    /// @param toBlock the last block covered, at least `fromBlock`
    /// @param root the Merkle root of the covered blocks' leaves, not zero
    /// @return sequence the new checkpoint's place among the source's checkpoints, from 0
    function anchor(
        string calldata source,
        uint64 fromBlock,
        uint64 toBlock,
        bytes32 root
    ) external returns (uint64 sequence) {
        if (!_registry.hasRole(msg.sender, Role.AUDITOR))
            revert MissingRole(msg.sender, Role.AUDITOR);
        _checkSource(source);
        if (toBlock < fromBlock) revert InvalidBlockRange(fromBlock, toBlock);
        if (root == bytes32(0)) revert ZeroHash();
        Checkpoint[] storage checkpoints = _checkpoints[_key(source)];
        uint256 count = checkpoints.length;
        if (count == 0) {
            _sources.push(source);
        } else {
            uint256 expected = uint256(checkpoints[count - 1].toBlock) + 1;
            if (fromBlock != expected) revert CheckpointNotContiguous(source, expected, fromBlock);
        }
        sequence = uint64(count);
        checkpoints.push(
            Checkpoint({
                sequence: sequence,
                fromBlock: fromBlock,
                toBlock: toBlock,
                anchoredAt: uint64(block.timestamp),
                anchoredBy: msg.sender,
                root: root
            })
        );
        emit CheckpointAnchored(source, sequence, fromBlock, toBlock, root);
    }

    /// @notice The OrgRegistry this registry asks for roles.
    function orgRegistry() external view returns (OrgRegistry) {
        return _registry;
    }

    /// @notice How many checkpoints `source` has (0 for a source never anchored).
    function checkpointCount(string calldata source) external view returns (uint256) {
        return _checkpoints[_key(source)].length;
    }

    /// @notice The last checkpoint anchored for `source`; reverts if it has none.
    function latestCheckpoint(string calldata source) external view returns (Checkpoint memory) {
        Checkpoint[] storage checkpoints = _checkpoints[_key(source)];
        if (checkpoints.length == 0) revert UnknownSource(source);
        return checkpoints[checkpoints.length - 1];
    }

    /// @notice Checkpoint `sequence` of `source`; reverts if there is no such checkpoint.
    function getCheckpoint(
        string calldata source,
        uint64 sequence
    ) external view returns (Checkpoint memory) {
        return _checkpoint(source, sequence);
    }

    /// @notice The checkpoint of `source` that covers block `blockNumber`; reverts if none
    /// does (before the first, after the last, or a source never anchored).
    function checkpointOf(
        string calldata source,
        uint64 blockNumber
    ) external view returns (Checkpoint memory) {
        Checkpoint[] storage checkpoints = _checkpoints[_key(source)];
        // The ranges are contiguous and ascending: find the last one starting at or before.
        uint256 low = 0;
        uint256 high = checkpoints.length;
        while (low < high) {
            uint256 middle = (low + high) / 2;
            if (checkpoints[middle].fromBlock <= blockNumber) low = middle + 1;
            else high = middle;
        }
        if (low == 0 || checkpoints[low - 1].toBlock < blockNumber)
            revert BlockNotAnchored(source, blockNumber);
        return checkpoints[low - 1];
    }

    /// @notice Every source anchored, in the order of their first checkpoints.
    function listSources() external view returns (string[] memory) {
        return _sources;
    }

    /// @notice Whether `proof` leads from `leaf` to the root of checkpoint `sequence` of
    /// `source`, folding each sibling in with SHA-256 over the smaller then the larger value
    /// (the chaincode's `hashPair`); an empty proof holds when `leaf` is the root. Reverts if
    /// there is no such checkpoint.
    /// @param source the checkpointed ledger
    /// @param sequence the checkpoint's sequence
    /// @param leaf the leaf to check
    /// @param proof the siblings from the leaf up to the root
    /// @return whether the proof holds
    function verify(
        string calldata source,
        uint64 sequence,
        bytes32 leaf,
        bytes32[] calldata proof
    ) external view returns (bool) {
        bytes32 root = _checkpoint(source, sequence).root;
        return MerkleProof.processProofCalldata(proof, leaf, _hashPair) == root;
    }

    function _checkpoint(
        string calldata source,
        uint64 sequence
    ) internal view returns (Checkpoint storage) {
        Checkpoint[] storage checkpoints = _checkpoints[_key(source)];
        if (sequence >= checkpoints.length) revert UnknownCheckpoint(source, sequence);
        return checkpoints[sequence];
    }

    function _checkSource(string calldata source) internal pure {
        bytes calldata raw = bytes(source);
        if (raw.length == 0 || raw.length > _MAX_SOURCE_LENGTH) revert InvalidSource(source);
        bool segmentStart = true;
        for (uint256 i = 0; i < raw.length; ++i) {
            bytes1 c = raw[i];
            if (c == ":") {
                if (segmentStart) revert InvalidSource(source);
                segmentStart = true;
                continue;
            }
            bool lowerOrDigit = (c >= "a" && c <= "z") || (c >= "0" && c <= "9");
            if (!lowerOrDigit && (segmentStart || (c != "-" && c != ".")))
                revert InvalidSource(source);
            segmentStart = false;
        }
        if (segmentStart) revert InvalidSource(source);
    }

    function _key(string calldata source) internal pure returns (bytes32) {
        return keccak256(bytes(source));
    }

    function _hashPair(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return a < b ? sha256(abi.encodePacked(a, b)) : sha256(abi.encodePacked(b, a));
    }
}
