import { systemClock, type Clock } from '../clock.js';
import { FakeHttpServer, type FakeDomain, type FakeHost, type FakeResponse, type RecordedRequest } from './fake-server.js';

/**
 * A stateful RunCloud API on loopback, serving v3 (`/api/v3`, Bearer token) and legacy v2
 * (`/api/v2`, HTTP Basic key:secret) on the same paths, following the documented behaviour:
 * JSON `Accept` required, paginated domain lists (`meta.pagination`), bare domain objects on add,
 * `PATCH .../domains/{id}/meta` needing `type`, `redirection` and `www`, 422 with `message` on
 * validation errors, `X-RateLimit-Limit` / `X-RateLimit-Remaining` on every answer and
 * 429 + `Retry-After` once the budget of the current window is spent.
 * Where the documentation is silent the simulator guesses, as the provider does: the page-size
 * parameter `per_page` (max 40), the web app SSL object (`id`, `method`) and its redeploy call.
 */

export type RunCloudApiVersion = 'v3' | 'v2';
export type RunCloudDomainType = 'primary' | 'alias' | 'redirect';
export type RunCloudRedirection = 'none' | 'www' | 'non-www';

/** A seeded domain may also say how the panel redirects it. */
export interface RunCloudSeedDomain extends FakeDomain {
  redirection?: RunCloudRedirection;
}

/** A domain as the simulated panel stores it. */
export interface RunCloudDomainRecord {
  id: number;
  name: string;
  type: RunCloudDomainType;
  www: boolean;
  redirection: RunCloudRedirection;
  wildcard: boolean;
  createdAt: string;
}

/** The web app's SSL setup: a Let's Encrypt certificate RunCloud can redeploy, or a custom one. */
export interface RunCloudSslSetup {
  id: number;
  method: 'letsencrypt' | 'custom';
}

export interface RunCloudRateLimit {
  /** Requests allowed per window. */
  limit: number;
  /** Requests left in the current window (default: the limit). */
  remaining?: number;
  /** Window length (default 60 s). */
  windowMs?: number;
}

export interface RunCloudSimulatorOptions {
  /** The version `apiUrl` points at (both are served). Default v3. */
  apiVersion?: RunCloudApiVersion;
  token?: string;
  apiKey?: string;
  apiSecret?: string;
  serverId?: string;
  appId?: string;
  /** The web app's primary domain, seeded at start; `null` for none. */
  primaryDomain?: string | null;
  /** The largest page the API honours; a smaller value makes it ignore bigger requests. Default 40. */
  maxPerPage?: number;
  /** Default: 60 requests per minute. */
  rateLimit?: RunCloudRateLimit;
  /** The SSL installed at start; `null` (the default) for none. */
  ssl?: RunCloudSslSetup | null;
  /** Drives the rate-limit window and `created_at`; share the test's clock. */
  clock?: Clock;
}

export const runCloudDefaultPerPage = 20;
const defaultMaxPerPage = 40;
const defaultWindowMs = 60_000;
const domainNamePattern = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;
const domainTypes: readonly string[] = ['primary', 'alias', 'redirect'];
const redirections: readonly string[] = ['none', 'www', 'non-www'];

export class RunCloudSimulator extends FakeHttpServer implements FakeHost {
  readonly apiVersion: RunCloudApiVersion;
  readonly token: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly serverId: string;
  readonly appId: string;
  onCertificatesRequested?: (names: string[]) => void;
  /** How many times the web app's SSL was redeployed. */
  redeploys = 0;
  /** How many requests were answered 429 because the window's budget was spent. */
  rateLimitedAnswers = 0;

  private records: RunCloudDomainRecord[] = [];
  private readonly otherAppDomains = new Set<string>();
  private nextId = 101;
  private nextSslId = 9001;
  private ssl: RunCloudSslSetup | null;
  private readonly maxPerPage: number;
  private readonly clock: Clock;
  private rateLimit: Required<RunCloudRateLimit>;
  private windowStartedAt: number;

