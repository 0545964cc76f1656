/**
 * Typed errors thrown by the lower layers. Only the entry points (cli.ts, the Action's main)
 * turn them into exit codes; nothing below them calls process.exit or core.setFailed.
 */

/** Where something stands in domains.yml. Lines and columns are 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
  /** The path inside the document, e.g. `hosts.eu.domains[1]`. */
  path: string;
}

export interface ConfigIssue {
  location: SourceLocation;
  /** What is wrong. */
  message: string;
  /** What would be valid, e.g. `one of: sync, keep`. */
  hint?: string;
}

export function formatIssue(issue: ConfigIssue): string {
  const { file, line, column, path } = issue.location;
  const hint = issue.hint ? ` (${issue.hint})` : '';
  return `${file}:${line}:${column}: ${path ? `${path}: ` : ''}${issue.message}${hint}`;
}

/** domains.yml is invalid. Carries every problem found, not only the first. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly issues: ConfigIssue[]) {
    super(
      `${issues.length} problem${issues.length === 1 ? '' : 's'} in the configuration:\n` +
        issues.map((issue) => `  ${formatIssue(issue)}`).join('\n'),
    );
  }
}

export type GuardName = 'max-removals' | 'max-removal-percent' | 'max-domains' | 'system-domain';

export interface GuardRefusal {
  host: string;
  guard: GuardName;
  limit: number;
  actual: number;
  /** Whether `--force` lifts it (removal guards only; never a provider's hard limit). */
  forceable: boolean;
  message: string;
}

/** A plan over a guard: refused whole, before any write on any host. */
export class UnsafePlanError extends Error {
  override readonly name = 'UnsafePlanError';
  constructor(readonly refusals: GuardRefusal[]) {
    super(
      `The plan was refused, nothing was changed on any host:\n` +
        refusals.map((r) => `  ${r.host}: ${r.message}`).join('\n'),
    );
  }
}

/** A host's settings cannot be used (missing credentials, missing app id...). */
export class HostSetupError extends Error {
  override readonly name = 'HostSetupError';
  constructor(
    readonly hostId: string,
    message: string,
  ) {
    super(message);
  }
}

export type HostApiErrorKind =
  /** 401/403: the credentials were refused. */
  | 'credentials'
  /** 404: the app, server or domain does not exist. */
  | 'not-found'
  /** 400/409/422 or an API-level failure envelope: the API refused the request. */
  | 'rejected'
  /** 429 after the retries. */
  | 'rate-limited'
  /** 5xx after the retries. */
  | 'server'
  /** No answer: connection refused, DNS, reset before sending. */
  | 'network'
  /**
   * The request may have reached the server but its answer was lost (timeout or reset after
   * sending). A non-idempotent write that ends like this must be reconciled by a fresh read.
   */
  | 'outcome-unknown'
  /** The body is not what the API documents. */
  | 'invalid-response';

/** A host's API failed. Every text in it is already redacted. */
export class HostApiError extends Error {
  override readonly name = 'HostApiError';
  readonly hostId: string;
  readonly kind: HostApiErrorKind;
  readonly method: string;
  /** The URL with every secret redacted. */
  readonly url: string;
  readonly status?: number;
  /** The API's own message, redacted. */
  readonly apiMessage?: string;

  constructor(fields: {
    hostId: string;
    kind: HostApiErrorKind;
    method: string;
    url: string;
    status?: number;
    apiMessage?: string;
    message: string;
  }) {
    super(fields.message);
    this.hostId = fields.hostId;
    this.kind = fields.kind;
    this.method = fields.method;
    this.url = fields.url;
    if (fields.status !== undefined) this.status = fields.status;
    if (fields.apiMessage !== undefined) this.apiMessage = fields.apiMessage;
  }
}

/** The text to show for any thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** A host's error as one line of a run's messages. Errors from the HTTP layer already start with the host id; others get it. */
export function withHostId(hostId: string, message: string): string {
  return message.startsWith(`${hostId}:`) ? message : `${hostId}: ${message}`;
}

/** The message without a leading `host:`, for a sentence that names the host already. */
export function withoutHostId(hostId: string, message: string): string {
  return message.startsWith(`${hostId}: `) ? message.slice(hostId.length + 2) : message;
}
