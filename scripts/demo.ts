import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startClosteSimulator } from '../src/simulators/closte.js';
import { startRunCloudSimulator } from '../src/simulators/runcloud.js';
import { startServerPilotSimulator } from '../src/simulators/serverpilot.js';
import { createTestCa } from '../src/simulators/test-ca.js';
import { startTlsSimulator } from '../src/simulators/tls-server.js';
import { repoRoot, runCli } from './run-built.js';

/**
 * `npm run demo`: the built CLI (dist/cli.js) against local simulators of the three panels and a
 * local TLS server whose certificates come from a CA made for this run. Nothing leaves 127.0.0.1.
 */

const issuanceDelayMs = 2000;
const credentials = {
  WU_SERVER_PILOT_CLIENT_ID: 'demo-client-id',
  WU_SERVER_PILOT_API_KEY: 'demo-serverpilot-api-key',
  WU_RUNCLOUD_API_TOKEN: 'demo-runcloud-token',
  CLOSTE_CLIENT_API_KEY: 'demo-closte-api-key',
};

const bold = (text: string): string => (process.stdout.isTTY ? `\u001b[1m${text}\u001b[0m` : text);

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

const config = `# The demo's desired state: three hosts on three panels.
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

const directory = join(repoRoot, '.demo');
await mkdir(directory, { recursive: true });
await writeFile(join(directory, 'domains.yml'), config);
const env = { ...credentials, NODE_EXTRA_CA_CERTS: ca.certificatePath };

console.log(bold('domain-sync demo'));
console.log(
  'Three local panel simulators (ServerPilot, RunCloud, Closte) and a local HTTPS server whose\n' +
    `certificates appear ${issuanceDelayMs / 1000} s after a panel is asked for them. The file is .demo/domains.yml:\n`,
);
console.log(config);

const steps: { title: string; args: string[] }[] = [
  { title: 'What would change?', args: ['plan'] },
  { title: 'Make it so, and wait until every new name serves a valid certificate.', args: ['apply', '--connect-to', tls.connectTo, '--ssl-interval', '1s'] },
  { title: 'Run it again: nothing left to do.', args: ['plan'] },
  { title: 'Drift check, certificates included.', args: ['check', '--ssl', '--connect-to', tls.connectTo] },
];

let failed = false;
try {
  for (const step of steps) {
    console.log(bold(`\n# ${step.title}`));
    console.log(bold(`$ domain-sync ${step.args.join(' ')}`));
    const result = await runCli(step.args, env, directory);
    process.stdout.write(result.stderr.replace(/^/gm, '  │ ').replace(/  │ $/, ''));
    process.stdout.write(result.stdout);
    console.log(`(exit code ${result.code})`);
    if (result.code === 1) failed = true;
  }
} finally {
  await Promise.all([serverpilot.close(), runcloud.close(), closte.close()]);
  await tls.close();
  await Promise.all(issuing);
  await ca.dispose();
}
if (failed) process.exitCode = 1;
