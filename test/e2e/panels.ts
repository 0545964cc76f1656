import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runAction, runCli, workspace, type ActionRun, type ProcessResult } from '../../scripts/run-built.js';
import { startClosteSimulator, type ClosteSimulator } from '../../src/simulators/closte.js';
import { startRunCloudSimulator, type RunCloudSimulator } from '../../src/simulators/runcloud.js';
import { startServerPilotSimulator, type ServerPilotSimulator } from '../../src/simulators/serverpilot.js';
import { createTestCa, type TestCa } from '../../src/simulators/test-ca.js';
import { startTlsSimulator, type TlsSimulator } from '../../src/simulators/tls-server.js';

/**
 * The three panel simulators and one TLS server for end-to-end tests of the built CLI and
 * Action. Each panel's certificate request makes the TLS server serve a real certificate for
 * the panel's names `issuanceDelayMs` later, as `npm run demo` does. Host ids in domains.yml:
 * `production` (ServerPilot), `eu` (RunCloud), `edge` (Closte).
 */

export const serverPilotAppId = 'app-e2e-3hosts';
export const runCloudServerId = '4321';
export const runCloudAppId = '8765';

export const credentials = {
  WU_SERVER_PILOT_CLIENT_ID: 'e2e-sp-client-5b1c9e',
  WU_SERVER_PILOT_API_KEY: 'e2e-sp-apikey-0d7f3a61',
  WU_RUNCLOUD_API_TOKEN: 'e2e-rc-token-8a2e4f90',
  CLOSTE_CLIENT_API_KEY: 'e2e-closte-apikey-c3d95e17',
};

/** RunCloud's legacy v2 credentials; with these and no token, the CLI speaks v2. */
export const runCloudV2Credentials = {
  WU_RUNCLOUD_API_KEY: 'e2e-rc-v2-key-61f0b2',
  WU_RUNCLOUD_API_SECRET: 'e2e-rc-v2-secret-e49a7c',
};

const basic = (user: string, password: string): string => Buffer.from(`${user}:${password}`).toString('base64');

/** Every credential, and every value derived from one that travels over the wire. */
export const secrets: readonly string[] = [
  ...Object.values(credentials),
  ...Object.values(runCloudV2Credentials),
  basic(credentials.WU_SERVER_PILOT_CLIENT_ID, credentials.WU_SERVER_PILOT_API_KEY),
  basic(runCloudV2Credentials.WU_RUNCLOUD_API_KEY, runCloudV2Credentials.WU_RUNCLOUD_API_SECRET),
];

export interface Panels {
  ca: TestCa;
  tls: TlsSimulator;
  serverpilot: ServerPilotSimulator;
  runcloud: RunCloudSimulator;
  closte: ClosteSimulator;
  /** Credentials of all three panels (RunCloud v3) and the test CA in NODE_EXTRA_CA_CERTS. */
  env: Record<string, string>;
  /**
   * What every panel's `onCertificatesRequested` does: the TLS server serves one certificate for
   * these names `afterMs` from now. A test that replaces a hook calls this for the names it keeps.
   */
  issue(names: readonly string[], afterMs: number): void;
  close(): Promise<void>;
}

export interface PanelOptions {
  /** How long after a panel's request the TLS server serves its certificate. */
  issuanceDelayMs: number;
  /** The largest RunCloud page the simulator honours (default: the simulator's, 40). */
  runCloudMaxPerPage?: number;
}

export async function startPanels(options: PanelOptions): Promise<Panels> {
  const ca = await createTestCa();
  const tls = await startTlsSimulator({ ca });
  const serverpilot = await startServerPilotSimulator({
    appId: serverPilotAppId,
    clientId: credentials.WU_SERVER_PILOT_CLIENT_ID,
    apiKey: credentials.WU_SERVER_PILOT_API_KEY,
  });
  const runcloud = await startRunCloudSimulator({
    token: credentials.WU_RUNCLOUD_API_TOKEN,
    apiKey: runCloudV2Credentials.WU_RUNCLOUD_API_KEY,
    apiSecret: runCloudV2Credentials.WU_RUNCLOUD_API_SECRET,
    serverId: runCloudServerId,
    appId: runCloudAppId,
    ssl: { id: 77, method: 'letsencrypt' },
    // Many runs share one simulator within a minute; the rate limit is not what these tests are about.
    rateLimit: { limit: 10_000 },
    ...(options.runCloudMaxPerPage !== undefined ? { maxPerPage: options.runCloudMaxPerPage } : {}),
  });
  const closte = await startClosteSimulator({ apiKey: credentials.CLOSTE_CLIENT_API_KEY });
  const issuing = new Set<Promise<void>>();
  const issueFailures: unknown[] = [];
  const issue = (names: readonly string[], afterMs: number): void => {
    const pending = tls.issue(names, afterMs).catch((error: unknown) => void issueFailures.push(error));
    issuing.add(pending);
    void pending.finally(() => issuing.delete(pending));
  };
  for (const panel of [serverpilot, runcloud, closte]) {
    panel.onCertificatesRequested = (names) => issue(names, options.issuanceDelayMs);
  }
  return {
    ca,
    tls,
    serverpilot,
    runcloud,
    closte,
    env: { ...credentials, NODE_EXTRA_CA_CERTS: ca.certificatePath },
    issue,
    async close() {
      await Promise.all([serverpilot.close(), runcloud.close(), closte.close(), tls.close()]);
      // Certificates still being made need the CA's files until they are done.
      await Promise.all(issuing);
      await ca.dispose();
      if (issueFailures.length > 0) throw new Error(`the test CA failed to issue a certificate: ${String(issueFailures[0])}`);
    },
  };
}

