// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AccessRequest, IAccessRecorder, Operation} from "./IAccessRecorder.sol";
import {Identifiers} from "./Identifiers.sol";
import {OrgRegistry} from "./OrgRegistry.sol";
import {Role} from "./Role.sol";

/// @title CreditRegistry
/// @notice Credit supervision on the EVM, with the rules of the chaincode's credit contract:
/// CREDIT_AUTHORITY organizations keep records on enterprises (by unified social credit code,
/// public by law); the subject ENTERPRISE objects to a record or asks for its repair, one
/// workflow at a time, and the record's authority decides; nothing is ever deleted. Credit
/// reports are built off-chain from this contract's state (the chaincode's report builder),
/// hashed (SHA-256 over RFC 8785 canonical JSON) and anchored here, by the enterprise itself
/// or by a REQUESTER whose access is recorded on the enterprise's authorization in the same
/// transaction.
/// @dev Read restrictions (members only; objections and repair requests for the subject
/// enterprise, the record's authority and auditors) are a courtesy of the view functions, as
/// the chaincode's answers are: EVM storage is public and anyone can read it. Nothing here is
/// secret: credit records are public by law, and the rest are ids, dates, short notes and
/// hashes of documents kept off-chain. Free texts (titles, reasons, notes) are stored trimmed,
/// as the chaincode stores them, and never appear in events.
contract CreditRegistry {
    using Identifiers for string;

    /// @notice Kinds of credit record. LICENSE and RED_LIST are positive, the others adverse.
    enum Category {
        LICENSE,
        PENALTY,
        RED_LIST,
        BLACK_LIST,
        ABNORMAL_OPERATION
    }

    /// @notice How grave a record is.
    enum Severity {
        LOW,
        MEDIUM,
        HIGH,
        SEVERE
    }

    /// @notice A record's status. ACTIVE, REPAIRED and WITHDRAWN are recorded; EXPIRED is
    /// derived from the publicity end when read; NOT_RECORDED is a time before the record.
    enum Status {
        NOT_RECORDED,
        ACTIVE,
        REPAIRED,
        WITHDRAWN,
        EXPIRED
    }

    /// @notice The workflow a record has pending, if any: one at a time.
    enum Workflow {
        NONE,
        OBJECTION,
        REPAIR
    }

    /// @notice An objection is PENDING until the authority upholds the record or corrects it.
    enum ObjectionStatus {
        PENDING,
        UPHELD,
        CORRECTED
    }

    /// @notice A repair request is PENDING until the authority approves or rejects it.
    enum RepairStatus {
        PENDING,
        APPROVED,
        REJECTED
    }

    /// @notice A credit record as read, at a given time. `publicUntil` 0 means no publicity
    /// end; `statusNote` is empty while ACTIVE; `pendingWorkflowId` names the objection or
    /// repair request of `pendingWorkflow`.
    struct CreditRecord {
        string id;
        string subject;
        Category category;
        Severity severity;
        string title;
        address authority;
        bytes32 decisionHash;
        uint64 effectiveAt;
        uint64 publicUntil;
        Status status;
        string statusNote;
        Workflow pendingWorkflow;
        string pendingWorkflowId;
        uint64 createdAt;
        uint64 updatedAt;
    }

    /// @notice The subject enterprise disputes a record; the record's authority resolves it.
    struct Objection {
        string id;
        string recordId;
        string subject;
        string reason;
        bytes32 evidenceHash;
        ObjectionStatus status;
        string resolutionNote;
        address filedBy;
        uint64 filedAt;
        uint64 resolvedAt;
    }

    /// @notice The subject enterprise asks, with evidence, for an adverse record's repair.
    struct RepairRequest {
        string id;
        string recordId;
        string subject;
        bytes32 evidenceHash;
        string note;
        RepairStatus status;
        string decisionNote;
        address requestedBy;
        uint64 requestedAt;
        uint64 decidedAt;
    }

    /// @notice A credit report anchored under its hash: whose it is, who had it anchored, when
    /// and in which block (the block holds the transaction and its CreditReportAnchored event).
    struct ReportAnchor {
        bytes32 reportHash;
        string subject;
        address requestedBy;
        uint64 anchoredAt;
        uint64 blockNumber;
    }

    /// @notice The facts of a record that never change, and the note of its final status.
    struct RecordFacts {
        string id;
        string subject;
        string title;
        string statusNote;
        bytes32 decisionHash;
        address authority;
        Category category;
        Severity severity;
        uint64 effectiveAt;
        uint64 publicUntil;
    }

    /// @notice One change of a record: from `at` on, its recorded status and pending workflow
    /// (`workflowKey` is the objection's or repair request's storage key, or zero).
    struct Change {
        uint64 at;
        Status status;
        Workflow pending;
        bytes32 workflowKey;
    }

    /// @dev 2200-01-01T00:00:00Z: dates from this one on are refused, as in the chaincode.
    uint64 private constant _LATEST = 7258118400;
    string private constant _CREDIT_REPORT = "credit-report";

    OrgRegistry private immutable _registry;
    IAccessRecorder private immutable _accessRecorder;

    mapping(bytes32 recordKey => RecordFacts) private _records;
    mapping(bytes32 recordKey => Change[]) private _changes;
    mapping(bytes32 subjectKey => bytes32[] recordKeys) private _recordsBySubject;
    mapping(bytes32 objectionKey => Objection) private _objections;
    mapping(bytes32 repairKey => RepairRequest) private _repairs;
    mapping(bytes32 reportHash => ReportAnchor) private _anchors;

    /// @notice `authority` recorded credit record `recordId` of `category` on `subject`.
    event CreditRecordCreated(
        string recordId,
        string subject,
        Category category,
        address indexed authority
    );
    /// @notice The authority withdrew credit record `recordId` on `subject`.
    event CreditRecordWithdrawn(string recordId, string subject);
    /// @notice The subject enterprise filed objection `objectionId` to record `recordId`.
    event ObjectionFiled(string objectionId, string recordId);
    /// @notice Objection `objectionId` to `recordId` was resolved as `outcome`.
    event ObjectionResolved(string objectionId, string recordId, ObjectionStatus outcome);
    /// @notice The subject enterprise asked for the repair of `recordId` in `repairId`.
    event RepairRequested(string repairId, string recordId);
    /// @notice The authority approved repair request `repairId`: `recordId` is REPAIRED.
    event RepairApproved(string repairId, string recordId);
    /// @notice The authority rejected repair request `repairId` for `recordId`.
    event RepairRejected(string repairId, string recordId);
    /// @notice The credit report of `subject` with hash `reportHash` was anchored for
    /// `requester`; on the requester path with the access `accessEventHash` recorded on
    /// authorization `authorizationId` (empty and zero when the enterprise anchored it).
    event CreditReportAnchored(
        bytes32 indexed reportHash,
        string subject,
        address indexed requester,
        string authorizationId,
        bytes32 accessEventHash
    );

    /// @notice `account` does not hold `role`.
    error MissingRole(address account, Role role);
    /// @notice `account` is not a registered organization, and the views answer members only.
    error NotRegistered(address account);
    /// @notice A zero hash where a SHA-256 digest is required.
    error ZeroHash();
    /// @notice `creditCode` is not an 18-character unified social credit code.
    error InvalidCreditCode(string creditCode);
    /// @notice `date` is not before 2200-01-01, the latest date the hub takes.
    error DateOutOfRange(uint64 date);
    /// @notice A record cannot take effect after the transaction that records it.
    error EffectiveDateInFuture(uint64 effectiveAt, uint64 now);
    /// @notice A publicity end must come after the effective date.
    error InvalidPublicityWindow(uint64 effectiveAt, uint64 publicUntil);
    /// @notice Credit record `recordId` exists already.
    error CreditRecordExists(string recordId);
    /// @notice Credit record `recordId` does not exist.
    error UnknownCreditRecord(string recordId);
    /// @notice Only `authority`, the record's authority, may change `recordId`.
    error NotRecordAuthority(string recordId, address account, address authority);
    /// @notice `account` is not the ENTERPRISE bound to credit code `subject`.
    error NotSubjectEnterprise(string subject, address account);
    /// @notice Credit record `recordId` is `status`, not ACTIVE.
    error RecordNotActive(string recordId, Status status);
    /// @notice Credit record `recordId` has `workflowId` of kind `workflow` pending.
    error WorkflowPending(string recordId, Workflow workflow, string workflowId);
    /// @notice A record of `category` (LICENSE, RED_LIST) cannot be repaired.
    error NotRepairable(string recordId, Category category);
    /// @notice Objection `objectionId` exists already.
    error ObjectionExists(string objectionId);
    /// @notice Objection `objectionId` does not exist.
    error UnknownObjection(string objectionId);
    /// @notice Objection `objectionId` is `status`, not PENDING.
    error ObjectionNotPending(string objectionId, ObjectionStatus status);
    /// @notice An objection is resolved as UPHELD or CORRECTED, never as `outcome`.
    error InvalidOutcome(ObjectionStatus outcome);
    /// @notice Repair request `repairId` exists already.
    error RepairRequestExists(string repairId);
    /// @notice Repair request `repairId` does not exist.
    error UnknownRepairRequest(string repairId);
    /// @notice Repair request `repairId` is `status`, not PENDING.
    error RepairNotPending(string repairId, RepairStatus status);
    /// @notice `account` is neither the subject enterprise, the record's authority nor an
    /// AUDITOR, so the view does not show it workflow `workflowId`.
    error ReadNotAllowed(string workflowId, address account);
    /// @notice A report with hash `reportHash` is anchored already.
    error ReportAlreadyAnchored(bytes32 reportHash);
    /// @notice No report with hash `reportHash` is anchored.
    error UnknownReport(bytes32 reportHash);

    /// @notice Deploys this registry for the consortium that `registry_` keeps, recording
    /// requesters' access through `accessRecorder_`; neither can be changed later.
    /// @param registry_ the consortium's organizations and roles
    /// @param accessRecorder_ the authorization registry that records a requester's access
    /// to a credit report on the enterprise's authorization (it must trust this contract)
    constructor(OrgRegistry registry_, IAccessRecorder accessRecorder_) {
        _registry = registry_;
        _accessRecorder = accessRecorder_;
    }

    /// @notice The organization registry this contract asks for roles.
    function registry() external view returns (OrgRegistry) {
        return _registry;
    }

    /// @notice The recorder of requesters' accesses to credit reports.
    function accessRecorder() external view returns (IAccessRecorder) {
        return _accessRecorder;
    }

    // ------------------------------------------------------------------ records

    /// @notice Records credit record `id` on enterprise `subject`; the caller, a
    /// CREDIT_AUTHORITY, is its authority. `effectiveAt` may not be in the future;
    /// `publicUntil` (0 for none) ends its publicity and must come after `effectiveAt`.
    /// @param decisionHash SHA-256 of the decision document, kept off-chain
    function createRecord(
        string calldata id,
        string calldata subject,
        Category category,
        Severity severity,
        string calldata title,
        bytes32 decisionHash,
        uint64 effectiveAt,
        uint64 publicUntil
    ) external {
        _requireRole(msg.sender, Role.CREDIT_AUTHORITY);
        id.checkId();
        _checkCreditCode(subject);
        title = title.checkText(200);
        if (decisionHash == bytes32(0)) revert ZeroHash();
        if (effectiveAt >= _LATEST) revert DateOutOfRange(effectiveAt);
        if (publicUntil >= _LATEST) revert DateOutOfRange(publicUntil);
        if (effectiveAt > block.timestamp)
            revert EffectiveDateInFuture(effectiveAt, uint64(block.timestamp));
        if (publicUntil != 0 && publicUntil <= effectiveAt)
            revert InvalidPublicityWindow(effectiveAt, publicUntil);
        bytes32 key = id.key();
        if (_changes[key].length != 0) revert CreditRecordExists(id);
        RecordFacts storage record = _records[key];
        record.id = id;
        record.subject = subject;
        record.title = title;
        record.decisionHash = decisionHash;
        record.authority = msg.sender;
        record.category = category;
        record.severity = severity;
        record.effectiveAt = effectiveAt;
        record.publicUntil = publicUntil;
        _recordsBySubject[subject.key()].push(key);
        _change(key, Status.ACTIVE, Workflow.NONE, bytes32(0));
        emit CreditRecordCreated(id, subject, category, msg.sender);
    }

    /// @notice The record's authority takes back its ACTIVE record with no workflow pending;
    /// the record stays, as WITHDRAWN, with `reason` as its status note.
    function withdrawRecord(string calldata id, string calldata reason) external {
        id.checkId();
        reason = reason.checkText(500);
        bytes32 key = _requireRecord(id);
        RecordFacts storage record = _records[key];
        _requireRecordAuthority(record);
        _requireOpenForWorkflow(key);
        record.statusNote = reason;
        _change(key, Status.WITHDRAWN, Workflow.NONE, bytes32(0));
        emit CreditRecordWithdrawn(id, record.subject);
    }

    // --------------------------------------------------------------- objections

    /// @notice The subject enterprise disputes ACTIVE record `recordId` (with no workflow
    /// pending) in objection `id`, with `evidenceHash` of its evidence kept off-chain.
    function fileObjection(
        string calldata id,
        string calldata recordId,
        string calldata reason,
        bytes32 evidenceHash
    ) external {
        id.checkId();
        recordId.checkId();
        reason = reason.checkText(1000);
        if (evidenceHash == bytes32(0)) revert ZeroHash();
        bytes32 recordKey = _requireRecord(recordId);
        RecordFacts storage record = _records[recordKey];
        _requireSubjectEnterprise(record.subject);
        _requireOpenForWorkflow(recordKey);
        bytes32 key = id.key();
        Objection storage objection = _objections[key];
        if (objection.filedAt != 0) revert ObjectionExists(id);
        objection.id = id;
        objection.recordId = recordId;
        objection.subject = record.subject;
        objection.reason = reason;
        objection.evidenceHash = evidenceHash;
        objection.status = ObjectionStatus.PENDING;
        objection.filedBy = msg.sender;
        objection.filedAt = uint64(block.timestamp);
        _change(recordKey, Status.ACTIVE, Workflow.OBJECTION, key);
        emit ObjectionFiled(id, recordId);
    }

    /// @notice The record's authority resolves PENDING objection `id`: UPHELD leaves the
    /// record as it was, CORRECTED withdraws it. Either way the record's workflow closes.
    function resolveObjection(
        string calldata id,
        ObjectionStatus outcome,
        string calldata note
    ) external {
        id.checkId();
        if (outcome == ObjectionStatus.PENDING) revert InvalidOutcome(outcome);
        note = note.checkText(1000);
        Objection storage objection = _objections[id.key()];
        if (objection.filedAt == 0) revert UnknownObjection(id);
        bytes32 recordKey = keccak256(bytes(objection.recordId));
        RecordFacts storage record = _records[recordKey];
        _requireRecordAuthority(record);
        if (objection.status != ObjectionStatus.PENDING)
            revert ObjectionNotPending(id, objection.status);
        objection.status = outcome;
        objection.resolutionNote = note;
        objection.resolvedAt = uint64(block.timestamp);
        if (outcome == ObjectionStatus.CORRECTED) {
            record.statusNote = string.concat("corrected on objection ", id);
            _change(recordKey, Status.WITHDRAWN, Workflow.NONE, bytes32(0));
        } else {
            _change(recordKey, _lastChange(recordKey).status, Workflow.NONE, bytes32(0));
        }
        emit ObjectionResolved(id, objection.recordId, outcome);
    }

    // ------------------------------------------------------------- credit repair

    /// @notice The subject enterprise asks in repair request `id` for the repair of ACTIVE
    /// adverse record `recordId` (not LICENSE or RED_LIST; no workflow pending), with
    /// `evidenceHash` of its evidence kept off-chain.
    function requestRepair(
        string calldata id,
        string calldata recordId,
        bytes32 evidenceHash,
        string calldata note
    ) external {
        id.checkId();
        recordId.checkId();
        if (evidenceHash == bytes32(0)) revert ZeroHash();
        note = note.checkText(1000);
        bytes32 recordKey = _requireRecord(recordId);
        RecordFacts storage record = _records[recordKey];
        _requireSubjectEnterprise(record.subject);
        if (record.category == Category.LICENSE || record.category == Category.RED_LIST)
            revert NotRepairable(recordId, record.category);
        _requireOpenForWorkflow(recordKey);
        bytes32 key = id.key();
        RepairRequest storage repair = _repairs[key];
        if (repair.requestedAt != 0) revert RepairRequestExists(id);
        repair.id = id;
        repair.recordId = recordId;
        repair.subject = record.subject;
        repair.evidenceHash = evidenceHash;
        repair.note = note;
        repair.status = RepairStatus.PENDING;
        repair.requestedBy = msg.sender;
        repair.requestedAt = uint64(block.timestamp);
        _change(recordKey, Status.ACTIVE, Workflow.REPAIR, key);
        emit RepairRequested(id, recordId);
    }

    /// @notice The record's authority approves PENDING repair request `id`: the record is
    /// REPAIRED.
    function approveRepair(string calldata id, string calldata note) external {
        _decideRepair(id, note, RepairStatus.APPROVED);
    }

    /// @notice The record's authority rejects PENDING repair request `id`: the record stays
    /// as it was.
    function rejectRepair(string calldata id, string calldata note) external {
        _decideRepair(id, note, RepairStatus.REJECTED);
    }

    // ----------------------------------------------------------- credit reports

    /// @notice The ENTERPRISE bound to `subject` anchors `reportHash`, the SHA-256 of the
    /// canonical JSON of its credit report built off-chain from this contract's state.
    function anchorReport(string calldata subject, bytes32 reportHash) external {
        _checkCreditCode(subject);
        if (reportHash == bytes32(0)) revert ZeroHash();
        if (!_registry.isEnterprise(msg.sender, subject))
            revert NotSubjectEnterprise(subject, msg.sender);
        _anchor(reportHash, subject, "", bytes32(0));
    }

    /// @notice A REQUESTER anchors `reportHash`, its credit report on `subject`, under
    /// authorization `authorizationId` from the enterprise: the READ of one `credit-report`
    /// for `purpose` (request `requestHash`) is recorded on the authorization's trail in this
    /// transaction. A denied access stays recorded and nothing is anchored: no revert.
    /// @return allowed whether the authorization allowed the access (and the report is
    /// anchored)
    /// @return accessEventHash the access event recorded, allowed or denied
    /// @dev The recorder is fixed at deployment and trusted; it re-checks the requester's role
    /// and reverts for an unknown authorization (nothing is recorded then). A hash anchored
    /// already is refused before the recorder is called, and again after it.
    function anchorReportWithAuthorization(
        string calldata subject,
        bytes32 reportHash,
        string calldata authorizationId,
        string calldata purpose,
        bytes32 requestHash
    ) external returns (bool allowed, bytes32 accessEventHash) {
        _checkCreditCode(subject);
        if (reportHash == bytes32(0)) revert ZeroHash();
        authorizationId.checkId();
        _requireRole(msg.sender, Role.REQUESTER);
        purpose.checkToken();
        if (requestHash == bytes32(0)) revert ZeroHash();
        if (_anchors[reportHash].anchoredAt != 0) revert ReportAlreadyAnchored(reportHash);
        (allowed, accessEventHash) = _accessRecorder.recordAccessFor(
            msg.sender,
            AccessRequest({
                authorizationId: authorizationId,
                subject: subject,
                category: _CREDIT_REPORT,
                purpose: purpose,
                operation: Operation.READ,
                recordCount: 1,
                requestHash: requestHash
            })
        );
        if (allowed) _anchor(reportHash, subject, authorizationId, accessEventHash);
    }

    /// @notice The anchor of report `reportHash`: anyone may read it, with or without an
    /// account, to verify a report they were shown.
    function getReportAnchor(bytes32 reportHash) external view returns (ReportAnchor memory) {
        if (reportHash == bytes32(0)) revert ZeroHash();
        ReportAnchor storage anchor = _anchors[reportHash];
        if (anchor.anchoredAt == 0) revert UnknownReport(reportHash);
        return anchor;
    }

    // -------------------------------------------------------------------- reads

    /// @notice Credit record `id` as it is now (status derived at the latest block's time).
    /// For members only: a courtesy of this view, not secrecy (storage is public).
    function getRecord(string calldata id) external view returns (CreditRecord memory) {
        _requireMember();
        id.checkId();
        bytes32 key = _requireRecord(id);
        return _view(key, _changes[key].length - 1, uint64(block.timestamp));
    }

    /// @notice Credit record `id` as it was at `at` (after that second's changes): status,
    /// status note and pending workflow from its change list, EXPIRED derived at `at`, and
    /// NOT_RECORDED (with the fields it was created with) before it was created. For members
    /// only, as a courtesy.
    function recordAt(string calldata id, uint64 at) external view returns (CreditRecord memory) {
        _requireMember();
        id.checkId();
        bytes32 key = _requireRecord(id);
        Change[] storage changes = _changes[key];
        uint256 count = 0;
        while (count < changes.length && changes[count].at <= at) ++count;
        if (count == 0) {
            CreditRecord memory created = _view(key, 0, at);
            created.status = Status.NOT_RECORDED;
            return created;
        }
        return _view(key, count - 1, at);
    }

    /// @notice Every credit record on `subject`, in the order they were created, with their
    /// status now. For members only, as a courtesy.
    function listBySubject(
        string calldata subject
    ) external view returns (CreditRecord[] memory records) {
        _requireMember();
        _checkCreditCode(subject);
        bytes32[] storage keys = _recordsBySubject[subject.key()];
        records = new CreditRecord[](keys.length);
        for (uint256 i = 0; i < keys.length; ++i)
            records[i] = _view(keys[i], _changes[keys[i]].length - 1, uint64(block.timestamp));
    }

    /// @notice Objection `id`, shown to the subject enterprise, the record's authority and
    /// auditors: a courtesy of this view, not secrecy (storage is public).
    function getObjection(string calldata id) external view returns (Objection memory) {
        _requireMember();
        id.checkId();
        Objection storage objection = _objections[id.key()];
        if (objection.filedAt == 0) revert UnknownObjection(id);
        _requireWorkflowReader(id, objection.recordId);
        return objection;
    }

    /// @notice Repair request `id`, shown to the subject enterprise, the record's authority
    /// and auditors: a courtesy of this view, not secrecy (storage is public).
    function getRepairRequest(string calldata id) external view returns (RepairRequest memory) {
        _requireMember();
        id.checkId();
        RepairRequest storage repair = _repairs[id.key()];
        if (repair.requestedAt == 0) revert UnknownRepairRequest(id);
        _requireWorkflowReader(id, repair.recordId);
        return repair;
    }

    // ----------------------------------------------------------------- internals

    function _decideRepair(
        string calldata id,
        string calldata note,
        RepairStatus outcome
    ) internal {
        id.checkId();
        note = note.checkText(1000);
        RepairRequest storage repair = _repairs[id.key()];
        if (repair.requestedAt == 0) revert UnknownRepairRequest(id);
        bytes32 recordKey = keccak256(bytes(repair.recordId));
        RecordFacts storage record = _records[recordKey];
        _requireRecordAuthority(record);
        if (repair.status != RepairStatus.PENDING) revert RepairNotPending(id, repair.status);
        repair.status = outcome;
        repair.decisionNote = note;
        repair.decidedAt = uint64(block.timestamp);
        if (outcome == RepairStatus.APPROVED) {
            record.statusNote = string.concat("repaired on request ", id);
            _change(recordKey, Status.REPAIRED, Workflow.NONE, bytes32(0));
            emit RepairApproved(id, repair.recordId);
        } else {
            _change(recordKey, _lastChange(recordKey).status, Workflow.NONE, bytes32(0));
            emit RepairRejected(id, repair.recordId);
        }
    }

    function _anchor(
        bytes32 reportHash,
        string calldata subject,
        string memory authorizationId,
        bytes32 accessEventHash
    ) internal {
        ReportAnchor storage anchor = _anchors[reportHash];
        if (anchor.anchoredAt != 0) revert ReportAlreadyAnchored(reportHash);
        anchor.reportHash = reportHash;
        anchor.subject = subject;
        anchor.requestedBy = msg.sender;
        anchor.anchoredAt = uint64(block.timestamp);
        anchor.blockNumber = uint64(block.number);
        emit CreditReportAnchored(
            reportHash,
            subject,
            msg.sender,
            authorizationId,
            accessEventHash
        );
    }

    function _change(
        bytes32 recordKey,
        Status status,
        Workflow pending,
        bytes32 workflowKey
    ) internal {
        _changes[recordKey].push(
            Change({
                at: uint64(block.timestamp),
                status: status,
                pending: pending,
                workflowKey: workflowKey
            })
        );
    }

    function _lastChange(bytes32 recordKey) internal view returns (Change storage) {
        Change[] storage changes = _changes[recordKey];
        return changes[changes.length - 1];
    }

    function _requireRecord(string calldata id) internal view returns (bytes32 key) {
        key = id.key();
        if (_changes[key].length == 0) revert UnknownCreditRecord(id);
    }

    /// @dev ACTIVE now (not expired, repaired or withdrawn) and no workflow pending.
    function _requireOpenForWorkflow(bytes32 recordKey) internal view {
        Change storage last = _lastChange(recordKey);
        RecordFacts storage record = _records[recordKey];
        Status status = _statusAt(record, last.status, uint64(block.timestamp));
        if (status != Status.ACTIVE) revert RecordNotActive(record.id, status);
        if (last.pending != Workflow.NONE)
            revert WorkflowPending(record.id, last.pending, _workflowId(last));
    }

    function _requireRecordAuthority(RecordFacts storage record) internal view {
        _requireRole(msg.sender, Role.CREDIT_AUTHORITY);
        if (msg.sender != record.authority)
            revert NotRecordAuthority(record.id, msg.sender, record.authority);
    }

    function _requireSubjectEnterprise(string storage subject) internal view {
        if (!_registry.isEnterprise(msg.sender, subject))
            revert NotSubjectEnterprise(subject, msg.sender);
    }

    function _requireWorkflowReader(
        string calldata workflowId,
        string storage recordId
    ) internal view {
        RecordFacts storage record = _records[keccak256(bytes(recordId))];
        bool allowed =
            msg.sender == record.authority ||
                _registry.hasRole(msg.sender, Role.AUDITOR) ||
                _registry.isEnterprise(msg.sender, record.subject);
        if (!allowed) revert ReadNotAllowed(workflowId, msg.sender);
    }

    function _requireMember() internal view {
        try _registry.getOrganization(msg.sender) returns (OrgRegistry.Organization memory) {
            return;
        } catch {
            revert NotRegistered(msg.sender);
        }
    }

    function _requireRole(address account, Role role) internal view {
        if (!_registry.hasRole(account, role)) revert MissingRole(account, role);
    }

    function _statusAt(
        RecordFacts storage record,
        Status recorded,
        uint64 at
    ) internal view returns (Status) {
        if (recorded == Status.ACTIVE && record.publicUntil != 0 && at >= record.publicUntil)
            return Status.EXPIRED;
        return recorded;
    }

    function _workflowId(Change storage change) internal view returns (string memory) {
        if (change.pending == Workflow.OBJECTION) return _objections[change.workflowKey].id;
        if (change.pending == Workflow.REPAIR) return _repairs[change.workflowKey].id;
        return "";
    }

    /// @dev The record as of its change `index`, its status derived at `at`.
    function _view(
        bytes32 recordKey,
        uint256 index,
        uint64 at
    ) internal view returns (CreditRecord memory view_) {
        RecordFacts storage record = _records[recordKey];
        Change[] storage changes = _changes[recordKey];
        Change storage change = changes[index];
        view_.id = record.id;
        view_.subject = record.subject;
        view_.category = record.category;
        view_.severity = record.severity;
        view_.title = record.title;
        view_.authority = record.authority;
        view_.decisionHash = record.decisionHash;
        view_.effectiveAt = record.effectiveAt;
        view_.publicUntil = record.publicUntil;
        view_.status = _statusAt(record, change.status, at);
        // The status note is set once, with the one change out of ACTIVE.
        view_.statusNote = change.status == Status.ACTIVE ? "" : record.statusNote;
        view_.pendingWorkflow = change.pending;
        view_.pendingWorkflowId = _workflowId(change);
        view_.createdAt = changes[0].at;
        view_.updatedAt = change.at;
    }

    function _checkCreditCode(string calldata creditCode) internal pure {
        if (!Identifiers.isCreditCode(creditCode)) revert InvalidCreditCode(creditCode);
    }
}