  constructor(options: RunCloudSimulatorOptions = {}) {
    super();
    this.apiVersion = options.apiVersion ?? 'v3';
    this.token = options.token ?? 'simulator-runcloud-token';
    this.apiKey = options.apiKey ?? 'simulator-runcloud-key';
    this.apiSecret = options.apiSecret ?? 'simulator-runcloud-secret';
    this.serverId = options.serverId ?? '1234';
    this.appId = options.appId ?? '5678';
    this.maxPerPage = options.maxPerPage ?? defaultMaxPerPage;
    this.clock = options.clock ?? systemClock;
    this.ssl = options.ssl ?? null;
    this.rateLimit = fullRateLimit(options.rateLimit ?? { limit: 60 });
    this.windowStartedAt = this.clock.now();
    const primary = options.primaryDomain === undefined ? `app${this.appId}.runcloud.link` : options.primaryDomain;
    if (primary !== null) this.seed([{ name: primary, type: 'primary' }]);
  }

  get apiUrl(): string {
    return this.urlFor(this.apiVersion);
  }

  urlFor(version: RunCloudApiVersion): string {
    return `${this.url}/api/${version}`;
  }

  /** Replaces the app's domains. Without a `type` a domain is an alias; without `redirection`, none. */
  seed(domains: RunCloudSeedDomain[]): void {
    this.records = domains.map((domain) => this.newRecord({
      name: domain.name,
      type: (domain.type as RunCloudDomainType | undefined) ?? 'alias',
      www: domain.www ?? false,
      redirection: domain.redirection ?? 'none',
      wildcard: domain.wildcard ?? false,
    }));
  }

  domains(): FakeDomain[] {
    return this.records.map((r) => ({ name: r.name, www: r.www, wildcard: r.wildcard, type: r.type }));
  }

  /** The stored records, ids and redirection included. */
  domainRecords(): RunCloudDomainRecord[] {
    return this.records.map((r) => ({ ...r }));
  }

  hostnames(): string[] {
    const names = new Set<string>();
    for (const record of this.records) {
      names.add(record.name);
      if (record.www && !record.name.startsWith('www.')) names.add(`www.${record.name}`);
    }
    return [...names];
  }

  installSsl(method: RunCloudSslSetup['method']): RunCloudSslSetup {
    this.ssl = { id: this.nextSslId++, method };
    return { ...this.ssl };
  }

  /** issuable: a Let's Encrypt certificate RunCloud can redeploy; custom: one uploaded by hand. */
  setCertificateSetup(setup: 'issuable' | 'custom'): void {
    this.installSsl(setup === 'custom' ? 'custom' : 'letsencrypt');
  }

  removeSsl(): void {
    this.ssl = null;
  }

  /** A name that another web app of the server serves: adding it answers 422. */
  addOtherAppDomain(name: string): void {
    this.otherAppDomains.add(name);
  }

  /** Sets the budget of the current window, e.g. to make the next requests hit the limit. */
  setRateLimit(rateLimit: RunCloudRateLimit): void {
    this.rateLimit = fullRateLimit(rateLimit);
    this.windowStartedAt = this.clock.now();
  }

  get rateLimitRemaining(): number {
    this.renewWindowIfOver();
    return this.rateLimit.remaining;
  }

  protected handle(request: RecordedRequest): FakeResponse {
    const version = /^\/api\/(v2|v3)(\/.*)$/.exec(request.path);
    if (!version) return message(404, 'Not Found');
    const apiVersion = version[1] as RunCloudApiVersion;
    const path = version[2]!;
    this.renewWindowIfOver();
    if (this.rateLimit.remaining <= 0) return this.tooManyAttempts();
    this.rateLimit.remaining -= 1;
    return this.withRateLimitHeaders(this.route(request, apiVersion, path));
  }

  private route(request: RecordedRequest, apiVersion: RunCloudApiVersion, path: string): FakeResponse {
    if (!(request.headers['accept'] ?? '').includes('application/json')) {
      return message(406, 'This API answers JSON only: send "Accept: application/json".');
    }
    if (request.rawBody !== '' && !(request.headers['content-type'] ?? '').includes('application/json')) {
      return message(415, 'Send the request body as JSON with "Content-Type: application/json".');
    }
    if (!this.authenticated(request, apiVersion)) return message(401, 'Unauthenticated.');
    if (path === '/ping' && request.method === 'GET') return { status: 200, body: { message: 'pong' } };
    const app = /^\/servers\/([^/]+)\/webapps\/([^/]+)(\/.*)?$/.exec(path);
    if (!app) return message(404, 'Not Found');
    if (decodeURIComponent(app[1]!) !== this.serverId || decodeURIComponent(app[2]!) !== this.appId) {
      return message(404, 'No query results for model [WebApplication].');
    }
    return this.routeApp(request, app[3] ?? '');
  }

