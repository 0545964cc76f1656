import { HostApiError } from '../errors.js';
import type { HostHttpClient, HttpMethod } from '../http/http-client.js';
import { capabilitiesOf } from './capabilities.js';
import { describeJsonType, isRecord, normalisePanelName } from './panel-json.js';
import type { CurrentDomain, DomainToAdd, HostSnapshot, PerDomainProvider, WriteReceipt } from './provider.js';
import { diagnoseRunCloud } from './runcloud-doctor.js';
import { createRunCloudCertificates } from './runcloud-ssl.js';

/**
 * Unverified facts about RunCloud's API (marked **guess**, or **code** only, in host-apis.md),
 * kept together so they are easy to correct once someone has seen the real answers.
 */
export const runCloudGuesses = {
  /** The query parameter that sets the page size of a list (`perPage` is the other candidate). */
  pageSizeParameter: 'per_page',
  /** The largest page size the API honours. */
  maxPageSize: 40,
  /** The web app's SSL setup (code): an object with `id`, or `{"message":"SSL not installed!"}`. */
  sslPath: '/ssl',
  /** Redeploys the web app's Let's Encrypt certificate (code): `PUT .../ssl/{sslId}`, no body. */
  redeployPath: (sslId: string): string => `/ssl/${encodeURIComponent(sslId)}`,
  /** The message (with HTTP 200 or 404) when the web app has no SSL installed. */
  sslNotInstalled: /not installed/i,
  /** The SSL object's field naming how the certificate was obtained: `letsencrypt` or `custom`. */
  sslMethodFields: ['method', 'method_humanize', 'provider'] as readonly string[],
  customCertificate: /custom/i,
  /** The 422 message for a name that is already on some web app of the server. */
  nameTaken: /already (?:been )?taken|already exists/i,
  /** A list longer than this many pages is not believed. */
  maxPages: 500,
} as const;

export type RunCloudApiVersion = 'v3' | 'v2';

export interface RunCloudProviderOptions {
  /** Its base URL ends in `/api/v3` or `/api/v2`, matching `apiVersion`. */
  http: HostHttpClient;
  serverId: string;
  appId: string;
  apiVersion: RunCloudApiVersion;
  /** The variables holding this host's credentials, named in the hint when they are refused. */
  credentialHint?: string;
  /** The host id, for errors the provider raises itself (an unexpected body). */
  hostId?: string;
}

export const runCloudDefaultCredentialVariables: Record<RunCloudApiVersion, string[]> = {
  v3: ['WU_RUNCLOUD_API_TOKEN'],
  v2: ['WU_RUNCLOUD_API_KEY', 'WU_RUNCLOUD_API_SECRET'],
};

/** A domain as RunCloud lists it; `type` and `redirection` are kept to send them back unchanged. */
interface RunCloudDomain {
  id: string;
  name: string;
  type: string;
  www: boolean;
  redirection: string;
  wildcard: boolean;
}

interface DomainPage {
  domains: RunCloudDomain[];
  total: number;
  totalPages: number;
}

/**
 * RunCloud (v3, or legacy v2 on the same paths): one call per added, removed or updated domain;
 * `www` is a flag on the domain; certificates by redeploying the web app's Let's Encrypt SSL.
 *
 * `setWww` must send the domain's `type` and `redirection` as the panel has them. They are not
 * part of `CurrentDomain`, so every list keeps them in a map keyed by the domain id; a domain this
 * provider has not listed yet (or no longer has in the map) costs one fresh list.
 */
