import type { CertificateType, Organization } from '@citytrust/domain';
import type { Static } from '@sinclair/typebox';
import type { ApiKeyStore } from '../../auth/api-keys';
import type { HubLedger, SubmittedCall } from '../../ledgers/hub-ledger';
import { paginate, type PageOf, type PageQuery } from '../../shared/pagination';
import type { ClaimsValidator } from './claims-validator';
import type { SchemaStore } from './schema-store';
import type { DefineCertificateTypeBody, RegisterOrganizationBody, SetRolesBody } from './schemas';

/** A write's answer: the record it left, where it landed on the ledger. */
type Written<T> = T & Pick<SubmittedCall, 'txId' | 'blockNumber'>;

/** A certificate type as the API answers it: with its claims schema and its longest validity. */
export type CertificateTypeView = Omit<CertificateType, 'maxValidityDays'> & {
  readonly schema: Record<string, unknown> | null;
  readonly maxValidityDays: number | null;
};

export interface RegistryServiceDeps {
  readonly ledger: HubLedger;
  readonly apiKeys: ApiKeyStore;
  readonly schemas: SchemaStore;
  readonly claims: ClaimsValidator;
  /** Drops what the gateway caches of an organization (its roles) after a change. */
  readonly forgetOrganization: (orgId: string) => void;
  /** Drops what the gateway caches of a certificate type after a change. */
  readonly forgetCertificateType: (typeId: string) => void;
}

/**
 * Who belongs and what they may do: organizations and their roles, certificate types. The
 * ledger decides every change (only GOVERNANCE makes them); the gateway keeps the claims
 * schemas and hands out API keys.
 */
export class RegistryService {
  constructor(private readonly deps: RegistryServiceDeps) {}

  async listOrganizations(reader: string, page: PageQuery): Promise<PageOf<Organization>> {
    const all = await this.deps.ledger.evaluate({ org: reader, fn: 'registry:listOrganizations' });
    return paginate(all, (org) => org.id, page);
  }

  /** Registers an organization and hands out its first API key, answered once. */
  async registerOrganization(
    governance: string,
    body: Static<typeof RegisterOrganizationBody>,
  ): Promise<Written<Organization> & { apiKey: string }> {
    await this.deps.ledger.enroll(body.id);
    const { result, txId, blockNumber } = await this.deps.ledger.submit({
      org: governance,
      fn: 'registry:registerOrganization',
      args: body,
    });
    const { [body.id]: apiKey } = await this.deps.apiKeys.issue([body.id]);
    if (apiKey === undefined) throw new Error(`no API key was issued to ${body.id}`);
    return { ...result, apiKey, txId, blockNumber };
  }

  async setRoles(
    governance: string,
    orgId: string,
    body: Static<typeof SetRolesBody>,
  ): Promise<Written<Organization>> {
    const { result, txId, blockNumber } = await this.deps.ledger.submit({
      org: governance,
      fn: 'registry:setRoles',
      args: { id: orgId, ...body },
    });
    this.deps.forgetOrganization(orgId);
    return { ...result, txId, blockNumber };
  }

  async listCertificateTypes(
    reader: string,
    page: PageQuery,
  ): Promise<PageOf<CertificateTypeView>> {
    const all = await this.deps.ledger.evaluate({
      org: reader,
      fn: 'registry:listCertificateTypes',
    });
    const shown = paginate(all, (type) => type.id, page);
    return {
      items: await Promise.all(shown.items.map((type) => this.#view(type))),
      nextCursor: shown.nextCursor,
    };
  }

  /** Keeps the claims schema (by its hash) and defines the type on the ledger. */
  async defineCertificateType(
    governance: string,
    body: Static<typeof DefineCertificateTypeBody>,
  ): Promise<Written<CertificateTypeView>> {
    const { id, name, schema, issuers } = body;
    this.deps.claims.assertUsable(schema);
    const schemaHash = await this.deps.schemas.put(schema);
    const { result, txId, blockNumber } = await this.deps.ledger.submit({
      org: governance,
      fn: 'registry:defineCertificateType',
      args: { id, name, schemaHash, issuers },
    });
    return { ...result, maxValidityDays: null, schema, txId, blockNumber };
  }

  /** Sets (a number of days) or lifts (null) the longest validity of the type's certificates. */
  async setMaxValidity(
    governance: string,
    typeId: string,
    maxValidityDays: number | null,
  ): Promise<Written<CertificateTypeView>> {
    const { result, txId, blockNumber } = await this.deps.ledger.submit({
      org: governance,
      fn: 'registry:setCertificateTypeMaxValidity',
      args: { id: typeId, maxValidityDays },
    });
    this.deps.forgetCertificateType(typeId);
    return { ...(await this.#view(result)), txId, blockNumber };
  }

  async #view(type: CertificateType): Promise<CertificateTypeView> {
    return {
      ...type,
      maxValidityDays: type.maxValidityDays ?? null,
      schema: (await this.deps.schemas.get(type.schemaHash)) ?? null,
    };
  }
}
