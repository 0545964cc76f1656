import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultCredentialVariables, resolveCredentials } from '../../src/config/credentials.js';
import type { DesiredHost } from '../../src/config/desired-state.js';
import { parseConfig } from '../../src/config/load-config.js';
import { HostSetupError } from '../../src/errors.js';

function hostFrom(block: string): DesiredHost {
  const text = `version: 1\ndefaults: {removals: sync}\nhosts:\n  h:\n${block
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n')}\n    domains: []\n`;
  const host = parseConfig(text, 'domains.yml').hosts[0];
  assert.ok(host);
  return host;
}

function setupError(host: DesiredHost, env: Record<string, string | undefined>): HostSetupError {
  try {
    resolveCredentials(host, env);
  } catch (error) {
    assert.ok(error instanceof HostSetupError);
    assert.equal(error.hostId, host.id);
    return error;
  }
  assert.fail('credentials resolved');
}

describe('resolveCredentials', () => {
  test('ServerPilot reads the default variables', () => {
    const credentials = resolveCredentials(hostFrom('provider: serverpilot'), {
      WU_SERVER_PILOT_CLIENT_ID: 'cid',
      WU_SERVER_PILOT_API_KEY: 'key',
      WU_SERVER_PILOT_APP_ID: 'app-from-env',
    });
    assert.deepEqual(credentials, {
      auth: { kind: 'basic', username: 'cid', password: 'key' },
      app: 'app-from-env',
      secrets: ['cid', 'key'],
    });
  });

  test('the app and server in the host block win over the environment', () => {
    const credentials = resolveCredentials(hostFrom('provider: runcloud\nserver: 11\napp: 22'), {
      WU_RUNCLOUD_API_TOKEN: 'tok',
      WU_RUNCLOUD_SERVER_ID: '99',
      WU_RUNCLOUD_APP_ID: '98',
    });
    assert.equal(credentials.server, '11');
    assert.equal(credentials.app, '22');
  });

  test('a RunCloud token selects v3 and wins over a key and secret', () => {
    const credentials = resolveCredentials(hostFrom('provider: runcloud\nserver: 1\napp: 2'), {
      WU_RUNCLOUD_API_TOKEN: 'tok',
      WU_RUNCLOUD_API_KEY: 'k',
      WU_RUNCLOUD_API_SECRET: 's',
    });
    assert.deepEqual(credentials, { auth: { kind: 'bearer', token: 'tok' }, app: '2', server: '1', secrets: ['tok'], apiVersion: 'v3' });
  });

  test('a RunCloud key and secret alone select v2 with Basic auth', () => {
    const credentials = resolveCredentials(hostFrom('provider: runcloud'), {
      WU_RUNCLOUD_API_KEY: 'k',
      WU_RUNCLOUD_API_SECRET: 's',
      WU_RUNCLOUD_SERVER_ID: '1',
      WU_RUNCLOUD_APP_ID: '2',
    });
    assert.deepEqual(credentials, {
      auth: { kind: 'basic', username: 'k', password: 's' },
      app: '2',
      server: '1',
      secrets: ['k', 's'],
      apiVersion: 'v2',
    });
  });

  test('Closte sends its key as a field: auth none, the key in secrets', () => {
    assert.deepEqual(resolveCredentials(hostFrom('provider: closte'), { CLOSTE_CLIENT_API_KEY: 'ck' }), {
      auth: { kind: 'none' },
      app: '',
      secrets: ['ck'],
      apiKeyField: 'ck',
    });
  });

  test('values are trimmed and an empty variable counts as unset', () => {
    const host = hostFrom('provider: closte');
    assert.deepEqual(resolveCredentials(host, { CLOSTE_CLIENT_API_KEY: '  ck\n' }).secrets, ['ck']);
    assert.match(setupError(host, { CLOSTE_CLIENT_API_KEY: '' }).message, /set CLOSTE_CLIENT_API_KEY/);
  });

  test('missing variables are all named at once', () => {
    const error = setupError(hostFrom('provider: runcloud'), {});
    assert.match(error.message, /WU_RUNCLOUD_API_TOKEN \(API v3 token\), or WU_RUNCLOUD_API_KEY and WU_RUNCLOUD_API_SECRET \(API v2\)/);
    assert.match(error.message, /WU_RUNCLOUD_APP_ID \(or `app:` in the host block\)/);
    assert.match(error.message, /WU_RUNCLOUD_SERVER_ID \(or `server:` in the host block\)/);
  });

  test('a key without its secret names the secret, and never prints a value', () => {
    const error = setupError(hostFrom('provider: runcloud\nserver: 1\napp: 2'), { WU_RUNCLOUD_API_KEY: 'very-secret-key' });
    assert.match(error.message, /set WU_RUNCLOUD_API_SECRET/);
    assert.doesNotMatch(error.message, /very-secret-key/);
    const partial = setupError(hostFrom('provider: serverpilot\napp: a'), { WU_SERVER_PILOT_CLIENT_ID: 'client-value' });
    assert.match(partial.message, /set WU_SERVER_PILOT_API_KEY\./);
    assert.doesNotMatch(partial.message, /client-value/);
  });

  test('an explicit credentials block never falls back to the defaults', () => {
    const host = hostFrom('provider: runcloud\ncredentials:\n  token: RUNCLOUD_EU_TOKEN\n  server: RUNCLOUD_EU_SERVER\n  app: RUNCLOUD_EU_APP');
    const defaultsOnly = { WU_RUNCLOUD_API_TOKEN: 'tok', WU_RUNCLOUD_SERVER_ID: '1', WU_RUNCLOUD_APP_ID: '2' };
    const error = setupError(host, defaultsOnly);
    assert.match(error.message, /RUNCLOUD_EU_TOKEN/);
    assert.match(error.message, /RUNCLOUD_EU_SERVER/);
    assert.match(error.message, /RUNCLOUD_EU_APP/);
    assert.match(error.message, /never falls back to the defaults \(WU_RUNCLOUD_API_TOKEN/);

    const credentials = resolveCredentials(host, { ...defaultsOnly, RUNCLOUD_EU_TOKEN: 'eu', RUNCLOUD_EU_SERVER: '7', RUNCLOUD_EU_APP: '8' });
    assert.deepEqual(credentials, { auth: { kind: 'bearer', token: 'eu' }, app: '8', server: '7', secrets: ['eu'], apiVersion: 'v3' });
  });

  test('an explicit RunCloud block with key and secret selects v2', () => {
    const host = hostFrom('provider: runcloud\nserver: 1\napp: 2\ncredentials: {api_key: RC_KEY, api_secret: RC_SECRET}');
    const credentials = resolveCredentials(host, { RC_KEY: 'k', RC_SECRET: 's', WU_RUNCLOUD_API_TOKEN: 'ignored' });
    assert.equal(credentials.apiVersion, 'v2');
    assert.deepEqual(credentials.secrets, ['k', 's']);
  });
});

describe('defaultCredentialVariables', () => {
  test("names Ultimate Multisite's constants", () => {
    assert.deepEqual(defaultCredentialVariables('serverpilot'), {
      client_id: 'WU_SERVER_PILOT_CLIENT_ID',
      api_key: 'WU_SERVER_PILOT_API_KEY',
      app: 'WU_SERVER_PILOT_APP_ID',
    });
    assert.deepEqual(defaultCredentialVariables('runcloud'), {
      token: 'WU_RUNCLOUD_API_TOKEN',
      api_key: 'WU_RUNCLOUD_API_KEY',
      api_secret: 'WU_RUNCLOUD_API_SECRET',
      server: 'WU_RUNCLOUD_SERVER_ID',
      app: 'WU_RUNCLOUD_APP_ID',
    });
    assert.deepEqual(defaultCredentialVariables('closte'), { api_key: 'CLOSTE_CLIENT_API_KEY' });
  });
});
