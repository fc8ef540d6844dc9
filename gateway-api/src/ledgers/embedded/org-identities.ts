import { createPrivateKey } from 'node:crypto';
import type { IPluginKeychain } from '@hyperledger/cactus-core-api';
import { connect, newPrivateKeySigner, type EmbeddedPeer, type Network } from '@citytrust/network';

/** The client identity the gateway acts with, one per organization. */
export const GATEWAY_IDENTITY_NAME = 'gateway';

export const identityKeychainKey = (org: string): string =>
  `ledgers/embedded/identities/${org}/${GATEWAY_IDENTITY_NAME}`;

interface StoredIdentity {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
}

function parseStoredIdentity(org: string, text: string): StoredIdentity {
  const parsed = JSON.parse(text) as Partial<StoredIdentity> | null;
  if (typeof parsed?.certificatePem !== 'string' || typeof parsed.privateKeyPem !== 'string')
    throw new Error(`the keychain entry ${identityKeychainKey(org)} is not an identity`);
  return { certificatePem: parsed.certificatePem, privateKeyPem: parsed.privateKeyPem };
}

/**
 * Each organization's gateway identity on the embedded peer. Its certificate and private key
 * are kept in the keychain, so a restarted gateway signs as the same identity.
 */
export class OrgIdentities {
  readonly #peer: EmbeddedPeer;
  readonly #keychain: IPluginKeychain;
  readonly #networks = new Map<string, Promise<Network>>();

  constructor(peer: EmbeddedPeer, keychain: IPluginKeychain) {
    this.#peer = peer;
    this.#keychain = keychain;
  }

  /** Loads the organization's identity from the keychain, or issues it and stores it there. */
  enroll(org: string): Promise<Network> {
    return this.#connect(org, true);
  }

  /** The organization's connection, from an earlier enroll (this run or a previous one). */
  network(org: string): Promise<Network> {
    return this.#connect(org, false);
  }

  // One load or issue per organization, even when calls race.
  #connect(org: string, issueIfMissing: boolean): Promise<Network> {
    let network = this.#networks.get(org);
    if (!network) {
      network = this.#load(org, issueIfMissing);
      this.#networks.set(org, network);
      network.catch(() => this.#networks.delete(org));
    }
    return network;
  }

  async #load(org: string, issueIfMissing: boolean): Promise<Network> {
    const key = identityKeychainKey(org);
    let stored: StoredIdentity;
    if (await this.#keychain.has(key)) {
      stored = parseStoredIdentity(org, await this.#keychain.get(key));
      // Idempotent; makes sure the organization is a channel member of this peer.
      await this.#peer.addOrganization(org);
    } else if (issueIfMissing) {
      await this.#peer.addOrganization(org);
      const issued = await this.#peer.identities.ensureIdentity(org, {
        name: GATEWAY_IDENTITY_NAME,
      });
      stored = { certificatePem: issued.certificatePem, privateKeyPem: issued.privateKeyPem };
      await this.#keychain.set(key, JSON.stringify(stored));
    } else {
      throw new Error(
        `organization ${org} has no ledger identity on this gateway: enroll it first`,
      );
    }
    return connect({
      peer: this.#peer,
      identity: { mspId: org, credentials: Buffer.from(stored.certificatePem) },
      signer: newPrivateKeySigner(createPrivateKey(stored.privateKeyPem)),
    }).getNetwork(this.#peer.channel);
  }
}
