import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { InputError, readActionInputs, type ActionInputs } from '../../src/action/inputs.js';
import { systemClock } from '../../src/clock.js';
import type { Logger } from '../../src/log.js';
import { withRunnerEnv } from './runner-env.js';

interface Read {
  inputs: ActionInputs;
  logged: string[];
}

function read(inputs: Record<string, string>, env: Record<string, string> = {}): Read {
  const logged: string[] = [];
  const log: Logger = {
    debug: (m) => logged.push(`debug ${m}`),
    info: (m) => logged.push(m),
    warn: (m) => logged.push(`warn ${m}`),
    error: (m) => logged.push(`error ${m}`),
  };
  const onSecret = (): void => undefined;
  const parsed = withRunnerEnv(inputs, env, () => readActionInputs({ env, clock: systemClock, log, onSecret }));
  return { inputs: parsed, logged };
}

function inputError(inputs: Record<string, string>, pattern: RegExp): void {
  assert.throws(() => read(inputs), (error: unknown) => {
    assert.ok(error instanceof InputError, `expected an InputError, got ${String(error)}`);
    assert.match(error.message, pattern);
    return true;
  });
}

describe('readActionInputs', () => {
  test('no inputs at all: the defaults, and auto mode logged first', () => {
    const { inputs, logged } = read({}, { GITHUB_EVENT_NAME: 'pull_request' });
    const { settings } = inputs;
    assert.equal(settings.mode, 'plan');
    assert.equal(settings.configPath, 'domains.yml');
    assert.deepEqual(settings.hosts, []);
    assert.equal(settings.force, false);
    assert.deepEqual(settings.ssl, { intervalMs: 10_000, check: false, resolve: [], connectTo: [] });
    assert.equal(settings.expectChecksum, undefined);
    assert.equal(inputs.failOnDrift, true);
    assert.equal(inputs.driftIssue, false);
    assert.equal(inputs.autoMode, true);
    assert.equal(inputs.comment, true);
    assert.equal(inputs.githubToken, '');
    assert.equal(inputs.checksumFromPullRequest, false);
    assert.equal(inputs.forkFallbackReason, undefined);
    assert.equal(logged[0], 'mode: plan (auto: a pull_request event)');
  });

  test('expect-checksum: from-pr is a flag for the Action, not a checksum for the engine', () => {
    const { inputs } = read({ mode: 'apply', 'expect-checksum': 'from-pr', comment: 'false' });
    assert.equal(inputs.checksumFromPullRequest, true);
    assert.equal(inputs.settings.expectChecksum, undefined);
    assert.equal(inputs.comment, false);
  });

  test('the github token is masked and kept for the GitHub calls', () => {
    const masked: string[] = [];
    const env = { GITHUB_EVENT_NAME: 'pull_request' };
    const log: Logger = { debug() {}, info() {}, warn() {}, error() {} };
    const inputs = withRunnerEnv({ 'github-token': 'ghs_secret_token' }, env, () =>
      readActionInputs({ env, clock: systemClock, log, onSecret: (secret) => masked.push(secret) }),
    );
    assert.equal(inputs.githubToken, 'ghs_secret_token');
    assert.deepEqual(masked, ['ghs_secret_token']);
  });

  test("action.yml's defaults as the runner passes them", () => {
    const { inputs } = read(
      {
        config: 'domains.yml',
        mode: 'auto',
        hosts: '',
        force: 'false',
        'ssl-wait': '',
        'ssl-timeout': '',
        'ssl-interval': '10s',
        'ssl-check': 'false',
        resolve: '',
        'connect-to': '',
        comment: 'true',
        'drift-issue': 'false',
        'fail-on-drift': 'true',
        'expect-checksum': '',
        'github-token': 'ghs_example',
      },
      { GITHUB_EVENT_NAME: 'schedule' },
    );
    assert.equal(inputs.settings.mode, 'check');
    assert.equal(inputs.settings.ssl.wait, undefined);
    assert.equal(inputs.settings.ssl.timeoutMs, undefined);
    assert.equal(inputs.settings.ssl.intervalMs, 10_000);
  });

  test('every input set', () => {
    const { inputs, logged } = read({
      config: ' infra/domains.yml ',
      mode: 'apply',
      hosts: 'production\neu-*, edge',
      force: 'true',
      'ssl-wait': 'False',
      'ssl-timeout': '15m',
      'ssl-interval': '5s',
      'ssl-check': 'TRUE',
      resolve: 'example.com:443:127.0.0.1\n\n  shop.example.com:443:[::1]  \n',
      'connect-to': 'example.org:443:127.0.0.1:8443',
      'fail-on-drift': 'false',
      'drift-issue': 'true',
      'expect-checksum': '9f86d081884c7d65',
    });
    const { settings } = inputs;
    assert.equal(logged[0], 'mode: apply (set by the mode input)');
    assert.equal(settings.mode, 'apply');
    assert.equal(settings.configPath, 'infra/domains.yml');
    assert.deepEqual(settings.hosts, ['production', 'eu-*', 'edge']);
    assert.equal(settings.force, true);
    assert.deepEqual(settings.ssl, {
      intervalMs: 5_000,
      check: true,
      wait: false,
      timeoutMs: 900_000,
      resolve: [
        { host: 'example.com', port: 443, address: '127.0.0.1' },
        { host: 'shop.example.com', port: 443, address: '::1' },
      ],
      connectTo: [{ host: 'example.org', port: 443, targetHost: '127.0.0.1', targetPort: 8443 }],
    });
    assert.equal(settings.expectChecksum, '9f86d081884c7d65');
    assert.equal(inputs.failOnDrift, false);
    assert.equal(inputs.driftIssue, true);
    assert.equal(inputs.autoMode, false);
  });

  test('onSecret, env, clock and log come from the runtime', () => {
    const env = { GITHUB_EVENT_NAME: 'push' };
    const onSecret = (): void => undefined;
    const log: Logger = { debug() {}, info() {}, warn() {}, error() {} };
    const inputs = withRunnerEnv({}, env, () => readActionInputs({ env, clock: systemClock, log, onSecret }));
    assert.equal(inputs.settings.onSecret, onSecret);
    assert.equal(inputs.settings.env, env);
    assert.equal(inputs.settings.clock, systemClock);
    assert.equal(inputs.settings.log, log);
    assert.equal(inputs.settings.mode, 'apply');
  });

  describe("a fork's pull request validates instead of planning", () => {
    async function forkEvent(head: string | null): Promise<Record<string, string>> {
      const dir = await mkdtemp(join(tmpdir(), 'domain-sync-inputs-'));
      const path = join(dir, 'event.json');
      const repo = (name: string | null): unknown => (name === null ? null : { full_name: name });
      await writeFile(path, JSON.stringify({ pull_request: { number: 7, base: { ref: 'main', sha: 'b'.repeat(40), repo: repo('acme/sites') }, head: { sha: 'h'.repeat(40), repo: repo(head) } } }));
      return { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: path };
    }

    test('auto: validate, and the first line says why', async () => {
      const { inputs, logged } = read({}, await forkEvent('someone/sites'));
      assert.equal(inputs.settings.mode, 'validate');
      assert.match(inputs.forkFallbackReason!, /pull request #7 comes from someone\/sites/);
      assert.equal(logged[0], `mode: validate (auto: a pull_request event would plan, but ${inputs.forkFallbackReason})`);
    });

    test('a deleted fork counts as a fork', async () => {
      const { inputs, logged } = read({}, await forkEvent(null));
      assert.equal(inputs.settings.mode, 'validate');
      assert.match(logged[0]!, /^mode: validate \(auto: a pull_request event would plan, but pull request #7 comes from a deleted fork/);
    });

    test('a pull request from a branch of the same repository plans', async () => {
      const { inputs } = read({}, await forkEvent('acme/sites'));
      assert.equal(inputs.settings.mode, 'plan');
      assert.equal(inputs.forkFallbackReason, undefined);
    });

    test('an explicit mode always wins', async () => {
      for (const mode of ['plan', 'check']) {
        const { inputs, logged } = read({ mode }, await forkEvent('someone/sites'));
        assert.equal(inputs.settings.mode, mode);
        assert.equal(logged[0], `mode: ${mode} (set by the mode input)`);
      }
    });
  });

  const invalid: Array<[string, Record<string, string>, RegExp]> = [
    ['mode', { mode: 'deploy' }, /input `mode`: `deploy` is not a mode; valid: auto, plan, apply, check, validate/],
    ['mode typo', { mode: 'chek' }, /did you mean `check`\?/],
    ['mode import is CLI only', { mode: 'import' }, /input `mode`: `import` is not a mode/],
    ['boolean', { force: 'yes' }, /input `force`: `yes` is not a boolean; valid: true, false/],
    ['duration', { 'ssl-timeout': 'soon' }, /input `ssl-timeout`: `soon` is not a duration \(expected a duration like/],
    ['resolve line', { resolve: 'example.com:443:127.0.0.1\nexample.org:443' }, /input `resolve`: --resolve "example.org:443": it needs three parts/],
    ['connect-to line', { 'connect-to': 'a:1:b' }, /input `connect-to`: .*it has 3 parts, not 4/],
    ['hosts', { hosts: 'prod;eu' }, /input `hosts`: "prod;eu" is not a host id or glob/],
    ['expect-checksum', { 'expect-checksum': 'not a checksum' }, /input `expect-checksum`: `not a checksum` is not a plan checksum/],
    ['comment', { comment: 'on' }, /input `comment`: `on` is not a boolean/],
  ];
  for (const [name, inputs, pattern] of invalid) {
    test(`invalid ${name}`, () => inputError(inputs, pattern));
  }

  test('every invalid input is reported at once', () => {
    inputError({ force: 'maybe', 'ssl-interval': 'often', 'fail-on-drift': '1' }, /invalid inputs:\n  input `force`.*\n  input `ssl-interval`.*\n  input `fail-on-drift`/);
  });
});
