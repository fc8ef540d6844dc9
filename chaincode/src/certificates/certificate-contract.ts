import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import {
  batchLeaf,
  canonicalJson,
  certificateStatusAt as statusAt,
  validityPeriodProblem,
  validityWindowProblem,
  rootFromProof,
  type Certificate,
  type CertificateBatch,
  type CertificateStatus,
  type CertificateType,
  type LedgerEventName,
  type Organization,
  type RecordedCertificateStatus as RecordedStatus,
} from '@citytrust/domain';
import { changeTime, txTime } from '../ledger/clock';
import { ChaincodeError } from '../ledger/errors';
import { emitEvent } from '../ledger/events';
import { parseArgs } from '../ledger/input';
import { exists, readIndex, readRecord, writeIndex, writeRecord } from '../ledger/state';
import { readCertificateType, requireRole } from '../registry/registry-state';
import {
  batchKey,
  certificateHistory,
  certificateKey,
  documentIndexKey,
  holderIndexKey,
  readCertificate,
  requireCertificate,
  rootIndexKey,
} from './certificate-state';

export interface CertificateView extends Omit<Certificate, 'status'> {
  readonly status: CertificateStatus;
  /** The instant the status is given for. */
  readonly at: string;
}

function view(record: Certificate, at: string): CertificateView {
  return { ...record, status: statusAt(record, at), at };
}

/** The caller must hold ISSUER and be one of the type's allowed issuers. */
async function requireIssuerOf(
  ctx: Context,
  typeId: string,
): Promise<{ issuer: Organization; type: CertificateType }> {
  const issuer = await requireRole(ctx, 'ISSUER');
  const type = await readCertificateType(ctx, typeId);
  if (!type) throw new ChaincodeError('NOT_FOUND', `certificate type ${typeId} does not exist`);
  if (!type.issuers.includes(issuer.id))
    throw new ChaincodeError('FORBIDDEN', `${issuer.id} may not issue ${typeId}`);
  return { issuer, type };
}

/** The window asked for (validFrom defaults to now), as the type allows it. */
function validityWindow(
  now: string,
  input: { validFrom?: string | undefined; validUntil?: string | undefined },
  type: CertificateType,
): { validFrom: string; validUntil: string | null } {
  const window = { validFrom: input.validFrom ?? now, validUntil: input.validUntil ?? null };
  const problem =
    validityWindowProblem(window) ?? validityPeriodProblem(window, type.maxValidityDays);
  if (problem !== null) throw new ChaincodeError('INVALID_ARGUMENT', problem);
  return window;
}

/** The certificate's own issuer, still holding the ISSUER role. */
async function requireIssuerOfRecord(ctx: Context, record: Certificate): Promise<void> {
  const caller = await requireRole(ctx, 'ISSUER');
  if (caller.id !== record.issuer)
    throw new ChaincodeError(
      'FORBIDDEN',
      `only ${record.issuer}, the issuer, may change ${record.id}`,
    );
}

/** A certificate issued on its own (not in a batch), active from this transaction. */
function newCertificate(
  now: string,
  fields: Pick<
    Certificate,
    | 'id'
    | 'type'
    | 'issuer'
    | 'holderRef'
    | 'documentHash'
    | 'validFrom'
    | 'validUntil'
    | 'supersedes'
  >,
): Certificate {
  return {
    ...fields,
    batchId: null,
    merkleRoot: null,
    status: 'ACTIVE',
    reason: null,
    supersededBy: null,
    issuedAt: now,
    updatedAt: now,
  };
}

async function createCertificate(ctx: Context, certificate: Certificate): Promise<void> {
  if (await exists(ctx, certificateKey(ctx, certificate.id)))
    throw new ChaincodeError('CONFLICT', `certificate ${certificate.id} already exists`);
  if (await exists(ctx, batchKey(ctx, certificate.id)))
    throw new ChaincodeError('CONFLICT', `${certificate.id} is already a batch id`);
  const documentHash = certificate.documentHash as string;
  if (await exists(ctx, documentIndexKey(ctx, documentHash)))
    throw new ChaincodeError('CONFLICT', `document ${documentHash} is already anchored`);
  await writeRecord(ctx, certificateKey(ctx, certificate.id), certificate);
  await writeRecord(ctx, documentIndexKey(ctx, documentHash), { certificateId: certificate.id });
  await writeIndex(ctx, holderIndexKey(ctx, certificate.holderRef as string, certificate.id));
}

