// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Identifiers} from "./Identifiers.sol";
import {Role} from "./Role.sol";

/// @title OrgRegistry
/// @notice Who belongs to the consortium and what each member may do: organizations (by
/// account) and their roles, certificate types and the issuers allowed for each, the data
/// catalog and the negative list. Only GOVERNANCE changes it; the other registries ask it.
contract OrgRegistry {
    using Identifiers for string;

    /// @notice A member. `id` is the name the rest of the hub knows it by (its Fabric MSP id
    /// on Fabric); `creditCode` is set for an ENTERPRISE only, and public by law.
    struct Organization {
        address account;
        string id;
        string name;
        uint256 roles;
        string creditCode;
        uint64 registeredAt;
        uint64 updatedAt;
    }

    struct CertificateType {
        string id;
        string name;
        /// @dev SHA-256 of the canonical JSON schema the claims follow.
        bytes32 schemaHash;
        address[] issuers;
        /// @dev Longest validity its certificates may have, in days; zero is no limit.
        uint32 maxValidityDays;
        uint64 definedAt;
        uint64 updatedAt;
    }

    struct DataCategory {
        string id;
        string name;
        uint64 addedAt;
    }

    /// @notice A category that may never be authorized or accessed while `listed`.
    struct NegativeListEntry {
        string category;
        string reason;
        bool listed;
        uint64 updatedAt;
    }

    uint256 private constant _ALL_ROLES = (1 << (uint256(type(Role).max) + 1)) - 1;
    uint256 private constant _ENTERPRISE = 1 << uint256(Role.ENTERPRISE);
    uint256 private constant _GOVERNANCE = 1 << uint256(Role.GOVERNANCE);
    uint256 private constant _MAX_ISSUERS = 100;

    address private immutable _deployer;
    mapping(address account => Organization) private _organizations;
    address[] private _accounts;
    mapping(bytes32 idKey => address) private _accountById;
    mapping(bytes32 creditCodeKey => address) private _enterprises;
    /// @notice Longest validity a certificate type may set: a century, as the chaincode.
    uint32 public constant MAX_VALIDITY_DAYS = 36_500;

    uint256 private _governanceCount;

    mapping(bytes32 typeKey => CertificateType) private _certificateTypes;
    bytes32[] private _certificateTypeKeys;
    mapping(bytes32 categoryKey => DataCategory) private _categories;
    bytes32[] private _categoryKeys;
    mapping(bytes32 categoryKey => NegativeListEntry) private _negativeList;
    /// @dev Times the category went on or off the negative list, alternating, first on.
    mapping(bytes32 categoryKey => uint64[]) private _negativeListChanges;
    bytes32[] private _negativeListKeys;

    /// @notice `account` became the first GOVERNANCE organization, as `id`.
    event RegistryInitialized(address indexed account, string id);
    /// @notice `account` joined as `id` with the roles in the mask `roles`.
    event OrganizationRegistered(address indexed account, string id, uint256 roles);
    /// @notice `account`'s roles are now `roles`.
    event RolesChanged(address indexed account, uint256 roles);
    /// @notice Certificate type `typeId` was defined with these issuers.
    event CertificateTypeDefined(string typeId, address[] issuers);
    /// @notice The issuers of certificate type `typeId` are now `issuers`.
    event CertificateTypeIssuersChanged(string typeId, address[] issuers);

    /// @notice The longest validity of certificate type `typeId` became `maxValidityDays` (zero: none).
    event CertificateTypeMaxValidityChanged(string typeId, uint32 maxValidityDays);
    /// @notice Data category `categoryId` was added to the catalog.
    event DataCategoryAdded(string categoryId);
    /// @notice `category` went on (`listed`) or off the negative list.
    event NegativeListChanged(string category, bool listed);

    /// @notice Only the account that deployed the registry may initialize it.
    error NotDeployer(address caller);
    /// @notice The registry has its first GOVERNANCE organization already.
    error AlreadyInitialized();
    /// @notice `account` does not hold `role`.
    error MissingRole(address account, Role role);
    /// @notice `account` cannot be an organization (the zero address).
    error InvalidAccount(address account);
    /// @notice `roles` is empty or names a role that does not exist.
    error InvalidRoles(uint256 roles);
    /// @notice An ENTERPRISE needs a credit code and only an ENTERPRISE has one.
    error CreditCodeMismatch(uint256 roles, string creditCode);
    /// @notice `creditCode` is not an 18-character unified social credit code.
    error InvalidCreditCode(string creditCode);
    /// @notice `creditCode` is bound to `account` for good.
    error CreditCodeBound(string creditCode, address account);
    /// @notice `account` is already registered.
    error OrganizationExists(address account);
    /// @notice `id` already names `account`.
    error OrganizationIdTaken(string id, address account);
    /// @notice `account` is not a registered organization.
    error UnknownOrganization(address account);
    /// @notice The last GOVERNANCE organization cannot give the role up.
    error LastGovernance(address account);
    /// @notice Certificate type `typeId` exists already.
    error CertificateTypeExists(string typeId);
    /// @notice Certificate type `typeId` does not exist.
    error UnknownCertificateType(string typeId);
    /// @notice A type needs 1-100 distinct registered issuers; `issuer` is the offending one.
    error InvalidIssuers(uint256 count, address issuer);

    /// @notice `maxValidityDays` is more than a century.
    error InvalidMaxValidity(uint32 maxValidityDays);
    /// @notice A zero hash where a SHA-256 digest is required.
    error ZeroHash();
    /// @notice Data category `categoryId` exists already.
    error DataCategoryExists(string categoryId);
    /// @notice Data category `categoryId` is not in the catalog.
    error UnknownDataCategory(string categoryId);
    /// @notice `category` has never been on the negative list.
    error NeverNegativeListed(string category);
    /// @notice `category` is on the negative list already (`listed`) or is not on it.
    error NegativeListUnchanged(string category, bool listed);

    modifier onlyGovernance() {
        _requireRole(msg.sender, Role.GOVERNANCE);
        _;
    }

    constructor() {
        _deployer = msg.sender;
    }

    /// @notice Makes the deployer the first GOVERNANCE organization, as `id`; once only.
    function initialize(string calldata id, string calldata name) external {
        if (_accounts.length > 0) revert AlreadyInitialized();
        if (msg.sender != _deployer) revert NotDeployer(msg.sender);
        _addOrganization(msg.sender, id, name, _GOVERNANCE, "");
        emit RegistryInitialized(msg.sender, id);
    }

    /// @notice Registers `account` as organization `id` holding the roles in the mask `roles`
    /// (bit `1 << uint8(role)`); an ENTERPRISE comes with its unified social credit code,
    /// which stays bound to it for good. GOVERNANCE only.
    function registerOrganization(
        address account,
        string calldata id,
        string calldata name,
        uint256 roles,
        string calldata creditCode
    ) external onlyGovernance {
        _addOrganization(account, id, name, roles, creditCode);
        emit OrganizationRegistered(account, id, roles);
    }

    /// @notice Replaces `account`'s roles; GOVERNANCE only. A code once bound stays bound,
    /// so no other organization can take over an enterprise's records.
    function setRoles(
        address account,
        uint256 roles,
        string calldata creditCode
    ) external onlyGovernance {
        Organization storage org = _organizations[account];
        if (org.registeredAt == 0) revert UnknownOrganization(account);
        _checkRoles(roles, creditCode);
        if (bytes(creditCode).length > 0) {
            if (
                bytes(org.creditCode).length > 0 &&
                keccak256(bytes(org.creditCode)) != creditCode.key()
            ) revert CreditCodeBound(org.creditCode, account);
            _bindCreditCode(account, creditCode);
        }
        bool wasGovernance = org.roles & _GOVERNANCE != 0;
        bool isGovernance = roles & _GOVERNANCE != 0;
        if (wasGovernance && !isGovernance) {
            if (_governanceCount == 1) revert LastGovernance(account);
            --_governanceCount;
        } else if (!wasGovernance && isGovernance) {
            ++_governanceCount;
        }
        org.roles = roles;
        org.creditCode = creditCode;
        org.updatedAt = uint64(block.timestamp);
        emit RolesChanged(account, roles);
    }

    /// @notice Defines certificate type `id`, issued by the organizations in `issuers` that
    /// also hold ISSUER; `schemaHash` is SHA-256 of its canonical JSON schema. GOVERNANCE only.
    function defineCertificateType(
        string calldata id,
        string calldata name,
        bytes32 schemaHash,
        address[] calldata issuers
    ) external onlyGovernance {
        id.checkToken();
        name = name.checkText(200);
        if (schemaHash == bytes32(0)) revert ZeroHash();
        CertificateType storage certificateType = _certificateTypes[id.key()];
        if (certificateType.definedAt != 0) revert CertificateTypeExists(id);
        _checkIssuers(issuers);
        certificateType.id = id;
        certificateType.name = name;
        certificateType.schemaHash = schemaHash;
        certificateType.issuers = issuers;
        certificateType.definedAt = uint64(block.timestamp);
        certificateType.updatedAt = uint64(block.timestamp);
        _certificateTypeKeys.push(id.key());
        emit CertificateTypeDefined(id, issuers);
    }

    /// @notice Replaces the issuers of certificate type `id`. GOVERNANCE only.
    function setCertificateTypeIssuers(
        string calldata id,
        address[] calldata issuers
    ) external onlyGovernance {
        CertificateType storage certificateType = _certificateTypes[id.key()];
        if (certificateType.definedAt == 0) revert UnknownCertificateType(id);
        _checkIssuers(issuers);
        certificateType.issuers = issuers;
        certificateType.updatedAt = uint64(block.timestamp);
        emit CertificateTypeIssuersChanged(id, issuers);
    }

    /// @notice Sets the longest validity, `maxValidityDays` (zero lifts it), that certificates of
    /// type `id` may have from now on. GOVERNANCE only.
    function setCertificateTypeMaxValidity(
        string calldata id,
        uint32 maxValidityDays
    ) external onlyGovernance {
        CertificateType storage certificateType = _certificateTypes[id.key()];
        if (certificateType.definedAt == 0) revert UnknownCertificateType(id);
        if (maxValidityDays > MAX_VALIDITY_DAYS) revert InvalidMaxValidity(maxValidityDays);
        certificateType.maxValidityDays = maxValidityDays;
        certificateType.updatedAt = uint64(block.timestamp);
        emit CertificateTypeMaxValidityChanged(id, maxValidityDays);
    }

    /// @notice Adds data category `id` to the catalog authorizations name. GOVERNANCE only.
    function addDataCategory(string calldata id, string calldata name) external onlyGovernance {
        id.checkToken();
        name = name.checkText(200);
        DataCategory storage category = _categories[id.key()];
        if (category.addedAt != 0) revert DataCategoryExists(id);
        category.id = id;
        category.name = name;
        category.addedAt = uint64(block.timestamp);
        _categoryKeys.push(id.key());
        emit DataCategoryAdded(id);
    }

    /// @notice Puts `category` on the negative list: it can no longer be authorized or used.
    function addToNegativeList(
        string calldata category,
        string calldata reason
    ) external onlyGovernance {
        _changeNegativeList(category, reason, true);
    }

    /// @notice Lifts `category` from the negative list; the entry stays, with its history.
    function removeFromNegativeList(
        string calldata category,
        string calldata reason
    ) external onlyGovernance {
        _changeNegativeList(category, reason, false);
    }

    /// @notice Whether `account` is registered and holds `role`.
    function hasRole(address account, Role role) public view returns (bool) {
        return _organizations[account].roles & (1 << uint256(role)) != 0;
    }

    /// @notice Whether `account` may issue certificates of `typeId`: it is one of the type's
    /// issuers and holds ISSUER.
    function mayIssue(string calldata typeId, address account) external view returns (bool) {
        if (!hasRole(account, Role.ISSUER)) return false;
        address[] storage issuers = _certificateTypes[typeId.key()].issuers;
        for (uint256 i = 0; i < issuers.length; ++i) if (issuers[i] == account) return true;
        return false;
    }

    /// @notice The longest validity, in days, of certificates of `typeId`; zero is no limit.
    function maxValidityDaysOf(string calldata typeId) external view returns (uint32) {
        return _certificateTypes[typeId.key()].maxValidityDays;
    }

    /// @notice Whether `account` holds ENTERPRISE and acts for `creditCode` now: the code it
    /// was registered or last given roles with (as the chaincode compares `creditCode`).
    /// @dev An organization that gave ENTERPRISE up and took it back with another code keeps
    /// the old code bound (nobody else may take it) but no longer acts for it.
    function isEnterprise(
        address account,
        string calldata creditCode
    ) external view returns (bool) {
        return
            hasRole(account, Role.ENTERPRISE) &&
            keccak256(bytes(_organizations[account].creditCode)) == creditCode.key() &&
            _enterprises[creditCode.key()] == account;
    }

    /// @notice The organization registered at `account`; reverts if there is none.
    function getOrganization(address account) external view returns (Organization memory) {
        Organization storage org = _organizations[account];
        if (org.registeredAt == 0) revert UnknownOrganization(account);
        return org;
    }

    /// @notice The account of organization `id`, or the zero address.
    function accountOf(string calldata id) external view returns (address) {
        return _accountById[id.key()];
    }

    /// @notice The account bound to `creditCode`, or the zero address.
    function enterpriseAccount(string calldata creditCode) external view returns (address) {
        return _enterprises[creditCode.key()];
    }

    /// @notice Every organization, in the order they joined.
    function listOrganizations() external view returns (Organization[] memory organizations) {
        organizations = new Organization[](_accounts.length);
        for (uint256 i = 0; i < _accounts.length; ++i)
            organizations[i] = _organizations[_accounts[i]];
    }

    /// @notice Certificate type `id`; reverts if it does not exist.
    function getCertificateType(string calldata id) external view returns (CertificateType memory) {
        CertificateType storage certificateType = _certificateTypes[id.key()];
        if (certificateType.definedAt == 0) revert UnknownCertificateType(id);
        return certificateType;
    }

    /// @notice Every certificate type, in the order they were defined.
    function listCertificateTypes() external view returns (CertificateType[] memory types) {
        types = new CertificateType[](_certificateTypeKeys.length);
        for (uint256 i = 0; i < types.length; ++i)
            types[i] = _certificateTypes[_certificateTypeKeys[i]];
    }

    /// @notice Whether data category `id` is in the catalog.
    function isDataCategory(string calldata id) external view returns (bool) {
        return _categories[id.key()].addedAt != 0;
    }

    /// @notice Data category `id`; reverts if it is not in the catalog.
    function getDataCategory(string calldata id) external view returns (DataCategory memory) {
        DataCategory storage category = _categories[id.key()];
        if (category.addedAt == 0) revert UnknownDataCategory(id);
        return category;
    }

    /// @notice The data catalog, in the order categories were added.
    function listDataCategories() external view returns (DataCategory[] memory categories) {
        categories = new DataCategory[](_categoryKeys.length);
        for (uint256 i = 0; i < categories.length; ++i)
            categories[i] = _categories[_categoryKeys[i]];
    }

    /// @notice Whether `category` is on the negative list now.
    function isNegativeListed(string calldata category) external view returns (bool) {
        return _negativeList[category.key()].listed;
    }

    /// @notice Whether `category` was on the negative list at `time` (after that second's
    /// changes): what an auditor checks an access against.
    function wasNegativeListedAt(
        string calldata category,
        uint64 time
    ) external view returns (bool) {
        uint64[] storage changes = _negativeListChanges[category.key()];
        uint256 count = 0;
        while (count < changes.length && changes[count] <= time) ++count;
        return count % 2 == 1;
    }

    /// @notice The negative-list entry of `category`, listed or lifted; reverts if it never was.
    function getNegativeListEntry(
        string calldata category
    ) external view returns (NegativeListEntry memory) {
        NegativeListEntry storage entry = _negativeList[category.key()];
        if (entry.updatedAt == 0) revert NeverNegativeListed(category);
        return entry;
    }

    /// @notice The categories on the negative list now.
    function getNegativeList() external view returns (NegativeListEntry[] memory entries) {
        uint256 listed = 0;
        for (uint256 i = 0; i < _negativeListKeys.length; ++i)
            if (_negativeList[_negativeListKeys[i]].listed) ++listed;
        entries = new NegativeListEntry[](listed);
        uint256 next = 0;
        for (uint256 i = 0; i < _negativeListKeys.length; ++i) {
            NegativeListEntry storage entry = _negativeList[_negativeListKeys[i]];
            if (entry.listed) {
                entries[next] = entry;
                ++next;
            }
        }
    }

    function _addOrganization(
        address account,
        string calldata id,
        string calldata name,
        uint256 roles,
        string memory creditCode
    ) internal {
        if (account == address(0)) revert InvalidAccount(account);
        id.checkId();
        name = name.checkText(200);
        _checkRoles(roles, creditCode);
        Organization storage org = _organizations[account];
        if (org.registeredAt != 0) revert OrganizationExists(account);
        address named = _accountById[id.key()];
        if (named != address(0)) revert OrganizationIdTaken(id, named);
        if (bytes(creditCode).length > 0) _bindCreditCode(account, creditCode);
        org.account = account;
        org.id = id;
        org.name = name;
        org.roles = roles;
        org.creditCode = creditCode;
        org.registeredAt = uint64(block.timestamp);
        org.updatedAt = uint64(block.timestamp);
        _accounts.push(account);
        _accountById[id.key()] = account;
        if (roles & _GOVERNANCE != 0) ++_governanceCount;
    }

    function _bindCreditCode(address account, string memory creditCode) internal {
        bytes32 codeKey = keccak256(bytes(creditCode));
        address bound = _enterprises[codeKey];
        if (bound != address(0) && bound != account) revert CreditCodeBound(creditCode, bound);
        _enterprises[codeKey] = account;
    }

    function _changeNegativeList(
        string calldata category,
        string calldata reason,
        bool listed
    ) internal {
        category.checkToken();
        reason = reason.checkText(500);
        NegativeListEntry storage entry = _negativeList[category.key()];
        if (entry.listed == listed) revert NegativeListUnchanged(category, listed);
        if (entry.updatedAt == 0) {
            entry.category = category;
            _negativeListKeys.push(category.key());
        }
        entry.reason = reason;
        entry.listed = listed;
        entry.updatedAt = uint64(block.timestamp);
        _negativeListChanges[category.key()].push(uint64(block.timestamp));
        emit NegativeListChanged(category, listed);
    }

    function _requireRole(address account, Role role) internal view {
        if (!hasRole(account, role)) revert MissingRole(account, role);
    }

    function _checkRoles(uint256 roles, string memory creditCode) internal pure {
        if (roles == 0 || roles & ~_ALL_ROLES != 0) revert InvalidRoles(roles);
        bool hasCode = bytes(creditCode).length > 0;
        if ((roles & _ENTERPRISE != 0) != hasCode) revert CreditCodeMismatch(roles, creditCode);
        if (hasCode && !Identifiers.isCreditCode(creditCode)) revert InvalidCreditCode(creditCode);
    }

    function _checkIssuers(address[] calldata issuers) internal view {
        if (issuers.length == 0 || issuers.length > _MAX_ISSUERS)
            revert InvalidIssuers(issuers.length, address(0));
        for (uint256 i = 0; i < issuers.length; ++i) {
            if (_organizations[issuers[i]].registeredAt == 0)
                revert UnknownOrganization(issuers[i]);
            for (uint256 j = 0; j < i; ++j)
                if (issuers[j] == issuers[i]) revert InvalidIssuers(issuers.length, issuers[i]);
        }
    }
}
