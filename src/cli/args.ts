import type { Clock } from '../clock.js';
import { checkApiUrl } from '../config/api-url.js';
import { closestMatch } from '../config/closest-match.js';
import { defaultCredentialVariables } from '../config/credential-variables.js';
import { providerNames, type ProviderName } from '../config/desired-state.js';
import { durationHint, parseDuration } from '../config/durations.js';
import type { Logger } from '../log.js';
import { modes, type Mode, type Settings } from '../settings.js';
import { parseConnectTo, parseResolve, RouteSyntaxError } from '../ssl/routes.js';
import type { ConnectToRule, ResolveRule } from '../ssl/ssl-result.js';
import { helpText } from './help-text.js';
import { parseHostFilter } from './host-filter.js';
import { UsageError } from './usage-error.js';
import { packageVersion } from '../version.js';

/** What the command line asks for. Output format stays beside the Settings, not in them. */
export type CliCommand =
  | { kind: 'run'; settings: Settings; json: boolean }
  | { kind: 'help'; text: string }
  | { kind: 'version'; text: string };

export interface CliRuntime {
  env: Record<string, string | undefined>;
  clock: Clock;
  log: Logger;
}

interface FlagSpec {
  /** What the value is, for messages; absent for a switch. */
  value?: string;
  /** The only modes that accept the flag; absent for every mode. */
  modes?: readonly Mode[];
}

const flags: Record<string, FlagSpec> = {
  '--config': { value: 'a path' },
  '--hosts': { value: 'host ids or globs, comma separated' },
  '--json': {},
  '--force': {},
  '--no-ssl-wait': {},
  '--ssl-timeout': { value: durationHint },
  '--ssl-interval': { value: durationHint },
  '--ssl': { modes: ['check'] },
  '--resolve': { value: 'host:port:address' },
  '--connect-to': { value: 'host:port:target-host:target-port' },
  '--expect-checksum': { value: 'a plan checksum', modes: ['apply'] },
  '--provider': { value: `one of ${providerNames.join(', ')}`, modes: ['import'] },
  '--app': { value: 'an app id', modes: ['import'] },
  '--server': { value: 'a server id', modes: ['import'] },
  '--api-url': { value: 'a loopback URL', modes: ['import'] },
  '--help': {},
  '--version': {},
};

const flagNames = Object.keys(flags);
const defaultSslIntervalMs = 10_000;

/** Parses `domain-sync <mode> [options]`. Throws UsageError naming the bad part and what is valid. */
export function parseCliArgs(argv: readonly string[], runtime: CliRuntime): CliCommand {
  if (asksForHelp(argv)) return { kind: 'help', text: helpText };
  const { positionals, values, switches } = tokenize(argv);
  if (switches.has('--version')) return { kind: 'version', text: `domain-sync ${packageVersion}\n` };

  const mode = readMode(positionals);
  for (const name of [...switches, ...values.keys()]) {
    const allowed = flags[name]?.modes;
    if (allowed && !allowed.includes(mode)) {
      throw new UsageError(`${name} only applies to ${allowed.join(', ')}, not ${mode}`);
    }
  }

  const last = (name: string): string | undefined => values.get(name)?.at(-1);
  const all = (name: string): string[] => values.get(name) ?? [];

  const settings: Settings = {
    mode,
    configPath: last('--config') ?? 'domains.yml',
    hosts: all('--hosts').flatMap((text) => readHosts(text)),
    force: switches.has('--force'),
    ssl: {
      intervalMs: readDuration('--ssl-interval', last('--ssl-interval')) ?? defaultSslIntervalMs,
      check: switches.has('--ssl'),
      resolve: all('--resolve').map((text) => readRoute<ResolveRule>(() => parseResolve(text))),
      connectTo: all('--connect-to').map((text) => readRoute<ConnectToRule>(() => parseConnectTo(text))),
    },
    env: runtime.env,
    clock: runtime.clock,
    log: runtime.log,
  };
  if (switches.has('--no-ssl-wait')) settings.ssl.wait = false;
  const timeoutMs = readDuration('--ssl-timeout', last('--ssl-timeout'));
  if (timeoutMs !== undefined) settings.ssl.timeoutMs = timeoutMs;
  const expectChecksum = last('--expect-checksum')?.trim();
  if (expectChecksum) settings.expectChecksum = expectChecksum;
  const importTarget = readImportTarget(last, runtime.env);
  if (importTarget) settings.importTarget = importTarget;
  if (settings.configPath.trim() === '') throw new UsageError('--config needs a path');
  return { kind: 'run', settings, json: switches.has('--json') };
}

