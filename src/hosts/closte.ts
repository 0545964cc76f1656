import { redact as redactSecrets } from '../http/redact.js';
import { HostApiError } from '../errors.js';
import type { HostHttpClient, HttpMethod } from '../http/http-client.js';
import { capabilitiesOf } from './capabilities.js';
import { describeJsonType, isRecord, normalisePanelName } from './panel-json.js';
import type {
  CertificateRequestOutcome,
  CurrentDomain,
  DoctorCheck,
  DomainToAdd,
  HostSnapshot,
  IssuanceSetup,
  PerDomainProvider,
  WriteReceipt,
} from './provider.js';

/**
 * Unverified facts about Closte's client API (marked **guess** in host-apis.md, or worded by
 * us where no client shows them), kept together so they are easy to correct.
 */
export const closteGuesses = {
  /** `getdomains` elements: a bare string, or an object naming the domain in one of these fields. */
  domainFields: ['domain', 'name'] as readonly string[],
  /** An `error` saying the key was refused (answered with HTTP 200 and `success: false`). */
  keyRefused: /api ?key|apikey|unauthori[sz]ed|not authenticated|access denied/i,
  /**
   * An add refused because the alias exists, or a delete refused because it does not. Either is
   * taken as done only after a fresh list confirms it: "already used by another site" must stay
   * an error.
   */
  aliasAlreadyThere: /already (?:exists|added|in use|used|taken)|duplicate/i,
  aliasNotThere: /not found|does not exist|doesn't exist|no such|not exist/i,
} as const;

export interface ClosteProviderOptions {
  /** Its base URL ends in `/api/client`; `apiKey` is among its secrets, so it is redacted. */
  http: HostHttpClient;
  apiKey: string;
  /** The variables holding this host's key, named in the hint when it is refused. */
  credentialHint?: string;
  /** The host id, for errors the provider raises itself. */
  hostId?: string;
}

export const closteDefaultCredentialVariables = ['CLOSTE_CLIENT_API_KEY'];

const listPath = '/getdomains';
const addPath = '/adddomainalias';
const deletePath = '/deletedomainalias';

/**
 * Closte: one site's domain aliases, written one per call through a form-encoded API whose
 * failures come back as HTTP 200 with `{"success":false,"error":...}`. Closte issues
 * certificates on its own once an alias is added. `www.x` is an alias of its own.
 */
