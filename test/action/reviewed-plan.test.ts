import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { PullRequestEvent } from '../../src/action/auto-mode.js';
import { fetchBaseBranchConfig } from '../../src/action/base-branch-config.js';
import { planCommentMarker } from '../../src/action/plan-comment.js';
import { findReviewedChecksums, ReviewedPlanError } from '../../src/action/reviewed-plan.js';
import { systemClock } from '../../src/clock.js';
import { GitHubClient } from '../../src/github/github-client.js';
import { silentLogger } from '../../src/log.js';
import { run } from '../../src/run.js';
import type { ReviewedChecksums, Settings } from '../../src/settings.js';
import { startServerPilotSimulator, type ServerPilotSimulator } from '../../src/simulators/serverpilot.js';
import { workspace } from '../../scripts/run-built.js';
import { parseRepository } from '../../src/github/repository.js';
import { actionsBot, fakeSha, githubSimulatorToken, startGitHubSimulator, type GitHubSimulator } from '../../src/simulators/github.js';

const checksums = '<!-- domain-sync:checksums {"plan":"sha256:p","hosts":{"production":"sha256:a"}} -->';

describe('findReviewedChecksums', () => {
  let github: GitHubSimulator;
  let client: GitHubClient;
  before(async () => {
    github = await startGitHubSimulator();
    client = new GitHubClient({ token: githubSimulatorToken, apiUrl: github.apiUrl, repository: parseRepository(github.repository) });
  });
  after(() => github.close());

  test('the checksums in the plan comment of the pull request that merged the commit', async () => {
    const sha = fakeSha('merged-ok');
    const pull = github.addPullRequest({ mergeCommitSha: sha });
    github.addComment(pull.number, `${planCommentMarker}\nplan\n${checksums}`, actionsBot);
    assert.deepEqual(await findReviewedChecksums(client, sha), { plan: 'sha256:p', hosts: { production: 'sha256:a' }, source: `pull request #${pull.number}` });
  });

  test('the merged pull request wins over an open one that also contains the commit', async () => {
    const sha = fakeSha('merged-and-open');
    const open = github.addPullRequest();
    github.associateCommit(sha, open.number);
    github.addComment(open.number, `${planCommentMarker}\n<!-- domain-sync:checksums {"plan":"sha256:open","hosts":{}} -->`, actionsBot);
    const merged = github.addPullRequest({ mergeCommitSha: sha });
    github.addComment(merged.number, `${planCommentMarker}\n${checksums}`, actionsBot);
    assert.equal((await findReviewedChecksums(client, sha)).source, `pull request #${merged.number}`);
  });

  test('no merged pull request: a clear refusal', async () => {
    const sha = fakeSha('pushed-directly');
    github.addPullRequest({ head: { sha } });
    await assert.rejects(findReviewedChecksums(client, sha), (error: unknown) => {
      assert.ok(error instanceof ReviewedPlanError);
      assert.match(error.message, new RegExp(`merged commit ${sha.slice(0, 7)}, but no merged pull request is associated with that commit`));
      return true;
    });
  });

  test('no plan comment, or only a forged one: a clear refusal', async () => {
    const sha = fakeSha('no-comment');
    const pull = github.addPullRequest({ mergeCommitSha: sha });
    github.addComment(pull.number, `${planCommentMarker}\n${checksums}`);
    await assert.rejects(findReviewedChecksums(client, sha), new RegExp(`pull request #${pull.number} \\(which merged commit ${sha.slice(0, 7)}\\) has no domain-sync plan comment`));
  });

  test('a comment without checksums (a fork only validated): a clear refusal', async () => {
    const sha = fakeSha('validated-only');
    const pull = github.addPullRequest({ mergeCommitSha: sha });
    github.addComment(pull.number, `${planCommentMarker}\n## domain-sync validate`, actionsBot);
    await assert.rejects(findReviewedChecksums(client, sha), /holds no plan checksums: its last run made no plan/);
  });
});

