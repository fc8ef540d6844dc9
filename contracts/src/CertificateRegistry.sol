// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {Identifiers} from "./Identifiers.sol";
import {OrgRegistry} from "./OrgRegistry.sol";
import {Role} from "./Role.sol";

/// @title CertificateRegistry
/// @notice E-certificates anchored on the ledger, with the rules of the chaincode's
/// `certificates` contract: issue one, or anchor a batch of up to 100,000 by its Merkle root;
/// suspend, reinstate, revoke and renew; status now or at any past time, from a history that is
/// never deleted. Only hashes and salted holder references are kept, never personal data.
///
/// Batch members are `<batchId>~<index>`. An untouched member has no record: it is read from
/// its batch. Its first change (suspension, revocation, renewal) takes the member's document
/// hash and Merkle proof, checks them against the root and materializes the member's own record,
/// which from then on is its state, as the chaincode's member written on first change.
///
/// OpenAttestation: {isIssued} and {isRevoked} answer as an OA DocumentStore. An OA verifier
/// calls `isIssued(merkleRoot)` and `isRevoked` on the target hash and on the root. A
/// certificate issued on its own is its own root and target (its document hash); a batch member's
/// target is its leaf (see {memberLeaf}) and its root the batch root.
contract CertificateRegistry {
    using Identifiers for string;

    /// @notice A certificate's status. ACTIVE, SUSPENDED, REVOKED and SUPERSEDED are recorded;
    /// NOT_ISSUED (before issuance), EXPIRED and NOT_YET_VALID (outside the validity window) are
    /// derived from the time asked about.
    enum Status {
        NOT_ISSUED,
        ACTIVE,
        SUSPENDED,
        REVOKED,
        SUPERSEDED,
        EXPIRED,
        NOT_YET_VALID
    }

    /// @notice A certificate's record. `holderRef` is a salted SHA-256 of the holder's
    /// identifier (zero for a batch member, whose holder is in its document); `documentHash`
    /// is SHA-256 of the canonical credential (zero for a member not yet changed). A member has
    /// `batchId`, `batchIndex` and `merkleRoot`. `validUntil` zero is open-ended. `reason` is the
    /// text given with the last change: kept as text because readers (a clerk, the holder) are
    /// told why, as the chaincode tells them; trimmed and at most 500 characters as there; never
    /// put in events; issuers write no personal data in it. Times are unix seconds.
    struct Certificate {
        string id;
        string typeId;
        address issuer;
        uint64 validFrom;
        Status status;
        uint64 validUntil;
        uint64 issuedAt;
        uint64 updatedAt;
        uint32 batchIndex;
        bytes32 holderRef;
        bytes32 documentHash;
        string batchId;
        bytes32 merkleRoot;
        string reason;
        string supersedes;
        string supersededBy;
    }

    /// @notice A batch anchored by its Merkle root: one small record whatever its size.
    struct Batch {
        string id;
        string typeId;
        address issuer;
        uint32 count;
        uint64 anchoredAt;
        bytes32 merkleRoot;
        uint64 validFrom;
        uint64 validUntil;
    }

    /// @notice One entry of a certificate's history: from `time` on, its recorded status is
    /// `status`.
    struct StatusChange {
        uint64 time;
        Status status;
    }

    /// @notice The document hash and Merkle proof of a batch member, for its first change.
    struct MemberProof {
        bytes32 documentHash;
        bytes32[] proof;
    }

    /// @notice The new certificate of a renewal: its document, holder (zero keeps the old
    /// one's) and validity window.
    struct RenewalTerms {
        bytes32 documentHash;
        bytes32 holderRef;
        uint64 validFrom;
        uint64 validUntil;
    }

    /// @notice The largest batch, as in the chaincode.
    uint32 public constant MAX_BATCH = 100_000;
    uint256 private constant _MAX_REASON = 500;
    /// @dev 2200-01-01T00:00:00Z: the chaincode takes dates before it only.
    uint64 private constant _LATEST = 7_258_118_400;

    OrgRegistry private immutable _registry;
    mapping(bytes32 idKey => Certificate) private _certificates;
    mapping(bytes32 idKey => StatusChange[]) private _changes;
    mapping(bytes32 batchKey => Batch) private _batches;
    mapping(bytes32 documentHash => bytes32 idKey) private _byDocument;
    mapping(bytes32 holderRef => bytes32[] idKeys) private _byHolder;
    mapping(bytes32 merkleRoot => bytes32 batchKey) private _byRoot;
    mapping(bytes32 leaf => bytes32 idKey) private _memberByLeaf;

    /// @notice Certificate `id` of `typeId` was issued on its own by `issuer`.
    event CertificateIssued(
        string id,
        string typeId,
        address indexed issuer,
        bytes32 indexed documentHash
    );
    /// @notice Batch `batchId` of `count` members was anchored by its Merkle root.
    event BatchAnchored(
        string batchId,
        string typeId,
        address indexed issuer,
        bytes32 indexed merkleRoot,
        uint32 count
    );
    /// @notice Certificate `id` was suspended.
    event CertificateSuspended(string id);
    /// @notice Certificate `id` was reinstated.
    event CertificateReinstated(string id);
    /// @notice Certificate `id` was revoked; `revokedHash` is the hash {isRevoked} now answers
    /// true for (the document hash, or a batch member's leaf).
    event CertificateRevoked(string id, bytes32 indexed revokedHash);
    /// @notice Certificate `oldId` was superseded by the new certificate `newId`.
    event CertificateRenewed(string oldId, string newId, bytes32 indexed documentHash);

    /// @notice No certificate (or batch member) `id` exists.
    error UnknownCertificate(string id);
    /// @notice No batch `batchId` exists.
    error UnknownBatch(string batchId);
    /// @notice Batch `batchId` has `count` members, so none at `index`.
    error IndexOutOfRange(string batchId, uint256 index, uint256 count);
    /// @notice No certificate issued on its own has document `documentHash`.
    error UnknownDocument(bytes32 documentHash);
    /// @notice Certificate type `typeId` does not exist.
    error UnknownCertificateType(string typeId);
    /// @notice Certificate `id` exists already.
    error CertificateExists(string id);
    /// @notice `id` is a batch id already.
    error BatchExists(string id);
    /// @notice Document `documentHash` is anchored already.
    error DocumentAnchored(bytes32 documentHash);
    /// @notice Merkle root `merkleRoot` is anchored already.
    error RootAnchored(bytes32 merkleRoot);
    /// @notice `account` does not hold `role`.
    error MissingRole(address account, Role role);
    /// @notice `account` is not one of the issuers of certificate type `typeId`.
    error NotIssuer(address account, string typeId);
    /// @notice Only the organization that issued certificate `id` may change it.
    error NotCertificateIssuer(string id, address caller);
    /// @notice Certificate `id` cannot go from `from` to `to`.
    error InvalidTransition(string id, Status from, Status to);
    /// @notice The validity window ends before it starts or lies past 2200.
    error InvalidWindow(uint64 validFrom, uint64 validUntil);
    /// @notice The window is open-ended or longer than type `typeId` allows.
    error InvalidValidityPeriod(
        string typeId,
        uint64 validFrom,
        uint64 validUntil,
        uint32 maxValidityDays
    );
    /// @notice A batch has 1 to 100,000 members.
    error InvalidBatchSize(uint256 count);
    /// @notice The document and proof given for member `index` of `batchId` do not lead to
    /// the batch root (or name another document than the one its record holds).
    error InvalidProof(string batchId, uint256 index);
    /// @notice A zero hash where a SHA-256 digest is required.
    error ZeroHash();
    /// @notice Certificate `id` is not a batch member.
    error NotBatchMember(string id);
    /// @notice Batch member `id` has no record yet: its first change needs its document and
    /// proof (`suspendMember`, `revokeMember`, `renewMember`).
    error MemberProofRequired(string id);
    /// @notice Renewing `id` (a batch member) needs the holder reference.
    error HolderRefRequired(string id);
    /// @notice A renewal of `id` keeps its holder; `holderRef` is another.
    error HolderMismatch(string id, bytes32 holderRef);

    /// @notice Deploys this registry for the consortium that `registry` keeps; it cannot change.
    /// @param registry Where roles and certificate types are looked up.
    constructor(OrgRegistry registry) {
        _registry = registry;
    }

    /// @notice The registry roles and certificate types are taken from.
    function orgRegistry() external view returns (OrgRegistry) {
        return _registry;
    }

    // ----------------------------------------------------------------- writes

    /// @notice Issues certificate `id` of `typeId` on its own; the caller must be one of the
    /// type's issuers and hold ISSUER.
    /// @param holderRef Salted SHA-256 of the holder's identifier, never the identifier.
    /// @param documentHash SHA-256 of the canonical credential.
    /// @param validFrom Start of validity; zero means now.
    /// @param validUntil End of validity (exclusive); zero means open-ended.
    function issue(
        string calldata id,
        string calldata typeId,
        bytes32 holderRef,
        bytes32 documentHash,
        uint64 validFrom,
        uint64 validUntil
    ) external {
        id.checkId();
        typeId.checkToken();
        _requireHash(holderRef);
        _requireHash(documentHash);
        _requireMayIssue(typeId);
        (uint64 from, uint64 until) = _window(typeId, validFrom, validUntil);
        _create(id, typeId, holderRef, documentHash, from, until);
        emit CertificateIssued(id, typeId, msg.sender, documentHash);
    }

    /// @notice Anchors batch `batchId` of `count` documents of `typeId` by their Merkle root in
    /// one small write. Members are `<batchId>~<index>`, index 0 to count-1; a leaf is SHA-256
    /// of the canonical JSON `{"documentHash":"<hex>","id":"<batchId>~<index>"}`, a pair
    /// SHA-256 of its two children, smaller first.
    function anchorBatch(
        string calldata batchId,
        string calldata typeId,
        bytes32 merkleRoot,
        uint32 count,
        uint64 validFrom,
        uint64 validUntil
    ) external {
        batchId.checkId();
        typeId.checkToken();
        _requireHash(merkleRoot);
        if (count == 0 || count > MAX_BATCH) revert InvalidBatchSize(count);
        _requireMayIssue(typeId);
        bytes32 batchKey = batchId.key();
        Batch storage batch = _batches[batchKey];
        if (batch.anchoredAt != 0) revert BatchExists(batchId);
        if (_certificates[batchKey].issuedAt != 0) revert CertificateExists(batchId);
        if (_byRoot[merkleRoot] != 0) revert RootAnchored(merkleRoot);
        (uint64 from, uint64 until) = _window(typeId, validFrom, validUntil);
        batch.id = batchId;
        batch.typeId = typeId;
        batch.issuer = msg.sender;
        batch.count = count;
        batch.anchoredAt = uint64(block.timestamp);
        batch.merkleRoot = merkleRoot;
        batch.validFrom = from;
        batch.validUntil = until;
        _byRoot[merkleRoot] = batchKey;
        emit BatchAnchored(batchId, typeId, msg.sender, merkleRoot, count);
    }

    /// @notice Suspends ACTIVE certificate `id`; its issuer only, still holding ISSUER. Not
    /// once it has expired. A batch member with no record yet needs {suspendMember}.
    function suspend(string calldata id, string calldata reason) external {
        MemberProof memory none;
        _changeStatus(id, reason, Status.SUSPENDED, none);
    }

    /// @notice {suspend} for batch member `id`, with its document hash and proof.
    function suspendMember(
        string calldata id,
        string calldata reason,
        MemberProof calldata member
    ) external {
        _requireHash(member.documentHash);
        _changeStatus(id, reason, Status.SUSPENDED, member);
    }

    /// @notice Reinstates SUSPENDED certificate `id`; its issuer only, still holding ISSUER.
    /// Not once it has expired.
    function reinstate(string calldata id, string calldata reason) external {
        MemberProof memory none;
        _changeStatus(id, reason, Status.ACTIVE, none);
    }

    /// @notice Revokes ACTIVE or SUSPENDED certificate `id`, for good; its issuer only, still
    /// holding ISSUER. An expired certificate can be revoked, so its record says why it ended.
    /// A batch member with no record yet needs {revokeMember}.
    function revoke(string calldata id, string calldata reason) external {
        MemberProof memory none;
        _changeStatus(id, reason, Status.REVOKED, none);
    }

    /// @notice {revoke} for batch member `id`, with its document hash and proof.
    function revokeMember(
        string calldata id,
        string calldata reason,
        MemberProof calldata member
    ) external {
        _requireHash(member.documentHash);
        _changeStatus(id, reason, Status.REVOKED, member);
    }

    /// @notice Issues `newId` of the same type that supersedes ACTIVE certificate `oldId`, which
    /// becomes SUPERSEDED. The caller is `oldId`'s issuer, holds ISSUER and may still issue the
    /// type. A suspended certificate is reinstated first, so renewal never lifts a suspension.
    /// @param holderRef Zero keeps `oldId`'s holder; otherwise it must be that holder. A batch
    /// member (no holder on record) needs it, and {renewMember} until it has a record.
    function renew(
        string calldata oldId,
        string calldata newId,
        bytes32 documentHash,
        bytes32 holderRef,
        uint64 validFrom,
        uint64 validUntil
    ) external {
        MemberProof memory none;
        _renew(oldId, none, newId, RenewalTerms(documentHash, holderRef, validFrom, validUntil));
    }

    /// @notice {renew} for batch member `oldId`, with its document hash and proof.
    function renewMember(
        string calldata oldId,
        MemberProof calldata member,
        string calldata newId,
        bytes32 documentHash,
        bytes32 holderRef,
        uint64 validFrom,
        uint64 validUntil
    ) external {
        _requireHash(member.documentHash);
        _renew(oldId, member, newId, RenewalTerms(documentHash, holderRef, validFrom, validUntil));
    }

    // ------------------------------------------------------------------ reads

    /// @notice Certificate `id` as recorded (an untouched batch member as read from its batch).
    function getCertificate(string calldata id) external view returns (Certificate memory) {
        (Certificate memory certificate, ) = _read(id);
        return certificate;
    }

    /// @notice Certificate `id`'s status now.
    function statusOf(string calldata id) external view returns (Status) {
        return statusAt(id, uint64(block.timestamp));
    }

    /// @notice Certificate `id`'s status at `at`, from its history: NOT_ISSUED before it was
    /// issued (or its batch anchored), EXPIRED or NOT_YET_VALID outside its validity window.
    function statusAt(string calldata id, uint64 at) public view returns (Status) {
        (Certificate memory certificate, StatusChange[] memory changes) = _read(id);
        Status recorded = Status.NOT_ISSUED;
        for (uint256 i = 0; i < changes.length && changes[i].time <= at; ++i)
            recorded = changes[i].status;
        if (recorded == Status.NOT_ISSUED) return recorded;
        return _derive(recorded, certificate.validFrom, certificate.validUntil, at);
    }

    /// @notice Every recorded status of certificate `id`, oldest first; a batch member's
    /// history starts at its batch's anchoring.
    function history(string calldata id) external view returns (StatusChange[] memory) {
        (, StatusChange[] memory changes) = _read(id);
        return changes;
    }

    /// @notice Batch `batchId`.
    function getBatch(string calldata batchId) external view returns (Batch memory) {
        Batch storage batch = _batches[batchId.key()];
        if (batch.anchoredAt == 0) revert UnknownBatch(batchId);
        return batch;
    }

    /// @notice The ids of the certificates of holder `holderRef`, in issuance order.
    function findByHolder(bytes32 holderRef) external view returns (string[] memory ids) {
        bytes32[] storage keys = _byHolder[holderRef];
        ids = new string[](keys.length);
        for (uint256 i = 0; i < keys.length; ++i) ids[i] = _certificates[keys[i]].id;
    }

    /// @notice The id of the certificate issued on its own with document `documentHash`.
    function findByDocumentHash(bytes32 documentHash) external view returns (string memory) {
        bytes32 idKey = _byDocument[documentHash];
        if (idKey == 0) revert UnknownDocument(documentHash);
        return _certificates[idKey].id;
    }

    /// @notice Whether `documentHash` with `proof` is member `index` of batch `batchId`: the
    /// leaf is recomputed here and folded with the proof up to the anchored root.
    function verifyBatchMember(
        string calldata batchId,
        uint256 index,
        bytes32 documentHash,
        bytes32[] calldata proof
    ) external view returns (bool) {
        batchId.checkId();
        _requireHash(documentHash);
        Batch storage batch = _batches[batchId.key()];
        if (batch.anchoredAt == 0) revert UnknownBatch(batchId);
        if (index >= batch.count) revert IndexOutOfRange(batchId, index, batch.count);
        bytes32 leaf = _leaf(_memberId(batchId, index), documentHash);
        return MerkleProof.processProofCalldata(proof, leaf, _hashPair) == batch.merkleRoot;
    }

    /// @notice The Merkle leaf of member `index` of `batchId` with document `documentHash`:
    /// SHA-256 of `{"documentHash":"<64 lowercase hex>","id":"<batchId>~<index>"}`.
    function memberLeaf(
        string calldata batchId,
        uint256 index,
        bytes32 documentHash
    ) external pure returns (bytes32) {
        return _leaf(_memberId(batchId, index), documentHash);
    }

    /// @notice OpenAttestation DocumentStore: whether `hash` is anchored, as the document hash
    /// of a certificate issued on its own (or by renewal) or as a batch root. It stays true
    /// after revocation, as in OA; ask {isRevoked} and {statusOf} too.
    function isIssued(bytes32 hash) external view returns (bool) {
        return _byDocument[hash] != 0 || _byRoot[hash] != 0;
    }

    /// @notice OpenAttestation DocumentStore: whether `hash` is the document hash of a revoked
    /// certificate or the leaf of a revoked batch member. OA has no other states: a suspended,
    /// expired or superseded certificate is not revoked here; {statusOf} tells those.
    function isRevoked(bytes32 hash) external view returns (bool) {
        bytes32 idKey = _byDocument[hash];
        if (idKey == 0) idKey = _memberByLeaf[hash];
        return idKey != 0 && _certificates[idKey].status == Status.REVOKED;
    }

    // -------------------------------------------------------------- internals

    function _changeStatus(
        string calldata id,
        string calldata reason,
        Status to,
        MemberProof memory member
    ) internal {
        string calldata trimmed = reason.checkText(_MAX_REASON);
        bytes32 idKey = id.key();
        Certificate storage certificate = _load(id, idKey);
        _requireIssuerOfRecord(id, certificate.issuer);
        if (member.documentHash != 0) _applyProof(id, idKey, certificate, member);
        Status from = certificate.status;
        bool allowed =
            to == Status.SUSPENDED
                ? from == Status.ACTIVE
                : to == Status.ACTIVE
                    ? from == Status.SUSPENDED
                    : from == Status.ACTIVE || from == Status.SUSPENDED;
        if (!allowed) revert InvalidTransition(id, from, to);
        if (
            to != Status.REVOKED &&
            _derive(from, certificate.validFrom, certificate.validUntil, uint64(block.timestamp)) ==
                Status.EXPIRED
        ) revert InvalidTransition(id, Status.EXPIRED, to);
        _requireRecordedDocument(id, certificate);
        certificate.reason = trimmed;
        _record(idKey, certificate, to);
        if (to == Status.SUSPENDED) emit CertificateSuspended(id);
        else if (to == Status.ACTIVE) emit CertificateReinstated(id);
        else emit CertificateRevoked(id, _targetHash(certificate));
    }

    function _renew(
        string calldata oldId,
        MemberProof memory member,
        string calldata newId,
        RenewalTerms memory terms
    ) internal {
        newId.checkId();
        _requireHash(terms.documentHash);
        bytes32 oldKey = oldId.key();
        Certificate storage old = _load(oldId, oldKey);
        _requireIssuerOfRecord(oldId, old.issuer);
        _requireMayIssue(old.typeId);
        if (member.documentHash != 0) _applyProof(oldId, oldKey, old, member);
        if (old.status != Status.ACTIVE)
            revert InvalidTransition(oldId, old.status, Status.SUPERSEDED);
        bytes32 holderRef = terms.holderRef == 0 ? old.holderRef : terms.holderRef;
        if (holderRef == 0) revert HolderRefRequired(oldId);
        if (old.holderRef != 0 && holderRef != old.holderRef)
            revert HolderMismatch(oldId, terms.holderRef);
        _requireRecordedDocument(oldId, old);
        (uint64 from, uint64 until) = _window(old.typeId, terms.validFrom, terms.validUntil);
        Certificate storage renewed = _create(
            newId,
            old.typeId,
            holderRef,
            terms.documentHash,
            from,
            until
        );
        renewed.supersedes = oldId;
        old.reason = string.concat("renewed as ", newId);
        old.supersededBy = newId;
        _record(oldKey, old, Status.SUPERSEDED);
        emit CertificateRenewed(oldId, newId, terms.documentHash);
    }

    /// @dev A new certificate issued on its own by the caller, ACTIVE from now.
    function _create(
        string calldata id,
        string memory typeId,
        bytes32 holderRef,
        bytes32 documentHash,
        uint64 validFrom,
        uint64 validUntil
    ) internal returns (Certificate storage certificate) {
        bytes32 idKey = id.key();
        certificate = _certificates[idKey];
        if (certificate.issuedAt != 0) revert CertificateExists(id);
        if (_batches[idKey].anchoredAt != 0) revert BatchExists(id);
        if (_byDocument[documentHash] != 0) revert DocumentAnchored(documentHash);
        uint64 now_ = uint64(block.timestamp);
        certificate.id = id;
        certificate.typeId = typeId;
        certificate.issuer = msg.sender;
        certificate.holderRef = holderRef;
        certificate.documentHash = documentHash;
        certificate.validFrom = validFrom;
        certificate.validUntil = validUntil;
        certificate.issuedAt = now_;
        _record(idKey, certificate, Status.ACTIVE);
        _byDocument[documentHash] = idKey;
        _byHolder[holderRef].push(idKey);
    }

    /// @dev Sets the recorded status and appends it to the history.
    function _record(bytes32 idKey, Certificate storage certificate, Status status) internal {
        uint64 now_ = uint64(block.timestamp);
        certificate.status = status;
        certificate.updatedAt = now_;
        _changes[idKey].push(StatusChange(now_, status));
    }

    /// @dev The record of `id` for a change. An untouched batch member gets its record here,
    /// starting its history at its batch's anchoring; the change reverts unless it brings the
    /// member's document ({_requireRecordedDocument}).
    function _load(
        string calldata id,
        bytes32 idKey
    ) internal returns (Certificate storage certificate) {
        certificate = _certificates[idKey];
        if (certificate.issuedAt != 0) return certificate;
        (Certificate memory member, StatusChange[] memory changes) = _readMember(id);
        _certificates[idKey] = member;
        _changes[idKey].push(changes[0]);
    }

    /// @dev Checks a member's document and proof against its root and records the document.
    function _applyProof(
        string calldata id,
        bytes32 idKey,
        Certificate storage certificate,
        MemberProof memory member
    ) internal {
        if (bytes(certificate.batchId).length == 0) revert NotBatchMember(id);
        bytes32 leaf = _leaf(id, member.documentHash);
        bool known = certificate.documentHash != 0;
        if (
            MerkleProof.processProof(member.proof, leaf, _hashPair) != certificate.merkleRoot ||
            (known && certificate.documentHash != member.documentHash)
        ) revert InvalidProof(certificate.batchId, certificate.batchIndex);
        if (known) return;
        certificate.documentHash = member.documentHash;
        _memberByLeaf[leaf] = idKey;
    }

    function _requireRecordedDocument(
        string calldata id,
        Certificate storage certificate
    ) internal view {
        if (certificate.documentHash == 0) revert MemberProofRequired(id);
    }

    /// @dev The hash OA verifiers ask {isRevoked} about: a member's leaf, else the document.
    function _targetHash(Certificate storage certificate) internal view returns (bytes32) {
        if (bytes(certificate.batchId).length == 0) return certificate.documentHash;
        return _leaf(certificate.id, certificate.documentHash);
    }

    function _requireMayIssue(string memory typeId) internal view {
        if (_registry.mayIssue(typeId, msg.sender)) return;
        if (!_registry.hasRole(msg.sender, Role.ISSUER))
            revert MissingRole(msg.sender, Role.ISSUER);
        try _registry.getCertificateType(typeId) returns (OrgRegistry.CertificateType memory) {
            revert NotIssuer(msg.sender, typeId);
        } catch {
            revert UnknownCertificateType(typeId);
        }
    }

    function _requireIssuerOfRecord(string calldata id, address issuer) internal view {
        if (!_registry.hasRole(msg.sender, Role.ISSUER))
            revert MissingRole(msg.sender, Role.ISSUER);
        if (msg.sender != issuer) revert NotCertificateIssuer(id, msg.sender);
    }

    /// @dev Zero `validFrom` is now, zero `validUntil` open-ended; both before 2200, and no
    /// longer than the type allows.
    function _window(
        string memory typeId,
        uint64 validFrom,
        uint64 validUntil
    ) internal view returns (uint64 from, uint64 until) {
        from = validFrom == 0 ? uint64(block.timestamp) : validFrom;
        until = validUntil;
        if (from >= _LATEST || until >= _LATEST || (until != 0 && until <= from))
            revert InvalidWindow(from, until);
        uint32 maxDays = _registry.maxValidityDaysOf(typeId);
        if (maxDays != 0 && (until == 0 || until - from > uint64(maxDays) * 1 days))
            revert InvalidValidityPeriod(typeId, from, until, maxDays);
    }

    /// @dev A certificate's record and history, an untouched batch member's read from its batch.
    function _read(
        string calldata id
    ) internal view returns (Certificate memory certificate, StatusChange[] memory changes) {
        bytes32 idKey = id.key();
        if (_certificates[idKey].issuedAt != 0) return (_certificates[idKey], _changes[idKey]);
        return _readMember(id);
    }

    function _readMember(
        string calldata id
    ) internal view returns (Certificate memory certificate, StatusChange[] memory changes) {
        (bool isMember, string calldata batchId, uint256 index) = _parseId(id);
        if (!isMember) revert UnknownCertificate(id);
        Batch storage batch = _batches[batchId.key()];
        if (batch.anchoredAt == 0 || index >= batch.count) revert UnknownCertificate(id);
        certificate.id = id;
        certificate.typeId = batch.typeId;
        certificate.issuer = batch.issuer;
        certificate.validFrom = batch.validFrom;
        certificate.validUntil = batch.validUntil;
        certificate.status = Status.ACTIVE;
        certificate.issuedAt = batch.anchoredAt;
        certificate.updatedAt = batch.anchoredAt;
        certificate.batchId = batch.id;
        certificate.batchIndex = uint32(index);
        certificate.merkleRoot = batch.merkleRoot;
        changes = new StatusChange[](1);
        changes[0] = StatusChange(batch.anchoredAt, Status.ACTIVE);
    }

    /// @dev Splits a member id `<batchId>~<index>` (index without leading zeros, at most six
    /// digits); any other id must be a plain identifier.
    function _parseId(
        string calldata id
    ) internal pure returns (bool isMember, string calldata batchId, uint256 index) {
        bytes calldata raw = bytes(id);
        uint256 tilde = 0;
        while (tilde < raw.length && raw[tilde] != "~") ++tilde;
        if (tilde == raw.length) {
            id.checkId();
            return (false, id, 0);
        }
        batchId = string(raw[:tilde]);
        bytes calldata digits = raw[tilde + 1:];
        bool valid =
            tilde > 0 &&
                tilde <= 128 &&
                digits.length > 0 &&
                digits.length <= 6 &&
                (digits[0] != "0" || digits.length == 1);
        for (uint256 i = 0; valid && i < tilde; ++i) {
            bytes1 c = raw[i];
            bool alphanumeric =
                (c >= "0" && c <= "9") || (c >= "A" && c <= "Z") || (c >= "a" && c <= "z");
            valid = alphanumeric || (i > 0 && (c == "." || c == "_" || c == "-"));
        }
        for (uint256 i = 0; valid && i < digits.length; ++i) {
            valid = digits[i] >= "0" && digits[i] <= "9";
            if (valid) index = index * 10 + (uint8(digits[i]) - 48);
        }
        if (!valid) revert Identifiers.InvalidIdentifier(id);
        return (true, batchId, index);
    }

    function _derive(
        Status recorded,
        uint64 validFrom,
        uint64 validUntil,
        uint64 at
    ) internal pure returns (Status) {
        if (recorded == Status.REVOKED || recorded == Status.SUPERSEDED) return recorded;
        if (validUntil != 0 && at >= validUntil) return Status.EXPIRED;
        if (at < validFrom) return Status.NOT_YET_VALID;
        return recorded;
    }

    function _requireHash(bytes32 hash) internal pure {
        if (hash == 0) revert ZeroHash();
    }

    function _memberId(
        string calldata batchId,
        uint256 index
    ) internal pure returns (string memory) {
        return string.concat(batchId, "~", Strings.toString(index));
    }

    /// @dev As chaincode `batchLeaf`: SHA-256 over the canonical JSON of the member's id and
    /// document (ids never need JSON escaping).
    function _leaf(string memory id, bytes32 documentHash) internal pure returns (bytes32) {
        bytes16 digits = "0123456789abcdef";
        bytes memory hexHash = new bytes(64);
        for (uint256 i = 0; i < 32; ++i) {
            uint8 b = uint8(documentHash[i]);
            hexHash[2 * i] = digits[b >> 4];
            hexHash[2 * i + 1] = digits[b & 0x0f];
        }
        // Single quotes: the JSON's double quotes unescaped, as Prettier writes it.
        // solhint-disable-next-line quotes
        return sha256(abi.encodePacked('{"documentHash":"', hexHash, '","id":"', id, '"}'));
    }

    /// @dev As chaincode `hashPair`: SHA-256 of the two children, smaller first.
    function _hashPair(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return a < b ? sha256(abi.encodePacked(a, b)) : sha256(abi.encodePacked(b, a));
    }
}
