import type { LedgerEvent } from '../../ledgers/hub-ledger';
import { PUBLIC_EVENTS } from './event-catalog';

/** Who an authorization concerns, besides auditors: the chaincode's `mayRead`. */
export interface AuthorizationParties {
  /** The data holder that created it on the subject's consent, or the subject enterprise. */
  readonly createdBy: string;
  readonly grantee: string;
}

/** What deciding visibility needs to know about the ledger's current state. */
export interface VisibilityDirectory {
  isAuditor(orgId: string): Promise<boolean>;
  /** The authorization's parties; undefined when it cannot be found. */
  authorizationParties(authorizationId: string): Promise<AuthorizationParties | undefined>;
  /** The parties of every authorization of a subject (citizen pseudonym or credit code). */
  subjectParties(subject: string): Promise<readonly AuthorizationParties[]>;
}

const PUBLIC: ReadonlySet<string> = new Set(PUBLIC_EVENTS);

const isParty = (orgId: string, parties: AuthorizationParties | undefined): boolean =>
  parties !== undefined && (parties.createdBy === orgId || parties.grantee === orgId);

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/**
 * Which ledger events an organization may see, the same for SSE and webhooks. Registry,
 * certificate and credit events are public record. Events about an authorization (its
 * creation, revocation, every use, a credit report read through it, a subject's forgetting)
 * go only to the parties that may read the authorization and its trail: its creator, its
 * grantee, and AUDITORs. Events the hub does not know go to auditors only.
 */
/** Public record: every public event but a credit report read through an authorization. */
function isPublicRecord(event: LedgerEvent, authorizationId: string | undefined): boolean {
  return PUBLIC.has(event.name) && !(event.name === 'CreditReportAnchored' && authorizationId);
}

export class EventVisibility {
  constructor(private readonly directory: VisibilityDirectory) {}

  /** Whether the organization is a party to some authorization of the forgotten subject. */
  async #isSubjectParty(orgId: string, subject: string | undefined): Promise<boolean> {
    if (subject === undefined) return false;
    const all = await this.directory.subjectParties(subject);
    return all.some((parties) => isParty(orgId, parties));
  }

  async mayView(orgId: string, event: LedgerEvent): Promise<boolean> {
    const authorizationId = text(event.payload.authorizationId);
    if (isPublicRecord(event, authorizationId)) return true;
    if (await this.directory.isAuditor(orgId)) return true;
    switch (event.name) {
      case 'AuthorizationCreated':
        // The payload names both parties; no lookup needed.
        return event.payload.createdBy === orgId || event.payload.grantee === orgId;
      case 'AuthorizationRevoked':
      case 'AccessAllowed':
      case 'AccessDenied':
      case 'CreditReportAnchored':
        return (
          authorizationId !== undefined &&
          isParty(orgId, await this.directory.authorizationParties(authorizationId))
        );
      case 'SubjectForgotten':
        return this.#isSubjectParty(orgId, text(event.payload.subject));
      default:
        return false;
    }
  }
}
