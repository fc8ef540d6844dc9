import { GENESIS_HASH, type Authorization } from '@citytrust/domain';

/** Terms the access-decision and trail-audit tests start from; each test overrides what it needs. */
export function testTerms(overrides: Partial<Authorization> = {}): Authorization {
  return {
    id: 'a1',
    subjectType: 'ENTERPRISE',
    subject: '91330100MA2ACME01X',
    createdBy: 'acme-trading',
    grantee: 'city-bank',
    categories: ['credit-report', 'tax-records'],
    purpose: 'loan-assessment',
    legalBasis: 'CONSENT',
    operations: ['READ'],
    maxAccesses: 3,
    maxPerDay: 2,
    validFrom: '2030-01-01T00:00:00.000Z',
    validUntil: '2030-02-01T00:00:00.000Z',
    consentEvidenceHash: 'e'.repeat(64),
    status: 'ACTIVE',
    used: 0,
    eventCount: 0,
    headHash: GENESIS_HASH,
    revokedAt: null,
    revocationReason: null,
    createdAt: '2030-01-01T00:00:00.000Z',
    updatedAt: '2030-01-01T00:00:00.000Z',
    ...overrides,
  };
}
