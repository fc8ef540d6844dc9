import type { CreditRecord, CreditStatus } from './credit-record';

export interface CreditReportEntry {
  readonly id: string;
  readonly category: CreditRecord['category'];
  readonly severity: CreditRecord['severity'];
  readonly title: string;
  readonly authority: string;
  readonly decisionHash: string;
  readonly effectiveAt: string;
  readonly publicUntil: string | null;
}

/**
 * What a bank is shown. It is a pure function of ledger state at the transaction, so the hash
 * anchored with it (SHA-256 over its canonical JSON) pins exactly this content at this time.
 */
export interface CreditReport {
  readonly subject: string;
  readonly generatedAt: string;
  readonly txId: string;
  /** Records in publicity at `generatedAt`: ACTIVE, effective and not past `publicUntil`. */
  readonly records: CreditReportEntry[];
  readonly summary: {
    readonly public: number;
    readonly adverse: number;
    readonly positive: number;
  };
}

const POSITIVE: readonly string[] = ['LICENSE', 'RED_LIST'];

export function creditStatusAt(record: CreditRecord, at: string): CreditStatus {
  if (record.status === 'ACTIVE' && record.publicUntil !== null && at >= record.publicUntil)
    return 'EXPIRED';
  return record.status;
}

export function buildCreditReport(
  subject: string,
  records: readonly CreditRecord[],
  generatedAt: string,
  txId: string,
): CreditReport {
  const inPublicity = records
    .filter((record) => creditStatusAt(record, generatedAt) === 'ACTIVE')
    .filter((record) => record.effectiveAt <= generatedAt)
    .sort((a, b) =>
      a.effectiveAt === b.effectiveAt
        ? a.id < b.id
          ? -1
          : 1
        : a.effectiveAt < b.effectiveAt
          ? -1
          : 1,
    )
    .map((record) => ({
      id: record.id,
      category: record.category,
      severity: record.severity,
      title: record.title,
      authority: record.authority,
      decisionHash: record.decisionHash,
      effectiveAt: record.effectiveAt,
      publicUntil: record.publicUntil,
    }));
  const positive = inPublicity.filter((entry) => POSITIVE.includes(entry.category)).length;
  return {
    subject,
    generatedAt,
    txId,
    records: inPublicity,
    summary: { public: inPublicity.length, adverse: inPublicity.length - positive, positive },
  };
}
