import type { authorizationCalls as authorizationCallsCatalogue } from '@citytrust/domain';
import {
  AUTHORIZATION_STATUSES,
  CREDIT_CODE,
  HASH,
  ID,
  LEGAL_BASES,
  SUBJECT_TYPES,
} from '@citytrust/domain';
import { Interface, sha256, toUtf8Bytes, type TransactionReceipt } from 'ethers';
import { AuthorizationRegistry__factory } from '@citytrust/contracts';
import type { AuthorizationRegistry } from '@citytrust/contracts';
import {
  DENIAL_REASONS,
  OPERATIONS,
  readTrail,
  verifyAuthorizationTrail,
  verifyGranteeTrails,
  type AccessEvent,
  type TrailAudit,
} from '../access-trail';
import { fields, hash, instant, int, str, strList } from './call-arguments';
import { type Args, type CallContext, CallInputError, type ChaincodeCall } from './call-context';
import { byId, hex, iso, isoOrNull } from './chaincode-values';

/**
 * The `authorizations:*` calls on AuthorizationRegistry. Organizations are accounts; the
 * chaincode's `null` limits are the contract's 0; `trail` and `verifyTrail` read the chain's
 * `AccessRecorded` events through contracts/lib/access-trail.ts. Reads are not restricted:
 * EVM state is public (see the known differences).
 */

const STATUSES = AUTHORIZATION_STATUSES;
const HEX64 = HASH;
const UINT32_MAX = 0xffff_ffff;
const MAX_PERSONAL_BYTES = 64 * 1024;

function registry(context: CallContext): AuthorizationRegistry {
  return AuthorizationRegistry__factory.connect(
    context.addresses.AuthorizationRegistry,
    context.signer,
  );
}

function oneOf(names: readonly string[], args: Args, name: string): number {
  const value = str(args, name);
  const index = names.indexOf(value);
  if (index < 0) throw new CallInputError(`${name}: ${value} is not one of ${names.join(', ')}`);
  return index;
}

function orgAccount(context: CallContext, args: Args, name: string): Promise<string> {
  const id = str(args, name);
  if (!ID.test(id)) throw new CallInputError(`${name}: must be an identifier`);
  return context.account(id);
}

/** The chaincode's optional, nullable limit: absent or null is no limit, the contract's 0. */
function limit(args: Args, name: string): number {
  const value = args[name];
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > UINT32_MAX)
    throw new CallInputError(`${name}: must be a positive integer or null`);
  return value;
}

function operationMask(args: Args): number {
  const names = strList(args, 'operations');
  if (new Set(names).size !== names.length)
    throw new CallInputError('operations: must not repeat an operation');
  return names.reduce((mask, name) => {
    const index = OPERATIONS.indexOf(name as (typeof OPERATIONS)[number]);
    if (index < 0) throw new CallInputError(`operations: ${name} is not an operation`);
    return mask | (1 << index);
  }, 0);
}

function operationNames(mask: bigint): string[] {
  return OPERATIONS.filter((_, index) => (mask >> BigInt(index)) & 1n);
}

function subject(args: Args): { type: number; value: string } {
  const given = args['subject'];
  if (given === null || typeof given !== 'object' || Array.isArray(given))
    throw new CallInputError('subject: must be an object');
  const fieldsOf = given as Args;
  const type = oneOf(SUBJECT_TYPES, fieldsOf, 'type');
  const key = type === 0 ? 'ref' : 'creditCode';
  fields(fieldsOf, ['type', key]);
  return { type, value: str(fieldsOf, key) };
}

/** A citizen's reference: SHA-256 over the canonical `{"pseudonym":…,"salt":…}`. */
function subjectRef(pseudonym: string, salt: string): string {
  return sha256(toUtf8Bytes(JSON.stringify({ pseudonym, salt }))).slice(2);
}

/**
 * Transient personal data never reaches an EVM chain (there is no private data to put it
 * in), so nothing is stored; it is still checked as the chaincode checks it before storing,
 * so bad personal data is refused the same way.
 */
function checkPersonalData(context: CallContext, subjectType: number, ref: string): void {
  const transient = context.transient ?? {};
  if (subjectType === 1) {
    if (Object.keys(transient).length > 0)
      throw new CallInputError('an enterprise subject has no personal data');
    return;
  }
  const personal = transient['personal'];
  if (personal === undefined) return;
  const { pseudonym, salt } = personalData(personal);
  if (subjectRef(pseudonym, salt) !== ref)
    throw new CallInputError('transient personal data does not match the subject reference');
}

