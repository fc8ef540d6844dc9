import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { RoutesPlugin } from '../../shared/type-provider';
import { requireRole } from '../../plugins/infrastructure/auth';
import type { Caller } from '../../auth/caller';
import { Problem } from '../../shared/problem';
import {
  Instant,
  LedgerCoordinates,
  Page,
  pageOf,
  problems,
  Text,
  Token,
} from '../../shared/schemas';
import type { CertificateServices } from './service';
import { certificateTypeWithSchema } from '../registry/certificate-types';
import { anchoredCredential, signedCredential, type Signing } from './credentials';
import { ledgerName } from './ledger-name';
import { currentSecond, validityWindow, windowArgs } from './validity-window';
import { paginate } from '../../shared/pagination';
import { toLedgerSecond } from '../../shared/ledger-time';
import { CertificateId, CertificateRecord, Claims, Holder, Issued, Window } from './schemas';

const IdParams = Type.Object({ id: CertificateId });
const ChangeBody = Type.Object({ reason: Text(500) }, { additionalProperties: false });
const ChangeAnswer = Type.Object({ ...CertificateRecord.properties, ...LedgerCoordinates });

/**
 * One recorded state. The EVM connector answers each change's time and status (and reason) but
 * not its transaction or the whole record, so only those are promised here.
 */
const HistoryEntry = Type.Object({
  txId: Type.String(),
  timestamp: Type.String(),
  record: Type.Object({
    ...Type.Partial(Type.Omit(CertificateRecord, ['at'])).properties,
    id: Type.String(),
    status: Type.String(),
  }),
});

/** The status transitions an issuer makes, each one chaincode function. */
const CHANGES = [
  ['suspend', 'Suspend a certificate (its issuer)'],
  ['reinstate', 'Reinstate a suspended certificate (its issuer)'],
  ['revoke', 'Revoke a certificate for good (its issuer)'],
] as const;

/** How the organization signs for this type now. */
async function signingFor(
  app: FastifyInstance,
  services: CertificateServices,
  caller: Caller,
  certificateType: string,
): Promise<Signing> {
  return {
    key: await services.issuerKeys.forOrg(caller.org.id),
    issuerOrg: caller.org.id,
    certificateType,
    hubBaseUrl: app.config.publicUrl,
    created: currentSecond(),
  };
}

/**
 * E-certificates one at a time: issue, read (now or at a past time), history, suspend,
 * reinstate, revoke, renew. The holder reaches the ledger only as a salted reference; the
 * document handed back is a signed W3C credential whose anchor proof names the transaction.
 */
