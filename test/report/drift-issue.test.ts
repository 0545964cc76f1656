import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Change } from '../../src/plan/change.js';
import {
  driftFirstSeen,
  driftIssueBody,
  driftIssueLabel,
  driftIssueMarker,
  driftIssueMaxLength,
  driftIssueTitle,
  driftResolvedComment,
} from '../../src/report/drift-issue.js';
import type { RunResult } from '../../src/result.js';
import { driftRunResult } from './drift-run-result.js';

const runUrl = 'https://github.com/acme/site/actions/runs/42';

const expectedBody = [
  '<!-- domain-sync:drift -->',
  '<!-- domain-sync:drift-since 2030-01-01T06:17:00.000Z -->',
  '',
  'The domains on the panels differ from `domains.yml`.',
  '',
  '**First seen:** 2030-01-01 06:17 UTC  ',
  '**Last seen:** 2030-01-01 06:17 UTC in [this run](https://github.com/acme/site/actions/runs/42)  ',
  '**Drift:** 3 to add, 1 to change, 1 to remove, 1 to move; 2 certificates not valid.',
  '',
  '### production (serverpilot)',
  '',
  '| name | what differs | apply would |',
  '| --- | --- | --- |',
  '| `shop.example.com` | in domains.yml, missing on the host | add |',
  '| `moved.example.com` | on this host, listed on eu in domains.yml | move to eu |',
  '| `old.example.com` | on the host, not in domains.yml | remove |',
  '',
  '| certificate | state | expires | detail |',
  '| --- | --- | --- | --- |',
  '| `www.example.com` | expiring | 2030-01-04 | expires in 3 days, fewer than min-days 7 |',
  '',
  '### eu (runcloud)',
  '',
  '| name | what differs | apply would |',
  '| --- | --- | --- |',
  '| `example.at` | in domains.yml, missing on the host (with www.example.at) | add |',
  '| `moved.example.com` | listed here in domains.yml, on production | move from production |',
  '| `example.de` | www off on the host, on in domains.yml | change www |',
  '',
  '### edge (closte)',
  '',
  '> **Could not be checked:** edge: closte answered 503 Service Unavailable to GET https://app.closte.com/api/client/domains?apikey=***',
  '',
  '### certs (runcloud)',
  '',
  '| certificate | state | expires | detail |',
  '| --- | --- | --- | --- |',
  '| `secure.example.net` | dns-pending |  | secure.example.net has A 198.51.100.4; it should point to 203.0.113.20 |',
  '',
  'In sync: `staging`.',
  '',
  '### How to fix',
  '',
  "- **Make the hosts match domains.yml:** push to the default branch, run the workflow by hand, or run `domain-sync apply --hosts production,eu` with the panels' credentials. Apply prints its plan (the names above) before it writes anything.",
  '- **Make domains.yml match the hosts:** `domain-sync import --hosts production,eu` prints what the panels have now as a domains.yml; copy what you want to keep into `domains.yml` and merge it.',
  "- **Certificates:** fix what each detail names. A `dns-pending` name needs its DNS record to point at the host (`points-to`); a `wrong-certificate`, `untrusted`, `expiring` or `unreachable` one needs the panel to issue or renew the app's certificate (ServerPilot: AutoSSL; RunCloud: redeploy Let's Encrypt; Closte renews on its own).",
  '- **Hosts that could not be checked:** `domain-sync doctor --hosts edge` checks the credentials, the app and API access.',
  '',
  '_Updated by every scheduled check and closed when the drift is gone._',
  '',
].join('\n');

function manyChanges(count: number): RunResult {
  const result = driftRunResult();
  const changes: Change[] = Array.from({ length: count }, (_, i) => ({ action: 'add', name: `site-${i}.bulk.example.com`, wildcard: false }));
  result.hosts = [{ ...result.hosts[0]!, changes }];
  result.ssl = changes.map(({ name }) => ({ name, host: 'production', state: 'dns-pending', detail: `${name} does not resolve (no A, AAAA or CNAME record)` }));
  return result;
}

