import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { test } from 'node:test';
import { createTestCa, type TestCertificate } from '../../src/simulators/test-ca.js';
import { probeCertificate } from '../../src/ssl/probe.js';
import { parseConnectTo } from '../../src/ssl/routes.js';
import { probeOnce } from '../../src/ssl/probe-once.js';

test('the probe reads real nginx through --connect-to', async (t) => {
  const nginx = findExecutable('nginx', ['/usr/sbin', '/usr/local/sbin']);
  if (!nginx) {
    t.skip('nginx not installed: the probe was not checked against a real web server');
    return;
  }
  const ca = await createTestCa();
  const directory = await mkdtemp(join(tmpdir(), 'domain-sync-nginx-'));
  let server: ChildProcess | undefined;
  try {
    const certificates = {
      default: await ca.selfSigned(['panel.example.net']),
      shop: await ca.issue(['shop.example.test', 'www.shop.example.test']),
      soon: await ca.issue(['soon.example.test'], { days: 2 }),
      stranger: await ca.fromUnknownCa(['stranger.example.test']),
    };
    const port = await freePort();
    await writeFile(join(directory, 'nginx.conf'), await nginxConfig(directory, port, certificates));
    server = spawn(nginx, ['-p', `${directory}/`, '-c', join(directory, 'nginx.conf'), '-e', join(directory, 'error.log')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    await waitForPort(port, server, directory);

    const results = await probeOnce({
      targets: ['shop.example.test', 'www.shop.example.test', 'soon.example.test', 'stranger.example.test', 'new.example.test'].map(
        (name) => ({ name, host: 'nginx' }),
      ),
      routes: { resolve: [], connectTo: [parseConnectTo(`::127.0.0.1:${port}`)] },
      clock: { now: () => Date.now(), sleep: () => Promise.reject(new Error('probeOnce does not wait')) },
      minDays: 7,
      probe: (target, options) => probeCertificate(target, { ...options, ca: [ca.certificate] }),
    });
    assert.deepEqual(
      results.map((result) => [result.name, result.state]),
      [
        ['shop.example.test', 'ok'],
        ['www.shop.example.test', 'ok'],
        ['soon.example.test', 'expiring'],
        ['stranger.example.test', 'untrusted'],
        ['new.example.test', 'wrong-certificate'],
      ],
    );
    assert.match(results[4]!.detail, /self-signed certificate that does not cover new.example.test/);
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    await rm(directory, { recursive: true, force: true });
    await ca.dispose();
  }
});

async function nginxConfig(directory: string, port: number, certificates: Record<string, TestCertificate>): Promise<string> {
  const files: Record<string, { certificate: string; key: string }> = {};
  for (const [label, certificate] of Object.entries(certificates)) {
    files[label] = { certificate: join(directory, `${label}.crt`), key: join(directory, `${label}.key`) };
    await writeFile(files[label].certificate, certificate.certificate);
    await writeFile(files[label].key, certificate.key, { mode: 0o600 });
  }
  const site = (label: string, names: string, extra = '') => `
    server {
      listen 127.0.0.1:${port} ssl${extra};
      server_name ${names};
      ssl_certificate ${files[label]!.certificate};
      ssl_certificate_key ${files[label]!.key};
      return 200 "${label}\\n";
    }`;
  return `
daemon off;
master_process off;
pid ${join(directory, 'nginx.pid')};
error_log ${join(directory, 'error.log')} warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${join(directory, 'body')};
  proxy_temp_path ${join(directory, 'proxy')};
  fastcgi_temp_path ${join(directory, 'fastcgi')};
  uwsgi_temp_path ${join(directory, 'uwsgi')};
  scgi_temp_path ${join(directory, 'scgi')};
  ${site('default', '_', ' default_server')}
  ${site('shop', 'shop.example.test www.shop.example.test')}
  ${site('soon', 'soon.example.test')}
  ${site('stranger', 'stranger.example.test')}
}
`;
}

function findExecutable(name: string, extraDirectories: string[]): string | undefined {
  const directories = [...(process.env.PATH ?? '').split(delimiter), ...extraDirectories].filter(Boolean);
  for (const directory of directories) {
    const candidate = join(directory, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** nginx takes a moment to bind its port; give up after 5 s, with its error log. */
async function waitForPort(port: number, server: ChildProcess, directory: string): Promise<void> {
  let stderr = '';
  server.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (server.exitCode !== null) break;
    if (await accepts(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const log = await readFile(join(directory, 'error.log'), 'utf8').catch(() => '');
  throw new Error(`nginx did not start on 127.0.0.1:${port}: ${stderr}${log}`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
