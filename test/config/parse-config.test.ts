import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DesiredState } from '../../src/config/desired-state.js';
import { loadConfig, parseConfig } from '../../src/config/load-config.js';
import { ConfigError, type ConfigIssue } from '../../src/errors.js';

const exampleFile = 'test/fixtures/config/contract-example.yml';
const at = (line: number, column: number, path: string) => ({ file: exampleFile, line, column, path });
const defaultGuards = { maxRemovals: 5, maxRemovalPercent: 30 };
const defaultSsl = { wait: true, timeoutMs: 20 * 60_000, minDays: 7 };

function issuesOf(text: string): ConfigIssue[] {
  try {
    parseConfig(text, 'domains.yml');
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.issues;
  }
  assert.fail('the configuration was accepted');
}

describe('parseConfig', () => {
  test('the contract example parses to the expected state', async () => {
    const expected: DesiredState = {
      file: exampleFile,
      hosts: [
        {
          id: 'production',
          provider: 'serverpilot',
          app: 'nlcN0TwdZAyNEgdp',
          credentials: {
            variables: { client_id: 'WU_SERVER_PILOT_CLIENT_ID', api_key: 'WU_SERVER_PILOT_API_KEY', app: 'WU_SERVER_PILOT_APP_ID' },
            explicit: false,
          },
          pointsTo: ['203.0.113.10'],
          domains: [
            { name: 'example.com', www: true, wildcard: false, ssl: true, source: at(24, 9, 'hosts.production.domains[0]') },
            { name: 'shop.example.com', www: false, wildcard: false, ssl: true, source: at(25, 9, 'hosts.production.domains[1]') },
            { name: 'cdn.example.com', www: false, wildcard: false, ssl: false, source: at(27, 9, 'hosts.production.domains[2]') },
          ],
          ignore: ['*.serverpilot.io'],
          removals: 'sync',
          guards: defaultGuards,
          ssl: defaultSsl,
          source: at(19, 3, 'hosts.production'),
        },
        {
          id: 'eu',
          provider: 'runcloud',
          server: '1234',
          app: '5678',
          credentials: { variables: { token: 'RUNCLOUD_EU_TOKEN' }, explicit: true },
          pointsTo: [],
          domains: [
            { name: 'example.de', www: true, wildcard: false, ssl: true, source: at(35, 15, 'hosts.eu.domains[0]') },
            { name: 'example.at', www: true, wildcard: false, ssl: true, source: at(35, 27, 'hosts.eu.domains[1]') },
          ],
          ignore: ['*.serverpilot.io', '*.runcloud.link'],
          removals: 'sync',
          guards: defaultGuards,
          ssl: defaultSsl,
          source: at(29, 3, 'hosts.eu'),
        },
        {
          id: 'edge',
          provider: 'closte',
          credentials: { variables: { api_key: 'CLOSTE_CLIENT_API_KEY' }, explicit: false },
          pointsTo: [],
          domains: [
            { name: 'example.org', www: true, wildcard: false, ssl: true, source: at(40, 9, 'hosts.edge.domains[0]') },
            {
              name: '*.sites.example.org',
              www: false,
              wildcard: true,
              ssl: true,
              probe: 'demo.sites.example.org',
              source: at(41, 9, 'hosts.edge.domains[1]'),
            },
          ],
          ignore: ['*.serverpilot.io'],
          removals: 'sync',
          guards: defaultGuards,
          ssl: defaultSsl,
          source: at(37, 3, 'hosts.edge'),
        },
      ],
      ignore: ['*.serverpilot.io'],
      previews: { host: 'eu', domain: 'pr-{number}.preview.example.de', source: at(44, 1, 'previews') },
    };
    assert.deepEqual(await loadConfig(exampleFile), expected);
  });

  test('host keys override defaults key by key, ssl included', () => {
    const state = parseConfig(
      [
        'version: 1',
        'defaults:',
        '  removals: keep',
        '  www: always',
        '  max-removals: 2',
        '  ssl: {wait: false, timeout: 1h30m, min-days: 3}',
        'hosts:',
        '  a:',
        '    provider: serverpilot',
        '    app: 007',
        '    removals: sync',
        '    www: never',
        '    max-removal-percent: 50',
        '    ssl: {timeout: 90}',
        '    domains: [example.com, {name: example.net, www: always}]',
        '  b:',
        '    provider: runcloud',
        '    server: 1',
        '    app: 2',
        '    domains: [shop.example.org]',
      ].join('\n'),
      'domains.yml',
    );
    const [a, b] = state.hosts;
    assert.ok(a && b);
    assert.equal(a.removals, 'sync');
    assert.equal(a.app, '007');
    assert.deepEqual(a.guards, { maxRemovals: 2, maxRemovalPercent: 50 });
    assert.deepEqual(a.ssl, { wait: false, timeoutMs: 90_000, minDays: 3 });
    assert.deepEqual(
      a.domains.map((domain) => [domain.name, domain.www]),
      [
        ['example.com', false],
        ['example.net', true],
      ],
    );
    assert.equal(b.removals, 'keep');
    assert.deepEqual(b.guards, { maxRemovals: 2, maxRemovalPercent: 30 });
    assert.deepEqual(b.ssl, { wait: false, timeoutMs: 90 * 60_000, minDays: 3 });
    assert.equal(b.domains[0]?.www, true, '`always` gives a subdomain its companion too');
  });

  test('names are normalised: case, trailing dot, IDN', () => {
    const state = parseConfig(
      'version: 1\nhosts:\n  a:\n    provider: closte\n    removals: keep\n    domains: [" Example.COM. ", münchen.de, "*.Sites.Example.org"]\n    ignore: ["*.STAGING.münchen.de"]\n',
      'domains.yml',
    );
    const host = state.hosts[0];
    assert.deepEqual(
      host?.domains.map((domain) => domain.name),
      ['example.com', 'xn--mnchen-3ya.de', '*.sites.example.org'],
    );
    assert.deepEqual(host?.ignore, ['*.staging.xn--mnchen-3ya.de']);
  });

  test('anchors and aliases resolve to the anchored value', () => {
    const state = parseConfig(
      [
        'version: 1',
        'defaults: {removals: sync}',
        'hosts:',
        '  a:',
        '    provider: serverpilot',
        '    app: one',
        '    ssl: &slow {timeout: 1h}',
        '    domains: [a.example.com]',
        '  b:',
        '    provider: serverpilot',
        '    app: two',
        '    ssl: *slow',
        '    domains: [b.example.com]',
      ].join('\n'),
      'domains.yml',
    );
    assert.deepEqual(
      state.hosts.map((host) => host.ssl.timeoutMs),
      [3_600_000, 3_600_000],
    );
  });

  test('api_url accepts loopback addresses only and drops trailing slashes', () => {
    const withUrl = (url: string) =>
      `version: 1\ndefaults: {removals: sync}\nhosts:\n  a:\n    provider: runcloud\n    server: 1\n    app: 2\n    api_url: "${url}"\n    domains: []\n`;
    assert.equal(parseConfig(withUrl('http://127.0.0.1:4010/api/v3/'), 'd.yml').hosts[0]?.apiUrl, 'http://127.0.0.1:4010/api/v3');
    assert.equal(parseConfig(withUrl('https://localhost:8443'), 'd.yml').hosts[0]?.apiUrl, 'https://localhost:8443');
    assert.equal(parseConfig(withUrl('http://[::1]:9/x'), 'd.yml').hosts[0]?.apiUrl, 'http://[::1]:9/x');
    assert.equal(parseConfig(withUrl('http://127.8.9.10'), 'd.yml').hosts[0]?.apiUrl, 'http://127.8.9.10');
    for (const rejected of ['http://10.0.0.1', 'https://localhost.example.com', 'ftp://127.0.0.1', 'http://user:pw@127.0.0.1', 'http://0.0.0.0']) {
      const issues = issuesOf(withUrl(rejected));
      assert.equal(issues.length, 1, rejected);
      assert.equal(issues[0]?.location.path, 'hosts.a.api_url');
      assert.match(issues[0]?.message ?? '', /committed file must never/);
    }
  });

  test('points-to takes addresses or a single CNAME target', () => {
    const withTarget = (target: string) =>
      `version: 1\ndefaults: {removals: sync}\nhosts:\n  a:\n    provider: serverpilot\n    points-to: ${target}\n    domains: []\n`;
    assert.deepEqual(parseConfig(withTarget('[203.0.113.10, "2001:DB8::1"]'), 'd.yml').hosts[0]?.pointsTo, ['203.0.113.10', '2001:db8::1']);
    assert.deepEqual(parseConfig(withTarget('LB.Example.net.'), 'd.yml').hosts[0]?.pointsTo, ['lb.example.net']);
    assert.equal(issuesOf(withTarget('"*.example.net"'))[0]?.location.path, 'hosts.a.points-to');
  });

  test('every problem is reported at once, in file order', () => {
    const issues = issuesOf(
      [
        'version: 1', //                       1
        'defaults:', //                        2
        '  removals: sync', //                 3
        '  ssl: {timeout: soon}', //           4
        'hosts:', //                           5
        '  a:', //                             6
        '    provider: serverpilot', //        7
        '    domains:', //                     8
        '      - -bad-.example.com', //        9
        '      - "*.example.com"', //          10
        '    password: hunter2', //            11
        '  b:', //                             12
        '    provider: runcloud', //           13
        '    server: 1', //                    14
        '    app: 2', //                       15
        '    www: sometimes', //               16
        '    domains: [ok.example.com]', //    17
        'previews: {host: c, domain: "x.example.com"}', // 18
      ].join('\n'),
    );
    assert.deepEqual(
      issues.map((issue) => `${issue.location.line}:${issue.location.column} ${issue.location.path}`),
      [
        '4:18 defaults.ssl.timeout',
        '9:9 hosts.a.domains[0]',
        '10:9 hosts.a.domains[1]',
        '11:5 hosts.a.password',
        '16:10 hosts.b.www',
        '18:18 previews.host',
        '18:29 previews.domain',
      ],
    );
    assert.ok(issues.every((issue) => issue.hint), 'every issue says what would be valid');
  });

  test('secret-looking keys are refused at any depth outside credentials', () => {
    const issues = issuesOf(
      [
        'version: 1',
        'defaults: {removals: sync, ssl: {Token: x}}',
        'hosts:',
        '  a:',
        '    provider: closte',
        '    credentials: {api_key: CLOSTE_A}',
        '    domains:',
        '      - {name: a.example.com, clientId: abc}',
        'previews: {host: a, domain: "pr-{number}.example.com", API-Secret: s}',
      ].join('\n'),
    );
    assert.deepEqual(
      issues.map((issue) => issue.location.path),
      ['defaults.ssl.Token', 'hosts.a.domains[0].clientId', 'previews.API-Secret'],
    );
  });

  test('the error message names file, line, column and path', () => {
    try {
      parseConfig('version: 1\nhosts:\n  a:\n    provider: nope\n    removals: sync\n    domains: []\n', 'conf/domains.yml');
      assert.fail('accepted');
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /conf\/domains\.yml:4:15: hosts\.a\.provider: `nope` is not a valid value \(one of: serverpilot, runcloud, closte\)/);
    }
  });

  test('YAML 1.2 core schema: yes/no stay text, quoted numbers stay text', () => {
    const issues = issuesOf('version: "1"\nhosts:\n  a:\n    provider: serverpilot\n    removals: sync\n    www: no\n    domains: []\n');
    assert.deepEqual(
      issues.map((issue) => [issue.location.path, issue.message]),
      [
        ['version', 'unsupported version: found the text "1"'],
        ['hosts.a.www', '`no` is not a valid value'],
      ],
    );
  });
});

describe('loadConfig', () => {
  test('a missing file is a ConfigError at line 1 column 1', async () => {
    await assert.rejects(loadConfig('test/fixtures/config/does-not-exist.yml'), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(error.issues[0]?.location, { file: 'test/fixtures/config/does-not-exist.yml', line: 1, column: 1, path: '' });
      assert.match(error.issues[0]?.message ?? '', /does not exist/);
      return true;
    });
  });

  test('a directory is a ConfigError too', async () => {
    await assert.rejects(loadConfig('test/fixtures/config'), ConfigError);
  });
});
