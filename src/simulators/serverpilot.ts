import { FakeHttpServer, type FakeDomain, type FakeHost, type FakeResponse, type RecordedRequest } from './fake-server.js';

/**
 * A stateful ServerPilot API v1 on loopback, following the documented behaviour: HTTP Basic
 * `client_id:api_key`, `GET/POST /v1/apps/:id` (the POST replaces the whole domain list),
 * `GET /v1/actions/:id`, `POST/DELETE /v1/apps/:id/ssl`, errors as `{"error":{"message"}}`.
 * Simplification: AutoSSL is available as soon as the app has a domain, unless a test says otherwise.
 */

export interface ServerPilotSimulatorOptions {
  appId?: string;
  clientId?: string;
  apiKey?: string;
  domains?: string[];
  /**
   * When set, every change answers with an `actionid` whose status stays `open` for this many
   * polls before turning `success`. Unset: changes answer without an `actionid`.
   */
  actionDelayPolls?: number;
  /** How an action ends once its delay is over: `success` (default), `error`, or never (`open` for good). */
  actionOutcome?: 'success' | 'error' | 'open';
}

export const serverPilotMaxDomains = 300;
const simulatedServerId = 'FqHWrrcUfRI18F0l';

interface SslSetup {
  key: string | null;
  cert: string | null;
  cacerts: string | null;
  auto: boolean;
  force: boolean;
}

const domainNamePattern = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

export class ServerPilotSimulator extends FakeHttpServer implements FakeHost {
  readonly appId: string;
  readonly clientId: string;
  readonly apiKey: string;
  onCertificatesRequested?: (names: string[]) => void;

  private appDomains: string[];
  private ssl: SslSetup | null = null;
  private autoSslAvailableOverride: boolean | undefined;
  private readonly otherAppDomains = new Set<string>();
  private readonly actionDelayPolls: number | undefined;
  /** How actions end; tests may change it between runs. */
  actionOutcome: 'success' | 'error' | 'open';
  private readonly actions = new Map<string, { pollsLeft: number }>();
  private actionCount = 0;

  constructor(options: ServerPilotSimulatorOptions = {}) {
    super();
    this.appId = options.appId ?? 'nlcN0TwdZAyNEgdp';
    this.clientId = options.clientId ?? 'cid_simulator';
    this.apiKey = options.apiKey ?? 'simulator-api-key';
    this.appDomains = [...(options.domains ?? [])];
    this.actionDelayPolls = options.actionDelayPolls;
    this.actionOutcome = options.actionOutcome ?? 'success';
  }

  get apiUrl(): string {
    return `${this.url}/v1`;
  }

  /** Replaces the app's domains as they are given: duplicates and odd case included. */
  seed(domains: FakeDomain[]): void {
    this.appDomains = domains.map((domain) => domain.name);
  }

  domains(): FakeDomain[] {
    return this.appDomains.map((name) => ({ name }));
  }

  hostnames(): string[] {
    return [...new Set(this.appDomains)];
  }

  installCustomCertificate(): void {
    this.ssl = {
      key: '-----BEGIN PRIVATE KEY-----\nsimulated\n-----END PRIVATE KEY-----',
      cert: '-----BEGIN CERTIFICATE-----\nsimulated\n-----END CERTIFICATE-----',
      cacerts: null,
      auto: false,
      force: false,
    };
  }

  /** issuable: no certificate yet, so AutoSSL can be enabled; custom: a certificate uploaded by hand. */
  setCertificateSetup(setup: 'issuable' | 'custom'): void {
    if (setup === 'custom') this.installCustomCertificate();
    else this.ssl = null;
  }

  /** Overrides the simplification "available once the app has a domain". */
  setAutoSslAvailable(available: boolean): void {
    this.autoSslAvailableOverride = available;
  }

  /** A name that another app of the same account serves: posting it answers 409. */
  addOtherAppDomain(name: string): void {
    this.otherAppDomains.add(name.toLowerCase());
  }

  get autoSslEnabled(): boolean {
    return this.ssl?.auto === true;
  }

  protected handle(request: RecordedRequest): FakeResponse {
    if (!this.authenticated(request)) {
      return failure(401, 'Authentication failed: the client ID or API key is not valid.');
    }
    const app = /^\/v1\/apps\/([^/]+)$/.exec(request.path);
    if (app) return this.handleApp(request, decodeURIComponent(app[1]!));
    const ssl = /^\/v1\/apps\/([^/]+)\/ssl$/.exec(request.path);
    if (ssl) return this.handleSsl(request, decodeURIComponent(ssl[1]!));
    const action = /^\/v1\/actions\/([^/]+)$/.exec(request.path);
    if (action && request.method === 'GET') return this.actionStatus(decodeURIComponent(action[1]!));
    return failure(404, `No such resource: ${request.method} ${request.path}`);
  }

  private authenticated(request: RecordedRequest): boolean {
    const header = request.headers['authorization'] ?? '';
    const match = /^Basic\s+(\S+)$/i.exec(header);
    if (!match) return false;
    return Buffer.from(match[1]!, 'base64').toString('utf8') === `${this.clientId}:${this.apiKey}`;
  }