  private routeApp(request: RecordedRequest, path: string): FakeResponse {
    const { method } = request;
    if (path === '/domains' && method === 'GET') return this.listDomains(request.query);
    if (path === '/domains' && method === 'POST') return this.addDomain(request.body);
    const meta = /^\/domains\/([^/]+)\/meta$/.exec(path);
    if (meta && method === 'PATCH') return this.updateMeta(decodeURIComponent(meta[1]!), request.body);
    const domain = /^\/domains\/([^/]+)$/.exec(path);
    if (domain && method === 'DELETE') return this.deleteDomain(decodeURIComponent(domain[1]!));
    if (path === '/ssl' && method === 'GET') return this.sslSetup();
    const ssl = /^\/ssl\/([^/]+)$/.exec(path);
    if (ssl && method === 'PUT') return this.redeploySsl(decodeURIComponent(ssl[1]!));
    return message(404, 'Not Found');
  }

  private authenticated(request: RecordedRequest, apiVersion: RunCloudApiVersion): boolean {
    const header = request.headers['authorization'] ?? '';
    if (apiVersion === 'v3') return header === `Bearer ${this.token}`;
    const basic = /^Basic\s+(\S+)$/i.exec(header);
    if (!basic) return false;
    return Buffer.from(basic[1]!, 'base64').toString('utf8') === `${this.apiKey}:${this.apiSecret}`;
  }

  private listDomains(query: Record<string, string>): FakeResponse {
    const page = positiveInteger(query['page']) ?? 1;
    const requested = positiveInteger(query['per_page']) ?? runCloudDefaultPerPage;
    const perPage = Math.min(requested, this.maxPerPage);
    const total = this.records.length;
    const totalPages = Math.max(1, Math.ceil(total / perPage));
    const data = this.records.slice((page - 1) * perPage, page * perPage).map(domainJson);
    return {
      status: 200,
      body: {
        data,
        meta: {
          pagination: { total, count: data.length, per_page: perPage, current_page: page, total_pages: totalPages, links: {} },
        },
      },
    };
  }

  private addDomain(body: unknown): FakeResponse {
    if (!isRecord(body)) return validationFailure('name', 'The name field is required.');
    const name = body['name'];
    if (typeof name !== 'string' || name.trim() === '') return validationFailure('name', 'The name field is required.');
    if (!domainNamePattern.test(name)) return validationFailure('name', 'The name format is invalid.');
    if (this.records.some((r) => r.name === name) || this.otherAppDomains.has(name)) return validationFailure('name', 'The name has already been taken.');
    const www = booleanField(body['www']);
    if (www === undefined) return validationFailure('www', 'The www field must be true or false.');
    const redirection = body['redirection'];
    if (typeof redirection !== 'string' || !redirections.includes(redirection)) {
      return validationFailure('redirection', 'The selected redirection is invalid.');
    }
    const type = body['type'];
    if (type !== 'alias' && type !== 'redirect') return validationFailure('type', 'The selected type is invalid.');
    const record = this.newRecord({ name, type, www, redirection: redirection as RunCloudRedirection, wildcard: false });
    this.records.push(record);
    return { status: 200, body: domainJson(record) };
  }

  private updateMeta(id: string, body: unknown): FakeResponse {
    const record = this.records.find((r) => String(r.id) === id);
    if (!record) return message(404, 'No query results for model [Domain].');
    if (!isRecord(body)) return validationFailure('type', 'The type field is required.');
    const type = body['type'];
    if (typeof type !== 'string' || !domainTypes.includes(type)) {
      return validationFailure('type', type === undefined ? 'The type field is required.' : 'The selected type is invalid.');
    }
    if ((record.type === 'primary') !== (type === 'primary')) {
      return validationFailure('type', 'The primary domain name cannot change its type.');
    }
    const redirection = body['redirection'];
    if (typeof redirection !== 'string' || !redirections.includes(redirection)) {
      return validationFailure(
        'redirection',
        redirection === undefined ? 'The redirection field is required.' : 'The selected redirection is invalid.',
      );
    }
    const www = booleanField(body['www']);
    if (www === undefined) return validationFailure('www', 'The www field is required.');
    record.type = type as RunCloudDomainType;
    record.redirection = redirection as RunCloudRedirection;
    record.www = www;
    return message(200, 'Domain name updated.');
  }

