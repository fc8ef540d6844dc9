import { createHash } from 'node:crypto';
import { canonicalJson } from '../hashing/canonical';
import {
  buildCreditReport,
  checkCreditReport,
  creditReportHash,
  type CreditReport,
  type ReportedRecord,
} from './credit-report';

function record(overrides: Partial<ReportedRecord>): ReportedRecord {
  return {
    id: 'cr-1',
    category: 'PENALTY',
    severity: 'MEDIUM',
    title: 'Late annual report',
    authority: 'market-regulation',
    decisionHash: 'd'.repeat(64),
    effectiveAt: '2025-01-10T00:00:00.000Z',
    publicUntil: '2028-01-10T00:00:00.000Z',
    status: 'ACTIVE',
    ...overrides,
  };
}

/** A report as the chaincode builds it. */
function chaincodeReport(): CreditReport {
  return buildCreditReport(
    '91330100MA2ACME01X',
    [
      record({}),
      record({ id: 'cr-2', category: 'RED_LIST', severity: 'LOW', publicUntil: null }),
      record({ id: 'cr-3', status: 'REPAIRED' }),
    ],
    '2025-06-01T00:00:00.000Z',
    'e'.repeat(64),
  );
}

describe('credit reports', () => {
  it('hashes a report as SHA-256 over its canonical JSON, like the chaincode', () => {
    const report = chaincodeReport();
    expect(creditReportHash(report)).toBe(
      createHash('sha256').update(canonicalJson(report)).digest('hex'),
    );
    const { summary, ...rest } = report;
    const reordered: CreditReport = JSON.parse(JSON.stringify({ summary, ...rest }));
    expect(Object.keys(reordered)[0]).toBe('summary');
    expect(creditReportHash(reordered)).toBe(creditReportHash(report));
  });

  it("accepts the chaincode's reports", () => {
    expect(checkCreditReport(chaincodeReport())).toEqual({ valid: true, errors: [] });
    expect(checkCreditReport(JSON.parse(JSON.stringify(chaincodeReport()))).valid).toBe(true);
  });

  it('refuses malformed reports with reasons, without throwing', () => {
    const report = chaincodeReport();
    const cases: unknown[] = [
      null,
      'report',
      [],
      {},
      { ...report, extra: 1 },
      { ...report, generatedAt: 'now' },
      { ...report, records: 'none' },
      { ...report, records: [{ ...report.records[0], category: 'GOSSIP' }] },
      { ...report, records: [{ ...report.records[0], decisionHash: 'XYZ' }] },
      { ...report, summary: { ...report.summary, adverse: 5 } },
      { ...report, summary: null },
    ];
    for (const bad of cases) {
      const check = checkCreditReport(bad);
      expect(check.valid).toBe(false);
      expect(check.errors.length).toBeGreaterThan(0);
    }
  });
});
