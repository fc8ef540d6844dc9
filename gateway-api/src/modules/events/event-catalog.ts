/**
 * The ledger events the hub publishes, by the names the chaincode emits (`emitEvent` in
 * chaincode/src). Registry, certificate and credit events concern the public record and go to
 * every key; authorization and access events concern one authorization and go only to its
 * parties (see `event-visibility.ts`).
 */
export const PUBLIC_EVENTS = [
  'RegistryInitialized',
  'OrganizationRegistered',
  'RolesChanged',
  'CertificateTypeDefined',
  'CertificateTypeIssuersChanged',
  'DataCategoryAdded',
  'NegativeListChanged',
  'CertificateIssued',
  'CertificateBatchAnchored',
  'CertificateRenewed',
  'CertificateSuspended',
  'CertificateReinstated',
  'CertificateRevoked',
  'CreditRecordCreated',
  'CreditRecordWithdrawn',
  'ObjectionFiled',
  'ObjectionResolved',
  'RepairRequested',
  'RepairApproved',
  'RepairRejected',
  /** Public when the enterprise asked for its own report; restricted through an authorization. */
  'CreditReportAnchored',
] as const;

export const AUTHORIZATION_EVENTS = [
  'AuthorizationCreated',
  'AuthorizationRevoked',
  'AccessAllowed',
  'AccessDenied',
  'SubjectForgotten',
] as const;

export const EVENT_NAMES: readonly string[] = [...PUBLIC_EVENTS, ...AUTHORIZATION_EVENTS];

/** In a webhook's `events[]`: every event its owner may see. */
export const ALL_EVENTS = '*';

export const isKnownEventName = (name: string): boolean => EVENT_NAMES.includes(name);
