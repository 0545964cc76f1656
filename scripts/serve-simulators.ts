import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startClosteSimulator } from '../src/simulators/closte.js';
import { startRunCloudSimulator } from '../src/simulators/runcloud.js';
import { startServerPilotSimulator } from '../src/simulators/serverpilot.js';
import { createTestCa } from '../src/simulators/test-ca.js';
import { startTlsSimulator } from '../src/simulators/tls-server.js';

/**
 * `node lib/scripts/serve-simulators.js --dir DIR`: the three panel simulators and a local HTTPS
 * server (certificates from a CA made for this run) on 127.0.0.1, for a workflow that runs the
 * Action itself (`uses: ./`). Writes into DIR:
 *   domains.yml  three hosts pointing at the simulators
 *   env          NAME=value lines for $GITHUB_ENV: the simulators' credentials,
 *                NODE_EXTRA_CA_CERTS, and DOMAIN_SYNC_CONNECT_TO (the `connect-to` rule)
 *   ready        written last: everything is listening
 * and keeps serving until it is killed.
 */

const issuanceDelayMs = 1000;
const credentials = {
  WU_SERVER_PILOT_CLIENT_ID: 'ci-client-id',
  WU_SERVER_PILOT_API_KEY: 'ci-serverpilot-api-key',
  WU_RUNCLOUD_API_TOKEN: 'ci-runcloud-token',
  CLOSTE_CLIENT_API_KEY: 'ci-closte-api-key',
};

const { values } = parseArgs({ options: { dir: { type: 'string' } } });
if (!values.dir) {
  console.error('usage: serve-simulators --dir DIR');
  process.exit(2);
}
const directory = resolve(values.dir);

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
for (const panel of [serverpilot, runcloud, closte]) {
  panel.onCertificatesRequested = (names) => void tls.issue(names, issuanceDelayMs);
}

const config = `# Three hosts on the local panel simulators (scripts/serve-simulators.ts).
version: 1

defaults:
  removals: sync
  ssl:
    timeout: 2m

hosts:
  production:
    provider: serverpilot
    app: "nlcN0TwdZAyNEgdp"
    api_url: ${serverpilot.apiUrl}
    domains:
      - example.com
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

const env = { ...credentials, NODE_EXTRA_CA_CERTS: ca.certificatePath, DOMAIN_SYNC_CONNECT_TO: tls.connectTo };
await mkdir(directory, { recursive: true });
await writeFile(join(directory, 'domains.yml'), config);
await writeFile(join(directory, 'env'), Object.entries(env).map(([name, value]) => `${name}=${value}\n`).join(''));
await writeFile(join(directory, 'ready.tmp'), `${process.pid}\n`);
await rename(join(directory, 'ready.tmp'), join(directory, 'ready'));
console.log(`simulators ready: ${join(directory, 'domains.yml')}`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all([serverpilot.close(), runcloud.close(), closte.close(), tls.close()]);
  await ca.dispose();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
