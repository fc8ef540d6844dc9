import type { certificateCalls as certificateCallsCatalogue } from '@citytrust/domain';
import { CERTIFICATE_STATUSES, MAX_PROOF, parseMemberId } from '@citytrust/domain';
import { ZeroHash } from 'ethers';
import { CertificateRegistry__factory } from '@citytrust/contracts';
import type { CertificateRegistry } from '@citytrust/contracts';
import type { HubAddresses } from '../hub';
import { fields, hash, instant, int, str } from './call-arguments';
import { type Args, type CallContext, CallInputError, type ChaincodeCall } from './call-context';
import { historyTransactions } from './certificate-transactions';
import { hex, iso, isoOrNull } from './chaincode-values';

/** `CertificateRegistry.Status` names, in the enum's order. */
const STATUS = CERTIFICATE_STATUSES;

interface MemberDocument {
  readonly documentHash: string;
  readonly proof: string[];
}

/**
 * The documents of batch members, per deployed hub. The contract takes a member's document
 * and Merkle proof at its first change (the chaincode needs neither); the caller plays the
 * issuer, who holds its batch's documents: it hands them over with the call
 * (`CallContext.batchMember`), or a `verifyBatchMember` call has proved the member included,
 * which is remembered here, in memory only.
 */
const memberDocuments = new WeakMap<HubAddresses, Map<string, MemberDocument>>();

/** The member's document and proof when the caller has them: handed over, or verified. */
async function memberDocument(
  context: CallContext,
  id: string,
): Promise<MemberDocument | undefined> {
  const verified = documentsOf(context).get(id);
  if (verified || parseMemberId(id) === undefined) return verified;
  const given = await context.batchMember?.();
  if (!given) return undefined;
  return {
    documentHash: hash({ documentHash: given.documentHash }, 'documentHash'),
    proof: proofList({ proof: given.proof }),
  };
}

function documentsOf(context: CallContext): Map<string, MemberDocument> {
  let documents = memberDocuments.get(context.addresses);
  if (!documents) {
    documents = new Map();
    memberDocuments.set(context.addresses, documents);
  }
  return documents;
}

function certificates(context: CallContext): CertificateRegistry {
  return CertificateRegistry__factory.connect(
    context.addresses.CertificateRegistry,
    context.signer,
  );
}

/** The time of the latest block: "now" for a read. */
async function now(context: CallContext): Promise<bigint> {
  const block = await context.provider.getBlock('latest');
  if (!block) throw new Error('the chain has no block');
  return BigInt(block.timestamp);
}

const textOrNull = (value: string): string | null => (value === '' ? null : value);
const hashOrNull = (value: string): string | null => (BigInt(value) === 0n ? null : hex(value));

/** A certificate as the chaincode's `view`: its record with the status at `at`. */
async function certificateView(context: CallContext, id: string, at: bigint) {
  const contract = certificates(context);
  const record = await contract.getCertificate(id);
  const status = await contract.statusAt(id, at);
  return {
    id: record.id,
    type: record.typeId,
    issuer: await context.orgId(record.issuer),
    holderRef: hashOrNull(record.holderRef),
    documentHash: hashOrNull(record.documentHash),
    batchId: textOrNull(record.batchId),
    merkleRoot: hashOrNull(record.merkleRoot),
    validFrom: iso(record.validFrom),
    validUntil: isoOrNull(record.validUntil),
    status: STATUS[Number(status)],
    reason: textOrNull(record.reason),
    supersedes: textOrNull(record.supersedes),
    supersededBy: textOrNull(record.supersededBy),
    issuedAt: iso(record.issuedAt),
    updatedAt: iso(record.updatedAt),
    at: iso(at),
  };
}

async function batchView(context: CallContext, batchId: string) {
  const batch = await certificates(context).getBatch(batchId);
  return {
    id: batch.id,
    type: batch.typeId,
    issuer: await context.orgId(batch.issuer),
    merkleRoot: hex(batch.merkleRoot),
    count: Number(batch.count),
    validFrom: iso(batch.validFrom),
    validUntil: isoOrNull(batch.validUntil),
    anchoredAt: iso(batch.anchoredAt),
  };
}

/** Optional validity bounds; zero is the contract's "from now" and "open-ended". */
function window(args: Args): [bigint, bigint] {
  return [
    args.validFrom === undefined ? 0n : instant(args, 'validFrom'),
    args.validUntil === undefined ? 0n : instant(args, 'validUntil'),
  ];
}

function proofList(args: Args): string[] {
  const value = args.proof;
  if (!Array.isArray(value) || value.length > MAX_PROOF)
    throw new CallInputError(`proof: must be a list of at most ${MAX_PROOF} digests`);
  return value.map((item: unknown, index) => hash({ [`proof.${index}`]: item }, `proof.${index}`));
}

/** Chaincode change requests: `{id, reason}`, a member with its document when it has none. */
function statusChange(change: 'suspend' | 'reinstate' | 'revoke'): ChaincodeCall {
  return async (context, args) => {
    fields(args, ['id', 'reason']);
    const id = str(args, 'id');
    const reason = str(args, 'reason');
    const contract = certificates(context);
    const member = change === 'reinstate' ? undefined : await memberDocument(context, id);
    const receipt = await context.send(
      member === undefined
        ? contract[change].populateTransaction(id, reason)
        : change === 'suspend'
          ? contract.suspendMember.populateTransaction(id, reason, member)
          : contract.revokeMember.populateTransaction(id, reason, member),
    );
    const block = await receipt.getBlock();
    return certificateView(context, id, BigInt(block.timestamp));
  };
}