function tokenize(argv: readonly string[]): {
  positionals: string[];
  values: Map<string, string[]>;
  switches: Set<string>;
} {
  const positionals: string[] = [];
  const values = new Map<string, string[]>();
  const switches = new Set<string>();
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--') {
      positionals.push(...argv.slice(index + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const name = equals > 0 ? arg.slice(0, equals) : arg;
    const spec = flags[name];
    if (!spec) throw new UsageError(unknownFlagMessage(name));
    if (spec.value === undefined) {
      if (equals > 0) throw new UsageError(`${name} takes no value`);
      switches.add(name);
      continue;
    }
    let value: string | undefined;
    if (equals > 0) {
      value = arg.slice(equals + 1);
    } else {
      value = argv[index + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value: ${spec.value}`);
      index += 1;
    }
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  return { positionals, values, switches };
}

/** Help wins over every other problem on the line. */
function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  const options = end < 0 ? argv : argv.slice(0, end);
  return options.includes('--help') || options.includes('-h');
}

function unknownFlagMessage(name: string): string {
  const suggestion = closestMatch(name, flagNames);
  const hint = suggestion ? ` (did you mean ${suggestion}?)` : '';
  return `unknown option ${name}${hint}; valid options: ${flagNames.join(', ')}`;
}

function readMode(positionals: readonly string[]): Mode {
  const [word, ...extra] = positionals;
  if (word === undefined) throw new UsageError(`a mode is required: one of ${modes.join(', ')}`);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}" after the mode`);
  const mode = modes.find((candidate) => candidate === word);
  if (mode) return mode;
  const suggestion = closestMatch(word, modes);
  const hint = suggestion ? ` (did you mean ${suggestion}?)` : '';
  throw new UsageError(`unknown mode "${word}"${hint}; valid modes: ${modes.join(', ')}`);
}

function readHosts(text: string): string[] {
  const parsed = parseHostFilter(text);
  if ('error' in parsed) throw new UsageError(`--hosts: ${parsed.error}`);
  if (parsed.hosts.length === 0) throw new UsageError('--hosts needs at least one host id or glob');
  return parsed.hosts;
}

function readDuration(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const parsed = parseDuration(text);
  if ('error' in parsed) throw new UsageError(`${name}: ${parsed.error} (expected ${durationHint})`);
  return parsed.ms;
}

function readRoute<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof RouteSyntaxError) throw new UsageError(error.message);
    throw error;
  }
}

function readImportTarget(
  last: (name: string) => string | undefined,
  env: Record<string, string | undefined>,
): Settings['importTarget'] {
  const provider = last('--provider');
  const app = last('--app')?.trim();
  const server = last('--server')?.trim();
  const apiUrl = last('--api-url');
  if (provider === undefined) {
    const stray = (['--app', '--server', '--api-url'] as const).find((name) => last(name) !== undefined);
    if (stray) throw new UsageError(`${stray} describes a host for import and needs --provider`);
    return undefined;
  }
  const providerName = providerNames.find((name) => name === provider.trim().toLowerCase()) as ProviderName | undefined;
  if (!providerName) {
    throw new UsageError(`--provider: unknown provider "${provider}"; valid providers: ${providerNames.join(', ')}`);
  }
  // Closte has no app id: its API key selects the site.
  const variables = defaultCredentialVariables(providerName);
  if (providerName !== 'closte') requireId(providerName, '--app', 'the panel app to import', app, variables.app, env);
  if (providerName === 'runcloud') requireId(providerName, '--server', 'the server of that app', server, variables.server, env);
  return {
    provider: providerName,
    ...(app ? { app } : {}),
    ...(server ? { server } : {}),
    ...(apiUrl !== undefined ? { apiUrl: readApiUrl(apiUrl) } : {}),
  };
}

/**
 * An id the panel needs comes from its flag, or else from the variable a host without that id
 * reads: the run reads it then, and the file it prints names no id, so it reads the same variable.
 */
function requireId(
  provider: ProviderName,
  flag: '--app' | '--server',
  what: string,
  given: string | undefined,
  variable: string | undefined,
  env: Record<string, string | undefined>,
): void {
  if (given || (variable !== undefined && env[variable]?.trim())) return;
  throw new UsageError(`--provider ${provider} needs ${flag} ID (${what}), or ${variable} set in the environment`);
}

function readApiUrl(text: string): string {
  const checked = checkApiUrl(text);
  if ('error' in checked) throw new UsageError(`--api-url: ${checked.error} (only localhost, 127.0.0.0/8 or [::1])`);
  return checked.url;
}
