import type {
  AccessAllowed,
  AccessEvent,
  AccessRequest,
  AnchoredCreditReport,
  Authorization,
  AuthorizationQuery,
  CertificateChangeResult,
  CertificateHistory,
  CertificateRecord,
  CertificateType,
  CertificateVerification,
  Issuer,
  CreateAuthorizationRequest,
  CreateCreditRecordRequest,
  CreateWebhookRequest,
  CreditRecord,
  CreditRecordQuery,
  CreditReportVerification,
  DefineCertificateTypeRequest,
  FileObjectionRequest,
  ForgetResult,
  HealthStatus,
  HubEvent,
  IssueBatchRequest,
  IssueCertificateRequest,
  IssuedBatch,
  IssuedCertificate,
  LedgerInfo,
  NoteRequest,
  Objection,
  Organization,
  Page,
  PageQuery,
  ReasonRequest,
  RegisterOrganizationRequest,
  RenewCertificateRequest,
  RenewedCertificate,
  RepairRequest,
  RepairRequestBody,
  ResolveObjectionRequest,
  SetRolesRequest,
  TrailAuditRequest,
  TrailAuditResult,
  Webhook,
  WriteReceipt,
} from './api-types';
import type { CreditReport } from '@citytrust/domain';
import {
  HubApiError,
  HubConnectionError,
  HubResponseError,
  problemFromResponse,
} from './client-errors';
import { serverSentEvents } from './server-sent-events';

export type FetchFunction = typeof fetch;

export interface HubClientOptions {
  /** The hub's base URL, e.g. `https://hub.example.gov` (a path prefix is kept). */
  readonly baseUrl: string;
  /** The organization's API key; routes under /v1/verify/ and health need none. */
  readonly apiKey?: string;
  /** Defaults to the global `fetch` (Node 20+, browsers). */
  readonly fetch?: FetchFunction;
}

export interface CallOptions {
  readonly signal?: AbortSignal;
}

export interface WriteOptions extends CallOptions {
  /** Same key and body: the hub returns the first result; another body: 409. */
  readonly idempotencyKey?: string;
}

export interface EventStreamOptions extends CallOptions {
  /** Resume after this SSE id (sent as `Last-Event-ID`). */
  readonly lastEventId?: string;
}

type Query = Readonly<Record<string, string | number | undefined>>;

interface Request {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly query?: Query;
  readonly body?: unknown;
  readonly options?: WriteOptions;
  readonly headers?: Readonly<Record<string, string>>;
}

function segment(value: string): string {
  return encodeURIComponent(value);
}