  private handleApp(request: RecordedRequest, appId: string): FakeResponse {
    if (appId !== this.appId) return failure(404, `App ${appId} not found.`);
    if (request.method === 'GET') return { status: 200, body: { data: this.appJson() } };
    if (request.method === 'POST') return this.updateApp(request.body);
    return failure(405, `${request.method} is not allowed on an app.`);
  }

  private updateApp(body: unknown): FakeResponse {
    if (!isRecord(body)) return failure(400, 'The request body must be a JSON object.');
    if (!('domains' in body)) return this.changed({ data: this.appJson() });
    const domains = body['domains'];
    if (!Array.isArray(domains)) return failure(400, '`domains` must be an array of domain names.');
    for (const name of domains) {
      if (typeof name !== 'string' || !domainNamePattern.test(name)) {
        return failure(400, `Invalid domain: ${JSON.stringify(name)}.`);
      }
    }
    const names = domains as string[];
    const distinct = new Set(names.map((name) => name.toLowerCase()));
    if (distinct.size > serverPilotMaxDomains) {
      return failure(400, `An app can have at most ${serverPilotMaxDomains} domains; the request has ${distinct.size}.`);
    }
    const taken = [...distinct].find((name) => this.otherAppDomains.has(name));
    if (taken) return failure(409, `The domain ${taken} is already in use by another app.`);
    const before = this.hostnames().join('\n');
    this.appDomains = [...names];
    if (this.autoSslEnabled && this.hostnames().join('\n') !== before) this.onCertificatesRequested?.(this.hostnames());
    return this.changed({ data: this.appJson() });
  }

  private handleSsl(request: RecordedRequest, appId: string): FakeResponse {
    if (appId !== this.appId) return failure(404, `App ${appId} not found.`);
    if (request.method === 'DELETE') {
      this.ssl = null;
      return this.changed({ data: {} });
    }
    if (request.method !== 'POST') return failure(405, `${request.method} is not allowed on an app's SSL.`);
    const body = request.body;
    if (isRecord(body) && body['auto'] === true) return this.enableAutoSsl();
    if (isRecord(body) && body['force'] === true) return this.forceHttps();
    return failure(400, 'Send {"auto":true} to enable AutoSSL or {"force":true} to force HTTPS.');
  }

  private enableAutoSsl(): FakeResponse {
    if (this.ssl && !this.ssl.auto) {
      return failure(409, 'A custom SSL certificate is installed: remove it before enabling AutoSSL.');
    }
    if (!this.autoSslAvailable()) {
      return failure(400, 'AutoSSL is not available for this app: every domain must resolve to the server.');
    }
    this.ssl = { key: null, cert: null, cacerts: null, auto: true, force: this.ssl?.force ?? false };
    this.onCertificatesRequested?.(this.hostnames());
    return this.changed({ data: this.ssl });
  }

  private forceHttps(): FakeResponse {
    if (!this.ssl) return failure(409, 'SSL must be enabled before HTTPS can be forced.');
    this.ssl = { ...this.ssl, force: true };
    return this.changed({ data: this.ssl });
  }

  private actionStatus(actionId: string): FakeResponse {
    const action = this.actions.get(actionId);
    if (!action) return failure(404, `Action ${actionId} not found.`);
    const status = action.pollsLeft > 0 ? 'open' : this.actionOutcome;
    action.pollsLeft = Math.max(0, action.pollsLeft - 1);
    return { status: 200, body: { data: { id: actionId, serverid: simulatedServerId, status, datecreated: 1_700_000_000 } } };
  }

  /** The answer to a change, with an `actionid` when the simulator is configured to give one. */
  private changed(body: Record<string, unknown>): FakeResponse {
    if (this.actionDelayPolls === undefined) return { status: 200, body };
    this.actionCount += 1;
    const actionId = `action${String(this.actionCount).padStart(10, '0')}`;
    this.actions.set(actionId, { pollsLeft: this.actionDelayPolls });
    return { status: 200, body: { actionid: actionId, ...body } };
  }

  private autoSslAvailable(): boolean {
    return this.autoSslAvailableOverride ?? this.appDomains.length > 0;
  }

  private appJson(): Record<string, unknown> {
    const available = this.autoSslAvailable();
    return {
      id: this.appId,
      name: 'wordpress',
      sysuserid: 'RvnwAIfuENyjUVnl',
      serverid: simulatedServerId,
      runtime: 'php8.2',
      domains: [...this.appDomains],
      ssl: this.ssl ? { ...this.ssl } : null,
      autossl: { available, domains: available ? this.hostnames() : [] },
    };
  }
}

export async function startServerPilotSimulator(options: ServerPilotSimulatorOptions = {}): Promise<ServerPilotSimulator> {
  const simulator = new ServerPilotSimulator(options);
  await simulator.listen(0);
  return simulator;
}

function failure(status: number, message: string): FakeResponse {
  return { status, body: { error: { message } } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
