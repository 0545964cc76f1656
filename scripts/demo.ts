import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startDemoHosts } from './demo-hosts.js';
import { repoRoot, runCli } from './run-built.js';

/**
 * `npm run demo`: the built CLI (dist/cli.js) against local simulators of the three panels and a
 * local TLS server whose certificates come from a CA made for this run. Nothing leaves 127.0.0.1.
 */

const issuanceDelayMs = 2000;
const bold = (text: string): string => (process.stdout.isTTY ? `\u001b[1m${text}\u001b[0m` : text);

const { config, env, connectTo, close } = await startDemoHosts(issuanceDelayMs);

const directory = join(repoRoot, '.demo');
await mkdir(directory, { recursive: true });
await writeFile(join(directory, 'domains.yml'), config);

console.log(bold('domain-sync demo'));
console.log(
  'Three local panel simulators (ServerPilot, RunCloud, Closte) and a local HTTPS server whose\n' +
    `certificates appear ${issuanceDelayMs / 1000} s after a panel is asked for them. The file is .demo/domains.yml:\n`,
);
console.log(config);

const steps: { title: string; args: string[] }[] = [
  { title: 'What would change?', args: ['plan'] },
  { title: 'Make it so, and wait until every new name serves a valid certificate.', args: ['apply', '--connect-to', connectTo, '--ssl-interval', '1s'] },
  { title: 'Run it again: nothing left to do.', args: ['plan'] },
  { title: 'Drift check, certificates included.', args: ['check', '--ssl', '--connect-to', connectTo] },
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
  await close();
}
if (failed) process.exitCode = 1;
