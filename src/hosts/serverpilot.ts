import { HostApiError } from '../errors.js';
import type { HostHttpClient } from '../http/http-client.js';
import { capabilitiesOf } from './capabilities.js';
import { describeJsonType, isRecord, normalisePanelName } from './panel-json.js';
import type {
  ActionStatus,
  CertificateRequestOutcome,
  CertificateSetup,
  DoctorCheck,
  HostSnapshot,
  IssuanceSetup,
  ReplaceListProvider,
  WriteReceipt,
} from './provider.js';

/**
 * Unverified facts about ServerPilot's API (marked **guess** in host-apis.md), kept together so
 * they are easy to correct once someone has seen the real answers.
 */
export const serverPilotGuesses = {
  /** The statuses ServerPilot may answer when a posted domain is already served by another app. */
  domainInUseStatuses: [409, 400] as readonly number[],
  /** Words its message may use for that case. */
  domainInUseMessage: /already (?:in use|used|exists|taken|assigned)|another app|belongs to/i,
};

export interface ServerPilotProviderOptions {
  http: HostHttpClient;
  appId: string;
  /** The variables holding this host's credentials, named in the hint when they are refused. */
  credentialHint?: string;
  /** The host id in domains.yml, for the errors the provider raises itself (an unexpected body). */
  hostId?: string;
}

export const serverPilotDefaultCredentialVariables = ['WU_SERVER_PILOT_CLIENT_ID', 'WU_SERVER_PILOT_API_KEY'];

const actionStatuses: readonly ActionStatus[] = ['open', 'success', 'error'];

/** The fields of `GET /apps/:id` this provider reads. */
interface ServerPilotApp {
  name: string;
  domains: string[];
  /** `null` when no certificate is set up; `auto` tells AutoSSL from a custom certificate. */
  ssl: { auto: boolean } | null;
  autoSslAvailable: boolean;
}

/** ServerPilot: one app's domain list, replaced whole by each write; certificates via AutoSSL. */
export function createServerPilotProvider(options: ServerPilotProviderOptions): ReplaceListProvider {
  const { http, appId } = options;
  const hostId = options.hostId ?? 'serverpilot';
  const appPath = `/apps/${encodeURIComponent(appId)}`;
  const capabilities = { ...capabilitiesOf.serverpilot, writeModel: 'replace-list' as const };
  const maxDomains = capabilities.maxDomains ?? Number.POSITIVE_INFINITY;

  function invalidResponse(method: string, path: string, problem: string): HostApiError {
    return new HostApiError({
      hostId,
      kind: 'invalid-response',
      method,
      url: path,
      message: `${hostId}: ${method} ${path} → the body does not match ServerPilot's documentation: ${problem}`,
    });
  }

  async function readApp(): Promise<ServerPilotApp> {
    const response = await http.request({ method: 'GET', path: appPath });
    return parseApp(response.body, (problem) => invalidResponse('GET', appPath, problem));
  }

  return {
    name: 'serverpilot',
    capabilities,

    async list(): Promise<HostSnapshot> {
      const app = await readApp();
      return {
        domains: app.domains.map((name) => ({ name, www: false, wildcard: false })),
        certificate: certificateSetup(app),
      };
    },

    async replaceList(names: readonly string[]): Promise<WriteReceipt> {
      try {
        const response = await http.request({ method: 'POST', path: appPath, json: { domains: Array.from(names) }, idempotent: true });
        return receiptOf(response.body);
      } catch (error) {
        throw explainDomainInUse(error);
      }
    },

    async actionStatus(actionId: string): Promise<ActionStatus> {
      const path = `/actions/${encodeURIComponent(actionId)}`;
      const response = await http.request({ method: 'GET', path });
      const data = isRecord(response.body) ? response.body['data'] : undefined;
      const status = isRecord(data) ? data['status'] : undefined;
      if (!actionStatuses.includes(status as ActionStatus)) {
        throw invalidResponse('GET', path, `\`data.status\` is ${JSON.stringify(status)}, not one of ${actionStatuses.join(', ')}`);
      }
      return status as ActionStatus;
    },

    async readCertificateSetup(snapshot: HostSnapshot): Promise<IssuanceSetup> {
      const certificate = snapshot.certificate ?? certificateSetup(await readApp());
      return certificate.custom ? { canIssue: false, reason: customCertificateReason(appId) } : { canIssue: true };
    },

    async requestCertificates(snapshot: HostSnapshot): Promise<CertificateRequestOutcome> {
      const certificate = snapshot.certificate ?? certificateSetup(await readApp());
      if (certificate.custom) return { state: 'cannot-issue', detail: customCertificateReason(appId) };
      if (certificate.automatic) {
        return { state: 'automatic', detail: 'AutoSSL is on: ServerPilot issues certificates for the app\'s domains on its own' };
      }
      if (!certificate.available) {
        return {
          state: 'not-yet',
          detail: 'AutoSSL is not available yet: ServerPilot makes it available once every domain of the app resolves to the server',
        };
      }
      await http.request({ method: 'POST', path: `${appPath}/ssl`, json: { auto: true } });
      return { state: 'requested', detail: `asked ServerPilot to enable AutoSSL for app ${appId}` };
    },

    async diagnose(): Promise<DoctorCheck[]> {
      let app: ServerPilotApp;
      try {
        app = await readApp();
      } catch (error) {
        return diagnoseFailure(error, appId, options.credentialHint);
      }
      const count = app.domains.length;
      const checks: DoctorCheck[] = [
        { name: 'credentials', ok: true, detail: 'ServerPilot API v1 accepted the client ID and API key' },
        { name: 'app', ok: true, detail: `app "${app.name}" (${appId}) found` },
        {
          name: 'domains',
          ok: count <= maxDomains,
          detail: `${count} of at most ${maxDomains} domains per app`,
          ...(count > maxDomains ? { hint: 'ServerPilot refuses lists above its cap: remove domains or split them across apps' } : {}),
        },
        autoSslCheck(certificateSetup(app)),
      ];
      if (http.rateLimit) {
        checks.push({
          name: 'rate-limit',
          ok: http.rateLimit.remaining > 0,
          detail: `${http.rateLimit.remaining} of ${http.rateLimit.limit} requests left`,
        });
      }
      return checks;
    },
  };
}

