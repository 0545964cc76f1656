import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { load } from 'js-yaml';
import { planCommentMarker } from '../../src/action/plan-comment.js';
import { driftIssueLabel } from '../../src/report/drift-issue.js';
import { repoRoot, workspace } from '../../scripts/run-built.js';
import { startClosteSimulator, type ClosteSimulator } from '../../src/simulators/closte.js';
import { fakeSha, githubSimulatorToken, startGitHubSimulator, type FakeIssue, type GitHubSimulator } from '../../src/simulators/github.js';
import { startServerPilotSimulator, type ServerPilotSimulator } from '../../src/simulators/serverpilot.js';
import { configDirectory, panelsConfig, startPanels, type Panels } from '../e2e/panels.js';
import { actionYml, isThisAction, matrixValues, readWorkflow, runJob, type Job, type JobContext, type Workflow } from './workflow-runner.js';

const workflowFiles = [
  'examples/workflows/pr-plan.yml',
  'examples/workflows/push-apply.yml',
  'examples/workflows/fan-out.yml',
  'examples/workflows/pr-preview.yml',
  'examples/workflows/drift-check.yml',
  '.github/workflows/ci.yml',
];
/** What each workflow may write; every other permission is read or none. */
const writePermissions: Record<string, string[]> = {
  'examples/workflows/pr-plan.yml': ['pull-requests'],
  'examples/workflows/pr-preview.yml': ['pull-requests'],
  'examples/workflows/drift-check.yml': ['issues'],
};
const permissionNames = ['actions', 'checks', 'contents', 'deployments', 'issues', 'packages', 'pages', 'pull-requests', 'statuses', 'id-token'];


/** The `pull_request` event of the runner, as GitHub sends it for `pull` (with `action` where the workflow filters on it). */
function pullRequestEvent(pull: FakeIssue, action?: string): JobContext['event'] {
  const branch = (b: { ref: string; sha: string; repository: string | null }): unknown => ({
    ref: b.ref,
    sha: b.sha,
    repo: b.repository === null ? null : { full_name: b.repository },
  });
  return {
    name: 'pull_request',
    sha: fakeSha(`pull-merge-ref-${pull.number}${action ? `-${action}` : ''}`),
    ref: `refs/pull/${pull.number}/merge`,
    payload: {
      ...(action ? { action } : {}),
      number: pull.number,
      pull_request: { number: pull.number, head: branch(pull.pull!.head), base: branch(pull.pull!.base) },
    },
  };
}

