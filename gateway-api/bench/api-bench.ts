// `npm run bench -w gateway-api`: drives the running hub (built, its own process, embedded
// ledger, fresh data dir) with autocannon and prints each route's throughput and latency as a
// ratio to `/healthz` measured in the same run; then a 40,000-document batch against
// OpenAttestation's wrapDocuments on the same documents, also in the same run.
import { createHash, randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { startHub, call, type HubProcess } from '../test/hub-process';
import { timeOpenAttestationWrap, type BatchDocument } from './open-attestation-batch';

const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const BATCH = Number(process.env.BENCH_BATCH ?? 40_000);

interface Figures {
  readonly name: string;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  /** Answers other than 2xx, by status code. */
  readonly refused: string;
}

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

async function drive(
  hub: HubProcess,
  name: string,
  options: { method: 'GET' | 'POST'; path: string; org?: string; body?: (n: number) => unknown },
): Promise<Figures> {
  let n = 0;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.org) headers.authorization = `Bearer ${hub.keys[options.org]}`;
  const result = await autocannon({
    url: hub.url,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [
      {
        method: options.method,
        path: options.path,
        headers,
        setupRequest: (request) => {
          const body = options.body?.(n++);
          return body === undefined ? request : { ...request, body: JSON.stringify(body) };
        },
      },
    ],
  });
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    refused: Object.entries(result.statusCodeStats ?? {})
      .filter(([code]) => !code.startsWith('2'))
      .map(([code, { count }]) => `${code}×${count}`)
      .join(' '),
  };
}

function issueBody(n: number) {
  return {
    type: 'business-license',
    holder: { id: `holder-${n}-${randomUUID()}`, name: `Holder ${n}` },
    claims: {
      companyName: `Company ${n}`,
      creditCode: '91330100MA2ACME01X',
      businessScope: 'wholesale of general merchandise',
    },
  };
}

async function must(
  answer: Promise<{ status: number; body: Record<string, unknown> }>,
  what: string,
) {
  const { status, body } = await answer;
  if (status >= 300) throw new Error(`${what}: ${status} ${JSON.stringify(body)}`);
  return body;
}

async function main(): Promise<void> {
  const hub = await startHub({
    backend: 'embedded',
    env: { HUB_RATE_LIMIT: '10000000', LOG_LEVEL: 'warn' },
  });
  try {
    const issued = await must(
      call(hub, 'POST', '/v1/certificates', { org: 'market-regulation', body: issueBody(0) }),
      'issue',
    );
    // One authorization per connection, so concurrent access events do not contend on one trail.
    const authorizations: string[] = [];
    for (let i = 0; i < CONNECTIONS; i++) {
      const created = await must(
        call(hub, 'POST', '/v1/authorizations', {
          org: 'citizen-services',
          body: {
            subject: { type: 'CITIZEN', ref: sha(`citizen ${i}`) },
            grantee: 'city-bank',
            categories: ['tax-records'],
            purpose: 'loan-review',
            legalBasis: 'CONSENT',
            operations: ['READ'],
            validFrom: new Date(Date.now() - 60_000).toISOString(),
            validUntil: new Date(Date.now() + 86_400_000).toISOString(),
            consentEvidenceHash: sha(`consent ${i}`),
          },
        }),
        'authorize',
      );
      authorizations.push(String(created.id));
    }

    const rows: Figures[] = [];
    rows.push(await drive(hub, 'GET /healthz (baseline)', { method: 'GET', path: '/healthz' }));
    rows.push(
      await drive(hub, 'POST /v1/verify/certificate', {
        method: 'POST',
        path: '/v1/verify/certificate',
        body: () => ({ credential: issued.credential }),
      }),
    );
    rows.push(
      await drive(hub, 'POST /v1/certificates', {
        method: 'POST',
        path: '/v1/certificates',
        org: 'market-regulation',
        body: (n) => issueBody(n + 1),
      }),
    );
    rows.push(
      await drive(hub, 'POST /v1/access-events', {
        method: 'POST',
        path: '/v1/access-events',
        org: 'city-bank',
        body: (n) => ({
          authorizationId: authorizations[n % authorizations.length],
          category: 'tax-records',
          purpose: 'loan-review',
          operation: 'READ',
          recordCount: 1,
          requestHash: sha(`request ${n}`),
        }),
      }),
    );
    const [baseline] = rows as [Figures];
    console.log(`\nGateway API, embedded ledger: ${CONNECTIONS} connections, ${DURATION} s each`);
    console.log(
      '| route | req/s | p50 ms | p99 ms | errors | req/s ratio to baseline | p99 ratio to baseline |',
    );
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const row of rows)
      console.log(
        `| ${row.name} | ${row.rps.toFixed(0)} | ${row.p50} | ${row.p99} | ${row.errors}${row.refused ? ` (${row.refused})` : ''} | ${(row.rps / baseline.rps).toFixed(3)} | ${(row.p99 / Math.max(baseline.p99, 1)).toFixed(1)} |`,
      );

    const documents: BatchDocument[] = Array.from({ length: BATCH }, (_, i) => ({
      holder: { id: `batch-holder-${i}`, name: `Holder ${i}` },
      claims: {
        companyName: `Company ${i}`,
        creditCode: '91330100MA2ACME01X',
        businessScope: 'retail',
      },
    }));
    const started = process.hrtime.bigint();
    const batch = await must(
      call(hub, 'POST', '/v1/certificates/batch', {
        org: 'market-regulation',
        body: {
          type: 'business-license',
          items: documents.map((document) => ({
            holder: document.holder,
            claims: document.claims,
          })),
        },
      }),
      'batch',
    );
    const ours = Number(process.hrtime.bigint() - started) / 1e6;
    if (batch.count !== BATCH) throw new Error(`the batch has ${String(batch.count)} certificates`);
    const theirs = timeOpenAttestationWrap(documents);
    console.log(`\nBatch of ${BATCH} documents`);
    console.log('| what | ms | ratio to OpenAttestation wrapDocuments |');
    console.log('|---|---:|---:|');
    console.log(
      `| OpenAttestation wrapDocuments (hashing, Merkle tree, proofs; in process) | ${theirs.toFixed(0)} | 1.000 |`,
    );
    console.log(
      `| hub POST /v1/certificates/batch (hashing, Merkle tree, proofs, signed credentials, ledger, HTTP) | ${ours.toFixed(0)} | ${(ours / theirs).toFixed(3)} |`,
    );
  } finally {
    await hub.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
