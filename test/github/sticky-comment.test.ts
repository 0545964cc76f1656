import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { GitHubClient } from '../../src/github/github-client.js';
import { parseRepository } from '../../src/github/repository.js';
import { findStickyComment, upsertStickyComment } from '../../src/github/sticky-comment.js';
import { actionsBot, githubSimulatorToken, startGitHubSimulator, type GitHubSimulator } from '../../src/simulators/github.js';

const marker = '<!-- domain-sync:test -->';
const personalToken = 'ghp_maintainer_token_000';

describe('sticky comments', () => {
  let github: GitHubSimulator;
  const client = (token = githubSimulatorToken): GitHubClient =>
    new GitHubClient({ token, apiUrl: github.apiUrl, repository: parseRepository(github.repository) });

  before(async () => {
    github = await startGitHubSimulator();
    github.grantToken(personalToken, { user: { login: 'maintainer', type: 'User' }, access: 'write' });
  });
  after(() => github.close());

  test('created once, then edited in place: never a second one', async () => {
    const pull = github.addPullRequest();
    github.addComment(pull.number, 'LGTM');
    const first = await upsertStickyComment(client(), pull.number, marker, 'plan one');
    assert.equal(first.created, true);
    assert.equal(first.comment.body, `${marker}\nplan one`);
    const second = await upsertStickyComment(client(), pull.number, marker, `${marker}\nplan two`);
    assert.equal(second.created, false);
    assert.equal(second.comment.id, first.comment.id);
    const ours = github.comments(pull.number).filter((comment) => comment.body.includes(marker));
    assert.deepEqual(ours.map((comment) => comment.body), [`${marker}\nplan two`]);
    assert.equal(github.comments(pull.number).length, 2);
  });

  test("someone else's comment with the marker is neither edited nor read back", async () => {
    const pull = github.addPullRequest();
    const forged = github.addComment(pull.number, `${marker}\nforged`);
    assert.equal(await findStickyComment(client(), pull.number, marker), undefined);
    await upsertStickyComment(client(), pull.number, marker, 'real plan');
    const comments = github.comments(pull.number);
    assert.equal(comments.find((comment) => comment.id === forged.id)!.body, `${marker}\nforged`);
    assert.equal((await findStickyComment(client(), pull.number, marker))!.body, `${marker}\nreal plan`);
  });

  test("with a personal access token, the token's own comment is the sticky one", async () => {
    const pull = github.addPullRequest();
    await upsertStickyComment(client(personalToken), pull.number, marker, 'one');
    await upsertStickyComment(client(personalToken), pull.number, marker, 'two');
    assert.deepEqual(github.comments(pull.number).map((comment) => [comment.user.login, comment.body]), [['maintainer', `${marker}\ntwo`]]);
    assert.equal(github.requestsTo('GET', '/user').length > 0, true);
  });

  test('a bot comment is found without asking who the token belongs to', async () => {
    const pull = github.addPullRequest();
    github.addComment(pull.number, `${marker}\nby the bot`, actionsBot);
    const before = github.requestsTo('GET', '/user').length;
    assert.equal((await findStickyComment(client(), pull.number, marker))!.body, `${marker}\nby the bot`);
    assert.equal(github.requestsTo('GET', '/user').length, before);
  });

  test('a body over the limit is refused before anything is sent', async () => {
    const pull = github.addPullRequest();
    const sent = github.requests.length;
    await assert.rejects(upsertStickyComment(client(), pull.number, marker, 'x'.repeat(65_536)), /at most 65536/);
    assert.equal(github.requests.length, sent);
  });
});