describe('the workflow files', () => {
  test('every workflow in the repository is checked here', async () => {
    const listed = [
      ...(await readdir(join(repoRoot, 'examples/workflows'))).map((name) => `examples/workflows/${name}`),
      ...(await readdir(join(repoRoot, '.github/workflows'))).map((name) => `.github/workflows/${name}`),
    ];
    assert.deepEqual(listed.sort(), [...workflowFiles].sort());
  });

  for (const file of workflowFiles) {
    describe(file, () => {
      let workflow: Workflow;
      before(async () => {
        workflow = await readWorkflow(file);
      });

      test('parses, with jobs and steps', () => {
        assert.ok(workflow.on, 'has triggers');
        assert.ok(Object.keys(workflow.jobs).length > 0);
        for (const [id, job] of Object.entries(workflow.jobs)) {
          assert.ok(job['runs-on'], `${id} has runs-on`);
          assert.ok(job.steps.length > 0, `${id} has steps`);
        }
      });

      test('least privilege: explicit permissions, none of them write-all or unknown', () => {
        assert.equal(typeof workflow.permissions, 'object', 'a top-level permissions block');
        for (const permissions of [workflow.permissions, ...Object.values(workflow.jobs).map((job) => job.permissions)]) {
          for (const [name, level] of Object.entries(permissions ?? {})) {
            assert.ok(permissionNames.includes(name), `unknown permission ${name}`);
            assert.ok(['read', 'write', 'none'].includes(level), `${name}: ${level}`);
          }
        }
        const writes = Object.entries(workflow.permissions ?? {}).filter(([, level]) => level === 'write').map(([name]) => name);
        assert.deepEqual(writes, writePermissions[file] ?? [], 'only the plan comment and the drift issue write');
      });

      test("this Action's steps use only its inputs, and read only its outputs", () => {
        for (const [jobId, job] of Object.entries(workflow.jobs)) {
          const ours = job.steps.filter((step) => isThisAction(step.uses));
          for (const step of ours) {
            for (const name of Object.keys(step.with ?? {})) assert.ok(name in actionYml.inputs, `${jobId}: unknown input ${name}`);
          }
          const ids = new Set(ours.map((step) => step.id).filter((id) => id !== undefined));
          const text = JSON.stringify(job);
          for (const [, id, output] of text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
            const script = job.steps.find((step) => step.id === id && step.run !== undefined)?.run;
            if (script !== undefined) {
              assert.ok(script.includes(`echo "${output}=`) && script.includes('$GITHUB_OUTPUT'), `${jobId}: steps.${id} never sets ${output}`);
              continue;
            }
            assert.ok(ids.has(id!), `${jobId}: steps.${id} is not a step of this Action`);
            assert.ok(output! in actionYml.outputs, `${jobId}: unknown output ${output}`);
          }
          for (const [, need, output] of text.matchAll(/needs\.([\w-]+)\.outputs\.([\w-]+)/g)) {
            assert.ok(workflow.jobs[need!]?.outputs?.[output!], `${jobId}: needs.${need}.outputs.${output} is not declared`);
          }
        }
      });

      test('paths it runs exist', () => {
        const scripts = JSON.stringify(workflow).matchAll(/lib\/scripts\/([\w-]+)\.js/g);
        for (const [, name] of scripts) assert.ok(existsSync(join(repoRoot, 'scripts', `${name}.ts`)), `scripts/${name}.ts`);
        const uses = Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.uses).filter((u) => u !== undefined));
        for (const action of uses) {
          if (action === './') assert.ok(file.startsWith('.github/'), 'only the repository itself uses ./');
          else assert.match(action, /^(actions\/(checkout|setup-node)@v4|domain-sync\/domain-sync@v1)$/);
        }
      });
    });
  }

  test('fan-out: one job per host from hosts-matrix, a concurrency group per host that never cancels an apply', async () => {
    const workflow = await readWorkflow('examples/workflows/fan-out.yml');
    const apply = workflow.jobs['apply']!;
    assert.equal(apply.strategy?.matrix['host'], '${{ fromJSON(needs.hosts.outputs.matrix) }}');
    assert.equal(apply.strategy?.['fail-fast'], false);
    assert.deepEqual(apply.concurrency, { group: 'domain-sync-${{ matrix.host }}', 'cancel-in-progress': false });
    assert.equal(workflow.jobs['hosts']!.outputs?.['matrix'], '${{ steps.hosts.outputs.hosts-matrix }}');
    assert.equal(apply.steps.find((step) => isThisAction(step.uses))?.with?.['hosts'], '${{ matrix.host }}');
  });

  test('push-apply never cancels an apply in progress, and can be run by hand', async () => {
    const workflow = await readWorkflow('examples/workflows/push-apply.yml');
    assert.deepEqual(workflow.concurrency, { group: 'domain-sync', 'cancel-in-progress': false });
    assert.ok(Object.keys(workflow.on as Record<string, unknown>).includes('workflow_dispatch'), 'workflow_dispatch is the way out of a refused push');
    const text = await readFile(join(repoRoot, 'examples/workflows/push-apply.yml'), 'utf8');
    assert.match(text, /one running and one pending run per group/, 'says what GitHub does with a third run in the group');
  });

  test("README's single workflow: pull request plans get a group of their own, so they never displace a pending apply", async () => {
    const readme = await readFile(join(repoRoot, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## GitHub Action'));
    const example = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    const workflow = load(example) as Workflow;
    assert.ok(workflow.jobs && workflow.concurrency, 'the first example of the Action section is a whole workflow');
    assert.equal(
      workflow.concurrency.group,
      "${{ github.event_name == 'pull_request' && format('domain-sync-pr-{0}', github.event.pull_request.number) || 'domain-sync' }}",
    );
    assert.equal(workflow.concurrency['cancel-in-progress'], false);
    assert.match(section, /one running and one pending run/);
  });

  test('pr-preview listens for closed pull requests too, and never cancels a preview run halfway', async () => {
    const workflow = await readWorkflow('examples/workflows/pr-preview.yml');
    const on = workflow.on as { pull_request?: { types?: string[] } };
    assert.deepEqual(on.pull_request?.types, ['opened', 'reopened', 'synchronize', 'closed']);
    assert.equal(workflow.concurrency?.['cancel-in-progress'], false);
  });

  test('drift-check checks (even when dispatched by hand) with the drift issue, in the apply group', async () => {
    const workflow = await readWorkflow('examples/workflows/drift-check.yml');
    const step = workflow.jobs['check']!.steps.find((candidate) => isThisAction(candidate.uses))!;
    assert.equal(step.with?.['mode'], 'check');
    assert.equal(step.with?.['drift-issue'], true);
    assert.deepEqual(workflow.concurrency, { group: 'domain-sync', 'cancel-in-progress': false });
  });

  test('ci has the test, check-dist and self-test jobs', async () => {
    const workflow = await readWorkflow('.github/workflows/ci.yml');
    assert.deepEqual(Object.keys(workflow.jobs), ['test', 'check-dist', 'action']);
    assert.ok(workflow.jobs['test']!.steps.some((step) => step.run === 'npm test'));
    assert.ok(workflow.jobs['action']!.steps.some((step) => step.uses === './'));
  });
});

