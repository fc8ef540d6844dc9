import { randomUUID } from 'node:crypto';
import type { IPluginKeychain } from '@hyperledger/cactus-core-api';
import type { ClassicLevel } from 'classic-level';
import { newWebhookSecret } from './webhook-signature';

/** A subscription of one organization's system to ledger events, delivered by POST. */
export interface Webhook {
  readonly id: string;
  /** The organization whose key created it: it sees what that organization may see. */
  readonly owner: string;
  readonly url: string;
  /** Event names, or `*` for every event. */
  readonly events: readonly string[];
  /** Events from this block on (the ledger's height when it was created). */
  readonly fromBlock: number;
  readonly createdAt: string;
}

const PREFIX = 'hook:';
const secretKey = (id: string): string => `webhook-secret:${id}`;

/**
 * Webhooks, kept in the gateway's LevelDB and in memory (every event is matched against
 * them); their signing secrets are kept in the hub's keychain, never beside the records.
 */
export class WebhookStore {
  readonly #hooks = new Map<string, Webhook>();

  private constructor(
    private readonly db: ClassicLevel,
    private readonly keychain: IPluginKeychain,
  ) {}

  static async open(db: ClassicLevel, keychain: IPluginKeychain): Promise<WebhookStore> {
    const store = new WebhookStore(db, keychain);
    for await (const value of db.values({ gte: PREFIX, lt: `${PREFIX}\uffff` })) {
      const hook = JSON.parse(value) as Webhook;
      store.#hooks.set(hook.id, hook);
    }
    return store;
  }

  /** Creates a webhook and its secret; the secret is answered here and never again. */
  async create(
    fields: Omit<Webhook, 'id' | 'createdAt'>,
  ): Promise<{ webhook: Webhook; secret: string }> {
    const webhook: Webhook = { id: randomUUID(), ...fields, createdAt: new Date().toISOString() };
    const secret = newWebhookSecret();
    // The secret first: a webhook never exists without one.
    await this.keychain.set(secretKey(webhook.id), secret);
    await this.db.put(`${PREFIX}${webhook.id}`, JSON.stringify(webhook), { sync: true });
    this.#hooks.set(webhook.id, webhook);
    return { webhook, secret };
  }

  get(id: string): Webhook | undefined {
    return this.#hooks.get(id);
  }

  ownedBy(owner: string): Webhook[] {
    return [...this.#hooks.values()].filter((hook) => hook.owner === owner);
  }

  /** The webhooks that want an event of this name. */
  subscribedTo(eventName: string): Webhook[] {
    return [...this.#hooks.values()].filter(
      (hook) => hook.events.includes('*') || hook.events.includes(eventName),
    );
  }

  secretOf(id: string): Promise<string> {
    return this.keychain.get(secretKey(id));
  }

  /** Removes the webhook, then its secret. */
  async delete(id: string): Promise<void> {
    this.#hooks.delete(id);
    await this.db.del(`${PREFIX}${id}`, { sync: true });
    if (await this.keychain.has(secretKey(id))) await this.keychain.delete(secretKey(id));
  }
}