export function createRunCloudProvider(options: RunCloudProviderOptions): PerDomainProvider {
  const { http, apiVersion } = options;
  const hostId = options.hostId ?? 'runcloud';
  const appPath = `/servers/${encodeURIComponent(options.serverId)}/webapps/${encodeURIComponent(options.appId)}`;
  const domainsPath = `${appPath}/domains`;
  const capabilities = { ...capabilitiesOf.runcloud, writeModel: 'per-domain' as const };
  const panelDomains = new Map<string, RunCloudDomain>();

  function invalidResponse(method: HttpMethod, path: string, problem: string): HostApiError {
    return new HostApiError({
      hostId,
      kind: 'invalid-response',
      method,
      url: path,
      message: `${hostId}: RunCloud answered ${method} ${path} with a body that does not match its documentation: ${problem}`,
    });
  }

  async function readPage(page: number): Promise<DomainPage> {
    const query = { page: String(page), [runCloudGuesses.pageSizeParameter]: String(runCloudGuesses.maxPageSize) };
    const response = await http.request({ method: 'GET', path: domainsPath, query });
    return parsePage(response.body, page, (problem) => invalidResponse('GET', domainsPath, problem));
  }

  /**
   * Every page, read in order. When the list changed while it was being read (the totals differ,
   * or the pages do not add up to the total), it is read once more.
   */
  async function readAllDomains(): Promise<RunCloudDomain[]> {
    for (let attempt = 1; ; attempt++) {
      const first = await readPage(1);
      if (first.totalPages > runCloudGuesses.maxPages) {
        throw invalidResponse('GET', domainsPath, `\`meta.pagination.total_pages\` is ${first.totalPages}`);
      }
      const pages = [first];
      for (let page = 2; page <= first.totalPages; page++) pages.push(await readPage(page));
      const byId = new Map(pages.flatMap((p) => p.domains).map((d) => [d.id, d]));
      if (pages.every((p) => p.total === first.total) && byId.size === first.total) {
        panelDomains.clear();
        for (const domain of byId.values()) panelDomains.set(domain.id, domain);
        return [...byId.values()];
      }
      if (attempt >= 2) {
        throw invalidResponse(
          'GET',
          domainsPath,
          `the list changed while it was read, twice (the pages hold ${byId.size} domains, \`meta.pagination.total\` says ${pages.map((p) => p.total).join(', ')})`,
        );
      }
    }
  }

  async function list(): Promise<HostSnapshot> {
    const domains = await readAllDomains();
    return { domains: domains.map(toCurrentDomain) };
  }

  /** The panel's own record of a listed domain, from the last list or a fresh one. */
  async function panelDomain(domain: CurrentDomain): Promise<RunCloudDomain | undefined> {
    const known = findPanelDomain(domain);
    if (known) return known;
    await readAllDomains();
    return findPanelDomain(domain);
  }

  function findPanelDomain(domain: CurrentDomain): RunCloudDomain | undefined {
    if (domain.id !== undefined) return panelDomains.get(domain.id);
    return [...panelDomains.values()].find((d) => d.name === domain.name);
  }

  async function setWww(domain: CurrentDomain, www: boolean): Promise<WriteReceipt> {
    const current = await panelDomain(domain);
    if (!current) throw goneError('PATCH', domain);
    const path = `${domainsPath}/${encodeURIComponent(current.id)}/meta`;
    await http.request({ method: 'PATCH', path, json: { type: current.type, redirection: current.redirection, www } });
    panelDomains.set(current.id, { ...current, www });
    return {};
  }

  function goneError(method: HttpMethod, domain: CurrentDomain): HostApiError {
    return new HostApiError({
      hostId,
      kind: 'not-found',
      method,
      url: domainsPath,
      message: `${hostId}: ${domain.name} is no longer on RunCloud web app ${options.appId}`,
    });
  }

  /**
   * A 422 "already taken" is a success only when a fresh list shows the name on this web app
   * (the flag brought in line); taken by another web app of the server, it stays an error.
   */
  async function settleNameTaken(error: HostApiError, wanted: DomainToAdd): Promise<WriteReceipt> {
    await readAllDomains();
    const existing = [...panelDomains.values()].find((d) => d.name === wanted.name);
    if (!existing) throw error;
    if (existing.www !== wanted.www) return setWww(toCurrentDomain(existing), wanted.www);
    return {};
  }

  const certificates = createRunCloudCertificates({ http, appPath, appId: options.appId, guesses: runCloudGuesses, invalidResponse });

  return {
    name: 'runcloud',
    capabilities,
    list,

    async addDomain(domain: DomainToAdd): Promise<WriteReceipt> {
      const json = { name: domain.name, www: domain.www, redirection: 'none', type: 'alias' };
      let body: unknown;
      try {
        body = (await http.request({ method: 'POST', path: domainsPath, json })).body;
      } catch (error) {
        if (error instanceof HostApiError && error.status === 422 && runCloudGuesses.nameTaken.test(error.apiMessage ?? '')) {
          return settleNameTaken(error, domain);
        }
        throw error;
      }
      const added = parseDomain(body, (problem) => invalidResponse('POST', domainsPath, `the added domain: ${problem}`));
      panelDomains.set(added.id, added);
      return {};
    },

    async removeDomain(domain: CurrentDomain): Promise<WriteReceipt> {
      const current = domain.id !== undefined ? { ...domain, id: domain.id } : await panelDomain(domain);
      if (!current) return {};
      if (domain.system === 'primary' || panelDomains.get(current.id)?.type === 'primary') {
        throw new HostApiError({
          hostId,
          kind: 'rejected',
          method: 'DELETE',
          url: domainsPath,
          message: `${hostId}: ${domain.name} is the primary domain of RunCloud web app ${options.appId}; it is never removed`,
        });
      }
      try {
        await http.request({ method: 'DELETE', path: `${domainsPath}/${encodeURIComponent(current.id)}` });
      } catch (error) {
        if (!(error instanceof HostApiError && error.status === 404)) throw error;
      }
      panelDomains.delete(current.id);
      return {};
    },

    setWww,

    readCertificateSetup: certificates.readCertificateSetup,
    requestCertificates: certificates.requestCertificates,

    diagnose: () =>
      diagnoseRunCloud({
        http,
        apiVersion,
        serverId: options.serverId,
        appId: options.appId,
        credentialVariables: options.credentialHint?.trim() || runCloudDefaultCredentialVariables[apiVersion].join(' and '),
        readFirstPage: () => readPage(1),
        readCertificateSetup: certificates.readCertificateSetup,
      }),
  };
}

