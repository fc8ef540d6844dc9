import { v2, wrapDocuments } from '@govtechsg/open-attestation';

export interface BatchDocument {
  readonly holder: { readonly id: string; readonly name: string };
  readonly claims: Readonly<Record<string, string>>;
}

/**
 * The same documents as OpenAttestation v2 wraps them (salted leaves, a Merkle tree, one proof
 * per document), timed in this process. Only the benchmark depends on OpenAttestation.
 */
export function timeOpenAttestationWrap(documents: readonly BatchDocument[]): number {
  const raw = documents.map((document) => ({
    issuers: [
      {
        name: 'market-regulation',
        documentStore: '0x9178F546D3FF57D7A6352bD61B80cCCD46199C2d',
        identityProof: {
          type: v2.IdentityProofType.DNSTxt,
          location: 'market-regulation.city.test',
        },
      },
    ],
    recipient: { name: document.holder.name, id: document.holder.id },
    ...document.claims,
  }));
  const started = process.hrtime.bigint();
  const wrapped = wrapDocuments(raw);
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (wrapped.length !== documents.length)
    throw new Error('OpenAttestation wrapped a different count');
  return elapsed;
}
