import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  connect,
  EmbeddedPeer,
  type EmbeddedPeerOptions,
  type Contract,
  type Network,
} from '../src/embedded';
import { AssetContract } from './contract/asset-contract';

export const CHAINCODE = 'assets-cc';
export const COLLECTION = 'personal';

export async function temporaryDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'citytrust-embedded-'));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export function openPeer(
  dataDir: string,
  options: Partial<EmbeddedPeerOptions> = {},
): Promise<EmbeddedPeer> {
  return EmbeddedPeer.open({
    dataDir,
    chaincodes: [{ name: CHAINCODE, contracts: [AssetContract], collections: [COLLECTION] }],
    ...options,
  });
}

export interface Member {
  readonly network: Network;
  readonly contract: Contract;
}

export async function member(
  peer: EmbeddedPeer,
  mspId: string,
  name = 'app',
  attributes?: Record<string, string>,
): Promise<Member> {
  const { identity, signer } = await peer.enroll(mspId, {
    name,
    ...(attributes ? { attributes } : {}),
  });
  const network = connect({ peer, identity, signer }).getNetwork(peer.channel);
  return { network, contract: network.getContract(CHAINCODE, 'assets') };
}

export const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

/** The item at `index`; fails the test, saying so, when there is none. */
export function itemAt<T>(items: ArrayLike<T>, index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`expected an item at index ${index} of ${items.length}`);
  return item;
}

/** An open peer on a fresh data dir for the tests of one `describe`, closed and removed after. */
export interface PeerFixture {
  peer: EmbeddedPeer;
  dir: string;
}

export function usePeer(options: Partial<EmbeddedPeerOptions> = {}): PeerFixture {
  const fixture = {} as PeerFixture;
  beforeAll(async () => {
    fixture.dir = await temporaryDir();
    fixture.peer = await openPeer(fixture.dir, options);
  });
  afterAll(async () => {
    await fixture.peer.close();
    await removeDir(fixture.dir);
  });
  return fixture;
}

/** Every file under `dir` whose bytes contain `needle`. */
export async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const found: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    if ((await readFile(file)).includes(Buffer.from(needle))) found.push(file);
  }
  return found;
}
