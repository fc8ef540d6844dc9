import { contracts } from '../src';
import { EmbeddedLedger } from './embedded-ledger';

test('the package exports its contracts for fabric-chaincode-node start and server', () => {
  expect(contracts.map((contract) => new contract().getName())).toEqual([
    'registry',
    'certificates',
    'credit',
    'authorizations',
  ]);
});

test('the contract metadata lists every transaction, and reads as evaluate-only', async () => {
  const ledger = await EmbeddedLedger.open();
  try {
    const outcome = await ledger.call(
      {
        title: 'metadata',
        actor: 'city-bank',
        call: 'org.hyperledger.fabric:GetMetadata',
        evaluate: true,
        expect: { ok: {} },
      },
      new Date(),
    );
    if (!outcome.ok) throw new Error(outcome.message);
    const metadata = outcome.result as {
      contracts: Record<string, { transactions: Array<{ name: string; tag: string[] }> }>;
    };
    const tags = (contract: string, name: string): string[] =>
      metadata.contracts[contract]?.transactions.find((tx) => tx.name === name)?.tag ?? [];
    expect(tags('certificates', 'issue')).toContain('SUBMIT');
    expect(tags('certificates', 'get')).toContain('EVALUATE');
    expect(tags('authorizations', 'recordAccess')).toContain('SUBMIT');
    expect(tags('authorizations', 'verifyTrail')).toContain('EVALUATE');
    expect(Object.keys(metadata.contracts).sort()).toEqual([
      'authorizations',
      'certificates',
      'credit',
      'org.hyperledger.fabric',
      'registry',
    ]);
  } finally {
    await ledger.close();
  }
});
