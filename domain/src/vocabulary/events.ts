/**
 * The events the ledger emits, by name. Registry, certificate and credit events concern the
 * public record and go to every key; authorization and access events concern one
 * authorization and go only to its parties.
 */
export const PUBLIC_EVENTS = [
  'RegistryInitialized',
  'OrganizationRegistered',
  'RolesChanged',
  'CertificateTypeDefined',
  'CertificateTypeIssuersChanged',
  'CertificateTypeMaxValidityChanged',
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

export type LedgerEventName =
  (typeof PUBLIC_EVENTS)[number] | (typeof AUTHORIZATION_EVENTS)[number];

export const LEDGER_EVENTS: readonly LedgerEventName[] = [
  ...PUBLIC_EVENTS,
  ...AUTHORIZATION_EVENTS,
];
