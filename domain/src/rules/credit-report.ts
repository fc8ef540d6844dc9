import { canonicalHash } from '../hashing/canonical';
import { isRfc3339 } from '../time/ledger-time';
import {
  CREDIT_CATEGORIES,
  POSITIVE_CREDIT_CATEGORIES,
  SEVERITIES,
  type CreditCategory,
  type CreditStatus,
  type RecordedCreditStatus,
  type Severity,
} from '../vocabulary/credit';
import { HASH } from '../vocabulary/patterns';

/**
 * A credit report: a pure function of ledger state at a transaction, built by the chaincode
 * (and the EVM backend) and checked by anyone, so SHA-256 over its canonical JSON pins exactly
 * what a bank saw and when it was true.
 */

export interface CreditReportEntry {
  readonly id: string;
  readonly category: CreditCategory;
  readonly severity: Severity;
  readonly title: string;
  readonly authority: string;
  readonly decisionHash: string;
  readonly effectiveAt: string;
  readonly publicUntil: string | null;
}

export interface CreditReport {
  readonly subject: string;
  readonly generatedAt: string;
  readonly txId: string;
  /** Records in publicity at `generatedAt`, by effectiveAt then id. */
  readonly records: readonly CreditReportEntry[];
  readonly summary: {
    readonly public: number;
    readonly adverse: number;
    readonly positive: number;
  };
}

export interface CreditReportCheck {
  readonly valid: boolean;
  readonly errors: string[];
}

/** The hash the ledger anchors for a report. */
export function creditReportHash(report: CreditReport): string {
  return canonicalHash(report);
}

