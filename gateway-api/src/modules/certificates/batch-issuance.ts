import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Static } from '@sinclair/typebox';
import { buildMerkleTree, batchLeaf, memberId } from '@citytrust/domain';
import { Problem } from '../../shared/problem';
import type { TypeWithSchema } from '../registry/certificate-types';
import { BatchCredentialFactory } from './batch-credentials';
import { sharedWindow } from './batch-window';
import type { CertificateServices } from './certificate-services';
import {
  anchoredCredential,
  type SignedCredential,
  type Signing,
  type ValidityWindow,
} from './credentials';
import { holderBindingOf } from './holder-salts';
import { ledgerName } from './ledger-name';
import type { BatchIssueBody, BatchIssued } from './schemas';
import { signingFor } from './signing';
import { windowArgs } from './validity-window';

/** Items signed between two yields to the event loop, so other requests still get answers. */
const SLICE = 2000;
/** Claims problems reported at most, so a bad 100,000-item batch still gets a short answer. */
const MAX_REPORTED = 20;

type BatchItems = Static<ReturnType<typeof BatchIssueBody>>['items'];

/** Throws one validation problem listing the first items' claims that break the schema. */
function assertItemsClaims(
  services: CertificateServices,
  { type, schema }: TypeWithSchema,
  items: BatchItems,
): void {
  const claimsProblems = [];
  for (const [index, item] of items.entries()) {
    for (const issue of services.claims.issues(type.schemaHash, schema, item.claims))
      claimsProblems.push({
        path: `/items/${index}/claims${issue.path}`,
        message: issue.message,
      });
    if (claimsProblems.length >= MAX_REPORTED) break;
  }
  if (claimsProblems.length > 0)
    throw new Problem(
      'validation',
      claimsProblems.map((each) => `${each.path} ${each.message}`).join('; '),
      { errors: claimsProblems },
    );
}

/** Each item signed as member `<batchId>~<index>`'s own credential. */
async function signedMembers(
  signing: Signing,
  window: ValidityWindow,
  batchId: string,
  items: BatchItems,
): Promise<SignedCredential[]> {
  const factory = new BatchCredentialFactory(signing, window);
  const signed: SignedCredential[] = new Array<SignedCredential>(items.length);
  for (const [index, item] of items.entries()) {
    signed[index] = factory.credential(memberId(batchId, index), item.holder, item.claims);
    if ((index + 1) % SLICE === 0) await yieldToEventLoop();
  }
  return signed;
}

/**
 * Issues certificates of one type at once: each is signed as its own credential, and one
 * transaction anchors the Merkle root of their documents. Member `<batchId>~<index>`'s
 * credential carries its Merkle proof.
 */
export async function issueBatch(
  services: CertificateServices,
  org: string,
  { type: typeId, items, ...batchWindow }: Static<ReturnType<typeof BatchIssueBody>>,
): Promise<Static<typeof BatchIssued>> {
  // Whether the caller may issue this type, and for how long, the ledger decides.
  const typeWithSchema = await services.certificateType(org, typeId);
  assertItemsClaims(services, typeWithSchema, items);
  const window = sharedWindow(batchWindow, items);

  const batchId = randomUUID();
  const signing = await signingFor(services, org, typeId);
  const signed = await signedMembers(signing, window, batchId, items);
  const tree = buildMerkleTree(
    signed.map((each) => batchLeaf(each.certificateId, each.documentHash)),
  );
  await services.holderSalts.remember(signed.map(holderBindingOf));
  // Kept before anchoring, as the salts: an anchored batch always has its documents here
  // for its members' changes (an unanchored one's are never asked for).
  await services.batchDocuments.remember(
    batchId,
    signed.map((each) => each.documentHash),
  );
  const { txId, blockNumber } = await services.ledger.submit({
    org,
    fn: 'certificates:anchorBatch',
    args: {
      id: batchId,
      type: typeId,
      merkleRoot: tree.root,
      count: signed.length,
      ...windowArgs(window),
    },
  });
  const anchoring = { ledger: await ledgerName(services.ledger), txId, blockNumber };
  const certificates = signed.map((each, index) => ({
    id: each.certificateId,
    documentHash: each.documentHash,
    credential: anchoredCredential(each, anchoring, {
      batchId,
      memberId: each.certificateId,
      merkleRoot: tree.root,
      proof: tree.proof(index),
    }),
  }));
  return {
    batchId,
    merkleRoot: tree.root,
    count: signed.length,
    txId,
    blockNumber,
    certificates,
  };
}
