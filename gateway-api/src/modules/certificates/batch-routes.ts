import { randomUUID } from 'node:crypto';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Type } from '@sinclair/typebox';
import { buildMerkleTree, batchLeaf, memberId } from '@citytrust/domain';
import type { RoutesPlugin } from '../../shared/type-provider';
import { requireRole } from '../../plugins/infrastructure/auth';
import { Problem } from '../../shared/problem';
import { Hash, LedgerCoordinates, problems, Token } from '../../shared/schemas';
import type { CertificateServices } from './service';
import { certificateTypeWithSchema } from '../registry/certificate-types';
import { BatchCredentialFactory } from './batch-credentials';
import { anchoredCredential, type SignedCredential, type ValidityWindow } from './credentials';
import { ledgerName } from './ledger-name';
import { currentSecond, validityWindow, windowArgs } from './validity-window';
import { Claims, Credential, Holder, Window } from './schemas';

/** Items signed between two yields to the event loop, so other requests still get answers. */
const SLICE = 2000;
/** Claims problems reported at most, so a bad 100,000-item batch still gets a short answer. */
const MAX_REPORTED = 20;

interface BatchItem {
  readonly validFrom?: string;
  readonly validUntil?: string;
}

/**
 * The one window of a batch. Each item's window is what it states, else what the batch states,
 * else from now on. The ledger keeps one window per batch record (members have none of their
 * own until their first change), so items whose windows differ are refused rather than signed
 * with dates the ledger would not back.
 */
function sharedWindow(batch: BatchItem, items: readonly BatchItem[]): ValidityWindow {
  const now = currentSecond();
  // Items mostly state the same window or none: each distinct pair of texts is checked once.
  const checked = new Map<string, ValidityWindow>();
  let shared: ValidityWindow | undefined;
  for (const [index, item] of items.entries()) {
    const validFrom = item.validFrom ?? batch.validFrom;
    const validUntil = item.validUntil ?? batch.validUntil;
    const texts = `${validFrom ?? ''} ${validUntil ?? ''}`;
    let window = checked.get(texts);
    if (!window) {
      window = validityWindow({ validFrom, validUntil }, now);
      checked.set(texts, window);
    }
    shared ??= window;
    if (window.validFrom !== shared.validFrom || window.validUntil !== shared.validUntil)
      throw new Problem(
        'validation',
        `items/${index}: every item of a batch shares one validity window ` +
          '(the ledger records one per batch); issue other windows in another batch',
      );
  }
  return shared ?? validityWindow(batch, now);
}

/**
 * Issues up to `maxBatch` certificates of one type at once: each is signed as its own credential,
 * and one transaction anchors the Merkle root of their documents. Member `<batchId>~<index>`'s
 * credential carries its Merkle proof.
 */
export const certificateBatchRoutes: RoutesPlugin<{ services: CertificateServices }> = async (
  app,
  { services },
) => {
  app.post(
    '/v1/certificates/batch',
    {
      config: { idempotent: true },
      schema: {
        tags: ['certificates'],
        summary: `Issue up to ${app.config.maxBatch} certificates of one type, anchored by one Merkle root`,
        body: Type.Object(
          {
            type: Token,
            items: Type.Array(
              Type.Object(
                { holder: Holder, claims: Claims, ...Window },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: app.config.maxBatch },
            ),
            ...Window,
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            batchId: Type.String(),
            merkleRoot: Hash,
            count: Type.Integer(),
            ...LedgerCoordinates,
            certificates: Type.Array(
              Type.Object({ id: Type.String(), documentHash: Hash, credential: Credential }),
            ),
          }),
          ...problems(400, 401, 403, 404, 409, 413),
        },
      },
    },
    async (request, reply) => {
      const caller = requireRole(request, 'ISSUER');
      const { type: typeId, items, ...batchWindow } = request.body;
      // Whether the caller may issue this type, and for how long, the ledger decides.
      const { type, schema } = await certificateTypeWithSchema(app, caller.org.id, typeId);
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
      const window = sharedWindow(batchWindow, items);

      const batchId = randomUUID();
      const signing = {
        key: await services.issuerKeys.forOrg(caller.org.id),
        issuerOrg: caller.org.id,
        certificateType: typeId,
        hubBaseUrl: app.config.publicUrl,
        created: currentSecond(),
      };
      const factory = new BatchCredentialFactory(signing, window);
      const signed: SignedCredential[] = new Array<SignedCredential>(items.length);
      for (const [index, item] of items.entries()) {
        signed[index] = factory.credential(memberId(batchId, index), item.holder, item.claims);
        if ((index + 1) % SLICE === 0) await yieldToEventLoop();
      }
      const tree = buildMerkleTree(
        signed.map((each) => batchLeaf(each.certificateId, each.documentHash)),
      );
      await services.holderSalts.remember(
        signed.map((each) => [
          each.certificateId,
          { salt: each.holderSalt, holderRef: each.holderRef },
        ]),
      );
      // Kept before anchoring, as the salts: an anchored batch always has its documents here
      // for its members' changes (an unanchored one's are never asked for).
      await services.batchDocuments.remember(
        batchId,
        signed.map((each) => each.documentHash),
      );
      const { txId, blockNumber } = await app.ledger.submit({
        org: caller.org.id,
        fn: 'certificates:anchorBatch',
        args: {
          id: batchId,
          type: typeId,
          merkleRoot: tree.root,
          count: signed.length,
          ...windowArgs(window),
        },
      });
      const anchoring = { ledger: await ledgerName(app), txId, blockNumber };
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
      return reply.code(201).send({
        batchId,
        merkleRoot: tree.root,
        count: signed.length,
        txId,
        blockNumber,
        certificates,
      });
    },
  );
};
