import {
  memberId,
  parseMemberId,
  type Certificate,
  type CertificateBatch,
} from '@citytrust/domain';
import type { Context } from 'fabric-contract-api';
import { ChaincodeError } from '../ledger/errors';
import { key, readHistory, readRecord, type HistoryEntry } from '../ledger/state';

/*
 * Key layout. A certificate issued on its own is one record under `cert/<id>` with two index
 * keys (`certdoc/<documentHash>`, `certholder/<holderRef>/<id>`). A batch of up to 100,000 is
 * one record under `certbatch/<batchId>` holding the Merkle root and the member count; the
 * transaction that anchors it writes a few hundred bytes whatever the batch size, which keeps
 * it far below Fabric's block and message limits. Member `<batchId>~<index>` needs no record of
 * its own to be read, verified (leaf + proof against the root) or renewed: the first
 * suspension, revocation or renewal writes `cert/<batchId>~<index>` and from then on that
 * record is its state, with its own key history.
 */

export const MEMBER_SEPARATOR = '~';

export const certificateKey = (ctx: Context, id: string): string => key(ctx, 'cert', id);
export const batchKey = (ctx: Context, id: string): string => key(ctx, 'certbatch', id);
export const documentIndexKey = (ctx: Context, documentHash: string): string =>
  key(ctx, 'certdoc', documentHash);
export const holderIndexKey = (ctx: Context, holderRef: string, id: string): string =>
  key(ctx, 'certholder', holderRef, id);
export const rootIndexKey = (ctx: Context, merkleRoot: string): string =>
  key(ctx, 'certroot', merkleRoot);

export function memberRecord(batch: CertificateBatch, index: number): Certificate {
  return {
    id: memberId(batch.id, index),
    type: batch.type,
    issuer: batch.issuer,
    holderRef: null,
    documentHash: null,
    batchId: batch.id,
    merkleRoot: batch.merkleRoot,
    validFrom: batch.validFrom,
    validUntil: batch.validUntil,
    status: 'ACTIVE',
    reason: null,
    supersedes: null,
    supersededBy: null,
    issuedAt: batch.anchoredAt,
    updatedAt: batch.anchoredAt,
  };
}

async function readBatchMember(ctx: Context, id: string): Promise<Certificate | undefined> {
  const member = parseMemberId(id);
  if (!member) return undefined;
  const batch = await readRecord<CertificateBatch>(ctx, batchKey(ctx, member.batchId));
  if (!batch || member.index >= batch.count) return undefined;
  return memberRecord(batch, member.index);
}

/** A certificate's current record, whether it was issued alone or is an untouched batch member. */
export async function readCertificate(ctx: Context, id: string): Promise<Certificate | undefined> {
  return (
    (await readRecord<Certificate>(ctx, certificateKey(ctx, id))) ??
    (await readBatchMember(ctx, id))
  );
}

export async function requireCertificate(ctx: Context, id: string): Promise<Certificate> {
  const certificate = await readCertificate(ctx, id);
  if (!certificate) throw new ChaincodeError('NOT_FOUND', `certificate ${id} does not exist`);
  return certificate;
}

/** Every state the certificate has had, oldest first; a batch member starts at its anchoring. */
export async function certificateHistory(
  ctx: Context,
  id: string,
): Promise<HistoryEntry<Certificate>[]> {
  const own = await readHistory<Certificate>(ctx, certificateKey(ctx, id));
  const member = parseMemberId(id);
  if (!member) return own;
  const batchHistory = await readHistory<CertificateBatch>(ctx, batchKey(ctx, member.batchId));
  const anchoring = batchHistory[0];
  if (!anchoring?.value || member.index >= anchoring.value.count) return own;
  return [{ ...anchoring, value: memberRecord(anchoring.value, member.index) }, ...own];
}
