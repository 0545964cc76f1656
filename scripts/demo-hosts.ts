import { startClosteSimulator } from '../src/simulators/closte.js';
import { startRunCloudSimulator } from '../src/simulators/runcloud.js';
import { startServerPilotSimulator } from '../src/simulators/serverpilot.js';
import { createTestCa } from '../src/simulators/test-ca.js';
import { startTlsSimulator } from '../src/simulators/tls-server.js';

export interface DemoHosts {
  /** The desired state: three hosts, one on each simulator. */
  config: string;
  /** Credentials and NODE_EXTRA_CA_CERTS, as a run of the CLI or the Action needs them. */
  env: Record<string, string>;
  /** The `--connect-to` rule that sends every SSL probe to the local TLS server. */
  connectTo: string;
  /** Stops every server, after certificates still being issued are done. */
  close: () => Promise<void>;
}

/**
 * The three panel simulators and a local TLS server whose certificates (from a CA made for this
 * run) appear `issuanceDelayMs` after a panel is asked for them. Nothing leaves 127.0.0.1.
 */
export async function startDemoHosts(issuanceDelayMs: number): Promise<DemoHosts> {
  const credentials = {
    WU_SERVER_PILOT_CLIENT_ID: 'demo-client-id',
    WU_SERVER_PILOT_API_KEY: 'demo-serverpilot-api-key',
    WU_RUNCLOUD_API_TOKEN: 'demo-runcloud-token',
    CLOSTE_CLIENT_API_KEY: 'demo-closte-api-key',
  };
  const ca = await createTestCa();
  const tls = await startTlsSimulator({ ca });
  const serverpilot = await startServerPilotSimulator({
    appId: 'nlcN0TwdZAyNEgdp',
    clientId: credentials.WU_SERVER_PILOT_CLIENT_ID,
    apiKey: credentials.WU_SERVER_PILOT_API_KEY,
    domains: ['wordpress-1.serverpilot.io', 'old-campaign.example.com'],
  });
  const runcloud = await startRunCloudSimulator({
    token: credentials.WU_RUNCLOUD_API_TOKEN,
    serverId: '1234',
    appId: '5678',
    ssl: { id: 1, method: 'letsencrypt' },
  });
  const closte = await startClosteSimulator({ apiKey: credentials.CLOSTE_CLIENT_API_KEY, domains: ['example.org'] });
  const issuing: Promise<void>[] = [];
  for (const panel of [serverpilot, runcloud, closte]) {
    panel.onCertificatesRequested = (names) => {
      issuing.push(tls.issue(names, issuanceDelayMs).catch((error: unknown) => console.error(`the local TLS server could not issue: ${String(error)}`)));
    };
  }

  const config = `# Three hosts on three local panel simulators.
version: 1

defaults:
  removals: sync        # remove what this file does not list (keep = never remove)
  ssl:
    timeout: 2m

hosts:
  production:
    provider: serverpilot
    app: "nlcN0TwdZAyNEgdp"
    api_url: ${serverpilot.apiUrl}
    domains:
      - example.com               # www.example.com comes with it (www: main-only)
      - shop.example.com
  eu:
    provider: runcloud
    server: 1234
    app: 5678
    api_url: ${runcloud.apiUrl}
    domains: [example.de, example.at]
  edge:
    provider: closte
    api_url: ${closte.apiUrl}
    domains:
      - example.org
      - name: "*.sites.example.org"
        probe: demo.sites.example.org
`;

  return {
    config,
    env: { ...credentials, NODE_EXTRA_CA_CERTS: ca.certificatePath },
    connectTo: tls.connectTo,
    close: async () => {
      await Promise.all([serverpilot.close(), runcloud.close(), closte.close()]);
      await tls.close();
      await Promise.all(issuing);
      await ca.dispose();
    },
  };
}