function toCurrentDomain(domain: RunCloudDomain): CurrentDomain {
  return {
    name: domain.name,
    www: domain.www,
    wildcard: domain.wildcard,
    id: domain.id,
    ...(domain.type === 'primary' ? { system: 'primary' } : {}),
  };
}

function parsePage(body: unknown, page: number, invalid: (problem: string) => HostApiError): DomainPage {
  if (!isRecord(body)) throw invalid('it is not a JSON object');
  const data = body['data'];
  if (!Array.isArray(data)) throw invalid(`\`data\` is ${describeJsonType(data)}, not an array`);
  const meta = body['meta'];
  const pagination = isRecord(meta) ? meta['pagination'] : undefined;
  if (!isRecord(pagination)) throw invalid('there is no `meta.pagination` object');
  const total = pagination['total'];
  const totalPages = pagination['total_pages'];
  const currentPage = pagination['current_page'];
  if (!isCount(total)) throw invalid('`meta.pagination.total` is not a count');
  if (!isCount(totalPages)) throw invalid('`meta.pagination.total_pages` is not a count');
  if (currentPage !== page) throw invalid(`page ${page} was asked for, \`meta.pagination.current_page\` is ${JSON.stringify(currentPage)}`);
  const domains = data.map((entry, index) => parseDomain(entry, (problem) => invalid(`\`data[${index}]\`: ${problem}`)));
  return { domains, total, totalPages };
}

function parseDomain(value: unknown, invalid: (problem: string) => HostApiError): RunCloudDomain {
  if (!isRecord(value)) throw invalid(`it is ${describeJsonType(value)}, not an object`);
  const id = value['id'];
  if (typeof id !== 'number' && (typeof id !== 'string' || id === '')) throw invalid('`id` is missing');
  const name = value['name'];
  if (typeof name !== 'string' || name.trim() === '') throw invalid('`name` is missing');
  const type = value['type'];
  if (typeof type !== 'string') throw invalid('`type` is missing');
  const redirection = value['redirection'];
  if (typeof redirection !== 'string') throw invalid('`redirection` is missing');
  const www = flag(value['www']);
  if (www === undefined) throw invalid(`\`www\` is ${JSON.stringify(value['www'])}, not 0 or 1`);
  const wildcard = value['wildcard'] === undefined ? false : flag(value['wildcard']);
  if (wildcard === undefined) throw invalid(`\`wildcard\` is ${JSON.stringify(value['wildcard'])}, not 0 or 1`);
  return { id: String(id), name: normalisePanelName(name), type, www, redirection, wildcard };
}

function flag(value: unknown): boolean | undefined {
  if (value === 1 || value === true || value === '1') return true;
  if (value === 0 || value === false || value === '0') return false;
  return undefined;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

