import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHubClient, type HubClient } from './client';
import { HubApiError, HubConnectionError, HubResponseError } from './client-errors';
import type { CreditReport } from '@citytrust/domain';

interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

type Handler = (request: RecordedRequest, response: ServerResponse) => void;

/** A tiny stand-in hub: records every request and answers what the test says. */
class RecordingServer {
  readonly requests: RecordedRequest[] = [];
  handler: Handler = (_request, response) => {
    json(response, 200, { ok: true });
  };
  private readonly server: Server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request = {
        method: incoming.method ?? '',
        url: incoming.url ?? '',
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      this.requests.push(request);
      this.handler(request, response);
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server.close(() => {
        resolve();
      }),
    );
  }

  last(): RecordedRequest {
    const request = this.requests[this.requests.length - 1];
    if (request === undefined) throw new Error('no request was made');
    return request;
  }
}

function json(response: ServerResponse, status: number, body: unknown, type = 'application/json') {
  response.writeHead(status, { 'content-type': type });
  response.end(JSON.stringify(body));
}

const server = new RecordingServer();
let baseUrl = '';
let client: HubClient;

beforeAll(async () => {
  baseUrl = await server.start();
  client = createHubClient({ baseUrl: `${baseUrl}/`, apiKey: 'key-123' });
});
afterAll(() => server.stop());
beforeEach(() => {
  server.requests.length = 0;
  server.handler = (_request, response) => {
    json(response, 200, { ok: true });
  };
});

const report: CreditReport = {
  subject: '91330100MA2ACME01X',
  generatedAt: '2025-06-01T00:00:00.000Z',
  txId: 't1',
  records: [],
  summary: { public: 0, adverse: 0, positive: 0 },
};
const hash = 'a'.repeat(64);