/** A domains.yml entry: a plain name, or a YAML flow mapping such as `{ name: x, www: never }`. */
export type DomainEntry = string;

export interface ConfigHosts {
  production?: DomainEntry[];
  eu?: DomainEntry[];
  edge?: DomainEntry[];
}

export interface ConfigOptions {
  /** Lines under `defaults.ssl`. */
  ssl?: string[];
  /** RunCloud's API version the `eu` host's api_url points at (default v3). */
  runCloudVersion?: 'v3' | 'v2';
}

/** A domains.yml for the hosts given, each pointing at its simulator. */
export function panelsConfig(panels: Panels, hosts: ConfigHosts, options: ConfigOptions = {}): string {
  const lines = ['version: 1', 'defaults:', '  removals: sync'];
  if (options.ssl) lines.push('  ssl:', ...options.ssl.map((line) => `    ${line}`));
  lines.push('hosts:');
  const domainLines = (domains: DomainEntry[]): string[] =>
    domains.length === 0 ? ['    domains: []'] : ['    domains:', ...domains.map((domain) => `      - ${domain}`)];
  if (hosts.production) {
    lines.push('  production:', '    provider: serverpilot', `    app: ${serverPilotAppId}`, `    api_url: ${panels.serverpilot.apiUrl}`);
    lines.push(...domainLines(hosts.production));
  }
  if (hosts.eu) {
    lines.push(
      '  eu:',
      '    provider: runcloud',
      `    server: ${runCloudServerId}`,
      `    app: ${runCloudAppId}`,
      `    api_url: ${panels.runcloud.urlFor(options.runCloudVersion ?? 'v3')}`,
    );
    lines.push(...domainLines(hosts.eu));
  }
  if (hosts.edge) {
    lines.push('  edge:', '    provider: closte', `    api_url: ${panels.closte.apiUrl}`);
    lines.push(...domainLines(hosts.edge));
  }
  return `${lines.join('\n')}\n`;
}

/** A fresh directory holding this domains.yml. */
export function configDirectory(config: string): Promise<string> {
  return workspace({ 'domains.yml': config });
}

export async function rewriteConfig(directory: string, config: string): Promise<void> {
  await writeFile(join(directory, 'domains.yml'), config);
}

export interface TimedResult extends ProcessResult {
  elapsedMs: number;
}

export interface TimedActionRun extends ActionRun {
  elapsedMs: number;
}

/**
 * Runs the built entry points and keeps everything they printed or wrote, so a test file can
 * prove at the end that no credential reached any of it.
 */
export class Transcript {
  private readonly texts: { what: string; text: string }[] = [];

  constructor(private readonly env: () => Record<string, string>) {}

  async cli(args: string[], directory: string, env: Record<string, string> = {}): Promise<TimedResult> {
    const started = performance.now();
    const result = await runCli(args, { ...this.env(), ...env }, directory);
    const elapsedMs = performance.now() - started;
    const what = `domain-sync ${args.join(' ')}`;
    this.texts.push({ what: `${what} (stdout)`, text: result.stdout }, { what: `${what} (stderr)`, text: result.stderr });
    return { ...result, elapsedMs };
  }

  async action(inputs: Record<string, string>, directory: string, env: Record<string, string> = {}): Promise<TimedActionRun> {
    const started = performance.now();
    const run = await runAction(inputs, { ...this.env(), ...env }, directory);
    const elapsedMs = performance.now() - started;
    const what = `action mode=${inputs['mode'] ?? 'auto'}`;
    // `::add-mask::` lines hand each secret to the runner, which masks it everywhere after.
    const unmasked = (text: string): string =>
      text
        .split('\n')
        .filter((line) => !line.startsWith('::add-mask::'))
        .join('\n');
    this.texts.push(
      { what: `${what} (stdout)`, text: unmasked(run.stdout) },
      { what: `${what} (stderr)`, text: unmasked(run.stderr) },
      { what: `${what} (summary)`, text: run.summary },
      ...Object.entries(run.outputs).map(([name, value]) => ({ what: `${what} (output ${name})`, text: value })),
    );
    return { ...run, elapsedMs };
  }

  /** How many outputs were kept: a secret check over nothing proves nothing. */
  get size(): number {
    return this.texts.length;
  }

  assertNoSecrets(): void {
    for (const { what, text } of this.texts) {
      for (const secret of secrets) {
        assert.ok(!text.includes(secret), `a credential (${secret.slice(0, 6)}…) reached ${what}`);
      }
    }
  }
}

export interface JsonResult {
  result: string;
  mode: string;
  checksum: string;
  hosts: {
    id: string;
    provider: string;
    apiCalls: number;
    changes: { action: string; name: string; www?: unknown; from?: string; to?: string }[];
    warnings: string[];
    certificates?: { state: string; detail: string };
    error?: string;
  }[];
  ssl: { name: string; host: string; state: string; expires?: string; detail: string; lastState?: string }[];
  errors: string[];
}

export function parseJson(result: ProcessResult): JsonResult {
  try {
    return JSON.parse(result.stdout) as JsonResult;
  } catch {
    assert.fail(`not JSON on stdout (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
}

/** `name → state` of the `ssl` array, for compact assertions. */
export function sslStates(json: Pick<JsonResult, 'ssl'>): Record<string, string> {
  return Object.fromEntries(json.ssl.map((entry) => [entry.name, entry.state]));
}

/** The text SSL table's row for a name, split into its columns (domain, host, state, expires, detail). */
export function sslTableRow(stdout: string, name: string): string[] | undefined {
  const table = stdout.slice(stdout.lastIndexOf('\nSSL\n'));
  const row = table.split('\n').find((line) => line.trimStart().startsWith(`${name} `));
  return row?.trim().split(/ {2,}/);
}
