import { Type } from '@sinclair/typebox';
import { canonicalHash } from '@citytrust/domain';
import type { RoutesPlugin } from '../../shared/type-provider';
import { LedgerRefusal } from '../../ledgers/hub-ledger';
import { Hash, problems } from '../../shared/schemas';

/** The shape a report must have to be checked at all; anything else in it is hashed as given. */
const ReportToVerify = Type.Object(
  {
    subject: Type.String({ minLength: 1, maxLength: 64 }),
    generatedAt: Type.String({ minLength: 1, maxLength: 64 }),
    txId: Type.String({ minLength: 1, maxLength: 128 }),
    records: Type.Array(Type.Object({}, { additionalProperties: true }), { maxItems: 10_000 }),
    summary: Type.Object({}, { additionalProperties: true }),
  },
  { additionalProperties: true },
);

interface ReportAnchor {
  readonly reportHash: string;
  readonly subject: string;
  readonly generatedAt: string;
  readonly txId: string;
}

/**
 * Anyone may check a credit report they were shown: its canonical hash must be anchored on the
 * ledger for the same subject and time. A changed report hashes differently and is not found.
 */
export const verifyCreditReportRoutes: RoutesPlugin = async (app) => {
  app.post(
    '/v1/verify/credit-report',
    {
      config: { public: true },
      schema: {
        tags: ['verify'],
        summary: 'Verify a credit report against its ledger anchor (no key needed)',
        body: Type.Object({ report: ReportToVerify }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            valid: Type.Boolean(),
            anchored: Type.Boolean(),
            generatedAt: Type.Union([Type.String(), Type.Null()], {
              description: 'when the anchored report was generated; null when not anchored',
            }),
            reportHash: Hash,
            subject: Type.String(),
            txId: Type.Union([Type.String(), Type.Null()], {
              description: 'the transaction that anchored it',
            }),
          }),
          ...problems(400),
        },
      },
    },
    async (request) => {
      const { report } = request.body;
      const reportHash = canonicalHash(report);
      let anchor: ReportAnchor | null = null;
      try {
        // Anchors are public; the hub reads them with its governance identity.
        anchor = await app.ledger.evaluate({
          org: app.config.readerOrg,
          fn: 'credit:getReportAnchor',
          args: { reportHash },
        });
      } catch (error) {
        if (!(error instanceof LedgerRefusal && error.code === 'NOT_FOUND')) throw error;
      }
      const valid =
        anchor !== null &&
        anchor.subject === report.subject &&
        anchor.generatedAt === report.generatedAt;
      return {
        valid,
        anchored: anchor !== null,
        generatedAt: anchor?.generatedAt ?? null,
        reportHash,
        subject: report.subject,
        txId: anchor?.txId ?? null,
      };
    },
  );
};
