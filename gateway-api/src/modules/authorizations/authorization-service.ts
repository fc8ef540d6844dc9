import { randomUUID } from 'node:crypto';
import { canonicalHash } from '@citytrust/domain';
import { hasRole, type Caller } from '../../auth/caller';
import type { HubLedger } from '../../ledgers/hub-ledger';
import { withLedgerSeconds } from '../../shared/ledger-time';
import { paginate } from '../../shared/pagination';
import { Problem } from '../../shared/problem';
import type { Authorization, AuthorizationsQuery, NewAuthorization } from './schemas';

/** The creator (the subject's data holder, or the enterprise itself), the grantee, auditors. */
export function mayRead(caller: Caller, authorization: Authorization): boolean {
  return (
    caller.org.id === authorization.createdBy ||
    caller.org.id === authorization.grantee ||
    hasRole(caller, 'AUDITOR')
  );
}

/**
 * Reads one authorization for the caller. The read limit is the gateway's: the chaincode has
 * it too, but an EVM contract answers anyone.
 */
export async function readAuthorization(
  ledger: HubLedger,
  caller: Caller,
  id: string,
): Promise<Authorization> {
  const authorization = await ledger.evaluate({
    org: caller.org.id,
    fn: 'authorizations:get',
    args: { id },
  });
  // Stays: an EVM contract answers anyone, so who reads an authorization is the gateway's call.
  if (!mayRead(caller, authorization))
    throw new Problem('forbidden', `${caller.org.id} may not read authorization ${id}`);
  return authorization;
}

/**
 * A DATA_HOLDER authorizes a REQUESTER on a subject's consent, or an enterprise for itself.
 * A citizen's personal data goes to the ledger as transient data (private, purgeable).
 */
export async function createAuthorization(
  ledger: HubLedger,
  caller: Caller,
  input: NewAuthorization,
) {
  const { personal, ...terms } = input;
  const { subject } = terms;
  const itself =
    subject.type === 'ENTERPRISE' &&
    hasRole(caller, 'ENTERPRISE') &&
    caller.org.creditCode === subject.creditCode;
  // Stays: both ledgers check dates, and the gateway personal data, before the role (400, not 403).
  if (!hasRole(caller, 'DATA_HOLDER') && !itself)
    throw new Problem(
      'forbidden',
      `${caller.org.id} is neither a DATA_HOLDER nor the subject enterprise`,
    );
  if (personal !== undefined) {
    // Stays: the chaincode checks this last, the EVM connector first: here it answers alike.
    if (subject.type !== 'CITIZEN')
      throw new Problem('validation', 'an enterprise subject has no personal data');
    // Stays, as above: the chaincode checks it last, the EVM connector first.
    if (canonicalHash({ pseudonym: personal.pseudonym, salt: personal.salt }) !== subject.ref)
      throw new Problem('validation', 'personal data does not match the subject reference');
  }
  return ledger.submit({
    org: caller.org.id,
    fn: 'authorizations:create',
    args: { id: randomUUID(), ...withLedgerSeconds(terms, ['validFrom', 'validUntil']) },
    ...(personal !== undefined ? { transient: { personal } } : {}),
  });
}

/** One page of the authorizations the caller may read, by subject, grantee and status. */
export async function listAuthorizations(
  ledger: HubLedger,
  caller: Caller,
  query: AuthorizationsQuery,
) {
  const { limit, cursor, ...filters } = query;
  const all = await ledger.evaluate({
    org: caller.org.id,
    fn: 'authorizations:list',
    args: filters,
  });
  return paginate(
    // Stays: an EVM contract lists every authorization, so the gateway keeps the caller's own.
    all.filter((authorization) => mayRead(caller, authorization)),
    (authorization) => authorization.id,
    { limit, cursor },
  );
}

/** Its creator, or the subject enterprise, revokes an authorization; final. */
export async function revokeAuthorization(
  ledger: HubLedger,
  caller: Caller,
  id: string,
  reason: string,
) {
  return ledger.submit({
    org: caller.org.id,
    fn: 'authorizations:revoke',
    args: { id, reason },
  });
}