describe('the example workflows, run end to end against the simulators and the GitHub fake', () => {
  const clientId = 'cid-examples-0001';
  const apiKey = 'sp-examples-secret-2e8a';
  const closteKey = 'closte-examples-secret-9d1f';
  const secrets = { WU_SERVER_PILOT_CLIENT_ID: clientId, WU_SERVER_PILOT_API_KEY: apiKey, CLOSTE_CLIENT_API_KEY: closteKey };
  let serverpilot: ServerPilotSimulator;
  let closte: ClosteSimulator;
  let github: GitHubSimulator;
  let checkout: string;

  before(async () => {
    serverpilot = await startServerPilotSimulator({ appId: 'app-examples', clientId, apiKey });
    closte = await startClosteSimulator({ apiKey: closteKey });
    github = await startGitHubSimulator();
    checkout = await workspace({
      'domains.yml': [
        'version: 1',
        'defaults:',
        '  removals: sync',
        '  ssl:',
        '    wait: false',
        'hosts:',
        '  production:',
        '    provider: serverpilot',
        '    app: app-examples',
        `    api_url: ${serverpilot.apiUrl}`,
        '    domains: [example.com]',
        '  edge:',
        '    provider: closte',
        `    api_url: ${closte.apiUrl}`,
        '    domains: [example.org]',
        '',
      ].join('\n'),
    });
  });
  after(() => Promise.all([serverpilot.close(), closte.close(), github.close()]));

  function context(event: JobContext['event'], extra: Partial<JobContext> = {}): JobContext {
    return {
      cwd: checkout,
      event,
      secrets,
      github: { repository: github.repository, apiUrl: github.apiUrl, serverUrl: 'https://github.com', token: githubSimulatorToken },
      ...extra,
    };
  }


  function pushEvent(sha: string): JobContext['event'] {
    return { name: 'push', sha, ref: 'refs/heads/main', payload: { ref: 'refs/heads/main', after: sha, repository: { default_branch: 'main' } } };
  }

  async function reviewAndMerge(mergeSha: string): Promise<FakeIssue> {
    const pull = github.addPullRequest();
    const plan = await runJob(await readWorkflow('examples/workflows/pr-plan.yml'), 'plan', context(pullRequestEvent(pull)));
    assert.equal(plan.failed, false, plan.steps['plan']?.log);
    github.mergePullRequest(pull.number, mergeSha);
    return pull;
  }

  test('pr-plan.yml comments the plan; push-apply.yml then applies exactly that plan', async () => {
    serverpilot.seed([{ name: 'old.example.com' }]);
    closte.seed([]);
    const pull = await reviewAndMerge(fakeSha('merge-examples-1'));
    const comments = github.comments(pull.number).filter((comment) => comment.body.includes(planCommentMarker));
    assert.equal(comments.length, 1);
    assert.match(comments[0]!.body, /\| remove \| `old\.example\.com` \|/);
    assert.equal(serverpilot.requestsTo('POST').length, 0);

    const apply = await runJob(await readWorkflow('examples/workflows/push-apply.yml'), 'apply', context(pushEvent(fakeSha('merge-examples-1'))));
    assert.equal(apply.failed, false, apply.steps['apply']?.log);
    assert.equal(apply.steps['apply']!.outputs['result'], 'applied');
    assert.deepEqual(serverpilot.hostnames().sort(), ['example.com', 'www.example.com']);
    assert.deepEqual(closte.hostnames().sort(), ['example.org', 'www.example.org']);
  });

  test('fan-out.yml: the hosts job lists the hosts without secrets, then one apply job per host', async () => {
    serverpilot.seed([]);
    closte.seed([{ name: 'stale.example.org' }]);
    await reviewAndMerge(fakeSha('merge-examples-2'));
    const workflow = await readWorkflow('examples/workflows/fan-out.yml');
    const event = pushEvent(fakeSha('merge-examples-2'));
    const hosts = await runJob(workflow, 'hosts', { ...context(event), secrets: {} });
    assert.equal(hosts.failed, false, hosts.steps['hosts']?.log);
    const needs = { hosts: { outputs: hosts.outputs } };
    const matrix = matrixValues(workflow.jobs['apply'] as Job, 'host', { needs });
    assert.deepEqual(matrix, ['production', 'edge']);
    for (const host of matrix) {
      const job = await runJob(workflow, 'apply', context(event, { matrix: { host }, needs }));
      assert.equal(job.failed, false, Object.values(job.steps).map((step) => step.log).join('\n'));
    }
    assert.deepEqual(serverpilot.hostnames().sort(), ['example.com', 'www.example.com']);
    assert.deepEqual(closte.hostnames().sort(), ['example.org', 'www.example.org']);
  });

  test('push-apply.yml refuses a push that no reviewed pull request merged', async () => {
    serverpilot.seed([]);
    const apply = await runJob(await readWorkflow('examples/workflows/push-apply.yml'), 'apply', context(pushEvent(fakeSha('direct-push'))));
    assert.equal(apply.failed, true);
    assert.match(apply.steps['apply']!.log, /no merged pull request is associated with that commit/);
    assert.deepEqual(serverpilot.hostnames(), []);
  });

  test('push-apply.yml run by hand applies the file without a reviewed plan: the way out of a refused push', async () => {
    serverpilot.seed([]);
    closte.seed([]);
    const workflow = await readWorkflow('examples/workflows/push-apply.yml');
    const refused = await runJob(workflow, 'apply', context(pushEvent(fakeSha('displaced-push'))));
    assert.equal(refused.failed, true);
    assert.deepEqual(serverpilot.hostnames(), []);
    const dispatched = { name: 'workflow_dispatch', sha: fakeSha('dispatch'), ref: 'refs/heads/main', payload: { ref: 'refs/heads/main', repository: { default_branch: 'main' } } };
    const apply = await runJob(workflow, 'apply', context(dispatched));
    assert.equal(apply.failed, false, apply.steps['apply']?.log);
    assert.equal(apply.steps['apply']!.outputs['result'], 'applied');
    assert.doesNotMatch(apply.steps['apply']!.log, /from-pr/);
    assert.deepEqual(serverpilot.hostnames().sort(), ['example.com', 'www.example.com']);
  });
});

