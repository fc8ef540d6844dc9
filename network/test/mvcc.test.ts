import { CommitError, newSignedProposal } from '../src/embedded';
import { itemAt, member, text, type Member, usePeer } from './helpers';

describe('MVCC validation at commit', () => {
  // A long batch timeout puts both concurrent transactions in one block.
  const fixture = usePeer({ batch: { maxTransactions: 2, timeoutMs: 1000 } });
  let org1: Member;
  let org2: Member;

  beforeAll(async () => {
    org1 = await member(fixture.peer, 'Org1MSP');
    org2 = await member(fixture.peer, 'Org2MSP');
  });

  it('two concurrent transactions on one key: exactly one commits, the other is MVCC_READ_CONFLICT', async () => {
    await org1.contract.submit('put', { arguments: ['balance', '10'] });
    await org1.contract.submit('put', { arguments: ['warmup', 'x'] });
    const outcomes = await Promise.allSettled([
      org1.contract.submit('increment', { arguments: ['balance'] }),
      org2.contract.submit('increment', { arguments: ['balance'] }),
    ]);
    const valid = outcomes.filter((o) => o.status === 'fulfilled');
    const invalid = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(valid).toHaveLength(1);
    expect(invalid).toHaveLength(1);
    const { reason } = itemAt(invalid, 0);
    expect(reason).toBeInstanceOf(CommitError);
    expect(reason).toMatchObject({ validationCode: 'MVCC_READ_CONFLICT' });
    expect(text(await org1.contract.evaluate('get', { arguments: ['balance'] }))).toBe('11');
    // The invalid transaction is in the block, marked, and changed nothing.
    const failed = await org1.network.getTransaction((reason as CommitError).txId ?? '');
    expect(failed?.validationCode).toBe('MVCC_READ_CONFLICT');
  });

  it('a key inserted into a range read by another transaction makes it PHANTOM_READ_CONFLICT', async () => {
    await org1.contract.submit('put', { arguments: ['item-1', 'a'] });
    await org1.contract.submit('put', { arguments: ['zzz', 'pad'] });
    // The tally is endorsed (simulated) first; the insert is ordered and committed before it.
    const { identity, signer } = await fixture.peer.enroll('Org1MSP', { name: 'app' });
    const proposal = await newSignedProposal(
      {
        channel: fixture.peer.channel,
        chaincode: 'assets-cc',
        args: ['assets:tally', 'item-', 'item-~'].map((a) => Buffer.from(a)),
      },
      identity,
      signer,
    );
    const endorsement = await fixture.peer.endorse(proposal.signedProposal);
    expect(text(endorsement.payload)).toBe('1');
    const insert = await org2.contract.submitAsync('put', { arguments: ['item-2', 'b'] });
    const tally = fixture.peer.submit(proposal.txId);
    const [insertStatus, tallyStatus] = await Promise.all([insert.getStatus(), tally]);
    expect(insertStatus.validationCode).toBe('VALID');
    expect(tallyStatus.validationCode).toBe('PHANTOM_READ_CONFLICT');
    expect(text(await org1.contract.evaluate('get', { arguments: ['tally'] }))).toBe('');
  });

  it('a stale read across blocks is refused too', async () => {
    await org1.contract.submit('put', { arguments: ['stale', '1'] });
    await org1.contract.submit('put', { arguments: ['pad-2', 'x'] });
    const first = await org1.contract.submitAsync('increment', { arguments: ['stale'] });
    const second = await org2.contract.submitAsync('increment', { arguments: ['stale'] });
    const codes = [
      (await first.getStatus()).validationCode,
      (await second.getStatus()).validationCode,
    ];
    expect(codes.sort()).toEqual(['MVCC_READ_CONFLICT', 'VALID']);
  });
});

describe('MVCC validation follows the store key order (UTF-8 bytes)', () => {
  const fixture = usePeer({ batch: { maxTransactions: 2, timeoutMs: 1000 } });
  let org1: Member;
  beforeAll(async () => {
    org1 = await member(fixture.peer, 'Org1MSP');
  });

  async function endorseTally(type: string): Promise<string> {
    const { identity, signer } = await fixture.peer.enroll('Org1MSP', { name: 'app' });
    const args = ['assets:tallyType', type].map((a) => Buffer.from(a));
    const proposal = await newSignedProposal(
      { channel: fixture.peer.channel, chaincode: 'assets-cc', args },
      identity,
      signer,
    );
    await fixture.peer.endorse(proposal.signedProposal);
    return proposal.txId;
  }

  it('an in-block insert of a full-width key is a phantom for a partial-key read', async () => {
    await Promise.all([
      org1.contract.submit('putComposite', { arguments: ['asset', 'a', '1', 'v'] }),
      org1.contract.submit('put', { arguments: ['pad-utf8', 'x'] }),
    ]);
    const tally = await endorseTally('asset');
    // Ordered before the tally, in the same block: U+FF21 sorts below U+10FFFF in UTF-8.
    const insert = await org1.contract.submitAsync('putComposite', {
      arguments: ['asset', '\uff211', '1', 'v'],
    });
    const [insertStatus, tallyStatus] = await Promise.all([
      insert.getStatus(),
      fixture.peer.submit(tally),
    ]);
    expect(insertStatus.validationCode).toBe('VALID');
    expect(tallyStatus.validationCode).toBe('PHANTOM_READ_CONFLICT');
  });

  it('keys that UTF-16 and UTF-8 order differently do not make a false phantom', async () => {
    await Promise.all([
      org1.contract.submit('putComposite', { arguments: ['glyph', 'x\uff21', '1', 'v'] }),
      org1.contract.submit('putComposite', { arguments: ['glyph', 'x\u{1f600}', '1', 'v'] }),
    ]);
    const result = await org1.contract.submit('tallyType', { arguments: ['glyph'] });
    expect(text(result.result)).toBe('2');
    expect(result.validationCode).toBe('VALID');
  });
});
