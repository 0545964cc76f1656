import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseCliArgs, type CliCommand } from '../../src/cli/args.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { packageVersion } from '../../src/version.js';
import { systemClock } from '../../src/clock.js';
import { silentLogger } from '../../src/log.js';
import type { Settings } from '../../src/settings.js';

const runtime = { env: { HOME: '/home/someone' }, clock: systemClock, log: silentLogger };

function parse(argv: string[]): CliCommand {
  return parseCliArgs(argv, runtime);
}

function settingsOf(argv: string[]): Settings {
  const command = parse(argv);
  assert.equal(command.kind, 'run');
  return command.settings;
}

function usageError(argv: string[], pattern: RegExp): void {
  assert.throws(() => parse(argv), (error: unknown) => {
    assert.ok(error instanceof UsageError, `expected a UsageError, got ${String(error)}`);
    assert.match(error.message, pattern);
    return true;
  });
}

describe('parseCliArgs: defaults', () => {
  test('a mode alone gives the documented defaults', () => {
    const command = parse(['plan']);
    assert.equal(command.kind, 'run');
    assert.equal(command.json, false);
    const { settings } = command;
    assert.equal(settings.mode, 'plan');
    assert.equal(settings.configPath, 'domains.yml');
    assert.deepEqual(settings.hosts, []);
    assert.equal(settings.force, false);
    assert.deepEqual(settings.ssl, { intervalMs: 10_000, check: false, resolve: [], connectTo: [] });
    assert.equal(settings.expectChecksum, undefined);
    assert.equal(settings.importTarget, undefined);
    assert.equal(settings.env, runtime.env);
    assert.equal(settings.clock, runtime.clock);
    assert.equal(settings.log, runtime.log);
  });

  for (const mode of ['validate', 'plan', 'apply', 'check', 'import', 'doctor'] as const) {
    test(`mode ${mode}`, () => assert.equal(settingsOf([mode]).mode, mode));
  }
});

describe('parseCliArgs: every flag', () => {
  const table: Array<[string, string[], (settings: Settings) => unknown, unknown]> = [
    ['--config', ['plan', '--config', 'infra/domains.yml'], (s) => s.configPath, 'infra/domains.yml'],
    ['--config=', ['plan', '--config=infra/domains.yml'], (s) => s.configPath, 'infra/domains.yml'],
    ['--hosts list', ['plan', '--hosts', 'production,eu-*'], (s) => s.hosts, ['production', 'eu-*']],
    ['--hosts repeated', ['plan', '--hosts', 'a', '--hosts=b, c'], (s) => s.hosts, ['a', 'b', 'c']],
    ['--force', ['apply', '--force'], (s) => s.force, true],
    ['--no-ssl-wait', ['apply', '--no-ssl-wait'], (s) => s.ssl.wait, false],
    ['no --no-ssl-wait leaves the file in charge', ['apply'], (s) => s.ssl.wait, undefined],
    ['--ssl-timeout minutes', ['apply', '--ssl-timeout', '20m'], (s) => s.ssl.timeoutMs, 1_200_000],
    ['--ssl-timeout seconds', ['apply', '--ssl-timeout=90s'], (s) => s.ssl.timeoutMs, 90_000],
    ['--ssl-timeout bare number', ['apply', '--ssl-timeout', '45'], (s) => s.ssl.timeoutMs, 45_000],
    ['--ssl-interval', ['apply', '--ssl-interval', '2s'], (s) => s.ssl.intervalMs, 2_000],
    ['--ssl', ['check', '--ssl'], (s) => s.ssl.check, true],
    [
      '--resolve repeated',
      ['check', '--resolve', 'example.com:443:127.0.0.1', '--resolve', 'shop.example.com:443:[::1]'],
      (s) => s.ssl.resolve,
      [
        { host: 'example.com', port: 443, address: '127.0.0.1' },
        { host: 'shop.example.com', port: 443, address: '::1' },
      ],
    ],
    [
      '--connect-to',
      ['apply', '--connect-to', 'example.com:443:127.0.0.1:8443'],
      (s) => s.ssl.connectTo,
      [{ host: 'example.com', port: 443, targetHost: '127.0.0.1', targetPort: 8443 }],
    ],
    ['--expect-checksum', ['apply', '--expect-checksum', 'abc123'], (s) => s.expectChecksum, 'abc123'],
    [
      'import target',
      ['import', '--provider', 'runcloud', '--app', '5678', '--server', '1234', '--api-url', 'http://127.0.0.1:9000/api/v3/'],
      (s) => s.importTarget,
      { provider: 'runcloud', app: '5678', server: '1234', apiUrl: 'http://127.0.0.1:9000/api/v3' },
    ],
    [
      'import target without server',
      ['import', '--provider', 'ServerPilot', '--app', 'nlcN0TwdZAyNEgdp'],
      (s) => s.importTarget,
      { provider: 'serverpilot', app: 'nlcN0TwdZAyNEgdp' },
    ],
    ['import target on Closte: no app id, its key selects the site', ['import', '--provider', 'closte'], (s) => s.importTarget, { provider: 'closte' }],
    ['flags before the mode', ['--force', '--config', 'x.yml', 'apply'], (s) => [s.mode, s.force, s.configPath], ['apply', true, 'x.yml']],
    ['last --config wins', ['plan', '--config', 'a.yml', '--config', 'b.yml'], (s) => s.configPath, 'b.yml'],
  ];
  for (const [name, argv, pick, expected] of table) {
    test(name, () => assert.deepEqual(pick(settingsOf(argv)), expected));
  }

  test('import without --app or --server: the ids the loader would read from the environment', () => {
    const env = { WU_SERVER_PILOT_APP_ID: 'nlcN0TwdZAyNEgdp', WU_RUNCLOUD_SERVER_ID: '1234', WU_RUNCLOUD_APP_ID: '5678' };
    const target = (argv: string[]): Settings['importTarget'] => {
      const command = parseCliArgs(argv, { ...runtime, env });
      assert.equal(command.kind, 'run');
      return command.settings.importTarget;
    };
    assert.deepEqual(target(['import', '--provider', 'serverpilot']), { provider: 'serverpilot' });
    assert.deepEqual(target(['import', '--provider', 'runcloud']), { provider: 'runcloud' });
    assert.deepEqual(target(['import', '--provider', 'runcloud', '--app', '9']), { provider: 'runcloud', app: '9' });
  });

  test('--json is returned beside the settings', () => {
    const command = parse(['check', '--json']);
    assert.equal(command.kind, 'run');
    assert.equal(command.json, true);
    assert.equal('json' in command.settings, false);
  });
});

