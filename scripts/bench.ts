import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { startClosteSimulator } from '../src/simulators/closte.js';
import { startRunCloudSimulator } from '../src/simulators/runcloud.js';
import { startServerPilotSimulator } from '../src/simulators/serverpilot.js';
import { builtCli, repoRoot, runCli, workspace } from './run-built.js';

/**
 * `npm run bench`: what a run costs. API calls per host for a 10-domain change against the
 * minimum the panel's API allows, the CLI's start-up time, and the size of dist/.
 */

const names = Array.from({ length: 10 }, (_, i) => `site-${i + 1}.bench.example`);
const env = {
  WU_SERVER_PILOT_CLIENT_ID: 'bench-client',
  WU_SERVER_PILOT_API_KEY: 'bench-serverpilot-key',
  WU_RUNCLOUD_API_TOKEN: 'bench-runcloud-token',
  CLOSTE_CLIENT_API_KEY: 'bench-closte-key',
};

/** The fewest calls each API allows for adding 10 names and asking for certificates once. */
const minimum: Record<string, { calls: number; why: string }> = {
  serverpilot: { calls: 3, why: 'GET app, POST whole list, POST ssl' },
  runcloud: { calls: 13, why: 'GET domains (1 page), 10 × POST, GET ssl, PUT redeploy' },
  closte: { calls: 11, why: 'GET domains, 10 × POST adddomainalias (certificates are automatic)' },
};

const serverpilot = await startServerPilotSimulator({ appId: 'bench', clientId: env.WU_SERVER_PILOT_CLIENT_ID, apiKey: env.WU_SERVER_PILOT_API_KEY });
const runcloud = await startRunCloudSimulator({ token: env.WU_RUNCLOUD_API_TOKEN, serverId: '1', appId: '2', ssl: { id: 1, method: 'letsencrypt' }, primaryDomain: null, rateLimit: { limit: 1000 } });
const closte = await startClosteSimulator({ apiKey: env.CLOSTE_CLIENT_API_KEY });

const hostBlock = (id: string, provider: string, apiUrl: string, ids: string): string =>
  `  ${id}:\n    provider: ${provider}\n${ids}    api_url: ${apiUrl}\n    domains:\n${names.map((n) => `      - ${id}-${n}\n`).join('')}`;
const config =
  'version: 1\ndefaults:\n  removals: sync\n  www: never\nhosts:\n' +
  hostBlock('serverpilot', 'serverpilot', serverpilot.apiUrl, '    app: bench\n') +
  hostBlock('runcloud', 'runcloud', runcloud.apiUrl, '    server: 1\n    app: 2\n') +
  hostBlock('closte', 'closte', closte.apiUrl, '');

try {
  const dir = await workspace({ 'domains.yml': config });
  // Routed probes skip the DNS pre-check, so every host is asked for certificates as it would be
  // once DNS points at it; nothing listens on port 9, so the single probe just finds it closed.
  const apply = await runCli(['apply', '--json', '--no-ssl-wait', '--connect-to', '::127.0.0.1:9'], env, dir);
  if (apply.code !== 0) throw new Error(`apply failed:\n${apply.stderr}`);
  const result = JSON.parse(apply.stdout) as { hosts: { id: string; apiCalls: number }[] };
  const plan = await runCli(['plan', '--json'], env, dir);
  const planned = JSON.parse(plan.stdout) as { hosts: { id: string; apiCalls: number }[] };

  console.log('API calls for a 10-domain change (apply, certificates requested), then for a plan with no changes:\n');
  console.log('host          apply  minimum  plan  minimum calls');
  for (const host of result.hosts) {
    const min = minimum[host.id]!;
    const planCalls = planned.hosts.find((h) => h.id === host.id)?.apiCalls;
    console.log(`${host.id.padEnd(13)} ${String(host.apiCalls).padStart(5)}  ${String(min.calls).padStart(7)}  ${String(planCalls).padStart(4)}  ${min.why}`);
  }
  console.log('\napply spends one more read than the minimum before writing (the host is read again in case it');
  console.log('changed since the plan) and one after (read back and verify); ServerPilot reuses that last read');
  console.log('to decide on AutoSSL.');
} finally {
  await Promise.all([serverpilot.close(), runcloud.close(), closte.close()]);
}

const runs = 10;
const started = process.hrtime.bigint();
for (let i = 0; i < runs; i++) execFileSync(process.execPath, [builtCli, '--version']);
const perRun = Number(process.hrtime.bigint() - started) / 1e6 / runs;
const bare = process.hrtime.bigint();
for (let i = 0; i < runs; i++) execFileSync(process.execPath, ['-e', '0']);
const bareRun = Number(process.hrtime.bigint() - bare) / 1e6 / runs;
console.log(`\nstart-up: dist/cli.js --version ${perRun.toFixed(0)} ms (node -e 0: ${bareRun.toFixed(0)} ms), mean of ${runs}`);

const sizes = ['index.js', 'cli.js'].map((file) => `dist/${file} ${(statSync(join(repoRoot, 'dist', file)).size / 1024).toFixed(0)} KiB`);
console.log(`size: ${sizes.join(', ')}`);