describe('the drift issue', () => {
  test('the body: per host what differs, certificates not valid, hosts not read, since when, how to fix', () => {
    assert.equal(driftIssueBody(driftRunResult(), { since: '2030-01-01T06:17:00Z', runUrl }), expectedBody);
  });

  test('a later update keeps the first-seen time from the previous body', () => {
    const first = driftIssueBody(driftRunResult(), { since: '2030-01-01T06:17:00Z', runUrl });
    const later = driftIssueBody(driftRunResult(), { since: '2030-01-03T06:17:00Z', runUrl: `${runUrl}9`, previousBody: first });
    assert.equal(driftFirstSeen(later), '2030-01-01T06:17:00.000Z');
    assert.match(later, /^<!-- domain-sync:drift -->\n<!-- domain-sync:drift-since 2030-01-01T06:17:00\.000Z -->\n/);
    assert.ok(later.includes('**First seen:** 2030-01-01 06:17 UTC  \n'));
    assert.ok(later.includes(`**Last seen:** 2030-01-03 06:17 UTC in [this run](${runUrl}9)`));
  });

  test('a previous body without a readable first-seen time starts from this run', () => {
    for (const previousBody of ['edited by hand', '<!-- domain-sync:drift-since yesterday -->']) {
      const body = driftIssueBody(driftRunResult(), { since: '2030-02-01T00:00:00Z', previousBody });
      assert.equal(driftFirstSeen(body), '2030-02-01T00:00:00.000Z');
    }
    const undated = driftIssueBody(driftRunResult(), {});
    assert.equal(driftFirstSeen(undated), undefined);
    assert.ok(undated.startsWith(`${driftIssueMarker}\n\n`));
    assert.doesNotMatch(undated, /First seen|Last seen/);
  });

  test('thousands of names are summarised under GitHub\'s limit, markers and the run link kept', () => {
    const body = driftIssueBody(manyChanges(3000), { since: '2030-01-01T06:17:00Z', runUrl });
    assert.ok(body.length <= driftIssueMaxLength, `${body.length} characters`);
    assert.equal(driftFirstSeen(body), '2030-01-01T06:17:00.000Z');
    assert.ok(body.startsWith(driftIssueMarker));
    assert.match(body, /too long for an issue; this is a summary/);
    assert.match(body, /…and 2980 more names\. See \[the workflow run\]\(https:\/\/github\.com\/acme\/site\/actions\/runs\/42\)/);
    assert.match(body, /…and 2980 more certificates\./);
    assert.match(body, /### How to fix/);
  });

  test('a body that no summary fits is cut, never over the limit', () => {
    const result = driftRunResult();
    result.errors = ['x'.repeat(driftIssueMaxLength)];
    const body = driftIssueBody(result, { since: '2030-01-01T06:17:00Z', runUrl });
    assert.ok(body.length <= driftIssueMaxLength);
    assert.ok(body.startsWith(`${driftIssueMarker}\n<!-- domain-sync:drift-since`));
    assert.match(body, /…cut short: See \[the workflow run\]/);
  });

  test('text from the panels cannot close the hidden markers or add HTML', () => {
    const result = driftRunResult();
    result.hosts[2]!.error = 'edge: --> <script>alert(1)</script> | pipe';
    const body = driftIssueBody(result, {});
    assert.equal(body.split('-->').length - 1, 1, 'only the marker closes a comment');
    assert.match(body, /--&gt; &lt;script&gt;/);
  });

  test('the title names up to three drifted hosts, then counts them', () => {
    assert.equal(driftIssueTitle(driftRunResult()), 'Domain drift on 4 hosts');
    const two = driftRunResult();
    two.hosts = two.hosts.slice(0, 2);
    two.ssl = [];
    assert.equal(driftIssueTitle(two), 'Domain drift: production, eu');
  });

  test('the closing comment says the drift is gone', () => {
    const clean: RunResult = { ...driftRunResult(), result: 'no-changes', hosts: driftRunResult().hosts.slice(3), ssl: [] };
    assert.equal(
      driftResolvedComment(clean, { runUrl }),
      `The drift is gone: all 2 hosts match \`domains.yml\` again ([check](${runUrl})). Closing this issue; a new one opens if the hosts drift again.\n`,
    );
    const one: RunResult = { ...clean, hosts: clean.hosts.slice(0, 1), ssl: [driftRunResult().ssl[0]!] };
    assert.match(driftResolvedComment(one), /^The drift is gone: the host matches `domains\.yml` again, and the certificate checked is valid\. /);
  });

  test('the label is one stable name', () => {
    assert.equal(driftIssueLabel, 'domain-sync-drift');
  });
});
