import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from '../../src/config/load-config.js';
import { ConfigError, type ConfigIssue } from '../../src/errors.js';

/** Every fixture holds one mistake: the loader must report exactly it, where it is. */
interface Expected {
  line: number;
  column: number;
  path: string;
  message: RegExp;
  hint: RegExp;
}

const fixtures: Record<string, Expected> = {
  'bad-yaml-syntax.yml': { line: 7, column: 1, path: '', message: /YAML syntax error/, hint: /indentation, quotes and brackets/ },
  'bad-missing-version.yml': { line: 1, column: 1, path: 'version', message: /no `version`/, hint: /version: 1/ },
  'bad-version.yml': { line: 1, column: 10, path: 'version', message: /unsupported version.*2/, hint: /version: 1/ },
  'bad-unknown-top-key.yml': { line: 2, column: 1, path: 'defualts', message: /unknown key `defualts`/, hint: /did you mean `defaults`\?.*version, defaults, ignore, hosts, previews/ },
  'bad-typo-removals.yml': { line: 3, column: 3, path: 'defaults.remvals', message: /unknown key `remvals`/, hint: /did you mean `removals`\?/ },
  'bad-missing-removals.yml': { line: 5, column: 3, path: 'hosts.production', message: /no `removals` policy/, hint: /removals: sync.*removals: keep.*remove from the host what the file does not list.*never remove/ },
  'bad-removals-value.yml': { line: 3, column: 13, path: 'defaults.removals', message: /`delete` is not a valid value/, hint: /one of: sync, keep/ },
  'bad-host-id.yml': { line: 5, column: 3, path: 'hosts.Production_EU', message: /not a valid host id/, hint: /lower-case letters, digits and hyphens/ },
  'bad-provider.yml': { line: 6, column: 15, path: 'hosts.production.provider', message: /`serverpilt` is not a valid value/, hint: /did you mean `serverpilot`\?.*serverpilot, runcloud, closte/ },
  'bad-api-url.yml': { line: 9, column: 14, path: 'hosts.eu.api_url', message: /not a loopback address.*never be able to send the host's credentials/, hint: /127\.0\.0\.1/ },
  'bad-secret-key.yml': { line: 8, column: 5, path: 'hosts.production.api_key', message: /looks like a secret/, hint: /environment variable.*`credentials: \{ api_key: SERVERPILOT_API_KEY \}`/ },
  'bad-secret-key-runcloud.yml': { line: 9, column: 5, path: 'hosts.eu.token', message: /`token` looks like a secret/, hint: /`credentials: \{ token: RUNCLOUD_TOKEN \}`/ },
  'bad-secret-in-credentials.yml': { line: 10, column: 14, path: 'hosts.eu.credentials.token', message: /looks like a secret value.*not shown/, hint: /rotate it.*NAME of an environment variable/ },
  'bad-credentials-key.yml': { line: 11, column: 7, path: 'hosts.production.credentials.token', message: /unknown key `token`/, hint: /client_id, api_key, app, server/ },
  'bad-credentials-incomplete.yml': { line: 10, column: 7, path: 'hosts.eu.credentials', message: /does not name `api_secret`/, hint: /never falls back/ },
  'bad-explicit-credentials-no-app.yml': { line: 8, column: 7, path: 'hosts.production.credentials', message: /app id comes from neither/, hint: /never falls back to WU_SERVER_PILOT_APP_ID/ },
  'bad-wildcard-provider.yml': { line: 9, column: 9, path: 'hosts.production.domains[1]', message: /serverpilot does not support wildcard/, hint: /closte/ },
  'bad-probe-not-covered.yml': { line: 9, column: 16, path: 'hosts.edge.domains[0].probe', message: /not covered by `\*\.sites\.example\.org`/, hint: /demo\.sites\.example\.org/ },
  'bad-probe-not-wildcard.yml': { line: 9, column: 16, path: 'hosts.edge.domains[0].probe', message: /only for wildcard/, hint: /remove `probe`/ },
  'bad-duplicate-domain.yml': { line: 10, column: 9, path: 'hosts.production.domains[2]', message: /`shop\.example\.com` is listed twice.*line 8/, hint: /drop one/ },
  'bad-www-duplicate.yml': { line: 9, column: 9, path: 'hosts.production.domains[1]', message: /`www\.example\.com` is already the www companion of `example\.com` \(line 8\)/, hint: /drop the `www\.example\.com` entry, or set `www: never` on `example\.com`/ },
  'bad-domain-on-two-hosts.yml': { line: 14, column: 9, path: 'hosts.eu.domains[1]', message: /`example\.com` is also on host `production` \(line 7\)/, hint: /one host/ },
  'bad-ignored-domain.yml': { line: 11, column: 9, path: 'hosts.production.domains[1]', message: /matches the ignore glob `\*\.staging\.example\.com`/, hint: /remove the name, or narrow/ },
  'bad-system-domain.yml': { line: 9, column: 9, path: 'hosts.production.domains[1]', message: /serverpilot system domain/, hint: /remove it/ },
  'bad-same-app.yml': { line: 8, column: 3, path: 'hosts.blog', message: /`main` \(line 5\) and `blog` are the same serverpilot app \(app from \$WU_SERVER_PILOT_APP_ID\)/, hint: /one panel app belongs to one host block/ },
  'bad-duplicate-key.yml': { line: 8, column: 5, path: 'hosts.production.provider', message: /duplicate key `provider` \(first at line 6\)/, hint: /keep one/ },
  'bad-previews-host.yml': { line: 11, column: 9, path: 'previews.host', message: /no host `europe`/, hint: /one of the hosts: eu/ },
  'bad-previews-placeholder.yml': { line: 12, column: 11, path: 'previews.domain', message: /`\{number\}` exactly once, found it 0 times/, hint: /pr-\{number\}/ },
  'bad-previews-listed.yml': { line: 11, column: 9, path: 'hosts.eu.domains[1]', message: /matches the previews pattern/, hint: /remove it/ },
  'bad-duration.yml': { line: 5, column: 14, path: 'defaults.ssl.timeout', message: /`20 minutes` is not a duration/, hint: /20m.*90s.*1h30m.*seconds/ },
  'bad-invalid-domain.yml': { line: 9, column: 15, path: 'hosts.production.domains[1].name', message: /`shop_example\.com` is not a valid domain name/, hint: /example\.com/ },
  'bad-www-value.yml': { line: 9, column: 14, path: 'hosts.production.domains[0].www', message: /found the boolean false/, hint: /always, never, main-only/ },
  'bad-points-to.yml': { line: 7, column: 31, path: 'hosts.production.points-to[1]', message: /CNAME target stands alone/, hint: /IP addresses/ },
  'bad-empty-hosts.yml': { line: 4, column: 8, path: 'hosts', message: /no hosts/, hint: /host ids to host blocks/ },
  'bad-missing-domains.yml': { line: 5, column: 3, path: 'hosts.production.domains', message: /no `domains` list/, hint: /domains: \[\]/ },
  'bad-unknown-alias.yml': { line: 7, column: 14, path: 'hosts.production.domains', message: /alias \*shared refers to no anchor/, hint: /define &shared/ },
  'bad-max-removal-percent.yml': { line: 4, column: 24, path: 'defaults.max-removal-percent', message: /0 to 100.*150/, hint: /0 to 100/ },
  'bad-multiple-documents.yml': { line: 9, column: 1, path: '', message: /more than one YAML document/, hint: /keep one document/ },
  'bad-empty.yml': { line: 1, column: 1, path: '', message: /empty/, hint: /version: 1/ },
};

async function issuesOf(fixture: string): Promise<ConfigIssue[]> {
  const file = `test/fixtures/config/${fixture}`;
  try {
    await loadConfig(file);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error.issues;
  }
  assert.fail(`${fixture} was accepted`);
}

describe('each bad config is reported at its exact place', () => {
  for (const [fixture, expected] of Object.entries(fixtures)) {
    test(fixture, async () => {
      const issues = await issuesOf(fixture);
      assert.equal(issues.length, 1, issues.map((issue) => issue.message).join('\n'));
      const [issue] = issues;
      assert.ok(issue);
      assert.deepEqual(
        { file: issue.location.file, line: issue.location.line, column: issue.location.column, path: issue.location.path },
        { file: `test/fixtures/config/${fixture}`, line: expected.line, column: expected.column, path: expected.path },
      );
      assert.match(issue.message, expected.message);
      assert.match(issue.hint ?? '', expected.hint);
    });
  }

  test('a value that looks like a secret is never echoed', async () => {
    const [issue] = await issuesOf('bad-secret-in-credentials.yml');
    const text = `${issue?.message} ${issue?.hint}`;
    assert.doesNotMatch(text, /eyJ0eXAi/);
    assert.doesNotMatch(text, /x7Kq/);
  });

  test('a secret under a misplaced key is never echoed', async () => {
    const [issue] = await issuesOf('bad-secret-key.yml');
    assert.doesNotMatch(`${issue?.message} ${issue?.hint}`, /8f2b1c9d/);
  });
});