async function changeStatus(
  ctx: Context,
  call: 'certificates:suspend' | 'certificates:reinstate' | 'certificates:revoke',
  request: string,
  allowedFrom: readonly RecordedStatus[],
  to: RecordedStatus,
  eventName: LedgerEventName,
): Promise<string> {
  const input = parseArgs(call, request);
  const record = await requireCertificate(ctx, input.id);
  await requireIssuerOfRecord(ctx, record);
  const now = changeTime(ctx, record.updatedAt);
  if (!allowedFrom.includes(record.status))
    throw new ChaincodeError('INVALID_STATE', `certificate ${record.id} is ${record.status}`);
  if (to !== 'REVOKED' && statusAt(record, now) === 'EXPIRED')
    throw new ChaincodeError('INVALID_STATE', `certificate ${record.id} is EXPIRED`);
  const updated: Certificate = { ...record, status: to, reason: input.reason, updatedAt: now };
  await writeRecord(ctx, certificateKey(ctx, record.id), updated);
  emitEvent(ctx, eventName, { certificateId: record.id, status: to });
  return canonicalJson(view(updated, now));
}

/** E-certificates: issue one or a batch, suspend, reinstate, revoke, renew; status at any time. */
@Info({ title: 'Certificates', description: 'verifiable e-certificates anchored on the ledger' })
export class CertificateContract extends Contract {
  constructor() {
    super('certificates');
  }

  @Transaction()
  @Returns('Certificate')
  async issue(ctx: Context, request: string): Promise<string> {
    const input = parseArgs('certificates:issue', request);
    const { issuer, type } = await requireIssuerOf(ctx, input.type);
    const now = txTime(ctx);
    const certificate = newCertificate(now, {
      id: input.id,
      type: input.type,
      issuer: issuer.id,
      holderRef: input.holderRef,
      documentHash: input.documentHash,
      ...validityWindow(now, input, type),
      supersedes: null,
    });
    await createCertificate(ctx, certificate);
    emitEvent(ctx, 'CertificateIssued', {
      certificateId: certificate.id,
      type: certificate.type,
      issuer: issuer.id,
      documentHash: certificate.documentHash,
    });
    return canonicalJson(view(certificate, now));
  }

  /** Anchors up to 100,000 documents by their Merkle root in one small write. */
  @Transaction()
  @Returns('CertificateBatch')
  async anchorBatch(ctx: Context, request: string): Promise<string> {
    const input = parseArgs('certificates:anchorBatch', request);
    const { issuer, type } = await requireIssuerOf(ctx, input.type);
    if (await exists(ctx, batchKey(ctx, input.id)))
      throw new ChaincodeError('CONFLICT', `batch ${input.id} already exists`);
    if (await exists(ctx, certificateKey(ctx, input.id)))
      throw new ChaincodeError('CONFLICT', `${input.id} is already a certificate id`);
    if (await exists(ctx, rootIndexKey(ctx, input.merkleRoot)))
      throw new ChaincodeError('CONFLICT', `root ${input.merkleRoot} is already anchored`);
    const now = txTime(ctx);
    const batch: CertificateBatch = {
      id: input.id,
      type: input.type,
      issuer: issuer.id,
      merkleRoot: input.merkleRoot,
      count: input.count,
      ...validityWindow(now, input, type),
      anchoredAt: now,
    };
    await writeRecord(ctx, batchKey(ctx, batch.id), batch);
    await writeRecord(ctx, rootIndexKey(ctx, batch.merkleRoot), { batchId: batch.id });
    emitEvent(ctx, 'CertificateBatchAnchored', {
      batchId: batch.id,
      type: batch.type,
      issuer: issuer.id,
      merkleRoot: batch.merkleRoot,
      count: batch.count,
    });
    return canonicalJson(batch);
  }

  @Transaction()
  @Returns('Certificate')
  async suspend(ctx: Context, request: string): Promise<string> {
    return changeStatus(
      ctx,
      'certificates:suspend',
      request,
      ['ACTIVE'],
      'SUSPENDED',
      'CertificateSuspended',
    );
  }

  @Transaction()
  @Returns('Certificate')
  async reinstate(ctx: Context, request: string): Promise<string> {
    return changeStatus(
      ctx,
      'certificates:reinstate',
      request,
      ['SUSPENDED'],
      'ACTIVE',
      'CertificateReinstated',
    );
  }

  /** Final. An expired certificate can still be revoked, so the record says why it ended. */
  @Transaction()
  @Returns('Certificate')
  async revoke(ctx: Context, request: string): Promise<string> {
    return changeStatus(
      ctx,
      'certificates:revoke',
      request,
      ['ACTIVE', 'SUSPENDED'],
      'REVOKED',
      'CertificateRevoked',
    );
  }