/**
 * Domains as ServerPilot lists them, normalised like the file's names: trimmed, lower case,
 * no trailing dot, punycode; listed once each (its lists may repeat a name).
 */
function parseApp(body: unknown, invalid: (problem: string) => HostApiError): ServerPilotApp {
  const data = isRecord(body) ? body['data'] : undefined;
  if (!isRecord(data)) throw invalid('there is no `data` object');
  const domains = data['domains'];
  if (!Array.isArray(domains)) throw invalid(`\`data.domains\` is ${describeJsonType(domains)}, not an array`);
  const names = domains.map((entry, index) => {
    if (typeof entry !== 'string') throw invalid(`\`data.domains[${index}]\` is ${describeJsonType(entry)}, not a string`);
    return normalisePanelName(entry);
  });
  const ssl = data['ssl'];
  if (ssl !== null && !isRecord(ssl)) throw invalid(`\`data.ssl\` is ${describeJsonType(ssl)}, neither null nor an object`);
  const autossl = data['autossl'];
  const available = isRecord(autossl) ? autossl['available'] : undefined;
  if (typeof available !== 'boolean') throw invalid('`data.autossl.available` is missing or not a boolean');
  return {
    name: typeof data['name'] === 'string' ? data['name'] : '',
    domains: [...new Set(names.filter((name) => name !== ''))],
    ssl: ssl === null ? null : { auto: ssl['auto'] === true },
    autoSslAvailable: available,
  };
}

function customCertificateReason(appId: string): string {
  return `a custom certificate is installed on ServerPilot app ${appId}, so AutoSSL cannot issue one; remove it in ServerPilot to let AutoSSL cover the app's domains`;
}

function certificateSetup(app: ServerPilotApp): CertificateSetup {
  const custom = app.ssl !== null && !app.ssl.auto;
  const automatic = app.ssl?.auto === true;
  const detail = custom
    ? 'a custom certificate is installed'
    : automatic
      ? 'AutoSSL is on'
      : app.autoSslAvailable
        ? 'AutoSSL is available but off'
        : 'AutoSSL is not available yet (every domain must resolve to the server)';
  return { custom, automatic, available: app.autoSslAvailable, detail };
}

function autoSslCheck(certificate: CertificateSetup): DoctorCheck {
  if (certificate.custom) {
    return {
      name: 'autossl',
      ok: false,
      detail: 'a custom certificate is installed: ServerPilot will not issue certificates for new domains',
      hint: 'remove the custom certificate in ServerPilot so AutoSSL can cover the app\'s domains',
    };
  }
  const detail = certificate.automatic
    ? 'AutoSSL is on'
    : certificate.available
      ? 'AutoSSL is available; apply enables it'
      : 'AutoSSL is not available yet: ServerPilot offers it once every domain resolves to the server';
  return { name: 'autossl', ok: true, detail };
}

function diagnoseFailure(error: unknown, appId: string, credentialHint: string | undefined): DoctorCheck[] {
  if (!(error instanceof HostApiError)) throw error;
  if (error.kind === 'credentials') {
    const variables = credentialHint?.trim() ? credentialHint.trim() : serverPilotDefaultCredentialVariables.join(' and ');
    return [
      {
        name: 'credentials',
        ok: false,
        detail: error.message,
        hint: `ServerPilot refused the client ID and API key: check ${variables}`,
      },
    ];
  }
  if (error.kind === 'not-found') {
    return [
      { name: 'credentials', ok: true, detail: 'ServerPilot API v1 accepted the client ID and API key' },
      {
        name: 'app',
        ok: false,
        detail: `app ${appId} was not found: ${error.message}`,
        hint: 'check the host\'s `app` (or the variable holding the app id, by default WU_SERVER_PILOT_APP_ID)',
      },
    ];
  }
  return [{ name: 'api', ok: false, detail: error.message }];
}

/** A clearer message for the (guessed) answer to a domain that another app already serves. */
function explainDomainInUse(error: unknown): unknown {
  if (!(error instanceof HostApiError) || error.kind !== 'rejected') return error;
  const apiMessage = error.apiMessage ?? '';
  if (!serverPilotGuesses.domainInUseStatuses.includes(error.status ?? 0)) return error;
  if (!serverPilotGuesses.domainInUseMessage.test(apiMessage)) return error;
  return new HostApiError({
    hostId: error.hostId,
    kind: error.kind,
    method: error.method,
    url: error.url,
    ...(error.status !== undefined ? { status: error.status } : {}),
    apiMessage,
    message: `ServerPilot refused the domain list because a domain is already used by another app (${apiMessage}); remove it from that app first`,
  });
}

function receiptOf(body: unknown): WriteReceipt {
  const actionId = isRecord(body) ? body['actionid'] : undefined;
  return typeof actionId === 'string' && actionId !== '' ? { pendingAction: actionId } : {};
}

