import { randomUUID } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import type { SubmittedCall } from '../../ledgers/hub-ledger';
import { Problem } from '../../shared/problem';
import type { CertificateServices } from './certificate-services';
import {
  anchoredCredential,
  signedCredential,
  type SignedCredential,
  type ValidityWindow,
} from './credentials';
import { holderBindingOf } from './holder-salts';
import { ledgerName } from './ledger-name';
import type { CertificateView, Issued, IssueBody, RenewBody, Renewed } from './schemas';
import { signingFor } from './signing';
import { validityWindow, windowArgs } from './validity-window';

/** What a certificate states: its holder, claims and validity window. */
type Content = Static<typeof RenewBody>;

/** The claims checked against the type's schema; the window the credential will state. */
async function checkedWindow(
  services: CertificateServices,
  org: string,
  typeId: string,
  { claims, validFrom, validUntil }: Content,
): Promise<ValidityWindow> {
  const { type, schema } = await services.certificateType(org, typeId);
  services.claims.assertValid(type.schemaHash, schema, claims, '/claims');
  return validityWindow({ validFrom, validUntil });
}

/** What issuing answers: the new certificate, and its credential with the anchor proof. */
async function issued(
  services: CertificateServices,
  signed: SignedCredential,
  { result: certificate, txId, blockNumber }: SubmittedCall<CertificateView>,
): Promise<Static<typeof Issued>> {
  return {
    id: signed.certificateId,
    status: certificate.status,
    documentHash: signed.documentHash,
    txId,
    blockNumber,
    credential: anchoredCredential(signed, {
      ledger: await ledgerName(services.ledger),
      txId,
      blockNumber,
    }),
    certificate,
  };
}

/**
 * Issues one certificate: the holder reaches the ledger only as a salted reference; the
 * credential handed back is signed, and its anchor proof names the transaction.
 */
export async function issueCertificate(
  services: CertificateServices,
  org: string,
  { type: typeId, ...content }: Static<typeof IssueBody>,
): Promise<Static<typeof Issued>> {
  // Whether the caller may issue this type, and for how long, the ledger decides.
  const validity = await checkedWindow(services, org, typeId, content);
  const signing = await signingFor(services, org, typeId);
  const signed = signedCredential(signing, randomUUID(), content.holder, content.claims, validity);
  // Remembered first: a certificate on the ledger always has its salt here for renewal.
  await services.holderSalts.remember([holderBindingOf(signed)]);
  const submitted = await services.ledger.submit({
    org,
    fn: 'certificates:issue',
    args: {
      id: signed.certificateId,
      type: typeId,
      holderRef: signed.holderRef,
      documentHash: signed.documentHash,
      ...windowArgs(validity),
    },
  });
  return issued(services, signed, submitted);
}

/** Issues a new certificate for the same holder that supersedes `oldId`. */
export async function renewCertificate(
  services: CertificateServices,
  org: string,
  oldId: string,
  content: Content,
): Promise<Static<typeof Renewed>> {
  const old = await services.ledger.evaluate({ org, fn: 'certificates:get', args: { id: oldId } });
  // Only its issuer renews it, while it may still issue the type: the ledger decides, as it
  // decides that the renewal keeps the holder.
  const validity = await checkedWindow(services, org, old.type, content);
  // The renewal keeps the holder: the same salt, so the same reference, when it is known.
  const binding = await services.holderSalts.find(oldId);
  const signing = await signingFor(services, org, old.type);
  const signed = signedCredential(
    signing,
    randomUUID(),
    content.holder,
    content.claims,
    validity,
    binding?.salt,
  );
  // A batch member's holder is in its leaf, not in a ledger record: only the gateway, which
  // kept its salt, can tell the renewal names another holder.
  const keptRef = old.holderRef ?? binding?.holderRef;
  if (keptRef !== undefined && signed.holderRef !== keptRef)
    throw new Problem('validation', 'holder: a renewal keeps the holder of the certificate');
  await services.holderSalts.remember([holderBindingOf(signed)]);
  const submitted = await services.ledger.submit({
    org,
    fn: 'certificates:renew',
    args: {
      id: oldId,
      newId: signed.certificateId,
      documentHash: signed.documentHash,
      holderRef: signed.holderRef,
      ...windowArgs(validity),
    },
  });
  return { ...(await issued(services, signed, submitted)), supersedes: oldId };
}
