import { createHash, randomBytes } from 'node:crypto';
import { canonicalHash } from '@citytrust/domain';
import type { ScenarioStep } from '../scenarios/scenario';
import type { EmbeddedLedger } from './embedded-ledger';

export const ACME_CODE = '91330100MA2ACME01X';

export const hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A salted holder reference, as the gateway makes it: the holder id never reaches the ledger. */
export function holderRef(holderId: string, salt: string): string {
  return canonicalHash({ holderId, salt });
}

export const randomSalt = (): string => randomBytes(16).toString('hex');

/** Submits (or evaluates) one call and returns its parsed answer; a refusal throws. */
export async function call(
  ledger: EmbeddedLedger,
  actor: string,
  fn: string,
  args?: Record<string, unknown>,
  options: Partial<Pick<ScenarioStep, 'evaluate' | 'transient' | 'at'>> = {},
): Promise<Record<string, unknown>> {
  const outcome = await ledger.call(
    { title: fn, actor, call: fn, ...(args ? { args } : {}), ...options, expect: { ok: {} } },
    options.at ? new Date(options.at) : new Date(),
  );
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.result as Record<string, unknown>;
}

/** The demo consortium of API.md, with its certificate types and data catalog. */
export async function bootstrapDemo(ledger: EmbeddedLedger): Promise<void> {
  await call(ledger, 'city-data-bureau', 'registry:initialize', {
    id: 'city-data-bureau',
    name: 'City Data Bureau',
  });
  const orgs: Array<[string, string[], string?]> = [
    ['market-regulation', ['ISSUER', 'CREDIT_AUTHORITY']],
    ['transport-bureau', ['ISSUER']],
    ['citizen-services', ['DATA_HOLDER']],
    ['city-bank', ['REQUESTER']],
    ['audit-office', ['AUDITOR']],
    ['acme-trading', ['ENTERPRISE'], ACME_CODE],
  ];
  for (const [id, roles, creditCode] of orgs) {
    await call(ledger, 'city-data-bureau', 'registry:registerOrganization', {
      id,
      name: id,
      roles,
      ...(creditCode ? { creditCode } : {}),
    });
  }
  for (const [id, issuer] of [
    ['business-license', 'market-regulation'],
    ['road-transport-permit', 'transport-bureau'],
  ] as const) {
    await call(ledger, 'city-data-bureau', 'registry:defineCertificateType', {
      id,
      name: id,
      schemaHash: hex(`schema of ${id}`),
      issuers: [issuer],
    });
  }
  for (const id of ['social-security', 'household-registration', 'tax-records', 'credit-report'])
    await call(ledger, 'city-data-bureau', 'registry:addDataCategory', { id, name: id });
  await call(ledger, 'city-data-bureau', 'registry:addToNegativeList', {
    category: 'classified-records',
    reason: 'never shared',
  });
}