type JsonObject = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasExactly(value: JsonObject, keys: readonly string[]): boolean {
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((key) => own.includes(key));
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

const ENTRY_KEYS = [
  'id',
  'category',
  'severity',
  'title',
  'authority',
  'decisionHash',
  'effectiveAt',
  'publicUntil',
] as const;

function entryProblems(entry: unknown, index: number): string[] {
  const where = `records[${index}]`;
  if (!isObject(entry)) return [`${where} must be an object`];
  const problems: string[] = [];
  if (!hasExactly(entry, ENTRY_KEYS))
    problems.push(`${where} must have exactly ${ENTRY_KEYS.join(', ')}`);
  problems.push(
    ...entryTextProblems(entry, where),
    ...entryCodeProblems(entry, where),
    ...entryDateProblems(entry, where),
  );
  return problems;
}

/** The entry's free-text fields: present and not empty. */
function entryTextProblems(entry: JsonObject, where: string): string[] {
  const problems: string[] = [];
  for (const key of ['id', 'title', 'authority'] as const)
    if (typeof entry[key] !== 'string' || entry[key] === '')
      problems.push(`${where}.${key} must be a non-empty string`);
  return problems;
}

/** The entry's coded fields: category and severity from the vocabulary, the decision's digest. */
function entryCodeProblems(entry: JsonObject, where: string): string[] {
  const problems: string[] = [];
  if (!(CREDIT_CATEGORIES as readonly unknown[]).includes(entry.category))
    problems.push(`${where}.category must be one of ${CREDIT_CATEGORIES.join(', ')}`);
  if (!(SEVERITIES as readonly unknown[]).includes(entry.severity))
    problems.push(`${where}.severity must be one of ${SEVERITIES.join(', ')}`);
  if (typeof entry.decisionHash !== 'string' || !HASH.test(entry.decisionHash))
    problems.push(`${where}.decisionHash must be a lowercase hex SHA-256 digest`);
  return problems;
}

/** The entry's instants: when it took effect, and when its publicity ends (null: never). */
function entryDateProblems(entry: JsonObject, where: string): string[] {
  const problems: string[] = [];
  if (!isRfc3339(entry.effectiveAt))
    problems.push(`${where}.effectiveAt must be an RFC 3339 date-time`);
  if (entry.publicUntil !== null && !isRfc3339(entry.publicUntil))
    problems.push(`${where}.publicUntil must be an RFC 3339 date-time or null`);
  return problems;
}

/**
 * Whether `report` has the chaincode's report shape and its summary agrees with its records.
 * Never throws. It cannot tell whether the ledger anchored it: that is the hub's
 * `POST /v1/verify/credit-report`.
 */
export function checkCreditReport(report: unknown): CreditReportCheck {
  if (!isObject(report)) return { valid: false, errors: ['the report is not a JSON object'] };
  const errors: string[] = [];
  if (!hasExactly(report, ['subject', 'generatedAt', 'txId', 'records', 'summary']))
    errors.push('the report must have exactly subject, generatedAt, txId, records, summary');
  errors.push(...headerProblems(report));
  const records: readonly unknown[] | undefined = Array.isArray(report.records)
    ? report.records
    : undefined;
  if (records === undefined) errors.push('records must be an array');
  else errors.push(...records.flatMap((entry, index) => entryProblems(entry, index)));
  errors.push(...summaryProblems(report.summary, records));
  return { valid: errors.length === 0, errors };
}

/** The report's own fields: whom it is about, when, and in which transaction. */
function headerProblems(report: JsonObject): string[] {
  const problems: string[] = [];
  if (typeof report.subject !== 'string' || report.subject === '')
    problems.push('subject must be a non-empty string');
  if (!isRfc3339(report.generatedAt)) problems.push('generatedAt must be an RFC 3339 date-time');
  if (typeof report.txId !== 'string' || report.txId === '')
    problems.push('txId must be a non-empty string');
  return problems;
}

interface SummaryCounts {
  readonly public: number;
  readonly adverse: number;
  readonly positive: number;
}

function isSummaryCounts(value: unknown): value is SummaryCounts {
  return (
    isObject(value) &&
    hasExactly(value, ['public', 'adverse', 'positive']) &&
    isCount(value.public) &&
    isCount(value.adverse) &&
    isCount(value.positive)
  );
}

/** The summary's shape, and whether it counts `records` (when they are an array to count). */
function summaryProblems(summary: unknown, records: readonly unknown[] | undefined): string[] {
  if (!isSummaryCounts(summary)) return ['summary must be {public, adverse, positive} counts'];
  if (records === undefined) return [];
  const positive = records.filter(
    (entry) =>
      isObject(entry) &&
      (POSITIVE_CREDIT_CATEGORIES as readonly unknown[]).includes(entry.category),
  ).length;
  const countsAgree =
    summary.public === records.length &&
    summary.positive === positive &&
    summary.adverse === records.length - positive;
  return countsAgree ? [] : ['summary does not count the records'];
}

/** What the report needs of a credit record. */
export interface ReportedRecord extends CreditReportEntry {
  readonly status: RecordedCreditStatus;
}

/** A record's status at `at`: `EXPIRED` once its publicity has ended. */
export function creditStatusAt(
  record: Pick<ReportedRecord, 'status' | 'publicUntil'>,
  at: string,
): CreditStatus {
  if (record.status === 'ACTIVE' && record.publicUntil !== null && at >= record.publicUntil)
    return 'EXPIRED';
  return record.status;
}

function byEffectiveThenId(a: CreditReportEntry, b: CreditReportEntry): number {
  if (a.effectiveAt !== b.effectiveAt) return a.effectiveAt < b.effectiveAt ? -1 : 1;
  return a.id < b.id ? -1 : 1;
}

/** The report on `subject` at `generatedAt`: the records in publicity then, and their counts. */
export function buildCreditReport(
  subject: string,
  records: readonly ReportedRecord[],
  generatedAt: string,
  txId: string,
): CreditReport {
  const inPublicity = records
    .filter((record) => creditStatusAt(record, generatedAt) === 'ACTIVE')
    .filter((record) => record.effectiveAt <= generatedAt)
    .sort(byEffectiveThenId)
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
  const positive = inPublicity.filter((entry) =>
    POSITIVE_CREDIT_CATEGORIES.includes(entry.category),
  ).length;
  return {
    subject,
    generatedAt,
    txId,
    records: inPublicity,
    summary: { public: inPublicity.length, adverse: inPublicity.length - positive, positive },
  };
}