describe('pr-preview.yml and drift-check.yml, run end to end against RunCloud, the TLS simulator and the GitHub fake', () => {
  const pattern = 'pr-{number}.preview.example.de';
  const preview = (pullNumber: number): string => pattern.replace('{number}', String(pullNumber));
  let panels: Panels;
  let github: GitHubSimulator;
  let checkout: string;

  before(async () => {
    panels = await startPanels({ issuanceDelayMs: 300 });
    github = await startGitHubSimulator();
    checkout = await configDirectory(`${panelsConfig(panels, { eu: ['example.de'] })}previews:\n  host: eu\n  domain: "${pattern}"\n`);
  });
  after(() => Promise.all([panels.close(), github.close()]));

  function context(event: JobContext['event']): JobContext {
    return {
      cwd: checkout,
      event,
      secrets: panels.env,
      github: { repository: github.repository, apiUrl: github.apiUrl, serverUrl: 'https://github.com', token: githubSimulatorToken },
      // The probes reach the TLS simulator, never real DNS; everything else is as the workflow says.
      extraInputs: { 'connect-to': panels.tls.connectTo, 'ssl-interval': '0.1' },
      machineEnv: { NODE_EXTRA_CA_CERTS: panels.ca.certificatePath },
    };
  }


  test('pr-preview.yml adds the preview with a valid certificate on opened, and removes it on closed', { timeout: 30_000 }, async () => {
    panels.runcloud.seed([{ name: 'example.de', www: true }]);
    const workflow = await readWorkflow('examples/workflows/pr-preview.yml');
    const pull = github.addPullRequest();

    const opened = await runJob(workflow, 'preview', context(pullRequestEvent(pull, 'opened')));
    assert.equal(opened.failed, false, opened.steps['preview']?.log);
    assert.ok(panels.runcloud.hostnames().includes(preview(pull.number)));
    const [comment] = github.comments(pull.number).filter((candidate) => candidate.body.includes(planCommentMarker));
    assert.match(comment!.body, new RegExp(`\\*\\*\\[https://${preview(pull.number).replaceAll('.', '\\.')}\\]\\(.*\\)\\*\\* is live: certificate ok`));

    github.mergePullRequest(pull.number, fakeSha(`preview-merged-${pull.number}`));
    const closed = await runJob(workflow, 'preview', context(pullRequestEvent(pull, 'closed')));
    assert.equal(closed.failed, false, closed.steps['preview']?.log);
    assert.equal(panels.runcloud.hostnames().includes(preview(pull.number)), false);
    assert.deepEqual(panels.runcloud.hostnames().filter((name) => !name.endsWith('.runcloud.link')).sort(), ['example.de', 'www.example.de']);
  });

  test('drift-check.yml opens the drift issue and removes the preview of a pull request closed without a run', { timeout: 30_000 }, async () => {
    const open = github.addPullRequest();
    const missed = github.addPullRequest();
    github.mergePullRequest(missed.number, fakeSha(`preview-missed-${missed.number}`));
    panels.runcloud.seed([{ name: 'example.de' }, { name: preview(open.number) }, { name: preview(missed.number) }]);
    const workflow = await readWorkflow('examples/workflows/drift-check.yml');

    const job = await runJob(workflow, 'check', context({ name: 'schedule', sha: fakeSha('drift-check'), ref: 'refs/heads/main', payload: { schedule: '17 6 * * *' } }));
    assert.equal(job.failed, false, job.steps['check']?.log);
    assert.equal(job.steps['check']!.outputs['result'], 'drift', 'www.example.de is off on the host');
    const issues = github.issues().filter((issue) => issue.labels.includes(driftIssueLabel) && issue.state === 'open');
    assert.equal(issues.length, 1);
    assert.match(issues[0]!.body, /\| `example\.de` \| www off on the host, on in domains\.yml \| change www \|/);
    const names = panels.runcloud.hostnames();
    assert.ok(names.includes(preview(open.number)));
    assert.equal(names.includes(preview(missed.number)), false);
  });
});

