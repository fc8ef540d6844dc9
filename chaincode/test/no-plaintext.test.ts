import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { subjectRef } from '../src';
import { EmbeddedLedger } from './embedded-ledger';
import { bootstrapDemo, call, hex, holderRef, randomSalt } from './consortium';

const HOLDER_IDS = ['330102199001011234', '110105198512127890', 'P-77-ALICE-ZHANG'];
const PSEUDONYMS = ['citizen-7f3a9c-wang-lei', 'citizen-0b52e1-li-na'];

async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    if ((await readFile(file)).includes(Buffer.from(needle))) found.push(file);
  }
  return found;
}

/** Every world-state write and every transaction of the chain, as one text to search. */
async function chainText(ledger: EmbeddedLedger): Promise<string> {
  const parts: string[] = [];
  for (let number = 0; number < ledger.peer.ledgerInfo().height; number += 1) {
    const block = await ledger.peer.getBlock(number);
    for (const tx of block.data) {
      parts.push(JSON.stringify(tx));
      for (const arg of tx.args) parts.push(Buffer.from(arg, 'base64').toString('utf8'));
      for (const write of tx.rwset.writes)
        if (write.value) parts.push(Buffer.from(write.value, 'base64').toString('utf8'));
      parts.push(Buffer.from(tx.response.payload, 'base64').toString('utf8'));
      parts.push(tx.event ? Buffer.from(tx.event.payload, 'base64').toString('utf8') : '');
    }
  }
  return parts.join('\n');
}

describe('no plaintext personal data on the ledger', () => {
  let ledger: EmbeddedLedger;
  beforeAll(async () => {
    ledger = await EmbeddedLedger.open();
    await bootstrapDemo(ledger);
    for (const [index, holderId] of HOLDER_IDS.entries()) {
      const ref = holderRef(holderId, randomSalt());
      await call(ledger, 'market-regulation', 'certificates:issue', {
        id: `licence-${index}`,
        type: 'business-license',
        holderRef: ref,
        documentHash: hex(`licence document ${index}`),
      });
      await call(ledger, 'market-regulation', 'certificates:suspend', {
        id: `licence-${index}`,
        reason: 'inspection',
      });
    }
    for (const [index, pseudonym] of PSEUDONYMS.entries()) {
      const salt = randomSalt();
      const validFrom = new Date(Date.now() - 60_000).toISOString();
      await call(
        ledger,
        'citizen-services',
        'authorizations:create',
        {
          id: `consent-${index}`,
          subject: { type: 'CITIZEN', ref: subjectRef(pseudonym, salt) },
          grantee: 'city-bank',
          categories: ['social-security'],
          purpose: 'loan-assessment',
          legalBasis: 'CONSENT',
          operations: ['READ'],
          maxAccesses: 5,
          validFrom,
          validUntil: '2099-01-01T00:00:00Z',
          consentEvidenceHash: hex(`consent ${index}`),
        },
        { transient: { personal: { pseudonym, salt, attributes: { name: pseudonym } } } },
      );
      await call(ledger, 'city-bank', 'authorizations:recordAccess', {
        authorizationId: `consent-${index}`,
        category: 'social-security',
        purpose: 'loan-assessment',
        operation: 'READ',
        recordCount: 1,
        requestHash: hex(`request ${index}`),
      });
    }
  });
  afterAll(async () => {
    await ledger.close();
  });

  test('the chain and its world-state writes hold none of the holder ids or pseudonyms', async () => {
    const text = await chainText(ledger);
    expect(text).toContain('licence-0'); // the search does see what was written
    for (const secret of [...HOLDER_IDS, ...PSEUDONYMS]) expect(text).not.toContain(secret);
    for (const secret of HOLDER_IDS) expect(await filesContaining(ledger.dir, secret)).toEqual([]);
  });

  test('pseudonyms live only in private data, and forgetting erases them from every file', async () => {
    for (const pseudonym of PSEUDONYMS) {
      const files = await filesContaining(ledger.dir, pseudonym);
      expect(files.length).toBeGreaterThan(0);
      expect(files.some((file) => file.endsWith('blocks.log'))).toBe(false);
    }
    const authorizations = [0, 1].map(async (index) =>
      call(
        ledger,
        'audit-office',
        'authorizations:get',
        { id: `consent-${index}` },
        { evaluate: true },
      ),
    );
    for (const authorization of await Promise.all(authorizations)) {
      const forgotten = await call(ledger, 'citizen-services', 'authorizations:forget', {
        subject: authorization.subject,
      });
      expect(forgotten).toMatchObject({
        subject: authorization.subject,
        forgottenBy: 'citizen-services',
      });
    }
    for (const secret of [...HOLDER_IDS, ...PSEUDONYMS])
      expect(await filesContaining(ledger.dir, secret)).toEqual([]);
  });
});
