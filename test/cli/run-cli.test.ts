import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli, wantsColor } from '../../src/cli/run-cli.js';
import { systemClock } from '../../src/clock.js';
import { startClosteSimulator } from '../../src/simulators/closte.js';
import { startServerPilotSimulator, type ServerPilotSimulator } from '../../src/simulators/serverpilot.js';

const clientId = 'cid-cli-0001';
const apiKey = 'sp-cli-secret-4f9a2c';
const credentials = { WU_SERVER_PILOT_CLIENT_ID: clientId, WU_SERVER_PILOT_API_KEY: apiKey };

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(argv: string[], env: Record<string, string> = credentials): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    env,
    clock: systemClock,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    stdoutColor: false,
    stderrColor: false,
  });
  return { code, stdout, stderr };
}

describe('runCli', () => {
  let sim: ServerPilotSimulator;
  let dir: string;
  let config: string;

  before(async () => {
    sim = await startServerPilotSimulator({ appId: 'app-cli', clientId, apiKey });
    dir = await mkdtemp(join(tmpdir(), 'domain-sync-cli-'));
    config = join(dir, 'domains.yml');
    await writeFile(
      config,
      [
        'version: 1',
        'defaults:',
        '  removals: sync',
        '  ssl: { wait: false }',
        'hosts:',
        '  production:',
        '    provider: serverpilot',
        '    app: app-cli',
        `    api_url: ${sim.apiUrl}`,
        '    domains: [example.com]',
        '',
      ].join('\n'),
    );
  });
  after(() => sim.close());

  test('validate: the verdict on stdout, exit 0', async () => {
    const run = await cli(['validate', '--config', config], {});
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /valid/);
  });

  test('an invalid file: every problem with its line, exit 1', async () => {
    const bad = join(dir, 'bad.yml');
    await writeFile(bad, 'version: 1\nhosts:\n  production:\n    provider: serverpilot\n    domains: ["not a name"]\n');
    const run = await cli(['validate', '--config', bad], {});
    assert.equal(run.code, 1);
    assert.match(run.stdout, /bad\.yml:3:3: hosts\.production: .*removals/);
    assert.match(run.stdout, /bad\.yml:5:\d+: hosts\.production\.domains\[0\]/);
  });

  test('plan with changes: the plan as text on stdout, exit 2, nothing written', async () => {
    sim.seed([{ name: 'old.example.com' }]);
    const run = await cli(['plan', '--config', config]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stdout, /example\.com/);
    assert.match(run.stdout, /old\.example\.com/);
    assert.equal(sim.requestsTo('POST').length, 0);
  });

  test('--json: only the JSON result on stdout', async () => {
    sim.seed([{ name: 'old.example.com' }]);
    const run = await cli(['plan', '--json', '--config', config]);
    assert.equal(run.code, 2, run.stderr);
    const json = JSON.parse(run.stdout) as { result: string; hosts: Array<{ id: string; changes: Array<{ action: string; name: string }> }> };
    assert.equal(json.result, 'changes');
    assert.deepEqual(
      json.hosts[0]?.changes.map((change) => `${change.action} ${change.name}`).sort(),
      ['add example.com', 'add www.example.com', 'remove old.example.com'],
    );
  });

  test('apply then check: exit 0 twice, the host matches the file', async () => {
    sim.seed([]);
    const apply = await cli(['apply', '--config', config]);
    assert.equal(apply.code, 0, apply.stdout + apply.stderr);
    assert.match(apply.stderr, /production: writing/, 'progress goes to stderr');
    assert.doesNotMatch(apply.stdout, /production: writing/);
    assert.deepEqual(sim.hostnames().sort(), ['example.com', 'www.example.com']);
    const check = await cli(['check', '--config', config]);
    assert.equal(check.code, 0, check.stdout + check.stderr);
  });

  test('check with drift: exit 2', async () => {
    sim.seed([{ name: 'example.com' }]);
    const check = await cli(['check', '--config', config]);
    assert.equal(check.code, 2, check.stdout + check.stderr);
  });

  test('a plan that a guard would refuse: plan fails (exit 1), check reports drift (exit 2)', async () => {
    const seeded = ['a', 'b', 'c', 'd', 'e', 'f'].map((label) => ({ name: `${label}.example.net` }));
    sim.seed([{ name: 'example.com' }, { name: 'www.example.com' }, ...seeded]);
    const posts = sim.requestsTo('POST').length;
    type Json = { result: string; refusals: Array<{ host: string; guard: string }> };

    const plan = await cli(['plan', '--json', '--config', config]);
    assert.equal(plan.code, 1, plan.stderr);
    const planned = JSON.parse(plan.stdout) as Json;
    assert.equal(planned.result, 'failed');
    assert.deepEqual(planned.refusals.map((r) => `${r.host} ${r.guard}`), ['production max-removals']);

    const check = await cli(['check', '--json', '--config', config]);
    assert.equal(check.code, 2, check.stderr);
    const checked = JSON.parse(check.stdout) as Json;
    assert.equal(checked.result, 'drift');
    assert.deepEqual(checked.refusals.map((r) => `${r.host} ${r.guard}`), ['production max-removals']);

    const text = await cli(['check', '--config', config]);
    assert.equal(text.code, 2, text.stderr);
    assert.match(text.stdout, /max-removals/);
    assert.equal(sim.requestsTo('POST').length, posts, 'nothing written');
  });

  test('import: the generated file alone on stdout', async () => {
    sim.seed([{ name: 'example.com' }, { name: 'www.example.com' }]);
    const run = await cli(['import', '--provider', 'serverpilot', '--app', 'app-cli', '--api-url', sim.apiUrl]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^(#.*\n)*version: 1\n/);
    assert.match(run.stdout, /removals: sync/);
    assert.match(run.stdout, /example\.com/);
  });

  test('import --json: the generated file as importedConfig, the same text import prints', async () => {
    sim.seed([{ name: 'example.com' }, { name: 'www.example.com' }]);
    const importArgs = ['import', '--provider', 'serverpilot', '--app', 'app-cli', '--api-url', sim.apiUrl];
    const text = await cli(importArgs);
    const run = await cli([...importArgs, '--json']);
    assert.equal(run.code, 0, run.stderr);
    const json = JSON.parse(run.stdout) as { result: string; mode: string; importedConfig?: string };
    assert.equal(json.mode, 'import');
    assert.equal(json.importedConfig, text.stdout);
    assert.match(json.importedConfig ?? '', /removals: sync/);
  });

  test('import without --app: the app id from WU_SERVER_PILOT_APP_ID, and the file names none either', async () => {
    sim.seed([{ name: 'example.com' }, { name: 'www.example.com' }]);
    const run = await cli(['import', '--provider', 'serverpilot', '--api-url', sim.apiUrl], { ...credentials, WU_SERVER_PILOT_APP_ID: 'app-cli' });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^ {2}serverpilot:\n {4}provider: serverpilot\n {4}api_url: /m);
    assert.doesNotMatch(run.stdout, /app:/);
    assert.match(run.stdout, /- example\.com/);
  });

  test('import --provider closte needs no --app: the API key selects the site', async () => {
    const closte = await startClosteSimulator({ apiKey: 'closte-cli-key-8d2e', domains: ['example.org'] });
    try {
      const run = await cli(['import', '--provider', 'closte', '--api-url', closte.apiUrl], { CLOSTE_CLIENT_API_KEY: 'closte-cli-key-8d2e' });
      assert.equal(run.code, 0, run.stderr);
      assert.doesNotMatch(run.stdout, /app:/);
      assert.match(run.stdout, /- { name: example\.org, www: never }/);
    } finally {
      await closte.close();
    }
  });

  test('import that fails: nothing on stdout, the reason on stderr, exit 1', async () => {
    const run = await cli(['import', '--provider', 'serverpilot', '--app', 'app-cli', '--api-url', sim.apiUrl], {});
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /WU_SERVER_PILOT_CLIENT_ID/);
  });

  test('a host error: exit 1, and secrets never reach the output', async () => {
    const run = await cli(['plan', '--config', config], { ...credentials, WU_SERVER_PILOT_API_KEY: 'wrong-key-7c1e9d' });
    assert.equal(run.code, 1);
    for (const secret of ['wrong-key-7c1e9d', Buffer.from(`${clientId}:wrong-key-7c1e9d`).toString('base64')]) {
      assert.equal(run.stdout.includes(secret) || run.stderr.includes(secret), false);
    }
  });

  test('a usage error: the problem and the usage line on stderr, exit 1', async () => {
    const run = await cli(['plna']);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^domain-sync: unknown mode "plna" \(did you mean plan\?\)/);
    assert.match(run.stderr, /\nusage: domain-sync <validate\|plan\|apply\|check\|import\|doctor> \[options\]\n/);
  });

  test('--help and --version on stdout, exit 0', async () => {
    const help = await cli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^usage: domain-sync/);
    const version = await cli(['--version']);
    assert.match(version.stdout, /^domain-sync \d+\.\d+\.\d+\n$/);
  });
});

describe('wantsColor', () => {
  test('a terminal without NO_COLOR', () => {
    assert.equal(wantsColor(true, {}), true);
    assert.equal(wantsColor(true, { NO_COLOR: '' }), false);
    assert.equal(wantsColor(true, { TERM: 'dumb' }), false);
    assert.equal(wantsColor(false, {}), false);
    assert.equal(wantsColor(undefined, {}), false);
  });
});
