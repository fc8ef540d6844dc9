import type { IPluginKeychain } from '@hyperledger/cactus-core-api';

/** A Cactus keychain in memory: the tests' double of the gateway's file-backed keychain. */
export class InMemoryKeychain implements IPluginKeychain {
  readonly entries = new Map<string, string>();
  getInstanceId = () => 'in-memory-keychain';
  getPackageName = () => 'in-memory-keychain';
  getKeychainId = () => 'in-memory-keychain';
  onPluginInit = async () => undefined;
  has = async (key: string) => this.entries.has(key);
  set = async (key: string, value: string) => void this.entries.set(key, value);
  delete = async (key: string) => void this.entries.delete(key);
  get = async (key: string) => {
    const value = this.entries.get(key);
    if (value === undefined) throw new Error(`no ${key}`);
    return value;
  };
}