/** A typed client for every operation of the hub's v1 API (see API.md). */
export function createHubClient(options: HubClientOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const fetchFunction: FetchFunction = options.fetch ?? ((input, init) => fetch(input, init));

  function urlOf(path: string, query?: Query): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {}))
      if (value !== undefined) params.set(key, String(value));
    const search = params.toString();
    return `${baseUrl}${path}${search ? `?${search}` : ''}`;
  }

  function headersOf(accept: string, request: Request): Headers {
    const headers = new Headers({ ...request.headers, accept });
    if (options.apiKey !== undefined) headers.set('authorization', `Bearer ${options.apiKey}`);
    if (request.body !== undefined) headers.set('content-type', 'application/json');
    if (request.options?.idempotencyKey !== undefined)
      headers.set('idempotency-key', request.options.idempotencyKey);
    return headers;
  }

  async function send(request: Request, accept: string): Promise<Response> {
    const init: RequestInit = {
      method: request.method,
      headers: headersOf(accept, request),
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      ...(request.options?.signal ? { signal: request.options.signal } : {}),
    };
    let response: Response;
    try {
      response = await fetchFunction(urlOf(request.path, request.query), init);
    } catch (cause) {
      throw new HubConnectionError(`${request.method} ${request.path}: no answer from the hub`, {
        cause,
      });
    }
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      throw new HubApiError(problemFromResponse(response.status, response.statusText, text));
    }
    return response;
  }

  async function call<T>(request: Request): Promise<T> {
    const response = await send(request, 'application/json');
    const text = await response.text();
    if (response.status === 204 || text === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new HubResponseError(
        `${request.method} ${request.path}: the answer is not JSON`,
        response.status,
        text.slice(0, 500),
      );
    }
  }

  const get = <T>(path: string, query?: Query, callOptions?: CallOptions) =>
    call<T>({
      method: 'GET',
      path,
      ...(query ? { query } : {}),
      ...(callOptions ? { options: callOptions } : {}),
    });
  const post = <T>(path: string, body: unknown, writeOptions?: WriteOptions) =>
    call<T>({ method: 'POST', path, body, ...(writeOptions ? { options: writeOptions } : {}) });

  const pageQuery = (query?: PageQuery): Query => ({ limit: query?.limit, cursor: query?.cursor });

  return {
    // health and documents
    health: (o?: CallOptions) => get<HealthStatus>('/healthz', undefined, o),
    ready: (o?: CallOptions) => get<HealthStatus>('/readyz', undefined, o),
    /** Prometheus text exposition. */
    metrics: async (o?: CallOptions): Promise<string> =>
      (
        await send({ method: 'GET', path: '/metrics', ...(o ? { options: o } : {}) }, 'text/plain')
      ).text(),
    openApi: (o?: CallOptions) => get<Record<string, unknown>>('/openapi.json', undefined, o),
    ledger: (o?: CallOptions) => get<LedgerInfo>('/v1/ledger', undefined, o),

    // registry
    listOrganizations: (query?: PageQuery, o?: CallOptions) =>
      get<Page<Organization>>('/v1/orgs', pageQuery(query), o),
    registerOrganization: (body: RegisterOrganizationRequest, o?: WriteOptions) =>
      post<Organization & WriteReceipt>('/v1/orgs', body, o),
    setOrganizationRoles: (id: string, body: SetRolesRequest, o?: WriteOptions) =>
      call<Organization & WriteReceipt>({
        method: 'PUT',
        path: `/v1/orgs/${segment(id)}/roles`,
        body,
        ...(o ? { options: o } : {}),
      }),
    listCertificateTypes: (query?: PageQuery, o?: CallOptions) =>
      get<Page<CertificateType>>('/v1/certificate-types', pageQuery(query), o),
    defineCertificateType: (body: DefineCertificateTypeRequest, o?: WriteOptions) =>
      post<CertificateType & WriteReceipt>('/v1/certificate-types', body, o),
    /** GOVERNANCE: the longest validity of the type's certificates, in days; null lifts it. */
    setCertificateTypeMaxValidity: (id: string, maxValidityDays: number | null, o?: WriteOptions) =>
      call<CertificateType & WriteReceipt>({
        method: 'PUT',
        path: `/v1/certificate-types/${segment(id)}/max-validity`,
        body: { maxValidityDays },
        ...(o ? { options: o } : {}),
      }),

    // certificates
    issueCertificate: (body: IssueCertificateRequest, o?: WriteOptions) =>
      post<IssuedCertificate>('/v1/certificates', body, o),
    issueCertificateBatch: (body: IssueBatchRequest, o?: WriteOptions) =>
      post<IssuedBatch>('/v1/certificates/batch', body, o),
    /** With `at`, the status the certificate had at that instant. */
    getCertificate: (id: string, query?: { readonly at?: string }, o?: CallOptions) =>
      get<CertificateRecord>(`/v1/certificates/${segment(id)}`, { at: query?.at }, o),
    certificateHistory: (id: string, o?: CallOptions) =>
      get<CertificateHistory>(`/v1/certificates/${segment(id)}/history`, undefined, o),
    suspendCertificate: (id: string, body: ReasonRequest, o?: WriteOptions) =>
      post<CertificateChangeResult>(`/v1/certificates/${segment(id)}/suspend`, body, o),
    reinstateCertificate: (id: string, body: ReasonRequest, o?: WriteOptions) =>
      post<CertificateChangeResult>(`/v1/certificates/${segment(id)}/reinstate`, body, o),
    revokeCertificate: (id: string, body: ReasonRequest, o?: WriteOptions) =>
      post<CertificateChangeResult>(`/v1/certificates/${segment(id)}/revoke`, body, o),
    renewCertificate: (id: string, body: RenewCertificateRequest, o?: WriteOptions) =>
      post<RenewedCertificate>(`/v1/certificates/${segment(id)}/renew`, body, o),
    /** Anyone: a tampered or unknown credential answers `valid: false`, not an error. */
    verifyCertificate: (credential: unknown, o?: CallOptions) =>
      post<CertificateVerification>('/v1/verify/certificate', { credential }, o),
    /** Issuers and the did:key they sign with: the trust list for offline issuer checks. */
    listIssuers: (o?: CallOptions) => get<{ items: Issuer[] }>('/v1/issuers', undefined, o),

    // credit supervision
    createCreditRecord: (body: CreateCreditRecordRequest, o?: WriteOptions) =>
      post<CreditRecord & WriteReceipt>('/v1/credit-records', body, o),
    getCreditRecord: (id: string, o?: CallOptions) =>
      get<CreditRecord>(`/v1/credit-records/${segment(id)}`, undefined, o),
    listCreditRecords: (subject: string, query?: CreditRecordQuery, o?: CallOptions) =>
      get<Page<CreditRecord>>(
        `/v1/enterprises/${segment(subject)}/credit-records`,
        { ...pageQuery(query), status: query?.status },
        o,
      ),
    fileObjection: (recordId: string, body: FileObjectionRequest, o?: WriteOptions) =>
      post<Objection & WriteReceipt>(`/v1/credit-records/${segment(recordId)}/objections`, body, o),
    resolveObjection: (id: string, body: ResolveObjectionRequest, o?: WriteOptions) =>
      post<Objection & WriteReceipt>(`/v1/objections/${segment(id)}/resolve`, body, o),
    requestRepair: (recordId: string, body: RepairRequestBody, o?: WriteOptions) =>
      post<RepairRequest & WriteReceipt>(
        `/v1/credit-records/${segment(recordId)}/repair-requests`,
        body,
        o,
      ),
    approveRepair: (id: string, body: NoteRequest, o?: WriteOptions) =>
      post<RepairRequest & WriteReceipt>(`/v1/repair-requests/${segment(id)}/approve`, body, o),
    rejectRepair: (id: string, body: NoteRequest, o?: WriteOptions) =>
      post<RepairRequest & WriteReceipt>(`/v1/repair-requests/${segment(id)}/reject`, body, o),
    /** The enterprise itself, or a requester under an active `credit-report` authorization. */
    getCreditReport: (subject: string, o?: CallOptions) =>
      get<AnchoredCreditReport>(`/v1/enterprises/${segment(subject)}/credit-report`, undefined, o),
    verifyCreditReport: (report: CreditReport, o?: CallOptions) =>
      post<CreditReportVerification>('/v1/verify/credit-report', { report }, o),

    // data-access authorizations
    createAuthorization: (body: CreateAuthorizationRequest, o?: WriteOptions) =>
      post<Authorization & WriteReceipt>('/v1/authorizations', body, o),
    getAuthorization: (id: string, o?: CallOptions) =>
      get<Authorization>(`/v1/authorizations/${segment(id)}`, undefined, o),
    listAuthorizations: (query?: AuthorizationQuery, o?: CallOptions) =>
      get<Page<Authorization>>(
        '/v1/authorizations',
        {
          ...pageQuery(query),
          subject: query?.subject,
          grantee: query?.grantee,
          status: query?.status,
        },
        o,
      ),
    revokeAuthorization: (id: string, body: ReasonRequest, o?: WriteOptions) =>
      post<Authorization & WriteReceipt>(`/v1/authorizations/${segment(id)}/revoke`, body, o),
    /** Resolves when allowed; a denial throws `HubApiError` (403, `eventId` of the record). */
    recordAccess: (body: AccessRequest, o?: WriteOptions) =>
      post<AccessAllowed>('/v1/access-events', body, o),
    authorizationTrail: (id: string, query?: PageQuery, o?: CallOptions) =>
      get<Page<AccessEvent>>(`/v1/authorizations/${segment(id)}/trail`, pageQuery(query), o),
    verifyTrail: (body: TrailAuditRequest, o?: WriteOptions) =>
      post<TrailAuditResult>('/v1/audit/verify-trail', body, o),
    forgetSubject: (subject: string, o?: WriteOptions) =>
      post<ForgetResult>(`/v1/subjects/${segment(subject)}/forget`, {}, o),

    // events
    /** Ledger events the caller may see, as they come (Server-Sent Events). */
    events: async (o?: EventStreamOptions): Promise<AsyncGenerator<HubEvent>> => {
      const response = await send(
        {
          method: 'GET',
          path: '/v1/events',
          ...(o ? { options: o } : {}),
          ...(o?.lastEventId === undefined ? {} : { headers: { 'last-event-id': o.lastEventId } }),
        },
        'text/event-stream',
      );
      if (response.body === null)
        throw new HubResponseError('GET /v1/events: the answer has no body', response.status, '');
      return serverSentEvents(response.body);
    },
    createWebhook: (body: CreateWebhookRequest, o?: WriteOptions) =>
      post<Webhook>('/v1/webhooks', body, o),
    listWebhooks: (query?: PageQuery, o?: CallOptions) =>
      get<Page<Webhook>>('/v1/webhooks', pageQuery(query), o),
    deleteWebhook: (id: string, o?: CallOptions) =>
      call<undefined>({
        method: 'DELETE',
        path: `/v1/webhooks/${segment(id)}`,
        ...(o ? { options: o } : {}),
      }),
  };
}

export type HubClient = ReturnType<typeof createHubClient>;
