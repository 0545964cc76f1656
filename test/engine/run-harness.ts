import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../src/clock.js';
import type { Logger } from '../../src/log.js';
import type { Settings } from '../../src/settings.js';
import { probeCertificate, type Probe } from '../../src/ssl/probe.js';

/** A domains.yml in a fresh temporary directory; returns its path. */
export async function writeConfig(lines: readonly string[]): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'domain-sync-engine-'));
  const path = join(directory, 'domains.yml');
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

/** Keeps every line logged, for failure messages. */
export class RecordingLogger implements Logger {
  readonly lines: string[] = [];
  debug(message: string): void {
    this.lines.push(`debug: ${message}`);
  }
  info(message: string): void {
    this.lines.push(`info: ${message}`);
  }
  warn(message: string): void {
    this.lines.push(`warn: ${message}`);
  }
  error(message: string): void {
    this.lines.push(`error: ${message}`);
  }
}

export type SettingsOverrides = Omit<Partial<Settings>, 'ssl'> & { ssl?: Partial<Settings['ssl']> };

/** Settings as the front doors build them, with the test's clock, logger and environment. */
export function settingsFor(configPath: string, env: Record<string, string>, clock: Clock, overrides: SettingsOverrides = {}): Settings {
  const { ssl, ...rest } = overrides;
  return {
    mode: 'apply',
    configPath,
    hosts: [],
    force: false,
    ssl: { intervalMs: 10_000, check: false, resolve: [], connectTo: [], ...ssl },
    env,
    clock,
    log: new RecordingLogger(),
    ...rest,
  };
}

/**
 * The SSL probe for in-process runs: it trusts the test CA and connects only to names routed to
 * a local server; any other name is reported unreachable without leaving the process.
 */
export function loopbackProbe(caCertificate: string): Probe {
  return async (target, options) =>
    target.connectHost === undefined
      ? { state: 'unreachable', detail: `${target.name} is not routed to a local server in this test` }
      : probeCertificate(target, { ...options, ca: [caCertificate] });
}