/** Every operation of API.md: the call, and the request it must make. */
const operations: [string, (c: HubClient) => Promise<unknown>, string, string, unknown][] = [
  ['health', (c) => c.health(), 'GET', '/healthz', undefined],
  ['ready', (c) => c.ready(), 'GET', '/readyz', undefined],
  ['openApi', (c) => c.openApi(), 'GET', '/openapi.json', undefined],
  ['ledger', (c) => c.ledger(), 'GET', '/v1/ledger', undefined],
  [
    'listOrganizations',
    (c) => c.listOrganizations({ limit: 10 }),
    'GET',
    '/v1/orgs?limit=10',
    undefined,
  ],
  [
    'registerOrganization',
    (c) =>
      c.registerOrganization({ id: 'acme', name: 'Acme', roles: ['ENTERPRISE'], creditCode: 'X' }),
    'POST',
    '/v1/orgs',
    { id: 'acme', name: 'Acme', roles: ['ENTERPRISE'], creditCode: 'X' },
  ],
  [
    'setOrganizationRoles',
    (c) => c.setOrganizationRoles('city bank', { roles: ['REQUESTER'] }),
    'PUT',
    '/v1/orgs/city%20bank/roles',
    { roles: ['REQUESTER'] },
  ],
  [
    'listCertificateTypes',
    (c) => c.listCertificateTypes(),
    'GET',
    '/v1/certificate-types',
    undefined,
  ],
  [
    'defineCertificateType',
    (c) =>
      c.defineCertificateType({
        id: 'permit',
        name: 'Permit',
        schema: { type: 'object' },
        issuers: ['t'],
      }),
    'POST',
    '/v1/certificate-types',
    { id: 'permit', name: 'Permit', schema: { type: 'object' }, issuers: ['t'] },
  ],
  [
    'setCertificateTypeMaxValidity',
    (c) => c.setCertificateTypeMaxValidity('permit', 365),
    'PUT',
    '/v1/certificate-types/permit/max-validity',
    { maxValidityDays: 365 },
  ],
  [
    'issueCertificate',
    (c) => c.issueCertificate({ type: 'permit', holder: { id: 'h' }, claims: { a: 1 } }),
    'POST',
    '/v1/certificates',
    { type: 'permit', holder: { id: 'h' }, claims: { a: 1 } },
  ],
  [
    'issueCertificateBatch',
    (c) =>
      c.issueCertificateBatch({ type: 'permit', items: [{ holder: { id: 'h' }, claims: {} }] }),
    'POST',
    '/v1/certificates/batch',
    { type: 'permit', items: [{ holder: { id: 'h' }, claims: {} }] },
  ],
  ['getCertificate', (c) => c.getCertificate('b1~7'), 'GET', '/v1/certificates/b1~7', undefined],
  [
    'getCertificate at',
    (c) => c.getCertificate('c1', { at: '2025-03-01T00:00:00Z' }),
    'GET',
    '/v1/certificates/c1?at=2025-03-01T00%3A00%3A00Z',
    undefined,
  ],
  [
    'certificateHistory',
    (c) => c.certificateHistory('c1'),
    'GET',
    '/v1/certificates/c1/history',
    undefined,
  ],
  [
    'suspendCertificate',
    (c) => c.suspendCertificate('c1', { reason: 'r' }),
    'POST',
    '/v1/certificates/c1/suspend',
    { reason: 'r' },
  ],
  [
    'reinstateCertificate',
    (c) => c.reinstateCertificate('c1', { reason: 'r' }),
    'POST',
    '/v1/certificates/c1/reinstate',
    { reason: 'r' },
  ],
  [
    'revokeCertificate',
    (c) => c.revokeCertificate('c1', { reason: 'r' }),
    'POST',
    '/v1/certificates/c1/revoke',
    { reason: 'r' },
  ],
  [
    'renewCertificate',
    (c) => c.renewCertificate('c1', { validUntil: '2030-01-01T00:00:00Z' }),
    'POST',
    '/v1/certificates/c1/renew',
    { validUntil: '2030-01-01T00:00:00Z' },
  ],
  [
    'verifyCertificate',
    (c) => c.verifyCertificate({ id: 'x' }),
    'POST',
    '/v1/verify/certificate',
    { credential: { id: 'x' } },
  ],
  [
    'createCreditRecord',
    (c) =>
      c.createCreditRecord({
        subject: 'S',
        category: 'PENALTY',
        severity: 'LOW',
        title: 't',
        decisionHash: hash,
        effectiveAt: '2025-01-01T00:00:00Z',
      }),
    'POST',
    '/v1/credit-records',
    {
      subject: 'S',
      category: 'PENALTY',
      severity: 'LOW',
      title: 't',
      decisionHash: hash,
      effectiveAt: '2025-01-01T00:00:00Z',
    },
  ],
  ['getCreditRecord', (c) => c.getCreditRecord('cr1'), 'GET', '/v1/credit-records/cr1', undefined],
  [
    'listCreditRecords',
    (c) => c.listCreditRecords('S/1', { status: 'ACTIVE', cursor: 'abc' }),
    'GET',
    '/v1/enterprises/S%2F1/credit-records?cursor=abc&status=ACTIVE',
    undefined,
  ],
  [
    'fileObjection',
    (c) => c.fileObjection('cr1', { reason: 'wrong', evidenceHash: hash }),
    'POST',
    '/v1/credit-records/cr1/objections',
    { reason: 'wrong', evidenceHash: hash },
  ],
  [
    'resolveObjection',
    (c) => c.resolveObjection('ob1', { outcome: 'CORRECTED', note: 'n' }),
    'POST',
    '/v1/objections/ob1/resolve',
    { outcome: 'CORRECTED', note: 'n' },
  ],
  [
    'requestRepair',
    (c) => c.requestRepair('cr1', { evidenceHash: hash, note: 'n' }),
    'POST',
    '/v1/credit-records/cr1/repair-requests',
    { evidenceHash: hash, note: 'n' },
  ],
  [
    'approveRepair',
    (c) => c.approveRepair('rr1', { note: 'ok' }),
    'POST',
    '/v1/repair-requests/rr1/approve',
    { note: 'ok' },
  ],
  [
    'rejectRepair',
    (c) => c.rejectRepair('rr1', { note: 'no' }),
    'POST',
    '/v1/repair-requests/rr1/reject',
    { note: 'no' },
  ],
  [
    'getCreditReport',
    (c) => c.getCreditReport('S'),
    'GET',
    '/v1/enterprises/S/credit-report',
    undefined,
  ],
  [
    'verifyCreditReport',
    (c) => c.verifyCreditReport(report),
    'POST',
    '/v1/verify/credit-report',
    { report },
  ],
  [
    'createAuthorization',
    (c) =>
      c.createAuthorization({
        subject: 'S',
        grantee: 'city-bank',
        categories: ['credit-report'],
        purpose: 'loan',
        legalBasis: 'CONSENT',
        operations: ['READ'],
        maxAccesses: 3,
        validFrom: '2025-01-01T00:00:00Z',
        validUntil: '2026-01-01T00:00:00Z',
        consentEvidenceHash: hash,
      }),
    'POST',
    '/v1/authorizations',
    {
      subject: 'S',
      grantee: 'city-bank',
      categories: ['credit-report'],
      purpose: 'loan',
      legalBasis: 'CONSENT',
      operations: ['READ'],
      maxAccesses: 3,
      validFrom: '2025-01-01T00:00:00Z',
      validUntil: '2026-01-01T00:00:00Z',
      consentEvidenceHash: hash,
    },
  ],
  [
    'getAuthorization',
    (c) => c.getAuthorization('au1'),
    'GET',
    '/v1/authorizations/au1',
    undefined,
  ],
  [
    'listAuthorizations',
    (c) => c.listAuthorizations({ grantee: 'city-bank', status: 'ACTIVE' }),
    'GET',
    '/v1/authorizations?grantee=city-bank&status=ACTIVE',
    undefined,
  ],
  [
    'revokeAuthorization',
    (c) => c.revokeAuthorization('au1', { reason: 'r' }),
    'POST',
    '/v1/authorizations/au1/revoke',
    { reason: 'r' },
  ],
  [
    'recordAccess',
    (c) =>
      c.recordAccess({
        authorizationId: 'au1',
        category: 'credit-report',
        purpose: 'loan',
        operation: 'READ',
        recordCount: 1,
        requestHash: hash,
      }),
    'POST',
    '/v1/access-events',
    {
      authorizationId: 'au1',
      category: 'credit-report',
      purpose: 'loan',
      operation: 'READ',
      recordCount: 1,
      requestHash: hash,
    },
  ],
  [
    'authorizationTrail',
    (c) => c.authorizationTrail('au1'),
    'GET',
    '/v1/authorizations/au1/trail',
    undefined,
  ],
  [
    'verifyTrail',
    (c) => c.verifyTrail({ authorizationId: 'au1' }),
    'POST',
    '/v1/audit/verify-trail',
    { authorizationId: 'au1' },
  ],
  [
    'verifyTrail by grantee',
    (c) =>
      c.verifyTrail({
        grantee: 'city-bank',
        from: '2025-01-01T00:00:00Z',
        to: '2025-02-01T00:00:00Z',
      }),
    'POST',
    '/v1/audit/verify-trail',
    { grantee: 'city-bank', from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z' },
  ],
  ['forgetSubject', (c) => c.forgetSubject(hash), 'POST', `/v1/subjects/${hash}/forget`, {}],
  [
    'createWebhook',
    (c) => c.createWebhook({ url: 'https://bank.example/hook', events: ['CertificateRevoked'] }),
    'POST',
    '/v1/webhooks',
    { url: 'https://bank.example/hook', events: ['CertificateRevoked'] },
  ],
  ['listWebhooks', (c) => c.listWebhooks(), 'GET', '/v1/webhooks', undefined],
  ['deleteWebhook', (c) => c.deleteWebhook('wh1'), 'DELETE', '/v1/webhooks/wh1', undefined],
];

describe('hub API client', () => {
  it.each(operations)(
    '%s sends the request API.md names',
    async (_name, run, method, url, body) => {
      await expect(run(client)).resolves.toEqual({ ok: true });
      const request = server.last();
      expect(server.requests).toHaveLength(1);
      expect(request.method).toBe(method);
      expect(request.url).toBe(url);
      expect(request.headers.authorization).toBe('Bearer key-123');
      if (body === undefined) {
        expect(request.body).toBe('');
        expect(request.headers['content-type']).toBeUndefined();
      } else {
        expect(JSON.parse(request.body)).toEqual(body);
        expect(request.headers['content-type']).toBe('application/json');
      }
    },
  );

  it('parses a 201 answer into its typed result', async () => {
    const issued = {
      id: 'c1',
      status: 'ACTIVE',
      documentHash: hash,
      txId: 't1',
      blockNumber: 5,
      credential: { id: 'urn:citytrust:certificate:c1' },
    };
    server.handler = (_request, response) => {
      json(response, 201, issued);
    };
    const result = await client.issueCertificate({
      type: 'permit',
      holder: { id: 'h' },
      claims: {},
    });
    expect(result).toEqual(issued);
    expect(result.blockNumber).toBe(5);
  });

  it('sends Idempotency-Key only when given', async () => {
    await client.revokeCertificate('c1', { reason: 'r' }, { idempotencyKey: 'idem-1' });
    expect(server.last().headers['idempotency-key']).toBe('idem-1');
    await client.revokeCertificate('c1', { reason: 'r' });
    expect(server.last().headers['idempotency-key']).toBeUndefined();
  });

  it('sends no Authorization header without a key (verify routes are public)', async () => {
    const anonymous = createHubClient({ baseUrl });
    await anonymous.verifyCreditReport(report);
    expect(server.last().headers.authorization).toBeUndefined();
  });

  it('keeps a base URL path prefix', async () => {
    const prefixed = createHubClient({ baseUrl: `${baseUrl}/hub/`, apiKey: 'k' });
    await prefixed.ledger();
    expect(server.last().url).toBe('/hub/v1/ledger');
  });

  it('throws HubApiError with the problem+json body, extension members included', async () => {
    const problem = {
      type: 'https://citytrust.example/errors/authorization-denied',
      title: 'Access denied',
      status: 403,
      detail: 'DAILY_LIMIT_REACHED',
      eventId: 'tx-77',
      reason: 'DAILY_LIMIT_REACHED',
    };
    server.handler = (_request, response) => {
      json(response, 403, problem, 'application/problem+json');
    };
    const error: unknown = await client
      .recordAccess({
        authorizationId: 'au1',
        category: 'credit-report',
        purpose: 'loan',
        operation: 'READ',
        recordCount: 1,
        requestHash: hash,
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HubApiError);
    const apiError = error as HubApiError;
    expect(apiError.status).toBe(403);
    expect(apiError.type).toBe(problem.type);
    expect(apiError.kind).toBe('authorization-denied');
    expect(apiError.title).toBe('Access denied');
    expect(apiError.detail).toBe('DAILY_LIMIT_REACHED');
    expect(apiError.eventId).toBe('tx-77');
    expect(apiError.problem).toEqual(problem);
    expect(apiError.message).toBe('Access denied: DAILY_LIMIT_REACHED');
  });

  it('turns validation, not-found and conflict problems into HubApiError of that status', async () => {
    for (const [status, kind] of [
      [400, 'validation'],
      [404, 'not-found'],
      [409, 'conflict'],
    ] as const) {
      server.handler = (_request, response) => {
        json(
          response,
          status,
          { type: `https://x/errors/${kind}`, title: kind, status },
          'application/problem+json',
        );
      };
      await expect(client.getCertificate('c1')).rejects.toMatchObject({ status, kind });
    }
  });

  it('describes a non-JSON error answer as an about:blank problem', async () => {
    server.handler = (_request, response) => {
      response.writeHead(502, 'Bad Gateway', { 'content-type': 'text/html' });
      response.end('<h1>upstream down</h1>');
    };
    await expect(client.ledger()).rejects.toMatchObject({
      status: 502,
      type: 'about:blank',
      title: 'Bad Gateway',
      detail: '<h1>upstream down</h1>',
    });
  });

  it('refuses a 2xx answer that is not JSON', async () => {
    server.handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('not json');
    };
    await expect(client.ledger()).rejects.toBeInstanceOf(HubResponseError);
  });

  it('answers undefined for 204 No Content', async () => {
    server.handler = (_request, response) => {
      response.writeHead(204);
      response.end();
    };
    await expect(client.deleteWebhook('wh1')).resolves.toBeUndefined();
  });

  it('reads Prometheus metrics as text', async () => {
    server.handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      response.end('hub_up 1\n');
    };
    await expect(client.metrics()).resolves.toBe('hub_up 1\n');
    expect(server.last().url).toBe('/metrics');
    expect(server.last().headers.accept).toBe('text/plain');
  });

  it('streams Server-Sent Events as parsed events', async () => {
    server.handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(': keep-alive\n\n');
      response.write('id: 5:0\nevent: CertificateIssued\ndata: {"id":"c1",');
      response.write('"txId":"t1"}\r\n\r');
      setTimeout(() => {
        response.write('\nevent: Note\ndata: line one\ndata: line two\n\n');
        response.end();
      }, 20);
    };
    const stream = await client.events({ lastEventId: '4:0' });
    const events = [];
    for await (const event of stream) events.push(event);
    expect(events).toEqual([
      { event: 'CertificateIssued', id: '5:0', data: { id: 'c1', txId: 't1' } },
      { event: 'Note', id: '5:0', data: 'line one\nline two' },
    ]);
    expect(server.last().headers.accept).toBe('text/event-stream');
    expect(server.last().headers['last-event-id']).toBe('4:0');
  });

  it('throws HubConnectionError when the hub cannot be reached', async () => {
    const unreachable = createHubClient({ baseUrl: 'http://127.0.0.1:1', apiKey: 'k' });
    await expect(unreachable.ledger()).rejects.toBeInstanceOf(HubConnectionError);
  });

  it('uses the fetch it is given', async () => {
    const seen: string[] = [];
    const custom = createHubClient({
      baseUrl: 'https://hub.test',
      fetch: async (input) => {
        seen.push(input instanceof Request ? input.url : input.toString());
        return new Response(JSON.stringify({ backend: 'evm', network: '31337', height: 9 }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      },
    });
    await expect(custom.ledger()).resolves.toEqual({ backend: 'evm', network: '31337', height: 9 });
    expect(seen).toEqual(['https://hub.test/v1/ledger']);
  });
});