  /** Issues a new certificate of the same type that supersedes this one, which ends. */
  @Transaction()
  @Returns('Certificate')
  async renew(ctx: Context, request: string): Promise<string> {
    const input = parseArgs('certificates:renew', request);
    const old = await requireCertificate(ctx, input.id);
    await requireIssuerOfRecord(ctx, old);
    const { type } = await requireIssuerOf(ctx, old.type);
    // A suspended certificate is reinstated before it is renewed, so renewal never lifts a suspension.
    if (old.status !== 'ACTIVE')
      throw new ChaincodeError('INVALID_STATE', `certificate ${old.id} is ${old.status}`);
    const holderRef = input.holderRef ?? old.holderRef;
    if (holderRef === null)
      throw new ChaincodeError(
        'INVALID_ARGUMENT',
        'holderRef: a batch member renews with its holderRef',
      );
    if (old.holderRef !== null && holderRef !== old.holderRef)
      throw new ChaincodeError('INVALID_ARGUMENT', 'holderRef: a renewal keeps the holder');
    const now = changeTime(ctx, old.updatedAt);
    const renewed = newCertificate(now, {
      id: input.newId,
      type: old.type,
      issuer: old.issuer,
      holderRef,
      documentHash: input.documentHash,
      ...validityWindow(now, input, type),
      supersedes: old.id,
    });
    await createCertificate(ctx, renewed);
    await writeRecord(ctx, certificateKey(ctx, old.id), {
      ...old,
      status: 'SUPERSEDED',
      reason: `renewed as ${renewed.id}`,
      supersededBy: renewed.id,
      updatedAt: now,
    });
    emitEvent(ctx, 'CertificateRenewed', {
      certificateId: renewed.id,
      supersedes: old.id,
      documentHash: renewed.documentHash,
    });
    return canonicalJson(view(renewed, now));
  }

  /** The certificate with its status now, or at `at` from its history. */
  @Transaction(false)
  @Returns('Certificate')
  async get(ctx: Context, request: string): Promise<string> {
    const input = parseArgs('certificates:get', request);
    if (input.at === undefined) {
      const now = txTime(ctx);
      return canonicalJson(view(await requireCertificate(ctx, input.id), now));
    }
    const at = input.at;
    const history = await certificateHistory(ctx, input.id);
    const first = history[0]?.value;
    if (!first) throw new ChaincodeError('NOT_FOUND', `certificate ${input.id} does not exist`);
    const inForce = history.filter((entry) => entry.timestamp <= at).pop()?.value;
    if (!inForce) return canonicalJson({ ...first, status: 'NOT_ISSUED', at });
    return canonicalJson(view(inForce, at));
  }

  /** Every recorded state, oldest first, each with the transaction that wrote it. */
  @Transaction(false)
  @Returns('string')
  async history(ctx: Context, request: string): Promise<string> {
    const input = parseArgs('certificates:history', request);
    const history = await certificateHistory(ctx, input.id);
    if (history.length === 0)
      throw new ChaincodeError('NOT_FOUND', `certificate ${input.id} does not exist`);
    return canonicalJson(
      history.map((entry) => ({
        txId: entry.txId,
        timestamp: entry.timestamp,
        record: entry.value,
      })),
    );
  }

  @Transaction(false)
  @Returns('Certificate[]')
  async findByHolder(ctx: Context, request: string): Promise<string> {
    const input = parseArgs('certificates:findByHolder', request);
    const now = txTime(ctx);
    const found: CertificateView[] = [];
    for (const [, certificateId] of await readIndex(ctx, 'certholder', [input.holderRef])) {
      const record = await readCertificate(ctx, certificateId as string);
      if (record) found.push(view(record, now));
    }
    return canonicalJson(found);
  }

  @Transaction(false)
  @Returns('Certificate')
  async findByDocumentHash(ctx: Context, request: string): Promise<string> {
    const input = parseArgs('certificates:findByDocumentHash', request);
    const entry = await readRecord<{ certificateId: string }>(
      ctx,
      documentIndexKey(ctx, input.documentHash),
    );
    if (!entry)
      throw new ChaincodeError('NOT_FOUND', `no certificate has document ${input.documentHash}`);
    return canonicalJson(view(await requireCertificate(ctx, entry.certificateId), txTime(ctx)));
  }

  @Transaction(false)
  @Returns('CertificateBatch')
  async getBatch(ctx: Context, request: string): Promise<string> {
    const input = parseArgs('certificates:getBatch', request);
    const batch = await readRecord<CertificateBatch>(ctx, batchKey(ctx, input.id));
    if (!batch) throw new ChaincodeError('NOT_FOUND', `batch ${input.id} does not exist`);
    return canonicalJson(batch);
  }

  /** Checks a batch member's document against the anchored root with its Merkle proof. */
  @Transaction(false)
  @Returns('string')
  async verifyBatchMember(ctx: Context, request: string): Promise<string> {
    const input = parseArgs('certificates:verifyBatchMember', request);
    const record = await requireCertificate(ctx, input.id);
    if (record.batchId === null || record.merkleRoot === null)
      throw new ChaincodeError('INVALID_ARGUMENT', `certificate ${input.id} is not a batch member`);
    const root = rootFromProof(batchLeaf(record.id, input.documentHash), input.proof);
    return canonicalJson({
      included: root === record.merkleRoot,
      certificate: view(record, txTime(ctx)),
    });
  }
}
