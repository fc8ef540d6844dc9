/** An RFC 9457 problem document as the hub writes it; extension members (e.g. `eventId`) kept. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly [extension: string]: unknown;
}

/** The hub answered with a non-2xx status. */
export class HubApiError extends Error {
  override readonly name = 'HubApiError';
  readonly status: number;
  /** Stable URI of the error kind, e.g. `.../errors/authorization-denied`. */
  readonly type: string;
  readonly title: string;
  readonly detail: string | undefined;
  /** The whole problem body, extension members included. */
  readonly problem: ProblemDetails;

  constructor(problem: ProblemDetails) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.status = problem.status;
    this.type = problem.type;
    this.title = problem.title;
    this.detail = problem.detail;
    this.problem = problem;
  }

  /** The last path segment of `type`, e.g. `authorization-denied`. */
  get kind(): string {
    return this.type.slice(this.type.lastIndexOf('/') + 1);
  }

  /** On a recorded denial (403 `authorization-denied`): the access event that records it. */
  get eventId(): string | undefined {
    const value = this.problem.eventId;
    return typeof value === 'string' ? value : undefined;
  }
}

/** The hub could not be reached (network error, abort) and gave no answer. */
export class HubConnectionError extends Error {
  override readonly name = 'HubConnectionError';
}

/** The hub answered 2xx with a body that is not what the API promises (e.g. not JSON). */
export class HubResponseError extends Error {
  override readonly name = 'HubResponseError';
  constructor(
    message: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(message);
  }
}

/**
 * The problem a non-2xx answer carries. A body that is not problem+json (a proxy's HTML page)
 * still becomes a problem, `about:blank` with the HTTP status, so callers handle one shape.
 */
export function problemFromResponse(
  status: number,
  statusText: string,
  body: string,
): ProblemDetails {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      const { type, title, detail, ...extensions } = parsed as Record<string, unknown>;
      return {
        ...extensions,
        type: typeof type === 'string' ? type : 'about:blank',
        title: typeof title === 'string' ? title : statusText || `HTTP ${status}`,
        status,
        ...(typeof detail === 'string' ? { detail } : {}),
      };
    }
  } catch {
    // not JSON: described below
  }
  return {
    type: 'about:blank',
    title: statusText || `HTTP ${status}`,
    status,
    ...(body ? { detail: body.slice(0, 500) } : {}),
  };
}