export function createClosteProvider(options: ClosteProviderOptions): PerDomainProvider {
  const { http, apiKey } = options;
  const hostId = options.hostId ?? 'closte';
  const capabilities = { ...capabilitiesOf.closte, writeModel: 'per-domain' as const };

  function apiError(kind: 'rejected' | 'credentials' | 'invalid-response', method: HttpMethod, path: string, text: string, apiMessage?: string): HostApiError {
    return new HostApiError({
      hostId,
      kind,
      method,
      url: path,
      ...(apiMessage !== undefined ? { apiMessage: redact(apiMessage) } : {}),
      message: redact(`${hostId}: ${text}`),
    });
  }

  /** The key must never travel into a message, in any encoding, even if Closte echoes it back. */
  function redact(text: string): string {
    return redactSecrets(text, [apiKey]);
  }

  /** Sends one call and reads the envelope: `success: false` is a failure whatever the status. */
  async function call(method: HttpMethod, path: string, fields: Record<string, string> = {}): Promise<Record<string, unknown>> {
    const response =
      method === 'GET'
        ? await http.request({ method, path, query: { apikey: apiKey, ...fields } })
        : await http.request({ method, path, form: { apikey: apiKey, ...fields } });
    const body = response.body;
    if (!isRecord(body) || typeof body['success'] !== 'boolean') {
      throw apiError('invalid-response', method, path, `Closte answered ${method} ${path} without its {"success":...} envelope`);
    }
    if (body['success']) return body;
    const error = typeof body['error'] === 'string' ? body['error'] : JSON.stringify(body['error'] ?? body['message'] ?? null);
    const kind = closteGuesses.keyRefused.test(error) ? 'credentials' : 'rejected';
    throw apiError(kind, method, path, `Closte refused ${method} ${path}: ${error}`, error);
  }

  async function list(): Promise<HostSnapshot> {
    const body = await call('GET', listPath);
    const domains = body['domains'];
    const invalid = (problem: string): HostApiError =>
      apiError('invalid-response', 'GET', listPath, `Closte answered GET ${listPath} with a body that does not match what its clients expect: ${problem}`);
    if (!Array.isArray(domains)) throw invalid(`\`domains\` is ${describeJsonType(domains)}, not an array`);
    const listed = new Map<string, CurrentDomain>();
    domains.forEach((entry, index) => {
      const spelling = domainNameOf(entry, index, invalid);
      const name = normalisePanelName(spelling);
      if (name !== '' && !listed.has(name)) listed.set(name, toCurrentDomain(name, spelling));
    });
    return { domains: [...listed.values()] };
  }

  /**
   * Runs a write of `name` as the panel spells it; a refusal whose message says the work is
   * already done is checked by a fresh list (of normalised names).
   */
  async function write(path: string, name: string, alreadyDone: RegExp, done: (names: string[]) => boolean): Promise<WriteReceipt> {
    const fields = { domain: name, wildcard: name.startsWith('*.') ? '1' : '' };
    try {
      await call('POST', path, fields);
      return {};
    } catch (error) {
      if (!(error instanceof HostApiError && error.kind === 'rejected' && alreadyDone.test(error.apiMessage ?? ''))) throw error;
      const names = (await list()).domains.map((d) => d.name);
      if (done(names)) return {};
      throw error;
    }
  }

  return {
    name: 'closte',
    capabilities,
    list,

    addDomain(domain: DomainToAdd): Promise<WriteReceipt> {
      const name = domain.wildcard && !domain.name.startsWith('*.') ? `*.${domain.name}` : domain.name;
      return write(addPath, name, closteGuesses.aliasAlreadyThere, (names) => names.includes(name));
    },

    /** Closte deletes the alias it stores, so the name goes back in the panel's own spelling. */
    removeDomain(domain: CurrentDomain): Promise<WriteReceipt> {
      const spelling = domain.panelName ?? domain.name;
      return write(deletePath, spelling, closteGuesses.aliasNotThere, (names) => !names.includes(domain.name));
    },

    async setWww(domain: CurrentDomain): Promise<WriteReceipt> {
      throw apiError('rejected', 'POST', addPath, `Closte has no www flag: www.${domain.name} is an alias of its own`);
    },

    /** Closte has no SSL endpoint: nothing to read, and nothing stops it issuing. */
    async readCertificateSetup(): Promise<IssuanceSetup> {
      return { canIssue: true };
    },

    async requestCertificates(): Promise<CertificateRequestOutcome> {
      return {
        state: 'automatic',
        detail: 'Closte issues certificates on its own once an alias is added, usually within 5 to 10 minutes',
      };
    },

    async diagnose(): Promise<DoctorCheck[]> {
      let snapshot: HostSnapshot;
      try {
        snapshot = await list();
      } catch (error) {
        if (!(error instanceof HostApiError)) throw error;
        if (error.kind !== 'credentials') return [{ name: 'api', ok: false, detail: error.message }];
        const variables = options.credentialHint?.trim() || closteDefaultCredentialVariables.join(', ');
        return [
          {
            name: 'credentials',
            ok: false,
            detail: error.message,
            hint: `Closte refused the API key: check ${variables} (the site's client API key in Closte)`,
          },
        ];
      }
      const count = snapshot.domains.length;
      return [
        { name: 'credentials', ok: true, detail: 'Closte accepted the API key' },
        { name: 'site', ok: true, detail: `the site has ${count} domain${count === 1 ? '' : 's'}` },
      ];
    },
  };
}

function domainNameOf(entry: unknown, index: number, invalid: (problem: string) => HostApiError): string {
  if (typeof entry === 'string') return entry;
  if (isRecord(entry)) {
    const name = closteGuesses.domainFields.map((field) => entry[field]).find((value) => typeof value === 'string');
    if (typeof name === 'string') return name;
  }
  throw invalid(`\`domains[${index}]\` is ${describeJsonType(entry)}, neither a name nor an object with ${closteGuesses.domainFields.join(' or ')}`);
}

function toCurrentDomain(name: string, spelling: string): CurrentDomain {
  const domain: CurrentDomain = { name, www: false, wildcard: name.startsWith('*.') };
  if (spelling !== name) domain.panelName = spelling;
  return domain;
}

/** Trimmed, lower case, no trailing dot, punycode; a leading `*.` kept as it is. */

