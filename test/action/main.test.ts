import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runAction, workspace, type ActionRun } from '../../scripts/run-built.js';
import { startServerPilotSimulator, type ServerPilotSimulator } from '../../src/simulators/serverpilot.js';
import { assertNoUnmaskedSecret } from './unmasked-secrets.js';

const clientId = 'cid-action-0001';
const apiKey = 'sp-action-secret-8d3f1b';
const credentials = { WU_SERVER_PILOT_CLIENT_ID: clientId, WU_SERVER_PILOT_API_KEY: apiKey };
const basic = Buffer.from(`${clientId}:${apiKey}`).toString('base64');
/** The bundled Action (dist/index.js) as the runner starts it: INPUT_* variables, output and summary files. */
function action(cwd: string, inputs: Record<string, string>, env: Record<string, string> = {}): Promise<ActionRun> {
  return runAction(inputs, { ...credentials, ...env }, cwd);
}

describe('the Action against the ServerPilot simulator', () => {
  let sim: ServerPilotSimulator;
  let dir: string;
  const runs: ActionRun[] = [];

  before(async () => {
    sim = await startServerPilotSimulator({ appId: 'app-action', clientId, apiKey });
    dir = await workspace({
      'domains.yml': [
        'version: 1',
        'defaults:',
        '  removals: sync',
        'hosts:',
        '  production:',
        '    provider: serverpilot',
        '    app: app-action',
        `    api_url: ${sim.apiUrl}`,
        '    domains: [example.com]',
        '',
      ].join('\n'),
    });
  });
  after(async () => {
    await sim.close();
    assertNoUnmaskedSecret(runs, [apiKey, basic]);
  });

  async function recorded(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<ActionRun> {
    const run = await action(dir, inputs, env);
    runs.push(run);
    return run;
  }

  test('a plan with changes succeeds, masks the secrets, and fills every output and the summary', async () => {
    sim.seed([{ name: 'old.example.com' }]);
    const run = await recorded({ mode: 'plan' });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(run.stdout.split('\n')[0], 'mode: plan (set by the mode input)');
    const masks = run.stdout.split('\n').filter((line) => line.startsWith('::add-mask::'));
    assert.ok(masks.includes(`::add-mask::${apiKey}`), 'the API key is masked');
    assert.ok(masks.includes(`::add-mask::${basic}`), 'the Basic auth credentials are masked');
    assert.equal(run.outputs['result'], 'changes');
    assert.equal(run.outputs['changes'], '3');
    assert.deepEqual(JSON.parse(run.outputs['removed']!), [{ host: 'production', name: 'old.example.com' }]);
    assert.deepEqual(JSON.parse(run.outputs['hosts-matrix']!), ['production']);
    assert.match(run.outputs['plan-checksum']!, /\S/);
    assert.match(run.summary, /## domain-sync plan/);
    assert.equal(sim.requestsTo('POST').length, 0);
  });

  test('check: drift fails by default, and passes with fail-on-drift: false', async () => {
    sim.seed([{ name: 'example.com' }]);
    const failing = await recorded({ mode: 'check' });
    assert.equal(failing.code, 1);
    assert.equal(failing.outputs['result'], 'drift');
    assert.match(failing.stdout, /::error::Drift: 1 to add/);
    const reporting = await recorded({ mode: 'check', 'fail-on-drift': 'false' });
    assert.equal(reporting.code, 0, reporting.stdout);
    assert.equal(reporting.outputs['result'], 'drift');
  });

  test('check: a plan that a guard would refuse is drift, reported with the refusal', async () => {
    const removable = ['a', 'b', 'c', 'd', 'e', 'f'].map((label) => ({ name: `${label}.example.net` }));
    sim.seed([{ name: 'example.com' }, { name: 'www.example.com' }, ...removable]);
    const reporting = await recorded({ mode: 'check', 'fail-on-drift': 'false' });
    assert.equal(reporting.code, 0, reporting.stdout);
    assert.equal(reporting.outputs['result'], 'drift');
    const plan = JSON.parse(reporting.outputs['plan']!) as { refusals: Array<{ host: string; guard: string }> };
    assert.deepEqual(plan.refusals.map((r) => `${r.host} ${r.guard}`), ['production max-removals']);
    assert.match(reporting.summary, /### Refused/);
    const failing = await recorded({ mode: 'check' });
    assert.equal(failing.code, 1);
    assert.equal(failing.outputs['result'], 'drift');
    assert.match(failing.stdout, /::error::Drift: 0 to add, 0 to change, 6 to remove/);
    assert.equal(sim.requestsTo('POST').length, 0);
  });

  test('auto on a schedule checks; on a push to the default branch it applies', async () => {
    sim.seed([]);
    const event = join(dir, 'event.json');
    await writeFile(event, JSON.stringify({ repository: { default_branch: 'main' } }));
    const scheduled = await recorded({ mode: 'auto' }, { GITHUB_EVENT_NAME: 'schedule' });
    assert.equal(scheduled.stdout.split('\n')[0], 'mode: check (auto: a schedule event)');
    assert.equal(sim.requestsTo('POST').length, 0);

    const pushed = await recorded(
      { mode: 'auto', 'ssl-wait': 'false' },
      { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main', GITHUB_EVENT_PATH: event },
    );
    assert.equal(pushed.stdout.split('\n')[0], 'mode: apply (auto: a push to the default branch main)');
    assert.equal(pushed.code, 0, pushed.stdout + pushed.stderr);
    assert.equal(pushed.outputs['result'], 'applied');
    assert.deepEqual(sim.hostnames().sort(), ['example.com', 'www.example.com']);
  });

  test('apply with a checksum other than the plan is refused, and the refusal is annotated once', async () => {
    sim.seed([]);
    const run = await recorded({ mode: 'apply', 'ssl-wait': 'false', 'expect-checksum': 'deadbeef' });
    assert.equal(run.code, 1);
    assert.equal(run.outputs['result'], 'failed');
    assert.deepEqual(sim.hostnames(), []);
    const errors = run.stdout.split('\n').filter((line) => line.startsWith('::error'));
    assert.equal(errors.filter((line) => line.includes('The plan differs from the reviewed one')).length, 1, errors.join('\n'));
    assert.deepEqual(errors.slice(1), ['::error::Nothing was applied: the plan (2 to add, 0 to change, 0 to remove, 0 to move) was refused.']);
  });

  test('a hosts input that matches no host fails validate too, naming the input, with an empty matrix', async () => {
    const run = await recorded({ mode: 'validate', hosts: 'prod' });
    assert.equal(run.code, 1, run.stdout);
    assert.equal(run.outputs['result'], 'failed');
    assert.equal(run.outputs['hosts-matrix'], '[]');
    assert.match(run.stdout, /::error::input `hosts`: prod matches no host in the file \(hosts: production\)/);
    assert.doesNotMatch(run.stdout, /--hosts|::warning/);
  });

  test('a plan that stops before reading any host says nothing was planned', async () => {
    const run = await recorded({ mode: 'plan', hosts: 'prod' });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^Nothing was planned: input `hosts`: prod matches no host in the file \(hosts: production\)\.$/m);
    assert.match(run.summary, /\*\*Nothing was planned: /);
    assert.doesNotMatch(run.stdout + run.summary, /The hosts match/);
  });

  test("configuration errors leave one of GitHub's ten error annotations for the step's failure", async () => {
    const bad = join(dir, 'many-problems.yml');
    const domains = Array.from({ length: 12 }, (_, index) => `      - bad..name${index}.com`).join('\n');
    await writeFile(bad, ['version: 1', 'hosts:', '  production:', '    provider: serverpilot', '    app: app-action', `    api_url: ${sim.apiUrl}`, '    domains:', domains, ''].join('\n'));
    const run = await recorded({ mode: 'plan', config: bad });
    assert.equal(run.code, 1);
    const errors = run.stdout.split('\n').filter((line) => line.startsWith('::error'));
    assert.equal(errors.length, 10, errors.join('\n'));
    assert.match(errors[8]!, /…and 5 more problems in the configuration/);
    assert.equal(errors[9], '::error::The configuration has 13 problems; see the annotations on the file.');
    assert.match(run.stdout, /^The configuration has 13 problems; nothing was planned\.$/m);
  });

  test('an invalid file fails with an annotation on its line', async () => {
    const bad = join(dir, 'bad.yml');
    await writeFile(bad, 'version: 1\nhosts:\n  production:\n    provider: serverpilot\n    domains: [example.com]\n');
    const run = await recorded({ mode: 'validate', config: bad });
    assert.equal(run.code, 1);
    assert.equal(run.outputs['result'], 'failed');
    assert.match(run.stdout, /::error title=Invalid configuration,file=.*bad\.yml,line=3,col=3::hosts\.production: /);
    assert.match(run.stdout, /::error::The configuration has 1 problem/);
  });

  test('an invalid input fails before anything runs, naming the input', async () => {
    const run = await recorded({ mode: 'deploy' });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /::error::input `mode`: `deploy` is not a mode; valid: auto, plan, apply, check, validate/);
    assert.match(run.summary, /host\.\*\*\n\n- input `mode`: `deploy` is not a mode; valid: auto, plan, apply, check, validate\n\n?$/);
    assert.deepEqual(run.outputs, {
      result: 'failed',
      changes: '0',
      added: '[]',
      removed: '[]',
      plan: '{}',
      'plan-checksum': '',
      ssl: '[]',
      'hosts-matrix': '[]',
    });
  });

  test('invalid inputs still write a job summary that names each of them', async () => {
    const run = await recorded({ mode: 'aply', 'ssl-timeout': 'soon' });
    assert.equal(run.code, 1);
    assert.equal(run.outputs['result'], 'failed');
    assert.match(run.summary, /^## domain-sync\n\n\*\*Nothing was run: the step failed before reading any host\.\*\*\n\ninvalid inputs:\n\n- /);
    assert.match(run.summary, /^- input `mode`: `aply` is not a mode; did you mean `apply`\? valid: auto, plan, apply, check, validate$/m);
    assert.match(run.summary, /^- input `ssl-timeout`: `soon` is not a duration/m);
  });
});