describe('parseCliArgs: help and version', () => {
  for (const argv of [['--help'], ['-h'], ['plan', '--help'], ['--bogus', '-h']]) {
    test(`${argv.join(' ')} prints the help`, () => {
      const command = parse(argv);
      assert.equal(command.kind, 'help');
      assert.match(command.text, /^usage: domain-sync <validate\|plan\|apply\|check\|import\|doctor>/);
      for (const flag of ['--config', '--hosts', '--json', '--force', '--no-ssl-wait', '--ssl-timeout', '--ssl-interval', '--ssl ', '--resolve', '--connect-to', '--provider', '--app', '--server', '--api-url']) {
        assert.ok(command.text.includes(flag), `help mentions ${flag}`);
      }
    });
  }

  test('--version prints the package version', () => {
    const command = parse(['--version']);
    assert.deepEqual(command, { kind: 'version', text: `domain-sync ${packageVersion}\n` });
  });

  test('-h after -- is an argument, not a request for help', () => {
    usageError(['plan', '--', '-h'], /unexpected argument "-h"/);
  });
});

describe('parseCliArgs: usage errors name the bad part and what is valid', () => {
  const table: Array<[string, string[], RegExp]> = [
    ['no mode', [], /a mode is required: one of validate, plan, apply, check, import, doctor/],
    ['unknown mode with a suggestion', ['aply'], /unknown mode "aply" \(did you mean apply\?\); valid modes: validate, plan/],
    ['unknown mode', ['deploy'], /unknown mode "deploy"; valid modes:/],
    ['two modes', ['plan', 'apply'], /unexpected argument "apply"/],
    ['unknown flag with a suggestion', ['plan', '--jsno'], /unknown option --jsno \(did you mean --json\?\); valid options: --config, --hosts/],
    ['unknown short flag', ['plan', '-x'], /unknown option -x; valid options:/],
    ['missing value at the end', ['plan', '--config'], /--config needs a value: a path/],
    ['a flag where a value belongs', ['plan', '--config', '--json'], /--config needs a value/],
    ['empty config', ['plan', '--config='], /--config needs a path/],
    ['value on a switch', ['plan', '--json=yes'], /--json takes no value/],
    ['bad duration', ['apply', '--ssl-timeout', '5x'], /--ssl-timeout: `5x` is not a duration \(expected a duration like `20m`/],
    ['zero duration', ['apply', '--ssl-interval', '0s'], /--ssl-interval: a duration must be more than zero/],
    ['bad --resolve', ['check', '--resolve', 'example.com:443'], /--resolve "example.com:443": it needs three parts/],
    ['bad --resolve address', ['check', '--resolve', 'example.com:443:localhost'], /is not an IPv4 or IPv6 address/],
    ['bad --connect-to', ['check', '--connect-to', 'example.com:443:x'], /--connect-to "example.com:443:x": it has 3 parts, not 4/],
    ['bad --connect-to port', ['check', '--connect-to', 'example.com:99999:x:1'], /port "99999" is not a number from 1 to 65535/],
    ['bad --hosts', ['plan', '--hosts', 'Production'], /--hosts: "Production" is not a host id or glob/],
    ['empty --hosts', ['plan', '--hosts', ','], /--hosts needs at least one host id or glob/],
    ['--ssl outside check', ['apply', '--ssl'], /--ssl only applies to check, not apply/],
    ['--expect-checksum outside apply', ['plan', '--expect-checksum', 'abc'], /--expect-checksum only applies to apply, not plan/],
    ['--provider outside import', ['plan', '--provider', 'closte', '--app', '1'], /--provider only applies to import, not plan/],
    ['--app without --provider', ['import', '--app', '1'], /--app describes a host for import and needs --provider/],
    ['--provider without --app', ['import', '--provider', 'serverpilot'], /--provider serverpilot needs --app ID \(the panel app to import\), or WU_SERVER_PILOT_APP_ID set in the environment/],
    ['RunCloud without --server', ['import', '--provider', 'runcloud', '--app', '5678'], /--provider runcloud needs --server ID \(the server of that app\), or WU_RUNCLOUD_SERVER_ID set/],
    ['unknown provider', ['import', '--provider', 'cpanel', '--app', '1'], /unknown provider "cpanel"; valid providers: serverpilot, runcloud, closte/],
    ['non-loopback --api-url', ['import', '--provider', 'closte', '--app', '1', '--api-url', 'https://evil.example/api'], /--api-url: `evil.example` is not a loopback address/],
  ];
  for (const [name, argv, pattern] of table) {
    test(name, () => usageError(argv, pattern));
  }
});
