import {
  CERTIFICATE_URN_PREFIX,
  LEDGER_ANCHOR_TYPE,
  LEDGER_STATUS_TYPE,
  VC_V2_CONTEXT,
  credentialTypeName,
  documentHashOf,
  newHolderRef,
  type BatchMembership,
} from './credential';
import { p256PublicKeyFromDidKey } from './did-key';
import {
  verifyEcdsaJcs2019Proof,
  type DataIntegrityProof,
  type P256Verify,
} from './ecdsa-jcs-2019';
import { isRfc3339 } from '@citytrust/domain';
import { batchLeaf, rootFromProof } from '@citytrust/domain';

/**
 * What can be checked of a credential without the ledger. The gateway adds the online checks
 * (the document hash or batch root is anchored, current status, the issuer was authorized).
 */
export interface OfflineVerification {
  /** Well-formed: the credential's shape and its parts agree with each other. */
  readonly integrity: boolean;
  /** The issuer's did:key signed exactly this document (ecdsa-jcs-2019). */
  readonly signature: boolean;
  /** The anchor proof names this document's hash; a batch member's proof reaches its root. */
  readonly anchorConsistent: boolean;
  /** holderRef opens to the holder id with the salt carried in the credential. */
  readonly holderRefConsistent: boolean;
  /** The recomputed document hash, when the input had a JSON form. */
  readonly documentHash: string | null;
  /** The certificate id read from the credential's `id`, when it had one. */
  readonly certificateId: string | null;
  readonly errors: string[];
}

type JsonObject = Readonly<Record<string, unknown>>;

const HEX64 = /^[0-9a-f]{64}$/;
const HEX32 = /^[0-9a-f]{32}$/;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function isHexList(value: unknown): value is string[] {
  return (
    Array.isArray(value) && value.every((item) => typeof item === 'string' && HEX64.test(item))
  );
}

function isValidDidKey(value: unknown): value is string {
  try {
    return typeof value === 'string' && p256PublicKeyFromDidKey(value).length > 0;
  } catch {
    return false;
  }
}

/** Shape problems of everything but the proofs; an empty list means well-formed. */
function documentProblems(credential: JsonObject, certificateId: string | null): string[] {
  const problems: string[] = [];
  if (!startsWithVcContext(credential['@context']))
    problems.push(`@context must start with ${VC_V2_CONTEXT}`);
  if (certificateId === null) problems.push(`id must be ${CERTIFICATE_URN_PREFIX}<certificateId>`);
  const certificateType = credential.certificateType;
  if (!isNonEmptyString(certificateType)) problems.push('certificateType is missing');
  if (!isCredentialTypeOf(credential.type, certificateType))
    problems.push('type must be ["VerifiableCredential", <certificate type in PascalCase>]');
  if (!isIssuer(credential.issuer)) problems.push('issuer must be {id: <P-256 did:key>, name}');
  problems.push(...validityProblems(credential.validFrom, credential.validUntil));
  if (!isCredentialSubject(credential.credentialSubject))
    problems.push('credentialSubject must be {holder: {id, name?}, holderRef, holderSalt, claims}');
  if (!isLedgerStatusOf(credential.credentialStatus, certificateId))
    problems.push(
      `credentialStatus must be {id: <hub>/v1/certificates/<id>, type: ${LEDGER_STATUS_TYPE}}`,
    );
  return problems;
}

function startsWithVcContext(context: unknown): boolean {
  return Array.isArray(context) && context[0] === VC_V2_CONTEXT;
}

/** `["VerifiableCredential", <certificate type in PascalCase>]`; any second name if no type. */
function isCredentialTypeOf(type: unknown, certificateType: unknown): boolean {
  return (
    Array.isArray(type) &&
    type.length === 2 &&
    type[0] === 'VerifiableCredential' &&
    (!isNonEmptyString(certificateType) || type[1] === credentialTypeName(certificateType))
  );
}

function isIssuer(issuer: unknown): boolean {
  return isObject(issuer) && isValidDidKey(issuer.id) && isNonEmptyString(issuer.name);
}

/** `validFrom` is required; `validUntil` is optional and, when both are dates, after it. */
function validityProblems(validFrom: unknown, validUntil: unknown): string[] {
  const problems: string[] = [];
  if (!isRfc3339(validFrom)) problems.push('validFrom must be an RFC 3339 date-time');
  if (validUntil === undefined) return problems;
  if (!isRfc3339(validUntil)) problems.push('validUntil must be an RFC 3339 date-time');
  else if (isRfc3339(validFrom) && Date.parse(validUntil) <= Date.parse(validFrom))
    problems.push('validUntil must be after validFrom');
  return problems;
}