describe('fetchBaseBranchConfig', () => {
  let github: GitHubSimulator;
  let client: GitHubClient;
  const pull = (baseSha: string): PullRequestEvent => ({
    number: 1,
    baseRef: 'main',
    baseSha,
    headSha: fakeSha('head'),
    headRepository: 'someone/sites',
    baseRepository: 'acme/sites',
    fromFork: true,
  });
  before(async () => {
    github = await startGitHubSimulator();
    client = new GitHubClient({ token: githubSimulatorToken, apiUrl: github.apiUrl, repository: parseRepository(github.repository) });
  });
  after(() => github.close());

  test('the file at the base commit, copied to a temporary file with the same name', async () => {
    github.setFile(fakeSha('base-1'), 'infra/domains.yml', 'version: 1\n');
    const copy = await fetchBaseBranchConfig(client, pull(fakeSha('base-1')), './infra/domains.yml');
    assert.match(copy.path, /domain-sync-base-[^/]+\/domains\.yml$/);
    assert.equal(await readFile(copy.path, 'utf8'), 'version: 1\n');
    await copy.remove();
    await assert.rejects(readFile(copy.path, 'utf8'), /ENOENT/);
    assert.equal(github.requestsTo('GET', /\/contents\//).at(-1)!.query['ref'], fakeSha('base-1'));
  });

  test('absent on the base branch, or a path outside the repository: an error that says so', async () => {
    await assert.rejects(fetchBaseBranchConfig(client, pull(fakeSha('base-2')), 'domains.yml'), /domains\.yml does not exist on the base branch main at [0-9a-f]{7}/);
    await assert.rejects(fetchBaseBranchConfig(client, pull(fakeSha('base-2')), '/etc/domains.yml'), /not a path inside the repository/);
    await assert.rejects(fetchBaseBranchConfig(client, pull(fakeSha('base-2')), '../domains.yml'), /not a path inside the repository/);
  });
});

describe('apply with the checksums of a reviewed plan', () => {
  let serverpilot: ServerPilotSimulator;
  let configPath: string;
  const env = { WU_SERVER_PILOT_CLIENT_ID: 'cid-reviewed', WU_SERVER_PILOT_API_KEY: 'key-reviewed' };
  before(async () => {
    serverpilot = await startServerPilotSimulator({ appId: 'app-reviewed', clientId: env.WU_SERVER_PILOT_CLIENT_ID, apiKey: env.WU_SERVER_PILOT_API_KEY });
    const dir = await workspace({
      'domains.yml': `version: 1\ndefaults:\n  removals: sync\n  ssl:\n    wait: false\nhosts:\n  production:\n    provider: serverpilot\n    app: app-reviewed\n    api_url: ${serverpilot.apiUrl}\n    domains: [example.com]\n`,
    });
    configPath = join(dir, 'domains.yml');
  });
  after(() => serverpilot.close());

  function settings(mode: 'plan' | 'apply', expectChecksums?: ReviewedChecksums): Settings {
    return {
      mode,
      configPath,
      hosts: [],
      force: false,
      ssl: { intervalMs: 10, check: false, resolve: [], connectTo: [] },
      env,
      clock: systemClock,
      log: silentLogger,
      ...(expectChecksums ? { expectChecksums } : {}),
    };
  }

  async function reviewed(): Promise<ReviewedChecksums> {
    const plan = await run(settings('plan'));
    return { plan: plan.checksum, hosts: Object.fromEntries(plan.hosts.map((host) => [host.id, host.checksum])), source: 'pull request #5' };
  }

  test('the same plan is applied', async () => {
    serverpilot.seed([]);
    const result = await run(settings('apply', await reviewed()));
    assert.equal(result.result, 'applied', result.errors.join('\n'));
    assert.deepEqual(serverpilot.hostnames().sort(), ['example.com', 'www.example.com']);
  });

  test('a host whose plan changed since review is refused by name, before any write', async () => {
    serverpilot.seed([]);
    const checksums = await reviewed();
    serverpilot.seed([{ name: 'example.com' }, { name: 'legacy.example.com' }]);
    const writes = serverpilot.requestsTo('POST').length;
    const result = await run(settings('apply', checksums));
    assert.equal(result.result, 'failed');
    assert.match(result.errors[0]!, /^The plan differs from the one reviewed in pull request #5: production changed since review; nothing was changed on any host\. production \(reviewed sha256:[0-9a-f]{64}, now sha256:[0-9a-f]{64}\)/);
    assert.equal(serverpilot.requestsTo('POST').length, writes);
  });

  test('a host with nothing left to do passes: a re-run after the changes landed', async () => {
    serverpilot.seed([]);
    const checksums = await reviewed();
    serverpilot.seed([{ name: 'example.com' }, { name: 'www.example.com' }]);
    const result = await run(settings('apply', checksums));
    assert.notEqual(result.result, 'failed', result.errors.join('\n'));
    assert.deepEqual(result.errors, []);
  });

  test('a host with changes where none were reviewed is refused', async () => {
    serverpilot.seed([]);
    const result = await run(settings('apply', { plan: 'sha256:other', hosts: {}, source: 'pull request #6' }));
    assert.match(result.errors[0]!, /production changed since review; .*production \(no changes were reviewed there\)/);
  });
});