describe(".github/workflows/ci.yml's self-test job, run against scripts/serve-simulators", () => {
  let simulatorsPid: number | undefined;
  after(() => {
    if (simulatorsPid !== undefined) process.kill(simulatorsPid, 'SIGTERM');
  });

  test('plan, apply with every certificate verified, then a clean drift check', async () => {
    const workflow = await readWorkflow('.github/workflows/ci.yml');
    const job = await runJob(workflow, 'action', {
      cwd: repoRoot,
      event: { name: 'push', sha: fakeSha('ci'), ref: 'refs/heads/main', payload: {} },
      secrets: {},
      github: { repository: 'domain-sync/domain-sync', apiUrl: 'http://127.0.0.1:9', serverUrl: 'https://github.com', token: '' },
      skipRun: (step) => step.run?.startsWith('npm ') ?? false,
    });
    const ready = join(job.runnerTemp, 'simulators', 'ready');
    if (existsSync(ready)) simulatorsPid = Number((await readFile(ready, 'utf8')).trim());
    const logs = Object.entries(job.steps).map(([id, step]) => `--- ${id}\n${step.log}`).join('\n');
    assert.equal(job.failed, false, logs);
    assert.ok(simulatorsPid, 'the simulators were started by the workflow');
    assert.equal(job.steps['plan']!.outputs['result'], 'changes');
    assert.equal(job.steps['apply']!.outputs['result'], 'applied');
    const ssl = JSON.parse(job.steps['apply']!.outputs['ssl']!) as { state: string }[];
    assert.ok(ssl.length > 0 && ssl.every((entry) => entry.state === 'ok'), job.steps['apply']!.outputs['ssl']);
    assert.equal(job.steps['check']!.outputs['result'], 'no-changes');
  });
});