function isCredentialSubject(subject: unknown): boolean {
  return (
    isObject(subject) &&
    isHolder(subject.holder) &&
    typeof subject.holderRef === 'string' &&
    HEX64.test(subject.holderRef) &&
    typeof subject.holderSalt === 'string' &&
    HEX32.test(subject.holderSalt) &&
    isObject(subject.claims)
  );
}

function isHolder(holder: unknown): boolean {
  return (
    isObject(holder) &&
    isNonEmptyString(holder.id) &&
    (holder.name === undefined || typeof holder.name === 'string')
  );
}

/** The ledger status entry of this certificate: it ends in the certificate's own API path. */
function isLedgerStatusOf(status: unknown, certificateId: string | null): boolean {
  return (
    isObject(status) &&
    status.type === LEDGER_STATUS_TYPE &&
    typeof status.id === 'string' &&
    certificateId !== null &&
    status.id.endsWith(`/v1/certificates/${encodeURIComponent(certificateId)}`)
  );
}

function isSignatureProof(value: unknown): value is DataIntegrityProof {
  return (
    isObject(value) &&
    value.type === 'DataIntegrityProof' &&
    value.cryptosuite === 'ecdsa-jcs-2019' &&
    value.proofPurpose === 'assertionMethod' &&
    isRfc3339(value.created) &&
    isNonEmptyString(value.verificationMethod) &&
    isNonEmptyString(value.proofValue)
  );
}

interface AnchorShape {
  readonly documentHash: string;
  readonly certificateId: string;
  readonly batch?: BatchMembership;
}

function isAnchorProof(value: unknown): value is AnchorShape {
  return (
    isObject(value) &&
    value.type === LEDGER_ANCHOR_TYPE &&
    isLedgerPosition(value) &&
    typeof value.documentHash === 'string' &&
    HEX64.test(value.documentHash) &&
    isNonEmptyString(value.certificateId) &&
    (value.batch === undefined || isBatchMembership(value.batch))
  );
}

/** Where the anchor says the ledger wrote the hash: ledger, transaction and block. */
function isLedgerPosition(anchor: JsonObject): boolean {
  return (
    isNonEmptyString(anchor.ledger) &&
    isNonEmptyString(anchor.txId) &&
    typeof anchor.blockNumber === 'number' &&
    Number.isSafeInteger(anchor.blockNumber) &&
    anchor.blockNumber >= 0
  );
}

function isBatchMembership(batch: unknown): batch is BatchMembership {
  return (
    isObject(batch) &&
    isNonEmptyString(batch.batchId) &&
    isNonEmptyString(batch.memberId) &&
    typeof batch.merkleRoot === 'string' &&
    HEX64.test(batch.merkleRoot) &&
    isHexList(batch.proof)
  );
}

function anchorProblems(
  anchor: AnchorShape,
  documentHash: string,
  certificateId: string,
): string[] {
  const problems: string[] = [];
  if (anchor.documentHash !== documentHash)
    problems.push('the anchored documentHash is not the hash of this document');
  if (anchor.certificateId !== certificateId) problems.push('the anchor names another certificate');
  const batch = anchor.batch;
  if (batch !== undefined) {
    if (batch.memberId !== certificateId || !batch.memberId.startsWith(`${batch.batchId}~`))
      problems.push('the batch member id is not this certificate in this batch');
    else if (
      rootFromProof(batchLeaf(batch.memberId, documentHash), batch.proof) !== batch.merkleRoot
    )
      problems.push('the Merkle proof does not lead from this document to the batch root');
  }
  return problems;
}

export interface OfflineVerificationOptions {
  /** ECDSA P-256 verification to use; @noble/curves unless a faster native one is given. */
  readonly verifyP256?: P256Verify;
}

/**
 * Checks a credential without the ledger. Never throws: anything malformed makes the checks it
 * touches false and says why in `errors`.
 */
