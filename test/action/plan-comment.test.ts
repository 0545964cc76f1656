import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checksumsMarker, parseChecksumsMarker } from '../../src/action/checksums-marker.js';
import { planCommentBody, planCommentMarker } from '../../src/action/plan-comment.js';
import { hostChecksum } from '../../src/plan/checksum.js';
import type { Change } from '../../src/plan/change.js';
import { hostOutcome, runResult } from '../cli/run-result-fixture.js';

const runUrl = 'https://github.com/acme/sites/actions/runs/42';

function adds(count: number, prefix = 'site'): Change[] {
  return Array.from({ length: count }, (_, index) => ({ action: 'add', name: `${prefix}-${index}.example.com`, wildcard: false }));
}

const planned = runResult({
  mode: 'plan',
  result: 'changes',
  checksum: 'sha256:plan',
  hosts: [
    hostOutcome({ id: 'production', checksum: 'sha256:prod', changes: adds(2) }),
    hostOutcome({ id: 'eu', provider: 'runcloud', checksum: hostChecksum([], 'production') }),
    hostOutcome({ id: 'edge', provider: 'closte', error: 'edge: credentials refused' }),
  ],
  refusals: [{ host: 'production', guard: 'max-removals', limit: 5, actual: 6, forceable: true, message: 'would remove 6 hostnames' }],
});

describe('planCommentBody', () => {
  test('marker first, the plan per host with its checksum, refusals, footer, and the checksums hidden last', () => {
    const body = planCommentBody(planned, { notes: [], runUrl, headSha: 'abcdef0123456789' });
    assert.ok(body.startsWith(`${planCommentMarker}\n## domain-sync plan\n`));
    assert.match(body, /### production \(serverpilot\)\n\n\| action \| name \| detail \|/);
    assert.match(body, /`site-1\.example\.com`/);
    assert.match(body, /Checksum: `sha256:prod`/);
    assert.match(body, /### eu \(runcloud\)\n\nNo changes\./);
    assert.match(body, /### Refused/);
    assert.match(body, /Plan checksum: `sha256:plan`/);
    assert.match(body, /<sub>domain-sync · for commit abcdef0 · \[workflow run\]\(https:\/\/github\.com\/acme\/sites\/actions\/runs\/42\)<\/sub>/);
    assert.deepEqual(parseChecksumsMarker(body), { plan: 'sha256:plan', hosts: { production: 'sha256:prod', eu: hostChecksum([], 'production') } });
    assert.ok(body.trimEnd().endsWith('-->'), 'the checksums come last');
  });

  test('"no changes" is said too', () => {
    const body = planCommentBody(runResult({ mode: 'plan', result: 'no-changes', checksum: 'sha256:none', hosts: [hostOutcome({ id: 'production', checksum: 'sha256:none-host' })] }), { notes: [] });
    assert.match(body, /No changes\. The hosts match domains\.yml\./);
    assert.deepEqual(parseChecksumsMarker(body)?.hosts, { production: 'sha256:none-host' });
  });

  test('validate (a fork): the note explains, and there are no checksums to apply', () => {
    const body = planCommentBody(runResult({ mode: 'validate', result: 'valid' }), { notes: ['No plan was made: the pull request comes from a fork.'] });
    assert.match(body, /^<!-- domain-sync:plan -->\n## domain-sync validate\n\n> \*\*Note:\*\* No plan was made: the pull request comes from a fork\.\n\n\*\*The configuration is valid\.\*\*/);
    assert.equal(parseChecksumsMarker(body), undefined);
  });

  test("a plan too long for GitHub is summarised with a link to the run; the checksums survive", () => {
    const hosts = Array.from({ length: 40 }, (_, index) => hostOutcome({ id: `host-${index}`, checksum: `sha256:h${index}`, changes: adds(300, `h${index}`) }));
    const huge = runResult({ mode: 'plan', result: 'changes', checksum: 'sha256:huge', hosts });
    const body = planCommentBody(huge, { notes: ['a note'], runUrl });
    assert.ok(body.length <= 65_536, `${body.length} characters`);
    assert.match(body, /too long for here; this is a summary\. See the \[workflow run\]\(https:\/\/github\.com\/acme\/sites\/actions\/runs\/42\)/);
    assert.equal(Object.keys(parseChecksumsMarker(body)!.hosts).length, 40);
    for (const limit of [8_000, 2_000]) {
      const small = planCommentBody(huge, { notes: [], runUrl, limit });
      assert.ok(small.length <= limit, `${small.length} > ${limit}`);
      assert.equal(parseChecksumsMarker(small)?.plan, 'sha256:huge', `limit ${limit}`);
    }
  });
});

describe('checksums marker', () => {
  test('only for a plan with a checksum', () => {
    assert.equal(checksumsMarker({ ...planned, mode: 'apply' }), undefined);
    assert.equal(checksumsMarker({ ...planned, checksum: '' }), undefined);
  });

  test('a huge fleet lists only the hosts with changes (a missing host had none)', () => {
    const hosts = Array.from({ length: 400 }, (_, index) =>
      hostOutcome({ id: `host-${index}`, checksum: `sha256:${'0'.repeat(64)}${index}`, changes: index < 3 ? adds(1) : [] }),
    );
    const marker = checksumsMarker(runResult({ mode: 'plan', checksum: 'sha256:p', hosts }))!;
    assert.deepEqual(Object.keys(parseChecksumsMarker(marker)!.hosts), ['host-0', 'host-1', 'host-2']);
  });

  test('malformed markers read as none', () => {
    for (const body of [
      'no marker',
      '<!-- domain-sync:checksums {not json} -->',
      '<!-- domain-sync:checksums {"plan":1,"hosts":{}} -->',
      '<!-- domain-sync:checksums {"plan":"x","hosts":{"a":2}} -->',
      '<!-- domain-sync:checksums {"plan":"x","hosts":[]} -->',
    ]) {
      assert.equal(parseChecksumsMarker(body), undefined, body);
    }
  });
});
