import { FakeHttpServer, type FakeDomain, type FakeHost, type FakeResponse, type RecordedRequest } from './fake-server.js';

/**
 * A stateful Closte client API on loopback (`/api/client`), following what its clients show:
 * the `apikey` parameter (query on GET, form field on POST), form-encoded writes, and the
 * `{"success":...}` envelope answered with HTTP 200 even on failure.
 * Guesses, kept configurable: the answer to a bad key, the shape of `getdomains` elements, and
 * the messages for a duplicate add or the delete of a missing alias.
 */

/** How `getdomains` writes each element: a bare string, `{domain}`, `{name}`, or alternating. */
export type ClosteListFormat = 'string' | 'domain-object' | 'name-object' | 'mixed';

export interface ClosteSimulatorOptions {
  apiKey?: string;
  /** The answer to a missing or wrong key. Default: HTTP 200, success false, "Invalid API key." */
  badKeyAnswer?: FakeResponse;
  listFormat?: ClosteListFormat;
  domains?: string[];
}

export const closteDuplicateAliasError = 'Domain alias already exists';
export const closteMissingAliasError = 'Domain alias not found';
const defaultBadKeyAnswer: FakeResponse = { status: 200, body: { success: false, error: 'Invalid API key.' } };
const domainNamePattern = /^(?=.{1,253}$)(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

export class ClosteSimulator extends FakeHttpServer implements FakeHost {
  readonly apiKey: string;
  listFormat: ClosteListFormat;
  badKeyAnswer: FakeResponse;
  onCertificatesRequested?: (names: string[]) => void;

  private aliases: string[];

  constructor(options: ClosteSimulatorOptions = {}) {
    super();
    this.apiKey = options.apiKey ?? 'simulator-closte-key';
    this.badKeyAnswer = options.badKeyAnswer ?? defaultBadKeyAnswer;
    this.listFormat = options.listFormat ?? 'string';
    this.aliases = [...(options.domains ?? [])];
  }

  get apiUrl(): string {
    return `${this.url}/api/client`;
  }

  /** Replaces the site's domains; a `*.` name or `wildcard: true` is a wildcard alias. */
  seed(domains: FakeDomain[]): void {
    this.aliases = domains.map((d) => (d.wildcard && !d.name.startsWith('*.') ? `*.${d.name}` : d.name));
  }

  domains(): FakeDomain[] {
    return this.aliases.map((name) => ({ name, wildcard: name.startsWith('*.') }));
  }

  hostnames(): string[] {
    return [...new Set(this.aliases)];
  }

  protected handle(request: RecordedRequest): FakeResponse {
    const route = /^\/api\/client\/([a-z]+)$/.exec(request.path);
    if (!route) return { status: 404, body: 'Not Found' };
    const fields = request.method === 'POST' ? formFields(request) : request.query;
    if (fields['apikey'] !== this.apiKey) return this.badKeyAnswer;
    const action = `${request.method} ${route[1]}`;
    if (action === 'GET getdomains') return succeed({ domains: this.listJson() });
    if (action === 'POST adddomainalias') return this.addAlias(fields);
    if (action === 'POST deletedomainalias') return this.deleteAlias(fields);
    return { status: 404, body: 'Not Found' };
  }

  private addAlias(fields: Record<string, string>): FakeResponse {
    const name = aliasName(fields);
    if (name === undefined) return fail(`Invalid or empty domain: ${fields['domain'] ?? ''}`);
    if (this.aliases.includes(name)) return fail(`${closteDuplicateAliasError}: ${name}`);
    this.aliases.push(name);
    this.onCertificatesRequested?.(this.hostnames());
    return succeed({});
  }

  /** Deletes the alias exactly as stored: one kept in another spelling (upper case, Unicode) is deleted only by that spelling. */
  private deleteAlias(fields: Record<string, string>): FakeResponse {
    const spelling = (fields['domain'] ?? '').trim();
    const name = this.aliases.includes(spelling) ? spelling : aliasName(fields);
    if (name === undefined) return fail(`Invalid or empty domain: ${fields['domain'] ?? ''}`);
    if (!this.aliases.includes(name)) return fail(`${closteMissingAliasError}: ${name}`);
    this.aliases = this.aliases.filter((alias) => alias !== name);
    return succeed({});
  }

  private listJson(): unknown[] {
    return this.aliases.map((name, index) => {
      const format = this.listFormat === 'mixed' ? (index % 2 === 0 ? 'string' : 'domain-object') : this.listFormat;
      const wildcard = name.startsWith('*.') ? 1 : 0;
      if (format === 'domain-object') return { domain: name, wildcard };
      if (format === 'name-object') return { name, wildcard };
      return name;
    });
  }
}

export async function startClosteSimulator(options: ClosteSimulatorOptions = {}): Promise<ClosteSimulator> {
  const simulator = new ClosteSimulator(options);
  await simulator.listen(0);
  return simulator;
}

/** The alias a request names, or undefined when it is empty, invalid or its `wildcard` flag disagrees. */
function aliasName(fields: Record<string, string>): string | undefined {
  const name = (fields['domain'] ?? '').trim().toLowerCase();
  if (name === '' || !domainNamePattern.test(name)) return undefined;
  const wildcardFlag = fields['wildcard'] === '1';
  if (wildcardFlag !== name.startsWith('*.')) return undefined;
  return name;
}

/** Like PHP's `$_POST`: only a form-encoded body carries fields. */
function formFields(request: RecordedRequest): Record<string, string> {
  const isForm = (request.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded');
  if (!isForm || typeof request.body !== 'object' || request.body === null) return {};
  return Object.fromEntries(
    Object.entries(request.body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

function succeed(fields: Record<string, unknown>): FakeResponse {
  return { status: 200, body: { success: true, ...fields } };
}

function fail(error: string): FakeResponse {
  return { status: 200, body: { success: false, error } };
}