export function verifyCredentialOffline(
  credential: unknown,
  options: OfflineVerificationOptions = {},
): OfflineVerification {
  if (!isObject(credential))
    return {
      integrity: false,
      signature: false,
      anchorConsistent: false,
      holderRefConsistent: false,
      documentHash: null,
      certificateId: null,
      errors: ['the credential is not a JSON object'],
    };

  const certificateId = certificateIdOf(credential);
  const documentHash = documentHashOrNull(credential);
  const proofs = sortProofs(credential.proof);
  const integrityErrors = [...documentProblems(credential, certificateId), ...proofs.problems].map(
    (problem) => `integrity: ${problem}`,
  );
  const signatureErrors = signatureProblems(credential, proofs.signature, options.verifyP256);
  const anchorErrors = anchorConsistencyProblems(proofs.anchor, documentHash, certificateId);
  const holderRefErrors = holderRefProblems(credential.credentialSubject);

  return {
    integrity: integrityErrors.length === 0 && documentHash !== null,
    signature: signatureErrors.length === 0,
    anchorConsistent: anchorErrors.length === 0,
    holderRefConsistent: holderRefErrors.length === 0,
    documentHash,
    certificateId,
    errors: [
      ...(documentHash === null ? ['integrity: the credential has no canonical JSON form'] : []),
      ...integrityErrors,
      ...signatureErrors,
      ...anchorErrors,
      ...holderRefErrors,
    ],
  };
}

/** The certificate id that the credential's `id` names after the URN prefix, or null. */
function certificateIdOf(credential: JsonObject): string | null {
  const id = credential.id;
  return typeof id === 'string' &&
    id.startsWith(CERTIFICATE_URN_PREFIX) &&
    id.length > CERTIFICATE_URN_PREFIX.length
    ? id.slice(CERTIFICATE_URN_PREFIX.length)
    : null;
}

/** The document hash, or null when the credential has no canonical JSON form. */
function documentHashOrNull(credential: JsonObject): string | null {
  try {
    return documentHashOf(credential);
  } catch {
    return null;
  }
}

interface SortedProofs {
  /** The first proof of each kind, each still to be checked for its shape. */
  readonly signature: unknown;
  readonly anchor: unknown;
  /** Why the proof set is not exactly one signature and one anchor. */
  readonly problems: string[];
}

function sortProofs(proof: unknown): SortedProofs {
  const problems: string[] = [];
  const proofs: unknown[] = Array.isArray(proof) ? proof : [];
  if (!Array.isArray(proof)) problems.push('proof must be an array');
  const signatures = proofs.filter((item) => isObject(item) && item.type === 'DataIntegrityProof');
  const anchors = proofs.filter((item) => isObject(item) && item.type === LEDGER_ANCHOR_TYPE);
  if (signatures.length !== 1 || anchors.length !== 1 || proofs.length !== 2)
    problems.push('proof must hold one DataIntegrityProof and one ledger anchor');
  return { signature: signatures[0], anchor: anchors[0], problems };
}

/** Why the issuer's key did not sign exactly this document; none when it did. */
function signatureProblems(
  credential: JsonObject,
  proof: unknown,
  verify: P256Verify | undefined,
): string[] {
  if (!isSignatureProof(proof)) return ['signature: no well-formed ecdsa-jcs-2019 proof'];
  const issuer = credential.issuer;
  const issuerId = isObject(issuer) && typeof issuer.id === 'string' ? issuer.id : null;
  if (issuerId === null || !proof.verificationMethod.startsWith(`${issuerId}#`))
    return ["signature: the verification method is not the issuer's key"];
  if (!verifyEcdsaJcs2019Proof(credential, proof, verify))
    return ['signature: the signature does not match this document and key'];
  return [];
}

/** Why the anchor does not name this document (and reach its batch root); none when it does. */
function anchorConsistencyProblems(
  anchor: unknown,
  documentHash: string | null,
  certificateId: string | null,
): string[] {
  if (!isAnchorProof(anchor)) return ['anchor: no well-formed ledger anchor proof'];
  if (documentHash === null || certificateId === null)
    return ['anchor: the document has no hash or certificate id to compare'];
  return anchorProblems(anchor, documentHash, certificateId).map((problem) => `anchor: ${problem}`);
}

/** Why holderRef does not open to the holder id with the carried salt; none when it does. */
function holderRefProblems(subject: unknown): string[] {
  if (
    !isObject(subject) ||
    !isObject(subject.holder) ||
    typeof subject.holder.id !== 'string' ||
    typeof subject.holderSalt !== 'string' ||
    typeof subject.holderRef !== 'string'
  )
    return ['holderRef: holder id, salt or reference missing'];
  return newHolderRef(subject.holder.id, subject.holderSalt) === subject.holderRef
    ? []
    : ['holderRef: it does not open to the holder with the salt'];
}