  private deleteDomain(id: string): FakeResponse {
    const record = this.records.find((r) => String(r.id) === id);
    if (!record) return message(404, 'No query results for model [Domain].');
    if (record.type === 'primary') return message(422, 'The primary domain name cannot be deleted.');
    this.records = this.records.filter((r) => r !== record);
    return { status: 200, body: domainJson(record) };
  }

  private sslSetup(): FakeResponse {
    if (!this.ssl) return message(200, 'SSL not installed!');
    return { status: 200, body: sslJson(this.ssl) };
  }

  private redeploySsl(id: string): FakeResponse {
    if (!this.ssl || String(this.ssl.id) !== id) return message(404, 'No query results for model [SSL].');
    if (this.ssl.method !== 'letsencrypt') {
      return message(422, "Only a Let's Encrypt certificate can be redeployed; this web app uses a custom certificate.");
    }
    this.redeploys += 1;
    this.onCertificatesRequested?.(this.hostnames());
    return { status: 200, body: sslJson(this.ssl) };
  }

  private newRecord(fields: Omit<RunCloudDomainRecord, 'id' | 'createdAt'>): RunCloudDomainRecord {
    const createdAt = new Date(this.clock.now()).toISOString().replace('T', ' ').slice(0, 19);
    return { id: this.nextId++, createdAt, ...fields };
  }

  private renewWindowIfOver(): void {
    if (this.clock.now() - this.windowStartedAt < this.rateLimit.windowMs) return;
    this.windowStartedAt = this.clock.now();
    this.rateLimit.remaining = this.rateLimit.limit;
  }

  private tooManyAttempts(): FakeResponse {
    this.rateLimitedAnswers += 1;
    const waitMs = this.windowStartedAt + this.rateLimit.windowMs - this.clock.now();
    const response = this.withRateLimitHeaders(message(429, 'Too Many Attempts.'));
    return { ...response, headers: { ...response.headers, 'Retry-After': String(Math.max(1, Math.ceil(waitMs / 1000))) } };
  }

  private withRateLimitHeaders(response: FakeResponse): FakeResponse {
    return {
      ...response,
      headers: {
        ...response.headers,
        'X-RateLimit-Limit': String(this.rateLimit.limit),
        'X-RateLimit-Remaining': String(this.rateLimit.remaining),
      },
    };
  }
}

export async function startRunCloudSimulator(options: RunCloudSimulatorOptions = {}): Promise<RunCloudSimulator> {
  const simulator = new RunCloudSimulator(options);
  await simulator.listen(0);
  return simulator;
}

function domainJson(record: RunCloudDomainRecord): Record<string, unknown> {
  return {
    id: record.id,
    name: record.name,
    type: record.type,
    www: record.www ? 1 : 0,
    redirection: record.redirection,
    wildcard: record.wildcard ? 1 : 0,
    dns_integration: null,
    status: 'active',
    created_at: record.createdAt,
  };
}

function sslJson(ssl: RunCloudSslSetup): Record<string, unknown> {
  return {
    id: ssl.id,
    method: ssl.method,
    method_humanize: ssl.method === 'letsencrypt' ? "Let's Encrypt" : 'Custom',
    renewal_date: ssl.method === 'letsencrypt' ? '2030-01-01 00:00:00' : null,
  };
}

function fullRateLimit(rateLimit: RunCloudRateLimit): Required<RunCloudRateLimit> {
  return {
    limit: rateLimit.limit,
    remaining: rateLimit.remaining ?? rateLimit.limit,
    windowMs: rateLimit.windowMs ?? defaultWindowMs,
  };
}

function message(status: number, text: string): FakeResponse {
  return { status, body: { message: text } };
}

function validationFailure(field: string, text: string): FakeResponse {
  return { status: 422, body: { message: text, errors: { [field]: [text] } } };
}

function booleanField(value: unknown): boolean | undefined {
  if (value === true || value === 1 || value === '1') return true;
  if (value === false || value === 0 || value === '0') return false;
  return undefined;
}

function positiveInteger(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  const number = Number(value);
  return number >= 1 ? number : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
