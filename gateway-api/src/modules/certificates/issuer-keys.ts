import type { IPluginKeychain } from '@hyperledger/cactus-core-api';
import { generateIssuerKey, issuerDid, type IssuerKey } from '@citytrust/sdk';

interface StoredIssuerKey {
  readonly privateKey: string;
  readonly publicKey: string;
}

/** Where an organization's credential signing key sits in the keychain. */
export const signingKeyName = (orgId: string): string => `credential-signing/${orgId}`;

/**
 * Each issuing organization's ES256 (P-256) credential signing key, kept in the Cactus keychain
 * and created the first time the organization issues. Its did:key is what credentials name as
 * their issuer, so the key of an organization is looked up again when a credential is verified.
 */
export class IssuerKeys {
  readonly #keychain: IPluginKeychain;
  readonly #loaded = new Map<string, Promise<IssuerKey | undefined>>();

  constructor(keychain: IPluginKeychain) {
    this.#keychain = keychain;
  }

  async #read(orgId: string): Promise<IssuerKey | undefined> {
    const name = signingKeyName(orgId);
    if (!(await this.#keychain.has(name))) return undefined;
    const stored = JSON.parse(await this.#keychain.get(name)) as StoredIssuerKey;
    const publicKey = Uint8Array.from(Buffer.from(stored.publicKey, 'hex'));
    return {
      privateKey: Uint8Array.from(Buffer.from(stored.privateKey, 'hex')),
      publicKey,
      did: issuerDid(publicKey),
    };
  }

  #remember(orgId: string, loading: Promise<IssuerKey | undefined>): typeof loading {
    this.#loaded.set(orgId, loading);
    // A failed read, or an organization without a key, is not remembered: the next call asks
    // the keychain again, and names anonymous verifiers make up never fill this map.
    const forget = () => {
      if (this.#loaded.get(orgId) === loading) this.#loaded.delete(orgId);
    };
    loading.then((key) => {
      if (key === undefined) forget();
    }, forget);
    return loading;
  }

  async #create(orgId: string): Promise<IssuerKey> {
    const key = generateIssuerKey();
    const stored: StoredIssuerKey = {
      privateKey: Buffer.from(key.privateKey).toString('hex'),
      publicKey: Buffer.from(key.publicKey).toString('hex'),
    };
    await this.#keychain.set(signingKeyName(orgId), JSON.stringify(stored));
    return key;
  }

  /** The organization's key if it has one; never creates one. */
  find(orgId: string): Promise<IssuerKey | undefined> {
    return this.#loaded.get(orgId) ?? this.#remember(orgId, this.#read(orgId));
  }

  /**
   * The organization's key, created and stored on first use. Calls are chained on one promise
   * per organization, so concurrent first uses share one creation and an organization never
   * signs with two keys.
   */
  async forOrg(orgId: string): Promise<IssuerKey> {
    const ensured = this.find(orgId).then((key) => key ?? this.#create(orgId));
    return (await this.#remember(orgId, ensured)) as IssuerKey;
  }
}