/** The transient `personal` field, refused as the chaincode's schema refuses it. */
function personalData(personal: unknown): { pseudonym: string; salt: string } {
  if (Buffer.byteLength(JSON.stringify(personal)) > MAX_PERSONAL_BYTES)
    throw new CallInputError(`transient personal data exceeds ${MAX_PERSONAL_BYTES} bytes`);
  if (personal === null || typeof personal !== 'object' || Array.isArray(personal))
    throw new CallInputError('transient personal data must be an object');
  const data = personal as Args;
  fields(data, ['pseudonym', 'salt'], ['attributes']);
  const pseudonym = str(data, 'pseudonym');
  const salt = str(data, 'salt');
  if (pseudonym.length < 1 || pseudonym.length > 256)
    throw new CallInputError('personal.pseudonym: must be 1-256 characters');
  if (!/^[0-9a-f]{32,128}$/.test(salt))
    throw new CallInputError('personal.salt: must be 16-64 random bytes in hex');
  checkPersonalAttributes(data['attributes']);
  return { pseudonym, salt };
}

/** Optional: at most 32 string attributes, names up to 64 characters, values up to 1024. */
function checkPersonalAttributes(attributes: unknown): void {
  if (attributes === undefined) return;
  if (attributes === null || typeof attributes !== 'object' || Array.isArray(attributes))
    throw new CallInputError('personal.attributes: must be an object');
  const entries = Object.entries(attributes);
  if (
    entries.length > 32 ||
    entries.some(
      ([key, value]) => key.length > 64 || typeof value !== 'string' || value.length > 1024,
    )
  )
    throw new CallInputError('personal.attributes: at most 32 short string attributes');
}

type Authorization = Awaited<ReturnType<AuthorizationRegistry['get']>>;

function named<T extends string>(names: readonly T[], value: bigint): T {
  const name = names[Number(value)];
  if (name === undefined) throw new Error(`no name for enum value ${value}`);
  return name;
}

async function authorizationView(context: CallContext, a: Authorization) {
  return {
    id: a.id,
    subjectType: named(SUBJECT_TYPES, a.subjectType),
    subject: a.subject,
    createdBy: await context.orgId(a.createdBy),
    grantee: await context.orgId(a.grantee),
    categories: [...a.categories],
    purpose: a.purpose,
    legalBasis: named(LEGAL_BASES, a.legalBasis),
    operations: operationNames(a.operations),
    maxAccesses: a.maxAccesses === 0n ? null : Number(a.maxAccesses),
    maxPerDay: a.maxPerDay === 0n ? null : Number(a.maxPerDay),
    validFrom: iso(a.validFrom),
    validUntil: iso(a.validUntil),
    consentEvidenceHash: hex(a.consentEvidenceHash),
    status: named(STATUSES, a.status),
    used: Number(a.used),
    eventCount: Number(a.eventCount),
    headHash: hex(a.headHash),
    revokedAt: isoOrNull(a.revokedAt),
    revocationReason: a.revocationReason === '' ? null : a.revocationReason,
    createdAt: iso(a.createdAt),
    updatedAt: iso(a.updatedAt),
  };
}

async function eventView(context: CallContext, event: AccessEvent) {
  return {
    authorizationId: event.authorizationId,
    seq: event.seq,
    eventId: hex(event.eventId),
    at: iso(event.at),
    actor: await context.orgId(event.actor),
    category: event.category,
    purpose: event.purpose,
    operation: event.operation,
    recordCount: event.recordCount,
    requestHash: hex(event.requestHash),
    allowed: event.allowed,
    reason: event.reason,
    prevHash: hex(event.prevHash),
    eventHash: hex(event.eventHash),
  };
}

function auditView(audit: TrailAudit) {
  return {
    ...audit,
    violations: audit.violations.map((v) => ({ ...v, eventId: hex(v.eventId) })),
    headHash: hex(audit.headHash),
  };
}

async function authorization(context: CallContext, id: string) {
  return authorizationView(context, await registry(context).get(id));
}

/** The access event the receipt's transaction recorded, in the chaincode's answer shape. */
export function accessOutcome(receipt: TransactionReceipt, events: Interface, at: string) {
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== at.toLowerCase()) continue;
    const parsed = events.parseLog(log);
    if (parsed?.name !== 'AccessRecorded') continue;
    const link = parsed.args.getValue('link') as AuthorizationRegistry.AccessLinkStructOutput;
    const reason = named(DENIAL_REASONS, link.reason);
    return {
      allowed: link.allowed,
      eventId: hex(receipt.hash),
      eventHash: hex(link.eventHash),
      reason: reason === 'NONE' ? null : reason,
      seq: Number(link.sequence),
    };
  }
  throw new Error('the transaction recorded no access');
}

