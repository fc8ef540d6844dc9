// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AccessRequest, IAccessRecorder, Operation} from "./IAccessRecorder.sol";
import {Identifiers} from "./Identifiers.sol";
import {OrgRegistry} from "./OrgRegistry.sol";
import {Role} from "./Role.sol";

/// @title AuthorizationRegistry
/// @notice Data-access authorizations (who may use whose data, for what and how much), every
/// use of them as a per-authorization hash chain of allowed and denied access events, and the
/// record of forgetting requests. The same rules as the chaincode's `authorizations` contract.
///
/// @dev The trail. Each authorization keeps the head of its chain (`headHash`, the genesis
/// being `bytes32(0)`, the chaincode's GENESIS_HASH of 64 zeros), the number of events
/// (`eventCount`, the next `sequence`), the allowed accesses so far (`used`) and the allowed
/// accesses per UTC day. Each recorded access emits {AccessRecorded} with the whole link. Its
/// hash is, with every value ABI-encoded flat (no tuple; enums as `uint8`, strings as
/// dynamic `string`), in this order:
///
///     eventHash = sha256(abi.encode(
///         bytes32 previousHash,   // the head before this event; bytes32(0) for sequence 0
///         string  authorizationId,
///         uint64  sequence,       // position in the trail, from 0
///         address requester,      // who asked (the chaincode's `actor`)
///         bool    allowed,
///         uint8   reason,         // DenialReason; NONE (0) on an allowed event
///         string  category,
///         string  purpose,
///         uint8   operation,      // Operation of IAccessRecorder.sol
///         uint32  recordCount,
///         bytes32 requestHash,
///         uint64  timestamp       // block.timestamp of the transaction, unix seconds
///     ))
///
/// i.e. `ethers.sha256(AbiCoder.defaultAbiCoder().encode([...types above], [...values]))`.
/// A day is the UTC day of `block.timestamp`: `timestamp / 86400` (unix time has no leap
/// seconds, so this is the calendar day the chaincode takes from its ISO timestamps).
contract AuthorizationRegistry is IAccessRecorder {
    using Identifiers for string;

    /// @notice Whose data: a citizen (by salted reference) or an enterprise (by credit code).
    enum SubjectType {
        CITIZEN,
        ENTERPRISE
    }

    /// @notice The legal ground the use rests on.
    enum LegalBasis {
        CONSENT,
        CONTRACT,
        LEGAL_OBLIGATION,
        PUBLIC_TASK
    }

    /// @notice ACTIVE, REVOKED and EXHAUSTED are recorded; EXPIRED is derived in views from
    /// `validUntil` and `block.timestamp` for an ACTIVE authorization.
    enum Status {
        ACTIVE,
        REVOKED,
        EXHAUSTED,
        EXPIRED
    }

    /// @notice Why an access was refused, as the chaincode names it; NONE on an allowed event.
    enum DenialReason {
        NONE,
        NOT_GRANTEE,
        REVOKED,
        EXHAUSTED,
        NOT_YET_VALID,
        EXPIRED,
        CATEGORY_NOT_AUTHORIZED,
        NEGATIVE_LIST,
        PURPOSE_MISMATCH,
        OPERATION_NOT_AUTHORIZED,
        SUBJECT_MISMATCH,
        DAILY_LIMIT_REACHED
    }

    /// @notice What a creator asks for. `subject` is 64 lowercase hex digits (the citizen's
    /// salted reference, never plaintext) for a CITIZEN, the unified social credit code for an
    /// ENTERPRISE. `operations` is a mask with bit `1 << uint8(Operation)` per allowed
    /// operation. `maxAccesses` (1-1,000,000) and `maxPerDay` (1-100,000) are 0 for "no
    /// limit". `consentEvidenceHash` is SHA-256 of the consent evidence.
    struct Terms {
        string id;
        SubjectType subjectType;
        string subject;
        address grantee;
        string[] categories;
        string purpose;
        LegalBasis legalBasis;
        uint8 operations;
        uint32 maxAccesses;
        uint32 maxPerDay;
        uint64 validFrom;
        uint64 validUntil;
        bytes32 consentEvidenceHash;
    }

    /// @notice An authorization with its trail counters. `createdBy` is a DATA_HOLDER or the
    /// subject enterprise; `used` counts allowed accesses, `eventCount` every event; `headHash`
    /// is the newest event's hash (bytes32(0) before the first); `revokedAt` is 0 unless
    /// revoked. `status` as stored is ACTIVE, REVOKED or EXHAUSTED; {get} and the lists return
    /// it with EXPIRED derived.
    struct Authorization {
        string id;
        SubjectType subjectType;
        string subject;
        address createdBy;
        address grantee;
        string[] categories;
        string purpose;
        LegalBasis legalBasis;
        uint8 operations;
        uint32 maxAccesses;
        uint32 maxPerDay;
        uint64 validFrom;
        uint64 validUntil;
        bytes32 consentEvidenceHash;
        Status status;
        uint32 used;
        uint64 eventCount;
        bytes32 headHash;
        uint64 revokedAt;
        string revocationReason;
        uint64 createdAt;
        uint64 updatedAt;
    }

    /// @notice One link of an authorization's trail, as {AccessRecorded} carries it; see the
    /// contract's notes for how `eventHash` is computed from the other fields.
    struct AccessLink {
        string authorizationId;
        uint64 sequence;
        bytes32 previousHash;
        address requester;
        bool allowed;
        DenialReason reason;
        string category;
        string purpose;
        Operation operation;
        uint32 recordCount;
        bytes32 requestHash;
        uint64 timestamp;
        bytes32 eventHash;
    }

    uint256 private constant _MAX_CATEGORIES = 32;
    uint32 private constant _MAX_ACCESSES = 1_000_000;
    uint32 private constant _MAX_PER_DAY = 100_000;
    uint32 private constant _MAX_RECORD_COUNT = 1_000_000;
    uint8 private constant _ALL_OPERATIONS = uint8((1 << (uint256(type(Operation).max) + 1)) - 1);
    uint256 private constant _MAX_REASON_BYTES = 500;
    bytes32 private constant _CREDIT_REPORT = keccak256("credit-report");

    OrgRegistry private immutable _registry;
    address private _reportRegistry;

    mapping(bytes32 idKey => Authorization) private _authorizations;
    bytes32[] private _keys;
    mapping(address grantee => bytes32[]) private _byGrantee;
    mapping(bytes32 subjectKey => bytes32[]) private _bySubject;
    /// @dev Allowed accesses of an authorization per UTC day (`timestamp / 86400`).
    mapping(bytes32 idKey => mapping(uint64 day => uint32)) private _usedPerDay;
    /// @dev Keyed by `keccak256(abi.encode(holder, keccak256(bytes(subjectRef))))`: whether
    /// the holder took in a consent of the subject since it last asked to forget it.
    mapping(bytes32 holderSubject => bool) private _heldSinceForget;
    mapping(bytes32 holderSubject => uint64) private _forgottenAt;

    /// @notice Authorization `authorizationId` was created by `createdBy` for `grantee`.
    event AuthorizationCreated(
        string authorizationId,
        address indexed grantee,
        address indexed createdBy
    );
    /// @notice Authorization `authorizationId` was revoked by `revokedBy`; revocation is final.
    event AuthorizationRevoked(string authorizationId, address indexed revokedBy);
    /// @notice Authorization `authorizationId` reached its `maxAccesses` and is EXHAUSTED.
    event AuthorizationExhausted(string authorizationId);
    /// @notice An access was recorded, allowed or denied: `link` is the new head of the chain
    /// of the authorization whose id hashes (keccak256) to `authorizationKey`.
    event AccessRecorded(
        bytes32 indexed authorizationKey,
        address indexed grantee,
        address indexed requester,
        AccessLink link
    );
    /// @notice `holder` asked to forget the citizen `subjectRef`. Nothing personal is on this
    /// chain (only salted references and hashes), so nothing is purged here: the request is
    /// what is recorded, for the holder's off-chain erasure to be held to.
    event SubjectForgotten(string subjectRef, address indexed holder);
    /// @notice `reportRegistry` may record accesses on behalf of requesters, for good.
    event ReportRegistryTrusted(address indexed reportRegistry);

    /// @notice `account` does not hold `role`.
    error MissingRole(address account, Role role);
    /// @notice Authorization `id` does not exist.
    error UnknownAuthorization(string id);
    /// @notice Authorization `id` exists already.
    error AuthorizationExists(string id);
    /// @notice `account` is not a registered organization.
    error UnknownOrganization(address account);
    /// @notice `subject` is not a lowercase hex SHA-256 reference (CITIZEN) or an
    /// 18-character unified social credit code (ENTERPRISE).
    error InvalidSubject(SubjectType subjectType, string subject);
    /// @notice An authorization names 1-32 categories; `count` were given.
    error InvalidCategoryCount(uint256 count);
    /// @notice `category` is named twice.
    error DuplicateCategory(string category);
    /// @notice `category` is not in the registry's data catalog.
    error CategoryNotInCatalog(string category);
    /// @notice `category` is on the negative list: it may never be authorized.
    error NegativeListed(string category);
    /// @notice `operations` is empty or has a bit that is no Operation.
    error InvalidOperations(uint8 operations);
    /// @notice `maxAccesses` is above 1,000,000 or `maxPerDay` above 100,000.
    error InvalidLimits(uint32 maxAccesses, uint32 maxPerDay);
    /// @notice The window does not end after it starts.
    error InvalidWindow(uint64 validFrom, uint64 validUntil);
    /// @notice The window ends at `validUntil`, not after the transaction time `time`.
    error WindowOver(uint64 validUntil, uint64 time);
    /// @notice A zero hash where a SHA-256 digest is required.
    error ZeroHash();
    /// @notice `account` tried to authorize itself.
    error SelfGrant(address account);
    /// @notice Only the enterprise itself authorizes its credit report; `caller` is not it.
    error CreditReportNotBySubject(address caller);
    /// @notice `caller` is neither the creator of authorization `id` nor its subject enterprise.
    error NotCreatorOrSubject(string id, address caller);
    /// @notice Authorization `id` cannot go from `from` to `to`.
    error InvalidTransition(string id, Status from, Status to);
    /// @notice An access covers at most 1,000,000 records; `recordCount` were declared.
    error InvalidRecordCount(uint32 recordCount);
    /// @notice `caller` is not the trusted report registry.
    error UntrustedCaller(address caller);
    /// @notice `reportRegistry` is trusted already; the choice is made once.
    error ReportRegistryAlreadyTrusted(address reportRegistry);
    /// @notice `account` holds no contract code, so it cannot be the report registry.
    error InvalidReportRegistry(address account);
    /// @notice `holder` took in no consent of the citizen `subjectRef` since it last forgot
    /// it, so it has nothing of the subject to forget.
    error UnknownSubject(address holder, string subjectRef);

    /// @notice Deploys this registry for the consortium that `registry` keeps; it cannot change.
    /// @param registry the consortium's OrgRegistry, the source of roles, catalog and
    /// negative list
    constructor(OrgRegistry registry) {
        _registry = registry;
    }

    // ------------------------------------------------------------------ changes

    /// @notice Creates an authorization. A DATA_HOLDER creates it on a subject's consent, or
    /// an ENTERPRISE for itself; `credit-report` only the enterprise itself; nobody for
    /// itself. The grantee must be a REQUESTER; every category must be in the catalog and
    /// off the negative list; the window must end after it starts and after now.
    /// @param terms what is authorized (see {Terms})
    function create(Terms calldata terms) external {
        _checkTerms(terms);
        address caller = msg.sender;
        bool selfEnterprise =
            terms.subjectType == SubjectType.ENTERPRISE &&
                _registry.isEnterprise(caller, terms.subject);
        if (!selfEnterprise && !_registry.hasRole(caller, Role.DATA_HOLDER))
            revert MissingRole(caller, Role.DATA_HOLDER);
        if (!selfEnterprise && _namesCreditReport(terms.categories))
            revert CreditReportNotBySubject(caller);
        if (terms.grantee == caller) revert SelfGrant(caller);
        if (!_registry.hasRole(terms.grantee, Role.REQUESTER)) {
            if (!_isRegistered(terms.grantee)) revert UnknownOrganization(terms.grantee);
            revert MissingRole(terms.grantee, Role.REQUESTER);
        }
        for (uint256 i = 0; i < terms.categories.length; ++i) {
            string calldata category = terms.categories[i];
            if (_registry.isNegativeListed(category)) revert NegativeListed(category);
            if (!_registry.isDataCategory(category)) revert CategoryNotInCatalog(category);
        }
        if (terms.validUntil <= terms.validFrom)
            revert InvalidWindow(terms.validFrom, terms.validUntil);
        if (terms.validUntil <= block.timestamp)
            revert WindowOver(terms.validUntil, uint64(block.timestamp));
        bytes32 idKey = terms.id.key();
        if (_authorizations[idKey].createdAt != 0) revert AuthorizationExists(terms.id);
        _store(idKey, terms, caller);
    }

    /// @notice Revokes authorization `id`, for good: by its creator, or by its subject
    /// enterprise. Only an ACTIVE or EXHAUSTED authorization can be revoked.
    /// @param id the authorization
    /// @param reason why, 1-500 bytes (kept in state, not in the event)
    function revoke(string calldata id, string calldata reason) external {
        id.checkId();
        reason.checkText(_MAX_REASON_BYTES);
        Authorization storage authorization = _requireAuthorization(id);
        bool subjectItself =
            authorization.subjectType == SubjectType.ENTERPRISE &&
                _registry.isEnterprise(msg.sender, authorization.subject);
        if (msg.sender != authorization.createdBy && !subjectItself)
            revert NotCreatorOrSubject(id, msg.sender);
        Status status = _statusOf(authorization);
        if (status != Status.ACTIVE && status != Status.EXHAUSTED)
            revert InvalidTransition(id, status, Status.REVOKED);
        authorization.status = Status.REVOKED;
        authorization.revokedAt = uint64(block.timestamp);
        authorization.revocationReason = reason;
        authorization.updatedAt = uint64(block.timestamp);
        emit AuthorizationRevoked(id, msg.sender);
    }

    /// @notice A REQUESTER reports one use of data. It is checked against the authorization
    /// (grantee, status, window, subject, category, negative list, purpose, operation, count,
    /// daily rate) and appended to its trail either way: a denial is a successful
    /// transaction that records the denial and its reason, never a revert.
    /// @param request the access (an empty `subject` is not checked)
    /// @return allowed whether the access was inside the authorization
    /// @return eventHash the new head of the authorization's chain
    function recordAccess(
        AccessRequest calldata request
    ) external returns (bool allowed, bytes32 eventHash) {
        _checkRequest(request);
        if (!_registry.hasRole(msg.sender, Role.REQUESTER))
            revert MissingRole(msg.sender, Role.REQUESTER);
        return _recordAccess(msg.sender, request);
    }

    /// @notice As {recordAccess} for `requester`, who must hold REQUESTER; callable only by
    /// the report registry governance trusted with {trustReportRegistry}, so that a credit
    /// report and the access it makes are one transaction.
    /// @param requester the organization that asked the report registry
    /// @param request the access
    /// @return allowed whether the access was inside the authorization
    /// @return eventHash the new head of the authorization's chain
    function recordAccessFor(
        address requester,
        AccessRequest calldata request
    ) external returns (bool allowed, bytes32 eventHash) {
        if (msg.sender != _reportRegistry) revert UntrustedCaller(msg.sender);
        _checkRequest(request);
        if (!_registry.hasRole(requester, Role.REQUESTER))
            revert MissingRole(requester, Role.REQUESTER);
        return _recordAccess(requester, request);
    }

    /// @notice GOVERNANCE trusts `trusted` (the credit registry) to call
    /// {recordAccessFor}; once, for good.
    /// @param trusted the credit registry contract
    function trustReportRegistry(address trusted) external {
        if (!_registry.hasRole(msg.sender, Role.GOVERNANCE))
            revert MissingRole(msg.sender, Role.GOVERNANCE);
        if (_reportRegistry != address(0)) revert ReportRegistryAlreadyTrusted(_reportRegistry);
        if (trusted.code.length == 0) revert InvalidReportRegistry(trusted);
        _reportRegistry = trusted;
        emit ReportRegistryTrusted(trusted);
    }

    /// @notice A DATA_HOLDER asks to forget the citizen `subjectRef`. On Fabric the subject's
    /// personal data is purged from private data; this chain holds only salted references
    /// and hashes, so there is nothing personal to purge here: the request itself is
    /// recorded (event and time, see {forgottenAt}). The holder must have taken in a consent
    /// of the subject (created an authorization for it) since it last asked.
    /// @param subjectRef the citizen's salted reference, 64 lowercase hex digits
    function forget(string calldata subjectRef) external {
        if (!_registry.hasRole(msg.sender, Role.DATA_HOLDER))
            revert MissingRole(msg.sender, Role.DATA_HOLDER);
        if (!_isHexReference(subjectRef)) revert InvalidSubject(SubjectType.CITIZEN, subjectRef);
        bytes32 holderSubject = _holderSubject(msg.sender, subjectRef);
        if (!_heldSinceForget[holderSubject]) revert UnknownSubject(msg.sender, subjectRef);
        _heldSinceForget[holderSubject] = false;
        _forgottenAt[holderSubject] = uint64(block.timestamp);
        emit SubjectForgotten(subjectRef, msg.sender);
    }

    // ------------------------------------------------------------------ views

    /// @notice The OrgRegistry this registry asks.
    function orgRegistry() external view returns (OrgRegistry) {
        return _registry;
    }

    /// @notice The report registry trusted to call {recordAccessFor}, or the zero address.
    function reportRegistry() external view returns (address) {
        return _reportRegistry;
    }

    /// @notice Authorization `id` with its status now (EXPIRED derived); reverts if unknown.
    function get(string calldata id) external view returns (Authorization memory authorization) {
        authorization = _requireAuthorization(id);
        authorization.status = _statusOf(_authorizations[id.key()]);
    }

    /// @notice The head of authorization `id`'s chain.
    /// @return headHash the newest event's hash, bytes32(0) before the first
    /// @return eventCount the number of events, allowed and denied (the next sequence)
    /// @return used the allowed accesses so far
    function trailHead(
        string calldata id
    ) external view returns (bytes32 headHash, uint64 eventCount, uint32 used) {
        Authorization storage authorization = _requireAuthorization(id);
        return (authorization.headHash, authorization.eventCount, authorization.used);
    }

    /// @notice Allowed accesses of authorization `id` on UTC day `day` (unix time / 86400).
    function usedOnDay(string calldata id, uint64 day) external view returns (uint32) {
        _requireAuthorization(id);
        return _usedPerDay[id.key()][day];
    }

    /// @notice Every authorization, in creation order, with its status now.
    function list() external view returns (Authorization[] memory) {
        return _view(_keys);
    }

    /// @notice The authorizations granted to `grantee`, in creation order, with status now.
    function listByGrantee(address grantee) external view returns (Authorization[] memory) {
        return _view(_byGrantee[grantee]);
    }

    /// @notice The authorizations of `subject` (citizen reference or credit code), in
    /// creation order, with status now.
    function listBySubject(string calldata subject) external view returns (Authorization[] memory) {
        return _view(_bySubject[subject.key()]);
    }

    /// @notice When `holder` last asked to forget the citizen `subjectRef`, or 0.
    function forgottenAt(
        address holder,
        string calldata subjectRef
    ) external view returns (uint64) {
        return _forgottenAt[_holderSubject(holder, subjectRef)];
    }

    // ------------------------------------------------------------------ internals

    function _store(bytes32 idKey, Terms calldata terms, address caller) internal {
        Authorization storage authorization = _authorizations[idKey];
        authorization.id = terms.id;
        authorization.subjectType = terms.subjectType;
        authorization.subject = terms.subject;
        authorization.createdBy = caller;
        authorization.grantee = terms.grantee;
        for (uint256 i = 0; i < terms.categories.length; ++i)
            authorization.categories.push(terms.categories[i]);
        authorization.purpose = terms.purpose;
        authorization.legalBasis = terms.legalBasis;
        authorization.operations = terms.operations;
        authorization.maxAccesses = terms.maxAccesses;
        authorization.maxPerDay = terms.maxPerDay;
        authorization.validFrom = terms.validFrom;
        authorization.validUntil = terms.validUntil;
        authorization.consentEvidenceHash = terms.consentEvidenceHash;
        authorization.createdAt = uint64(block.timestamp);
        authorization.updatedAt = uint64(block.timestamp);
        _keys.push(idKey);
        _byGrantee[terms.grantee].push(idKey);
        _bySubject[terms.subject.key()].push(idKey);
        if (terms.subjectType == SubjectType.CITIZEN)
            _heldSinceForget[_holderSubject(caller, terms.subject)] = true;
        emit AuthorizationCreated(terms.id, terms.grantee, caller);
    }

    /// @dev Decides the access, appends its link and moves the counters, in one go.
    function _recordAccess(
        address requester,
        AccessRequest calldata request
    ) internal returns (bool, bytes32) {
        bytes32 idKey = request.authorizationId.key();
        Authorization storage authorization = _requireAuthorization(request.authorizationId);
        uint64 time = uint64(block.timestamp);
        uint64 day = time / 1 days;
        DenialReason reason = _decide(
            authorization,
            requester,
            request,
            _usedPerDay[idKey][day],
            time
        );
        AccessLink memory link = AccessLink({
            authorizationId: request.authorizationId,
            sequence: authorization.eventCount,
            previousHash: authorization.headHash,
            requester: requester,
            allowed: reason == DenialReason.NONE,
            reason: reason,
            category: request.category,
            purpose: request.purpose,
            operation: request.operation,
            recordCount: request.recordCount,
            requestHash: request.requestHash,
            timestamp: time,
            eventHash: bytes32(0)
        });
        link.eventHash = _linkHash(link);
        authorization.headHash = link.eventHash;
        authorization.eventCount = link.sequence + 1;
        authorization.updatedAt = time;
        emit AccessRecorded(idKey, authorization.grantee, requester, link);
        if (link.allowed) {
            ++_usedPerDay[idKey][day];
            uint32 used = ++authorization.used;
            if (
                authorization.maxAccesses != 0 &&
                used >= authorization.maxAccesses &&
                authorization.status == Status.ACTIVE
            ) {
                authorization.status = Status.EXHAUSTED;
                emit AuthorizationExhausted(request.authorizationId);
            }
        }
        return (link.allowed, link.eventHash);
    }

    /// @dev The chaincode's `decideAccess`: the first rule the access breaks, or NONE.
    function _decide(
        Authorization storage authorization,
        address requester,
        AccessRequest calldata request,
        uint32 usedToday,
        uint64 time
    ) internal view returns (DenialReason) {
        if (requester != authorization.grantee) return DenialReason.NOT_GRANTEE;
        if (authorization.revokedAt != 0 && time >= authorization.revokedAt)
            return DenialReason.REVOKED;
        if (authorization.maxAccesses != 0 && authorization.used >= authorization.maxAccesses)
            return DenialReason.EXHAUSTED;
        if (time < authorization.validFrom) return DenialReason.NOT_YET_VALID;
        if (time >= authorization.validUntil) return DenialReason.EXPIRED;
        if (
            bytes(request.subject).length != 0 &&
            request.subject.key() != keccak256(bytes(authorization.subject))
        ) return DenialReason.SUBJECT_MISMATCH;
        if (!_includes(authorization.categories, request.category.key()))
            return DenialReason.CATEGORY_NOT_AUTHORIZED;
        if (_registry.isNegativeListed(request.category)) return DenialReason.NEGATIVE_LIST;
        if (request.purpose.key() != keccak256(bytes(authorization.purpose)))
            return DenialReason.PURPOSE_MISMATCH;
        if (authorization.operations & (uint8(1) << uint8(request.operation)) == 0)
            return DenialReason.OPERATION_NOT_AUTHORIZED;
        if (authorization.maxPerDay != 0 && usedToday >= authorization.maxPerDay)
            return DenialReason.DAILY_LIMIT_REACHED;
        return DenialReason.NONE;
    }

    /// @dev The link hash documented on the contract: flat ABI encoding, previous hash first.
    function _linkHash(AccessLink memory link) internal pure returns (bytes32) {
        return
            sha256(
                abi.encode(
                    link.previousHash,
                    link.authorizationId,
                    link.sequence,
                    link.requester,
                    link.allowed,
                    link.reason,
                    link.category,
                    link.purpose,
                    link.operation,
                    link.recordCount,
                    link.requestHash,
                    link.timestamp
                )
            );
    }

    /// @dev The input checks the chaincode's request schema makes (INVALID_ARGUMENT there).
    function _checkTerms(Terms calldata terms) internal pure {
        terms.id.checkId();
        if (
            terms.subjectType == SubjectType.CITIZEN
                ? !_isHexReference(terms.subject)
                : !Identifiers.isCreditCode(terms.subject)
        ) revert InvalidSubject(terms.subjectType, terms.subject);
        uint256 count = terms.categories.length;
        if (count == 0 || count > _MAX_CATEGORIES) revert InvalidCategoryCount(count);
        for (uint256 i = 0; i < count; ++i) {
            terms.categories[i].checkToken();
            bytes32 categoryKey = terms.categories[i].key();
            for (uint256 j = 0; j < i; ++j)
                if (terms.categories[j].key() == categoryKey)
                    revert DuplicateCategory(terms.categories[i]);
        }
        terms.purpose.checkToken();
        if (terms.operations == 0 || terms.operations & ~_ALL_OPERATIONS != 0)
            revert InvalidOperations(terms.operations);
        if (terms.maxAccesses > _MAX_ACCESSES || terms.maxPerDay > _MAX_PER_DAY)
            revert InvalidLimits(terms.maxAccesses, terms.maxPerDay);
        if (terms.consentEvidenceHash == bytes32(0)) revert ZeroHash();
    }

    /// @dev The input checks of the chaincode's access request schema.
    function _checkRequest(AccessRequest calldata request) internal pure {
        request.authorizationId.checkId();
        request.category.checkToken();
        request.purpose.checkToken();
        if (request.recordCount > _MAX_RECORD_COUNT) revert InvalidRecordCount(request.recordCount);
        if (request.requestHash == bytes32(0)) revert ZeroHash();
    }

    function _requireAuthorization(
        string calldata id
    ) internal view returns (Authorization storage authorization) {
        authorization = _authorizations[id.key()];
        if (authorization.createdAt == 0) revert UnknownAuthorization(id);
    }

    function _statusOf(Authorization storage authorization) internal view returns (Status) {
        if (authorization.status == Status.ACTIVE && block.timestamp >= authorization.validUntil)
            return Status.EXPIRED;
        return authorization.status;
    }

    function _view(bytes32[] storage keys) internal view returns (Authorization[] memory out) {
        out = new Authorization[](keys.length);
        for (uint256 i = 0; i < keys.length; ++i) {
            Authorization storage authorization = _authorizations[keys[i]];
            out[i] = authorization;
            out[i].status = _statusOf(authorization);
        }
    }

    /// @dev Registered organizations hold at least one role (OrgRegistry refuses none).
    function _isRegistered(address account) internal view returns (bool) {
        for (uint256 role = 0; role <= uint256(type(Role).max); ++role)
            if (_registry.hasRole(account, Role(role))) return true;
        return false;
    }

    function _namesCreditReport(string[] calldata categories) internal pure returns (bool) {
        for (uint256 i = 0; i < categories.length; ++i)
            if (categories[i].key() == _CREDIT_REPORT) return true;
        return false;
    }

    function _includes(string[] storage values, bytes32 valueKey) internal view returns (bool) {
        for (uint256 i = 0; i < values.length; ++i)
            if (keccak256(bytes(values[i])) == valueKey) return true;
        return false;
    }

    function _holderSubject(
        address holder,
        string calldata subjectRef
    ) internal pure returns (bytes32) {
        return keccak256(abi.encode(holder, subjectRef.key()));
    }

    /// @dev A salted reference as the chaincode writes it: 64 lowercase hex digits.
    function _isHexReference(string calldata value) internal pure returns (bool) {
        bytes calldata raw = bytes(value);
        if (raw.length != 64) return false;
        for (uint256 i = 0; i < 64; ++i) {
            bytes1 c = raw[i];
            if (!((c >= "0" && c <= "9") || (c >= "a" && c <= "f"))) return false;
        }
        return true;
    }
}
