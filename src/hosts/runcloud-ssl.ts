import { HostApiError } from '../errors.js';
import type { HostHttpClient, HttpMethod } from '../http/http-client.js';
import { isRecord } from './panel-json.js';
import type { CertificateRequestOutcome, HostSnapshot, IssuanceSetup } from './provider.js';
import type { runCloudGuesses } from './runcloud.js';

type SslGuesses = Pick<typeof runCloudGuesses, 'sslPath' | 'redeployPath' | 'sslNotInstalled' | 'sslMethodFields' | 'customCertificate'>;

export interface RunCloudSslOptions {
  http: HostHttpClient;
  /** `/servers/{s}/webapps/{w}`. */
  appPath: string;
  appId: string;
  guesses: SslGuesses;
  invalidResponse: (method: HttpMethod, path: string, problem: string) => HostApiError;
}

export interface RunCloudCertificates {
  readCertificateSetup(): Promise<IssuanceSetup>;
  requestCertificates(snapshot: HostSnapshot, setup: IssuanceSetup & { canIssue: true }): Promise<CertificateRequestOutcome>;
}

/** A RunCloud web app's certificate: its Let's Encrypt SSL, which a redeploy extends to new domains. */
export function createRunCloudCertificates(options: RunCloudSslOptions): RunCloudCertificates {
  const { http, appPath, appId, guesses } = options;

  /** The web app's SSL: a Let's Encrypt certificate to redeploy, or why there is none to issue. */
  async function readCertificateSetup(): Promise<IssuanceSetup> {
    const sslPath = `${appPath}${guesses.sslPath}`;
    let body: unknown;
    try {
      body = (await http.request({ method: 'GET', path: sslPath })).body;
    } catch (error) {
      if (!(error instanceof HostApiError && error.status === 404 && guesses.sslNotInstalled.test(error.apiMessage ?? ''))) {
        throw error;
      }
      body = { message: error.apiMessage };
    }
    const ssl = parseSsl(body, guesses, (problem) => options.invalidResponse('GET', sslPath, problem));
    if (ssl === 'none') {
      return {
        canIssue: false,
        reason:
          `RunCloud web app ${appId} has no SSL installed, and a redeploy only renews one that is: ` +
          "install Let's Encrypt once in RunCloud (the web app's SSL/TLS page); later runs redeploy it",
      };
    }
    if (ssl.custom) {
      return {
        canIssue: false,
        reason: `a custom certificate is installed on RunCloud web app ${appId}, so RunCloud will not issue one; switch the web app to Let's Encrypt to cover its domains`,
      };
    }
    return { canIssue: true, certificateId: ssl.id };
  }

  /**
   * The redeploy is not idempotent (each one asks Let's Encrypt again), so it is never repeated
   * blindly; an answer that is lost is taken as a request made, which the SSL probe verifies.
   */
  async function requestCertificates(_snapshot: HostSnapshot, setup: IssuanceSetup & { canIssue: true }): Promise<CertificateRequestOutcome> {
    const known = setup.certificateId !== undefined ? setup : await readCertificateSetup();
    if (!known.canIssue) return { state: 'cannot-issue', detail: known.reason };
    const path = `${appPath}${guesses.redeployPath(known.certificateId ?? '')}`;
    const requested = `asked RunCloud to redeploy the Let's Encrypt certificate of web app ${appId}`;
    try {
      await http.request({ method: 'PUT', path, idempotent: false });
    } catch (error) {
      if (!(error instanceof HostApiError && (error.kind === 'outcome-unknown' || error.kind === 'server'))) throw error;
      return {
        state: 'requested',
        detail: `${requested}; the answer was lost`,
        warning:
          `the answer to the Let's Encrypt redeploy of RunCloud web app ${appId} was lost (${error.message}); ` +
          'it is taken as made and not sent again, and the SSL probe shows whether it worked',
      };
    }
    return { state: 'requested', detail: requested };
  }

  return { readCertificateSetup, requestCertificates };
}

/** `'none'` when no SSL is installed, else the id to redeploy and whether it is a custom certificate. */
function parseSsl(body: unknown, guesses: SslGuesses, invalid: (problem: string) => HostApiError): 'none' | { id: string; custom: boolean } {
  if (!isRecord(body)) throw invalid('it is not a JSON object');
  const id = body['id'];
  if (typeof id === 'number' || (typeof id === 'string' && id !== '')) {
    const method = guesses.sslMethodFields.map((field) => body[field]).find((v) => typeof v === 'string') as string | undefined;
    return { id: String(id), custom: guesses.customCertificate.test(method ?? '') };
  }
  const message = body['message'];
  if (typeof message === 'string' && guesses.sslNotInstalled.test(message)) return 'none';
  throw invalid('it has neither an SSL `id` nor a "not installed" message');
}
