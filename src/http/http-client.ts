/**
 * The one HTTP client every provider uses. Implementation: `createHttpClient` in client.ts.
 * It owns timeouts, keep-alive, retries (idempotent requests, and any request turned away with
 * 429), rate limiting, call counting, typed errors and redaction; providers only describe requests.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  /** Appended to the base URL, e.g. `/apps/abc`. */
  path: string;
  query?: Record<string, string>;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
  /**
   * Whether repeating the request is harmless. Defaults: GET, PUT, DELETE yes; POST, PATCH no.
   * ServerPilot's full-list POST sets it: posting the same list twice is harmless. A 429 is
   * retried either way: the server turned the request away unprocessed.
   */
  idempotent?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON when the body is JSON, else the text. */
  body: unknown;
}

export type HttpAuth =
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'bearer'; token: string }
  | { kind: 'none' };

export interface HostHttpClient {
  /**
   * Sends the request, retrying per the policy. Resolves with 2xx responses only; throws a
   * `HostApiError` otherwise, every text in it redacted.
   */
  request(request: HttpRequest): Promise<HttpResponse>;
  /** How many HTTP requests were sent so far, retries included. */
  readonly calls: number;
  /** The last rate-limit headers seen, when the host sends them. */
  readonly rateLimit?: { limit: number; remaining: number };
}
