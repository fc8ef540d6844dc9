import { CERTIFICATE_ID_PATTERN } from '@citytrust/domain';
import { Type, type Static } from '@sinclair/typebox';
import type { CertificateCredential } from '@citytrust/sdk';
import { Hash, Instant, LedgerCoordinates, Page, Text, Token } from '../../shared/schemas';

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) =>
  Type.Union([schema, Type.Null()]);

/** A certificate id: one issued alone, or batch member `<batchId>~<index>`. */
export const CertificateId = Type.String({
  pattern: CERTIFICATE_ID_PATTERN,
  description: 'certificate id, or `<batchId>~<index>` for a batch member',
});

/** The holder as the credential names them; the ledger only ever sees a salted reference. */
export const Holder = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 256, description: "the holder's identifier" }),
    name: Type.Optional(Text(200)),
  },
  { additionalProperties: false },
);

/** Claims are free-form here; the certificate type's JSON Schema decides. */
export const Claims = Type.Record(Type.String(), Type.Unknown(), {
  description: "the certificate's content, checked against its type's JSON Schema",
});

export const Window = {
  validFrom: Type.Optional(Instant),
  validUntil: Type.Optional(Instant),
};

/** A W3C Verifiable Credential 2.0 with its signature and ledger anchor proofs (see the sdk). */
export const Credential = Type.Unsafe<CertificateCredential>({
  type: 'object',
  additionalProperties: true,
  description: 'W3C Verifiable Credential 2.0: ecdsa-jcs-2019 signature and ledger anchor proofs',
});

/** A certificate as the ledger keeps it, with its status at `at`. */
export const CertificateRecord = Type.Object({
  id: Type.String(),
  type: Type.String(),
  issuer: Type.String(),
  holderRef: Nullable(Type.String()),
  documentHash: Nullable(Type.String()),
  batchId: Nullable(Type.String()),
  merkleRoot: Nullable(Type.String()),
  validFrom: Type.String(),
  validUntil: Nullable(Type.String()),
  status: Type.String({
    description:
      'ACTIVE, SUSPENDED, REVOKED, SUPERSEDED; from time: EXPIRED, NOT_YET_VALID, NOT_ISSUED',
  }),
  reason: Nullable(Type.String()),
  supersedes: Nullable(Type.String()),
  supersededBy: Nullable(Type.String()),
  issuedAt: Type.String(),
  updatedAt: Type.String(),
  at: Type.String({ description: 'the instant the status is given for' }),
});

export type CertificateView = Static<typeof CertificateRecord>;

/** What issuing and renewing answer. */
export const Issued = Type.Object({
  id: Type.String(),
  status: Type.String(),
  documentHash: Hash,
  ...LedgerCoordinates,
  credential: Credential,
  certificate: CertificateRecord,
});

export const IdParams = Type.Object({ id: CertificateId });

export const AtQuery = Type.Object({ at: Type.Optional(Instant) }, { additionalProperties: false });

export const HistoryQuery = Type.Object(Page, { additionalProperties: false });

/**
 * One recorded state. The EVM connector answers each change's time and status (and reason) but
 * not its transaction or the whole record, so only those are promised here.
 */
export const HistoryEntry = Type.Object({
  txId: Type.String(),
  timestamp: Type.String(),
  record: Type.Object({
    ...Type.Partial(Type.Omit(CertificateRecord, ['at'])).properties,
    id: Type.String(),
    status: Type.String(),
  }),
});

export const IssueBody = Type.Object(
  { type: Token, holder: Holder, claims: Claims, ...Window },
  { additionalProperties: false },
);

export const RenewBody = Type.Object(
  { holder: Holder, claims: Claims, ...Window },
  { additionalProperties: false },
);

export const Renewed = Type.Object({ ...Issued.properties, supersedes: Type.String() });

export const ChangeBody = Type.Object({ reason: Text(500) }, { additionalProperties: false });

export const ChangeAnswer = Type.Object({ ...CertificateRecord.properties, ...LedgerCoordinates });

const BatchItem = Type.Object(
  { holder: Holder, claims: Claims, ...Window },
  { additionalProperties: false },
);

/** A batch of at most `maxBatch` items (the gateway's configured bound). */
export const BatchIssueBody = (maxBatch: number) =>
  Type.Object(
    {
      type: Token,
      items: Type.Array(BatchItem, { minItems: 1, maxItems: maxBatch }),
      ...Window,
    },
    { additionalProperties: false },
  );

export const BatchIssued = Type.Object({
  batchId: Type.String(),
  merkleRoot: Hash,
  count: Type.Integer(),
  ...LedgerCoordinates,
  certificates: Type.Array(
    Type.Object({ id: Type.String(), documentHash: Hash, credential: Credential }),
  ),
});
