import type { Organization } from '../../auth/caller';
import { LedgerRefusal, type HubLedger } from '../../ledgers/hub-ledger';
import type { AuthorizationParties, VisibilityDirectory } from './event-visibility';
import { ExpiringCache } from '../../shared/expiring-cache';

/** Roles change rarely but do change: a viewer's are re-read after this long. */
const ORGANIZATION_TTL_MS = 5_000;
/** An authorization's creator and grantee never change. */
const PARTIES_TTL_MS = 24 * 60 * 60 * 1000;
/** A subject gains authorizations over time; its parties are re-read after this long. */
const SUBJECT_TTL_MS = 5_000;

interface AuthorizationRecord {
  readonly id: string;
  readonly createdBy: string;
  readonly grantee: string;
}

const partiesOf = (record: AuthorizationRecord): AuthorizationParties => ({
  createdBy: record.createdBy,
  grantee: record.grantee,
});

/**
 * The registry and authorization facts visibility depends on, read from the ledger and cached
 * for every subscriber at once. Authorizations are read as an AUDITOR organization, which may
 * read every one (on the EVM every read is public anyway); with no auditor registered, as the
 * viewer itself, which then finds exactly the authorizations it may read.
 */
export class LedgerDirectory {
  readonly #organizations = new ExpiringCache<Organization>(ORGANIZATION_TTL_MS, 1_000);
  readonly #parties = new ExpiringCache<AuthorizationParties>(PARTIES_TTL_MS, 10_000);
  readonly #subjects = new ExpiringCache<readonly AuthorizationParties[]>(SUBJECT_TTL_MS, 1_000);
  readonly #auditor = new ExpiringCache<string>(ORGANIZATION_TTL_MS, 1);

  constructor(private readonly ledger: HubLedger) {}

  /** The directory as one organization uses it to decide what it may see. */
  forViewer(orgId: string): VisibilityDirectory {
    return {
      isAuditor: async (asked) =>
        (await this.organization(asked))?.roles.includes('AUDITOR') === true,
      authorizationParties: (authorizationId) => this.authorizationParties(authorizationId, orgId),
      subjectParties: (subject) => this.subjectParties(subject, orgId),
    };
  }

  organization(orgId: string): Promise<Organization | undefined> {
    return this.#organizations.through(orgId, () =>
      notFoundAsUndefined(
        this.ledger.evaluate({
          org: orgId,
          fn: 'registry:getOrganization',
          args: { id: orgId },
        }),
      ),
    );
  }

  async authorizationParties(
    authorizationId: string,
    viewer: string,
  ): Promise<AuthorizationParties | undefined> {
    const hit = this.#parties.get(authorizationId);
    if (hit) return hit;
    const reader = (await this.auditorOrg(viewer)) ?? viewer;
    const record = await notFoundAsUndefined(
      this.ledger.evaluate({
        org: reader,
        fn: 'authorizations:get',
        args: { id: authorizationId },
      }),
    );
    if (!record) return undefined;
    const parties = partiesOf(record);
    this.#parties.set(authorizationId, parties);
    return parties;
  }

  async subjectParties(subject: string, viewer: string): Promise<readonly AuthorizationParties[]> {
    const reader = (await this.auditorOrg(viewer)) ?? viewer;
    const found = await this.#subjects.through(`${reader}\u0000${subject}`, async () => {
      const records = await this.ledger.evaluate({
        org: reader,
        fn: 'authorizations:list',
        args: { subject },
      });
      for (const record of records) this.#parties.set(record.id, partiesOf(record));
      return records.map(partiesOf);
    });
    return found ?? [];
  }

  /** An organization holding AUDITOR, found through the registry as `viewer` reads it. */
  private auditorOrg(viewer: string): Promise<string | undefined> {
    return this.#auditor.through('auditor', async () => {
      const organizations = await this.ledger.evaluate({
        org: viewer,
        fn: 'registry:listOrganizations',
      });
      return organizations.find((org) => org.roles.includes('AUDITOR'))?.id;
    });
  }
}

/**
 * A read that the ledger refuses as unknown, or as not the reader's to see, answers undefined:
 * for visibility both mean "not shown". Anything else (the ledger is down) propagates.
 */
async function notFoundAsUndefined<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (error) {
    if (
      error instanceof LedgerRefusal &&
      (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')
    )
      return undefined;
    throw error;
  }
}
