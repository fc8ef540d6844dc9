import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EmbeddedPeer,
  newSignedProposal,
  type EnrolledIdentity,
  type TransactionRecord,
} from '@citytrust/network';
import { contracts, PERSONAL_COLLECTION } from '../src';
import { loadScenarios } from '../scenarios/load';
import { resolveStep, saveVariables, type Variables } from '../scenarios/scenario';
import { CHAINCODE } from './embedded-ledger';

/**
 * Two endorsing peers receive the very same signed proposals, as a Fabric endorsement policy
 * with two peers would: their answers and write sets must be byte for byte the same, or a
 * real network could never collect matching endorsements.
 */
describe('determinism across endorsers', () => {
  const dirs: string[] = [];
  const peers: EmbeddedPeer[] = [];

  afterAll(async () => {
    for (const peer of peers) await peer.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  async function openPeer(dir: string): Promise<EmbeddedPeer> {
    const peer = await EmbeddedPeer.open({
      dataDir: dir,
      chaincodes: [{ name: CHAINCODE, contracts, collections: [PERSONAL_COLLECTION] }],
    });
    peers.push(peer);
    return peer;
  }

  test.each(loadScenarios().map((scenario) => [scenario.name, scenario] as const))(
    'scenario %s: identical responses and write sets on both peers',
    async (_name, scenario) => {
      const first = await mkdtemp(join(tmpdir(), 'citytrust-twin-a-'));
      const second = await mkdtemp(join(tmpdir(), 'citytrust-twin-b-'));
      dirs.push(first, second);
      const peerA = await openPeer(first);
      const identities = new Map<string, EnrolledIdentity>();
      for (const org of scenario.organizations)
        identities.set(org, await peerA.enroll(org, { name: 'app' }));
      // The second peer trusts the same organizations' CAs, as channel members do.
      await cp(join(first, 'msp'), join(second, 'msp'), { recursive: true });
      const peerB = await openPeer(second);

      let time = Date.parse(scenario.start) - 1000;
      let compared = 0;
      const variables: Variables = new Map();
      for (const written of scenario.steps) {
        const step = resolveStep(written, variables);
        time = step.at === undefined ? time + 1000 : Date.parse(step.at);
        const enrolled = identities.get(step.actor) as EnrolledIdentity;
        const { txId, signedProposal } = await newSignedProposal(
          {
            channel: peerA.channel,
            chaincode: CHAINCODE,
            args: [step.call, ...(step.args === undefined ? [] : [JSON.stringify(step.args)])].map(
              (arg) => Buffer.from(arg),
            ),
            transientData: Object.fromEntries(
              Object.entries(step.transient ?? {}).map(([k, v]) => [k, JSON.stringify(v)]),
            ),
            timestamp: new Date(time),
          },
          enrolled.identity,
          enrolled.signer,
        );
        const [answerA, answerB] = step.evaluate
          ? [await peerA.evaluate(signedProposal), await peerB.evaluate(signedProposal)]
          : [await peerA.endorse(signedProposal), await peerB.endorse(signedProposal)];
        expect(answerB).toEqual(answerA);
        if (answerA.status < 400 && step.save)
          saveVariables(step, JSON.parse(Buffer.from(answerA.payload).toString('utf8')), variables);
        if (step.evaluate || answerA.status >= 400) continue;
        await Promise.all([peerA.submit(txId), peerB.submit(txId)]);
        const [recordA, recordB] = (await Promise.all([
          peerA.getTransaction(txId),
          peerB.getTransaction(txId),
        ])) as [TransactionRecord, TransactionRecord];
        expect(recordA.validationCode).toBe('VALID');
        expect(JSON.stringify(recordB.transaction)).toBe(JSON.stringify(recordA.transaction));
        compared += 1;
      }
      expect(compared).toBeGreaterThan(0);
      expect(peerB.ledgerInfo().height).toBe(peerA.ledgerInfo().height);
    },
  );
});
