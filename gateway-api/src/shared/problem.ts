import { LedgerRefusal, type RefusalCode } from '../ledgers/hub-ledger';

/**
 * The kinds of error the API answers, each with a stable `type` URI (RFC 9457). The URIs are
 * relative references under the hub's own `/errors/`, where each kind is described.
 */
export const PROBLEM_KINDS = {
  validation: { status: 400, title: 'The request is not valid' },
  unauthorized: { status: 401, title: 'An API key is required' },
  forbidden: { status: 403, title: 'Not allowed for this organization' },
  'authorization-denied': { status: 403, title: 'The data access was denied and recorded' },
  'not-found': { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflicts with the ledger state' },
  'invalid-state': { status: 409, title: 'Not allowed in the current state' },
  'idempotency-conflict': {
    status: 409,
    title: 'The Idempotency-Key was used with another request',
  },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'unsupported-media-type': { status: 415, title: 'The request body must be JSON' },
  'negative-list': { status: 422, title: 'The data category is on the negative list' },
  'block-time': { status: 422, title: 'The chain cannot record that time' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal error' },
  'ledger-unavailable': { status: 503, title: 'The ledger is unavailable' },
} as const;

export type ProblemKind = keyof typeof PROBLEM_KINDS;

export const problemType = (kind: ProblemKind): string => `/errors/${kind}`;

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  [extension: string]: unknown;
}

/** An error that becomes a problem+json answer as it is. */
export class Problem extends Error {
  readonly kind: ProblemKind;
  readonly status: number;
  readonly extensions: Readonly<Record<string, unknown>>;

  constructor(kind: ProblemKind, detail: string, extensions: Record<string, unknown> = {}) {
    super(detail);
    this.name = 'Problem';
    this.kind = kind;
    this.status = PROBLEM_KINDS[kind].status;
    this.extensions = extensions;
  }

  /** What fastify and its plugins read from a thrown error. */
  get statusCode(): number {
    return this.status;
  }

  body(instance?: string): ProblemBody {
    return {
      ...this.extensions,
      type: problemType(this.kind),
      title: PROBLEM_KINDS[this.kind].title,
      status: this.status,
      detail: this.message,
      ...(instance ? { instance } : {}),
    };
  }
}

const REFUSAL_KINDS: Readonly<Record<RefusalCode, ProblemKind>> = {
  INVALID_ARGUMENT: 'validation',
  FORBIDDEN: 'forbidden',
  NOT_FOUND: 'not-found',
  CONFLICT: 'conflict',
  INVALID_STATE: 'invalid-state',
  NEGATIVE_LIST: 'negative-list',
  BLOCK_TIME: 'block-time',
};

/** The ledger said no: the same refusal, as the API's problem. */
export function problemOfRefusal(refusal: LedgerRefusal): Problem {
  return new Problem(REFUSAL_KINDS[refusal.code], refusal.message.replace(/^[A-Z_]+: /, ''));
}