export const singleCertificateRoutes: RoutesPlugin<{ services: CertificateServices }> = async (
  app,
  { services },
) => {
  app.post(
    '/v1/certificates',
    {
      config: { idempotent: true },
      schema: {
        tags: ['certificates'],
        summary: 'Issue a certificate (an ISSUER of its type)',
        body: Type.Object(
          { type: Token, holder: Holder, claims: Claims, ...Window },
          { additionalProperties: false },
        ),
        response: { 201: Issued, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const caller = requireRole(request, 'ISSUER');
      const { type: typeId, holder, claims, ...window } = request.body;
      // Whether the caller may issue this type, and for how long, the ledger decides.
      const { type, schema } = await certificateTypeWithSchema(app, caller.org.id, typeId);
      services.claims.assertValid(type.schemaHash, schema, claims, '/claims');
      const validity = validityWindow(window);
      const signing = await signingFor(app, services, caller, typeId);
      const signed = signedCredential(signing, randomUUID(), holder, claims, validity);
      // Remembered first: a certificate on the ledger always has its salt here for renewal.
      await services.holderSalts.remember([
        [signed.certificateId, { salt: signed.holderSalt, holderRef: signed.holderRef }],
      ]);
      const { result, txId, blockNumber } = await app.ledger.submit({
        org: caller.org.id,
        fn: 'certificates:issue',
        args: {
          id: signed.certificateId,
          type: typeId,
          holderRef: signed.holderRef,
          documentHash: signed.documentHash,
          ...windowArgs(validity),
        },
      });
      const certificate = result;
      return reply.code(201).send({
        id: signed.certificateId,
        status: certificate.status,
        documentHash: signed.documentHash,
        txId,
        blockNumber,
        credential: anchoredCredential(signed, {
          ledger: await ledgerName(app),
          txId,
          blockNumber,
        }),
        certificate,
      });
    },
  );

  app.get(
    '/v1/certificates/:id',
    {
      schema: {
        tags: ['certificates'],
        summary: 'A certificate with its status now, or at `at`',
        params: IdParams,
        querystring: Type.Object({ at: Type.Optional(Instant) }, { additionalProperties: false }),
        response: { 200: CertificateRecord, ...problems(400, 401, 404) },
      },
    },
    async (request) => {
      const caller = request.caller?.org.id as string;
      const { at } = request.query;
      return await app.ledger.evaluate({
        org: caller,
        fn: 'certificates:get',
        args: { id: request.params.id, ...(at === undefined ? {} : { at: toLedgerSecond(at) }) },
      });
    },
  );

  app.get(
    '/v1/certificates/:id/history',
    {
      schema: {
        tags: ['certificates'],
        summary: 'Every recorded state of a certificate, oldest first, with its transaction',
        params: IdParams,
        querystring: Type.Object(Page, { additionalProperties: false }),
        response: { 200: pageOf(HistoryEntry), ...problems(400, 401, 404) },
      },
    },
    async (request) => {
      const caller = request.caller?.org.id as string;
      const history = await app.ledger.evaluate({
        org: caller,
        fn: 'certificates:history',
        args: { id: request.params.id },
      });
      // Positions, zero-padded, keep the ledger's order through the cursor.
      const positioned = history.map((entry, index) => ({
        entry,
        key: String(index).padStart(9, '0'),
      }));
      const page = paginate(positioned, (each) => each.key, request.query);
      return { items: page.items.map((each) => each.entry), nextCursor: page.nextCursor };
    },
  );

  for (const [change, summary] of CHANGES)
    app.post(
      `/v1/certificates/:id/${change}`,
      {
        config: { idempotent: true },
        schema: {
          tags: ['certificates'],
          summary,
          params: IdParams,
          body: ChangeBody,
          response: { 200: ChangeAnswer, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const caller = requireRole(request, 'ISSUER');
        const { result, txId, blockNumber } = await app.ledger.submit({
          org: caller.org.id,
          fn: `certificates:${change}`,
          args: { id: request.params.id, reason: request.body.reason },
        });
        return { ...result, txId, blockNumber };
      },
    );

  app.post(
    '/v1/certificates/:id/renew',
    {
      config: { idempotent: true },
      schema: {
        tags: ['certificates'],
        summary: 'Issue a new certificate that supersedes this one (its issuer)',
        params: IdParams,
        body: Type.Object(
          { holder: Holder, claims: Claims, ...Window },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ ...Issued.properties, supersedes: Type.String() }),
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const caller = requireRole(request, 'ISSUER');
      const oldId = request.params.id;
      const { holder, claims, ...window } = request.body;
      const old = await app.ledger.evaluate({
        org: caller.org.id,
        fn: 'certificates:get',
        args: { id: oldId },
      });
      // Only its issuer renews it, while it may still issue the type: the ledger decides, as it
      // decides that the renewal keeps the holder.
      const { type, schema } = await certificateTypeWithSchema(app, caller.org.id, old.type);
      services.claims.assertValid(type.schemaHash, schema, claims, '/claims');
      const validity = validityWindow(window);
      // The renewal keeps the holder: the same salt, so the same reference, when it is known.
      const binding = await services.holderSalts.find(oldId);
      const signing = await signingFor(app, services, caller, old.type);
      const signed = signedCredential(
        signing,
        randomUUID(),
        holder,
        claims,
        validity,
        binding?.salt,
      );
      // A batch member's holder is in its leaf, not in a ledger record: only the gateway, which
      // kept its salt, can tell the renewal names another holder.
      const keptRef = old.holderRef ?? binding?.holderRef;
      if (keptRef !== undefined && signed.holderRef !== keptRef)
        throw new Problem('validation', 'holder: a renewal keeps the holder of the certificate');
      await services.holderSalts.remember([
        [signed.certificateId, { salt: signed.holderSalt, holderRef: signed.holderRef }],
      ]);
      const { result, txId, blockNumber } = await app.ledger.submit({
        org: caller.org.id,
        fn: 'certificates:renew',
        args: {
          id: oldId,
          newId: signed.certificateId,
          documentHash: signed.documentHash,
          holderRef: signed.holderRef,
          ...windowArgs(validity),
        },
      });
      const certificate = result;
      return reply.code(201).send({
        id: signed.certificateId,
        status: certificate.status,
        documentHash: signed.documentHash,
        txId,
        blockNumber,
        credential: anchoredCredential(signed, {
          ledger: await ledgerName(app),
          txId,
          blockNumber,
        }),
        certificate,
        supersedes: oldId,
      });
    },
  );
};
