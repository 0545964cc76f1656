import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startDemoHosts } from './demo-hosts.js';

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
const { values } = parseArgs({ options: { dir: { type: 'string' } } });
if (!values.dir) {
  console.error('usage: serve-simulators --dir DIR');
  process.exit(2);
}
const directory = resolve(values.dir);

const { config, env: demoEnv, connectTo, close } = await startDemoHosts(issuanceDelayMs);

const env = { ...demoEnv, DOMAIN_SYNC_CONNECT_TO: connectTo };
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
  await close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
