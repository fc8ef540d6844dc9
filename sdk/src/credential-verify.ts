import {
  CERTIFICATE_URN_PREFIX,
  LEDGER_ANCHOR_TYPE,
  LEDGER_STATUS_TYPE,
  VC_V2_CONTEXT,
  credentialTypeName,
  documentHashOf,
  newHolderRef,
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
  const context = credential['@context'];
  if (!Array.isArray(context) || context[0] !== VC_V2_CONTEXT)
    problems.push(`@context must start with ${VC_V2_CONTEXT}`);
  if (certificateId === null) problems.push(`id must be ${CERTIFICATE_URN_PREFIX}<certificateId>`);
  const certificateType = credential.certificateType;
  if (!isNonEmptyString(certificateType)) problems.push('certificateType is missing');
  const type = credential.type;
  if (
    !Array.isArray(type) ||
    type.length !== 2 ||
    type[0] !== 'VerifiableCredential' ||
    (isNonEmptyString(certificateType) && type[1] !== credentialTypeName(certificateType))
  )
    problems.push('type must be ["VerifiableCredential", <certificate type in PascalCase>]');
  const issuer = credential.issuer;
  if (!isObject(issuer) || !isValidDidKey(issuer.id) || !isNonEmptyString(issuer.name))
    problems.push('issuer must be {id: <P-256 did:key>, name}');
  const { validFrom, validUntil } = credential;
  if (!isRfc3339(validFrom)) problems.push('validFrom must be an RFC 3339 date-time');
  if (validUntil !== undefined) {
    if (!isRfc3339(validUntil)) problems.push('validUntil must be an RFC 3339 date-time');
    else if (isRfc3339(validFrom) && Date.parse(validUntil) <= Date.parse(validFrom))
      problems.push('validUntil must be after validFrom');
  }
  const subject = credential.credentialSubject;
  if (
    !isObject(subject) ||
    !isObject(subject.holder) ||
    !isNonEmptyString(subject.holder.id) ||
    (subject.holder.name !== undefined && typeof subject.holder.name !== 'string') ||
    typeof subject.holderRef !== 'string' ||
    !HEX64.test(subject.holderRef) ||
    typeof subject.holderSalt !== 'string' ||
    !HEX32.test(subject.holderSalt) ||
    !isObject(subject.claims)
  )
    problems.push('credentialSubject must be {holder: {id, name?}, holderRef, holderSalt, claims}');
  const status = credential.credentialStatus;
  if (
    !isObject(status) ||
    status.type !== LEDGER_STATUS_TYPE ||
    typeof status.id !== 'string' ||
    certificateId === null ||
    !status.id.endsWith(`/v1/certificates/${encodeURIComponent(certificateId)}`)
  )
    problems.push(
      `credentialStatus must be {id: <hub>/v1/certificates/<id>, type: ${LEDGER_STATUS_TYPE}}`,
    );
  return problems;
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
  readonly batch?: { batchId: string; memberId: string; merkleRoot: string; proof: string[] };
}

function isAnchorProof(value: unknown): value is AnchorShape {
  if (
    !isObject(value) ||
    value.type !== LEDGER_ANCHOR_TYPE ||
    !isNonEmptyString(value.ledger) ||
    !isNonEmptyString(value.txId) ||
    typeof value.blockNumber !== 'number' ||
    !Number.isSafeInteger(value.blockNumber) ||
    value.blockNumber < 0 ||
    typeof value.documentHash !== 'string' ||
    !HEX64.test(value.documentHash) ||
    !isNonEmptyString(value.certificateId)
  )
    return false;
  const batch = value.batch;
  return (
    batch === undefined ||
    (isObject(batch) &&
      isNonEmptyString(batch.batchId) &&
      isNonEmptyString(batch.memberId) &&
      typeof batch.merkleRoot === 'string' &&
      HEX64.test(batch.merkleRoot) &&
      isHexList(batch.proof))
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
  const errors: string[] = [];
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

  const certificateId =
    typeof credential.id === 'string' &&
    credential.id.startsWith(CERTIFICATE_URN_PREFIX) &&
    credential.id.length > CERTIFICATE_URN_PREFIX.length
      ? credential.id.slice(CERTIFICATE_URN_PREFIX.length)
      : null;

  let documentHash: string | null = null;
  try {
    documentHash = documentHashOf(credential);
  } catch {
    errors.push('integrity: the credential has no canonical JSON form');
  }

  const problems = documentProblems(credential, certificateId).map((p) => `integrity: ${p}`);
  const proofs: unknown[] = Array.isArray(credential.proof) ? credential.proof : [];
  if (!Array.isArray(credential.proof)) problems.push('integrity: proof must be an array');
  const signatureProofs = proofs.filter(
    (proof) => isObject(proof) && proof.type === 'DataIntegrityProof',
  );
  const anchors = proofs.filter((proof) => isObject(proof) && proof.type === LEDGER_ANCHOR_TYPE);
  if (signatureProofs.length !== 1 || anchors.length !== 1 || proofs.length !== 2)
    problems.push('integrity: proof must hold one DataIntegrityProof and one ledger anchor');
  errors.push(...problems);
  const integrity = problems.length === 0 && documentHash !== null;

  let signature = false;
  const signatureProof = signatureProofs[0];
  if (!isSignatureProof(signatureProof))
    errors.push('signature: no well-formed ecdsa-jcs-2019 proof');
  else {
    const issuer = credential.issuer;
    const issuerId = isObject(issuer) && typeof issuer.id === 'string' ? issuer.id : null;
    if (issuerId === null || !signatureProof.verificationMethod.startsWith(`${issuerId}#`))
      errors.push("signature: the verification method is not the issuer's key");
    else if (!verifyEcdsaJcs2019Proof(credential, signatureProof, options.verifyP256))
      errors.push('signature: the signature does not match this document and key');
    else signature = true;
  }

  let anchorConsistent = false;
  const anchor = anchors[0];
  if (!isAnchorProof(anchor)) errors.push('anchor: no well-formed ledger anchor proof');
  else if (documentHash === null || certificateId === null)
    errors.push('anchor: the document has no hash or certificate id to compare');
  else {
    const mismatches = anchorProblems(anchor, documentHash, certificateId);
    errors.push(...mismatches.map((p) => `anchor: ${p}`));
    anchorConsistent = mismatches.length === 0;
  }

  let holderRefConsistent = false;
  const subject = credential.credentialSubject;
  if (
    isObject(subject) &&
    isObject(subject.holder) &&
    typeof subject.holder.id === 'string' &&
    typeof subject.holderSalt === 'string' &&
    typeof subject.holderRef === 'string'
  ) {
    holderRefConsistent = newHolderRef(subject.holder.id, subject.holderSalt) === subject.holderRef;
    if (!holderRefConsistent)
      errors.push('holderRef: it does not open to the holder with the salt');
  } else errors.push('holderRef: holder id, salt or reference missing');

  return {
    integrity,
    signature,
    anchorConsistent,
    holderRefConsistent,
    documentHash,
    certificateId,
    errors,
  };
}