export const certificateCalls: {
  readonly [Name in keyof typeof certificateCallsCatalogue]: ChaincodeCall;
} = {
  'certificates:issue': async (context, args) => {
    fields(args, ['id', 'type', 'holderRef', 'documentHash'], ['validFrom', 'validUntil']);
    const id = str(args, 'id');
    const receipt = await context.send(
      certificates(context).issue.populateTransaction(
        id,
        str(args, 'type'),
        hash(args, 'holderRef'),
        hash(args, 'documentHash'),
        ...window(args),
      ),
    );
    return certificateView(context, id, BigInt((await receipt.getBlock()).timestamp));
  },
  'certificates:anchorBatch': async (context, args) => {
    fields(args, ['id', 'type', 'merkleRoot', 'count'], ['validFrom', 'validUntil']);
    const id = str(args, 'id');
    const count = int(args, 'count');
    if (count > 0xffffffff) throw new CallInputError('count: must be at most 100000');
    await context.send(
      certificates(context).anchorBatch.populateTransaction(
        id,
        str(args, 'type'),
        hash(args, 'merkleRoot'),
        count,
        ...window(args),
      ),
    );
    return batchView(context, id);
  },
  'certificates:suspend': statusChange('suspend'),
  'certificates:reinstate': statusChange('reinstate'),
  'certificates:revoke': statusChange('revoke'),
  'certificates:renew': async (context, args) => {
    fields(args, ['id', 'newId', 'documentHash'], ['holderRef', 'validFrom', 'validUntil']);
    const id = str(args, 'id');
    const newId = str(args, 'newId');
    const documentHash = hash(args, 'documentHash');
    const holderRef = args.holderRef === undefined ? ZeroHash : hash(args, 'holderRef');
    const contract = certificates(context);
    const member = await memberDocument(context, id);
    const receipt = await context.send(
      member === undefined
        ? contract.renew.populateTransaction(id, newId, documentHash, holderRef, ...window(args))
        : contract.renewMember.populateTransaction(
            id,
            member,
            newId,
            documentHash,
            holderRef,
            ...window(args),
          ),
    );
    return certificateView(context, newId, BigInt((await receipt.getBlock()).timestamp));
  },
  'certificates:get': async (context, args) => {
    fields(args, ['id'], ['at']);
    const at = args.at === undefined ? await now(context) : instant(args, 'at');
    return certificateView(context, str(args, 'id'), at);
  },
  'certificates:history': async (context, args) => {
    fields(args, ['id']);
    const id = str(args, 'id');
    const changes = await certificates(context).history(id);
    const txIds = await historyTransactions(
      context.provider,
      context.addresses.CertificateRegistry,
      id,
      parseMemberId(id)?.batchId,
      changes,
    );
    // The contract keeps time and status per change; the reason of an older change is in its
    // transaction only. The first entry is the issuance (or anchoring), which has none.
    return changes.map((change, index) => ({
      txId: txIds[index],
      timestamp: iso(change.time),
      record: { id, status: STATUS[Number(change.status)], ...(index === 0 && { reason: null }) },
    }));
  },
  'certificates:findByHolder': async (context, args) => {
    fields(args, ['holderRef']);
    const ids = await certificates(context).findByHolder(hash(args, 'holderRef'));
    const at = await now(context);
    // Fabric lists the holder's index keys in id order; the contract in issuance order.
    const sorted = [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return Promise.all(sorted.map((id) => certificateView(context, id, at)));
  },
  'certificates:findByDocumentHash': async (context, args) => {
    fields(args, ['documentHash']);
    const id = await certificates(context).findByDocumentHash(hash(args, 'documentHash'));
    return certificateView(context, id, await now(context));
  },
  'certificates:getBatch': async (context, args) => {
    fields(args, ['id']);
    return batchView(context, str(args, 'id'));
  },
  'certificates:verifyBatchMember': async (context, args) => {
    fields(args, ['id', 'documentHash', 'proof']);
    const id = str(args, 'id');
    const documentHash = hash(args, 'documentHash');
    const proof = proofList(args);
    const member = parseMemberId(id);
    if (!member) {
      // The chaincode answers NOT_FOUND for no such certificate (the read reverts so here),
      // INVALID_ARGUMENT for one that is not a batch member.
      await certificates(context).getCertificate(id);
      throw new CallInputError(`certificate ${id} is not a batch member`);
    }
    const included = await certificates(context).verifyBatchMember(
      member.batchId,
      member.index,
      documentHash,
      proof,
    );
    if (included) documentsOf(context).set(id, { documentHash, proof });
    return { included, certificate: await certificateView(context, id, await now(context)) };
  },
};

/** Errors whose code their name alone does not tell. */
export const certificateErrorCodes: Record<string, string> = {
  IndexOutOfRange: 'NOT_FOUND',
  DocumentAnchored: 'CONFLICT',
  RootAnchored: 'CONFLICT',
  NotBatchMember: 'INVALID_ARGUMENT',
  MemberProofRequired: 'INVALID_ARGUMENT',
  HolderRefRequired: 'INVALID_ARGUMENT',
  HolderMismatch: 'INVALID_ARGUMENT',
};
