import { HostApiError } from '../errors.js';
import type { HostHttpClient } from '../http/http-client.js';
import { isRecord } from './panel-json.js';
import type { DoctorCheck, IssuanceSetup } from './provider.js';
import type { RunCloudApiVersion } from './runcloud.js';

export interface RunCloudDoctorOptions {
  http: HostHttpClient;
  apiVersion: RunCloudApiVersion;
  serverId: string;
  appId: string;
  /** The variables holding the credentials, named in the hint when they are refused. */
  credentialVariables: string;
  /** The first page of the web app's domains, whose total the app check reports. */
  readFirstPage: () => Promise<{ total: number }>;
  readCertificateSetup: () => Promise<IssuanceSetup>;
}

const idVariables = 'WU_RUNCLOUD_SERVER_ID and WU_RUNCLOUD_APP_ID';

/** `doctor` for a RunCloud host: API version, credentials, the web app, its certificate, rate limit. */
export async function diagnoseRunCloud(options: RunCloudDoctorOptions): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [apiVersionCheck(options.apiVersion)];
  const credentials = await pingCheck(options);
  checks.push(credentials);
  if (!credentials.ok) return checks;
  const app = await appCheck(options);
  checks.push(app);
  if (app.ok) checks.push(await certificateCheck(options));
  checks.push(rateLimitCheck(options.http.rateLimit));
  return checks;
}

/** The same verdict apply reaches before asking for certificates, so doctor fails where apply would. */
async function certificateCheck({ appId, readCertificateSetup }: RunCloudDoctorOptions): Promise<DoctorCheck> {
  try {
    const setup = await readCertificateSetup();
    if (!setup.canIssue) return { name: 'certificate', ok: false, detail: setup.reason };
    return { name: 'certificate', ok: true, detail: `Let's Encrypt is installed on web app ${appId}; apply redeploys it to cover new domains` };
  } catch (error) {
    if (!(error instanceof HostApiError)) throw error;
    return { name: 'certificate', ok: false, detail: `web app ${appId}'s SSL could not be read: ${error.message}` };
  }
}

async function pingCheck({ http, apiVersion, credentialVariables }: RunCloudDoctorOptions): Promise<DoctorCheck> {
  try {
    const response = await http.request({ method: 'GET', path: '/ping' });
    const message = isRecord(response.body) ? response.body['message'] : undefined;
    if (message !== 'pong') {
      return { name: 'credentials', ok: false, detail: `GET /ping answered ${JSON.stringify(message)} instead of "pong"` };
    }
    return { name: 'credentials', ok: true, detail: `RunCloud API ${apiVersion} accepted the credentials` };
  } catch (error) {
    if (!(error instanceof HostApiError)) throw error;
    if (error.kind !== 'credentials') return { name: 'credentials', ok: false, detail: error.message };
    return {
      name: 'credentials',
      ok: false,
      detail: error.message,
      hint:
        "RunCloud answers 401 both to wrong credentials and to calls from an address that is not on the account's " +
        `API IP allow-list (RunCloud: Settings, API): add this machine's public IP there, and check ${credentialVariables}`,
    };
  }
}

async function appCheck({ serverId, appId, readFirstPage }: RunCloudDoctorOptions): Promise<DoctorCheck> {
  try {
    const first = await readFirstPage();
    return {
      name: 'app',
      ok: true,
      detail: `web app ${appId} on server ${serverId} found, with ${first.total} domain${first.total === 1 ? '' : 's'}`,
    };
  } catch (error) {
    if (!(error instanceof HostApiError)) throw error;
    return {
      name: 'app',
      ok: false,
      detail: `web app ${appId} on server ${serverId}: ${error.message}`,
      ...(error.kind === 'not-found' ? { hint: `check the host's \`server\` and \`app\` (or ${idVariables})` } : {}),
    };
  }
}

function apiVersionCheck(apiVersion: RunCloudApiVersion): DoctorCheck {
  if (apiVersion === 'v3') return { name: 'api-version', ok: true, detail: 'RunCloud API v3, with a Bearer token' };
  return {
    name: 'api-version',
    ok: true,
    detail: 'RunCloud API v2 (legacy), with an API key and secret',
    hint: "create an API token in RunCloud and set WU_RUNCLOUD_API_TOKEN (or the host's `credentials.token`) to use API v3",
  };
}

function rateLimitCheck(rateLimit: HostHttpClient['rateLimit']): DoctorCheck {
  if (!rateLimit) return { name: 'rate-limit', ok: true, detail: 'RunCloud sent no rate-limit headers' };
  return {
    name: 'rate-limit',
    ok: rateLimit.remaining > 0,
    detail: `${rateLimit.remaining} of ${rateLimit.limit} requests left in the current window`,
    ...(rateLimit.remaining > 0 ? {} : { hint: 'wait for the window to reset; RunCloud also counts calls against a monthly quota' }),
  };
}
