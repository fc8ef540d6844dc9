import { join } from 'node:path';
import { ClassicLevel } from 'classic-level';
import type { SignedCredential } from './credentials';

/** What a renewal needs to keep a certificate's holder: the salt and the reference it made. */
export interface HolderBinding {
  readonly salt: string;
  readonly holderRef: string;
}

/** The binding a signed credential made, by its certificate id, as `remember` takes it. */
export function holderBindingOf(
  signed: SignedCredential,
): readonly [certificateId: string, binding: HolderBinding] {
  return [signed.certificateId, { salt: signed.holderSalt, holderRef: signed.holderRef }];
}

/**
 * The salt behind each certificate's holder reference, by certificate id, in the gateway's data
 * dir (LevelDB, synced writes). The ledger keeps only `holderRef` (and nothing at all for a batch
 * member), so a renewal, which must keep the holder, finds the salt here to write the same
 * reference into the new credential. Salts are random and name nobody; holder ids are not kept.
 */
export class HolderSalts {
  readonly #db: ClassicLevel;

  private constructor(db: ClassicLevel) {
    this.#db = db;
  }

  static async open(dataDir: string): Promise<HolderSalts> {
    const db = new ClassicLevel<string, string>(join(dataDir, 'gateway', 'holder-salts'), {
      valueEncoding: 'utf8',
    });
    await db.open();
    return new HolderSalts(db);
  }

  async remember(bindings: ReadonlyArray<readonly [string, HolderBinding]>): Promise<void> {
    await this.#db.batch(
      bindings.map(([certificateId, binding]) => ({
        type: 'put' as const,
        key: certificateId,
        value: JSON.stringify(binding),
      })),
      { sync: true },
    );
  }

  async find(certificateId: string): Promise<HolderBinding | undefined> {
    const stored = await this.#db.get(certificateId);
    return stored === undefined ? undefined : (JSON.parse(stored) as HolderBinding);
  }

  close(): Promise<void> {
    return this.#db.close();
  }
}