export const authorizationCalls: {
  readonly [Name in keyof typeof authorizationCallsCatalogue]: ChaincodeCall;
} = {
  'authorizations:create': async (context, args) => {
    fields(
      args,
      [
        'id',
        'subject',
        'grantee',
        'categories',
        'purpose',
        'legalBasis',
        'operations',
        'validFrom',
        'validUntil',
        'consentEvidenceHash',
      ],
      ['maxAccesses', 'maxPerDay'],
    );
    const { type, value } = subject(args);
    const terms: AuthorizationRegistry.TermsStruct = {
      id: str(args, 'id'),
      subjectType: type,
      subject: value,
      grantee: await orgAccount(context, args, 'grantee'),
      categories: strList(args, 'categories'),
      purpose: str(args, 'purpose'),
      legalBasis: oneOf(LEGAL_BASES, args, 'legalBasis'),
      operations: operationMask(args),
      maxAccesses: limit(args, 'maxAccesses'),
      maxPerDay: limit(args, 'maxPerDay'),
      validFrom: instant(args, 'validFrom'),
      validUntil: instant(args, 'validUntil'),
      consentEvidenceHash: hash(args, 'consentEvidenceHash'),
    };
    checkPersonalData(context, type, value);
    await context.send(registry(context).create.populateTransaction(terms));
    return authorization(context, str(args, 'id'));
  },
  'authorizations:revoke': async (context, args) => {
    fields(args, ['id', 'reason']);
    const id = str(args, 'id');
    await context.send(registry(context).revoke.populateTransaction(id, str(args, 'reason')));
    return authorization(context, id);
  },
  'authorizations:recordAccess': async (context, args) => {
    fields(args, [
      'authorizationId',
      'category',
      'purpose',
      'operation',
      'recordCount',
      'requestHash',
    ]);
    const recordCount = int(args, 'recordCount');
    if (recordCount > UINT32_MAX) throw new CallInputError('recordCount: too large');
    const contract = registry(context);
    const receipt = await context.send(
      contract.recordAccess.populateTransaction({
        authorizationId: str(args, 'authorizationId'),
        subject: '',
        category: str(args, 'category'),
        purpose: str(args, 'purpose'),
        operation: oneOf(OPERATIONS, args, 'operation'),
        recordCount,
        requestHash: hash(args, 'requestHash'),
      }),
    );
    return accessOutcome(receipt, contract.interface, context.addresses.AuthorizationRegistry);
  },
  'authorizations:get': async (context, args) => {
    fields(args, ['id']);
    return authorization(context, str(args, 'id'));
  },
  'authorizations:list': async (context, args) => {
    fields(args, [], ['subject', 'grantee', 'status']);
    const subjectId = args['subject'] === undefined ? undefined : str(args, 'subject');
    if (subjectId !== undefined && !HEX64.test(subjectId) && !CREDIT_CODE.test(subjectId))
      throw new CallInputError('subject: must be a citizen reference or a credit code');
    const status = args['status'] === undefined ? undefined : oneOf(STATUSES, args, 'status');
    const contract = registry(context);
    const found =
      args['grantee'] !== undefined
        ? await contract.listByGrantee(await orgAccount(context, args, 'grantee'))
        : subjectId !== undefined
          ? await contract.listBySubject(subjectId)
          : await contract.list();
    return byId(
      await Promise.all(
        found
          .filter((a) => subjectId === undefined || a.subject === subjectId)
          .filter((a) => status === undefined || Number(a.status) === status)
          .map((a) => authorizationView(context, a)),
      ),
    );
  },
  'authorizations:trail': async (context, args) => {
    fields(args, ['id']);
    const id = str(args, 'id');
    const contract = registry(context);
    await contract.get(id); // an unknown id is NOT_FOUND, not an empty trail
    return Promise.all((await readTrail(contract, id)).map((event) => eventView(context, event)));
  },
  'authorizations:verifyTrail': async (context, args) => {
    const contract = registry(context);
    if ('authorizationId' in args) {
      fields(args, ['authorizationId']);
      return auditView(await verifyAuthorizationTrail(contract, str(args, 'authorizationId')));
    }
    fields(args, ['grantee', 'from', 'to']);
    const from = Number(instant(args, 'from'));
    const to = Number(instant(args, 'to'));
    if (to <= from) throw new CallInputError('to must be after from');
    const audit = await verifyGranteeTrails(
      contract,
      await orgAccount(context, args, 'grantee'),
      from,
      to,
    );
    return {
      ...audit,
      violations: audit.violations.map((v) => ({ ...v, eventId: hex(v.eventId) })),
      authorizations: byId(audit.authorizations.map((a) => ({ ...a, headHash: hex(a.headHash) }))),
    };
  },
  'authorizations:forget': async (context, args) => {
    fields(args, ['subject']);
    const subjectId = str(args, 'subject');
    const contract = registry(context);
    const receipt = await context.send(contract.forget.populateTransaction(subjectId));
    return {
      subject: subjectId,
      // Nothing personal is on an EVM chain, so nothing is purged: the request is recorded.
      purged: [],
      forgottenBy: await context.orgId(context.actor),
      forgottenAt: iso(await contract.forgottenAt(context.actor, subjectId)),
      txId: hex(receipt.hash),
    };
  },
};

/** AuthorizationRegistry's errors whose chaincode code their name alone does not tell. */
export const authorizationErrorCodes: Record<string, string> = {
  DuplicateCategory: 'INVALID_ARGUMENT',
  CategoryNotInCatalog: 'INVALID_ARGUMENT',
  WindowOver: 'INVALID_ARGUMENT',
  SelfGrant: 'FORBIDDEN',
  CreditReportNotBySubject: 'FORBIDDEN',
  UntrustedCaller: 'FORBIDDEN',
  ReportRegistryAlreadyTrusted: 'CONFLICT',
};
