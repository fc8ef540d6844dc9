import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, EmbeddedPeer, type Contract, type Network } from '@citytrust/network';
import { errorCodeOf } from '@citytrust/domain';
import { contracts, PERSONAL_COLLECTION } from '../src';
import type { CallOutcome, ScenarioLedger, ScenarioStep } from '../scenarios/scenario';

export const CHAINCODE = 'citytrust';

/** The chaincode on a fresh embedded peer, one client identity per organization. */
export class EmbeddedLedger implements ScenarioLedger {
  readonly peer: EmbeddedPeer;
  readonly dir: string;
  readonly #networks = new Map<string, Network>();

  private constructor(peer: EmbeddedPeer, dir: string) {
    this.peer = peer;
    this.dir = dir;
  }

  static async open(): Promise<EmbeddedLedger> {
    const dir = await mkdtemp(join(tmpdir(), 'citytrust-chaincode-'));
    const peer = await EmbeddedPeer.open({
      dataDir: dir,
      chaincodes: [{ name: CHAINCODE, contracts, collections: [PERSONAL_COLLECTION] }],
    });
    return new EmbeddedLedger(peer, dir);
  }

  async prepare(organizations: readonly string[]): Promise<void> {
    for (const org of organizations) await this.member(org);
  }

  async member(org: string): Promise<Network> {
    let network = this.#networks.get(org);
    if (!network) {
      const { identity, signer } = await this.peer.enroll(org, { name: 'app' });
      network = connect({ peer: this.peer, identity, signer }).getNetwork(this.peer.channel);
      this.#networks.set(org, network);
    }
    return network;
  }

  async contract(org: string, contractName: string): Promise<Contract> {
    return (await this.member(org)).getContract(CHAINCODE, contractName);
  }

  async call(step: ScenarioStep, at: Date): Promise<CallOutcome> {
    const [contractName, fn] = step.call.split(':') as [string, string];
    const contract = await this.contract(step.actor, contractName);
    const transientData = Object.fromEntries(
      Object.entries(step.transient ?? {}).map(([k, v]) => [k, JSON.stringify(v)]),
    );
    const options = {
      arguments: step.args === undefined ? [] : [JSON.stringify(step.args)],
      transientData,
      timestamp: at,
    };
    try {
      const bytes = step.evaluate
        ? await contract.evaluate(fn, options)
        : (await contract.submit(fn, options)).result;
      return { ok: true, result: JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, code: errorCodeOf(message), message };
    }
  }

  async fingerprint(): Promise<string> {
    const info = this.peer.ledgerInfo();
    return `${info.height}:${info.currentBlockHash}`;
  }

  async close(): Promise<void> {
    await this.peer.close();
    await rm(this.dir, { recursive: true, force: true });
  }
}
