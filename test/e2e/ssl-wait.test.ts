import assert from 'node:assert/strict';
import { after, afterEach, beforeEach, describe, test } from 'node:test';
import {
  configDirectory,
  panelsConfig,
  parseJson,
  rewriteConfig,
  sslStates,
  sslTableRow,
  startPanels,
  Transcript,
  type Panels,
} from './panels.js';

/** Long enough that three issuances one after another would clearly show in the wall time. */
const issuanceDelayMs = 800;
const interval = ['--ssl-interval', '0.1'];

describe('apply waits for valid certificates on every touched name, through the built CLI', () => {
  let panels: Panels;
  const transcript = new Transcript(() => panels.env);
  const route = (): string[] => ['--connect-to', panels.tls.connectTo];

  beforeEach(async () => {
    panels = await startPanels({ issuanceDelayMs });
  });
  afterEach(() => panels.close());
  after(() => {
    assert.ok(transcript.size > 0);
    transcript.assertNoSecrets();
  });

  test('three new names on three hosts converge in about one issuance delay, not three', async () => {
    const requestedAt = new Map<string, number>();
    for (const [id, panel] of [['production', panels.serverpilot], ['eu', panels.runcloud], ['edge', panels.closte]] as const) {
      panel.onCertificatesRequested = (names) => {
        requestedAt.set(id, performance.now());
        panels.issue(names, issuanceDelayMs);
      };
    }
    const directory = await configDirectory(
      panelsConfig(panels, { production: ['fast.example.com'], eu: ['fast.example.de'], edge: ['fast.example.org'] }),
    );
    // The same process start, file and host reads as apply, without writing or waiting.
    const baseline = await transcript.cli(['plan'], directory);
    assert.equal(baseline.code, 2, baseline.stderr);

    const apply = await transcript.cli(['apply', '--json', ...route(), ...interval, '--ssl-timeout', '20'], directory);
    assert.equal(apply.code, 0, apply.stdout + apply.stderr);
    assert.deepEqual(sslStates(parseJson(apply)), { 'fast.example.com': 'ok', 'fast.example.de': 'ok', 'fast.example.org': 'ok' });

    assert.deepEqual([...requestedAt.keys()].sort(), ['edge', 'eu', 'production'], 'every panel was asked');
    const requestSpreadMs = Math.max(...requestedAt.values()) - Math.min(...requestedAt.values());
    assert.ok(requestSpreadMs < issuanceDelayMs / 2, `the three panels were asked together (within ${Math.round(requestSpreadMs)} ms)`);
    // Polls back off ×1.5 from 100 ms, so a certificate is seen at most about half its delay late.
    const overheadMs = baseline.elapsedMs + 600;
    assert.ok(
      apply.elapsedMs < 2 * issuanceDelayMs + overheadMs,
      `apply took ${Math.round(apply.elapsedMs)} ms; one issuance is ${issuanceDelayMs} ms, the plan alone ${Math.round(baseline.elapsedMs)} ms`,
    );
    assert.ok(apply.elapsedMs >= issuanceDelayMs, 'apply waited for the certificates');
  });

  test('a name that never gets its certificate times out as wrong-certificate; the others are ok (JSON and text)', async () => {
    const never = new Set(['never.example.de', 'never2.example.de']);
    panels.runcloud.onCertificatesRequested = (names) => panels.issue(names.filter((name) => !never.has(name)), 300);
    const timeout = ['--ssl-timeout', '2'];

    const directory = await configDirectory(
      panelsConfig(panels, { production: ['fine.example.com'], eu: ['never.example.de', 'fine.example.de'], edge: ['fine.example.org'] }),
    );
    const text = await transcript.cli(['apply', ...route(), ...interval, ...timeout], directory);
    assert.equal(text.code, 1, text.stdout + text.stderr);
    assert.ok(text.elapsedMs >= 1800, `it waited until its last probe, a tenth of --ssl-timeout before the deadline (${Math.round(text.elapsedMs)} ms)`);
    const neverRow = sslTableRow(text.stdout, 'never.example.de');
    assert.deepEqual(neverRow?.slice(0, 3), ['never.example.de', 'eu', 'timeout (wrong-certificate)'], text.stdout);
    assert.match(neverRow?.[4] ?? '', /no valid certificate after 2s/);
    assert.equal(neverRow?.[3], '-', "the panel default's expiry is not shown for a name it does not cover");
    for (const [name, host] of [['fine.example.com', 'production'], ['fine.example.de', 'eu'], ['fine.example.org', 'edge']]) {
      assert.deepEqual(sslTableRow(text.stdout, name!)?.slice(0, 3), [name, host, 'ok'], text.stdout);
    }

    await rewriteConfig(
      directory,
      panelsConfig(panels, { production: ['fine2.example.com'], eu: ['never2.example.de', 'fine2.example.de'], edge: ['fine2.example.org'] }),
    );
    const json = await transcript.cli(['apply', '--json', ...route(), ...interval, ...timeout], directory);
    assert.equal(json.code, 1, json.stdout + json.stderr);
    const result = parseJson(json);
    assert.equal(result.result, 'failed');
    assert.deepEqual(sslStates(result), {
      'fine2.example.com': 'ok',
      'never2.example.de': 'timeout',
      'fine2.example.de': 'ok',
      'fine2.example.org': 'ok',
    });
    const timedOut = result.ssl.find((entry) => entry.name === 'never2.example.de');
    assert.equal(timedOut?.lastState, 'wrong-certificate');
    assert.match(timedOut?.detail ?? '', /panel-default\.invalid/, 'the detail names the certificate that was served');
    assert.equal(timedOut?.expires, undefined);
    assert.deepEqual(result.hosts.map((host) => host.error), [undefined, undefined, undefined], 'the domains themselves were applied');
  });

  test('check --ssl: expiring, untrusted and the panel default are drift (exit 2) until every certificate is valid', async () => {
    panels.serverpilot.seed([{ name: 'valid.example.com' }, { name: 'soon.example.com' }]);
    panels.runcloud.seed([{ name: `app${panels.runcloud.appId}.runcloud.link`, type: 'primary' }, { name: 'strange-ca.example.de' }]);
    panels.closte.seed([{ name: 'default.example.org' }]);
    await panels.tls.setCertificate('valid.example.com', 'issued');
    await panels.tls.setCertificate('soon.example.com', 'expiring');
    await panels.tls.setCertificate('strange-ca.example.de', 'untrusted');
    const directory = await configDirectory(
      panelsConfig(panels, {
        production: ['valid.example.com', 'soon.example.com'],
        eu: ['strange-ca.example.de'],
        edge: ['default.example.org'],
      }),
    );

    const all = await transcript.cli(['check', '--ssl', '--json', ...route()], directory);
    assert.equal(all.code, 2, all.stdout + all.stderr);
    const found = parseJson(all);
    assert.equal(found.result, 'drift');
    assert.deepEqual(found.hosts.map((host) => host.changes), [[], [], []], 'the domain lists match the file');
    assert.deepEqual(sslStates(found), {
      'valid.example.com': 'ok',
      'soon.example.com': 'expiring',
      'strange-ca.example.de': 'untrusted',
      'default.example.org': 'wrong-certificate',
    });
    const detailOf = (name: string): string => found.ssl.find((entry) => entry.name === name)?.detail ?? '';
    assert.match(detailOf('soon.example.com'), /\b[12] (more )?days?\b/);
    assert.match(detailOf('default.example.org'), /self-signed/);

    const text = await transcript.cli(['check', '--ssl', ...route()], directory);
    assert.equal(text.code, 2);
    assert.deepEqual(sslTableRow(text.stdout, 'soon.example.com')?.slice(0, 3), ['soon.example.com', 'production', 'expiring'], text.stdout);
    assert.deepEqual(sslTableRow(text.stdout, 'strange-ca.example.de')?.slice(0, 3), ['strange-ca.example.de', 'eu', 'untrusted']);
    assert.deepEqual(sslTableRow(text.stdout, 'default.example.org')?.slice(0, 3), ['default.example.org', 'edge', 'wrong-certificate']);

    await panels.tls.setCertificate('strange-ca.example.de', 'issued');
    await panels.tls.setCertificate('default.example.org', 'issued');
    const expiringOnly = await transcript.cli(['check', '--ssl', '--json', ...route()], directory);
    assert.equal(expiringOnly.code, 2, 'an expiring certificate alone is drift');
    assert.equal(parseJson(expiringOnly).result, 'drift');

    await panels.tls.setCertificate('soon.example.com', 'issued');
    const clean = await transcript.cli(['check', '--ssl', ...route()], directory);
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
  });

  test('a ServerPilot app with a custom certificate fails at once with that reason, not at the timeout', async () => {
    panels.serverpilot.installCustomCertificate();
    const directory = await configDirectory(panelsConfig(panels, { production: ['custom.example.com'] }));
    const apply = await transcript.cli(['apply', '--json', ...route(), ...interval, '--ssl-timeout', '30'], directory);
    assert.equal(apply.code, 1, apply.stdout + apply.stderr);
    assert.ok(apply.elapsedMs < 10_000, `it did not wait for the timeout (${Math.round(apply.elapsedMs)} ms)`);
    const result = parseJson(apply);
    assert.equal(result.hosts[0]?.certificates?.state, 'cannot-issue');
    const entry = result.ssl.find((e) => e.name === 'custom.example.com');
    assert.equal(entry?.state, 'wrong-certificate');
    assert.match(entry?.detail ?? '', /custom certificate is installed/);
    assert.deepEqual(panels.serverpilot.hostnames(), ['custom.example.com'], 'the domain itself was added');
    assert.equal(panels.tls.issueRequests.length, 0);
  });

  test('--no-ssl-wait asks every panel for certificates and exits 0 without waiting for them', async () => {
    const directory = await configDirectory(
      panelsConfig(panels, { production: ['later.example.com'], eu: ['later.example.de'], edge: ['later.example.org'] }),
    );
    const apply = await transcript.cli(['apply', '--no-ssl-wait', '--json', ...route(), ...interval, '--ssl-timeout', '30'], directory);
    assert.equal(apply.code, 0, apply.stdout + apply.stderr);
    assert.ok(apply.elapsedMs < 10_000);
    const result = parseJson(apply);
    assert.equal(result.result, 'applied');
    assert.deepEqual(
      result.hosts.map((host) => [host.id, host.certificates?.state]),
      [
        ['production', 'requested'],
        ['eu', 'requested'],
        ['edge', 'automatic'],
      ],
    );
    assert.equal(panels.serverpilot.autoSslEnabled, true);
    assert.equal(panels.runcloud.redeploys, 1);
    const issued = panels.tls.issueRequests.flat();
    for (const name of ['later.example.com', 'later.example.de', 'later.example.org']) {
      assert.ok(issued.includes(name), `${name}'s certificate was asked for`);
    }
    assert.deepEqual(sslStates(result), {
      'later.example.com': 'wrong-certificate',
      'later.example.de': 'wrong-certificate',
      'later.example.org': 'wrong-certificate',
    }, 'reported as seen now, without failing the run');
    assert.match(apply.stderr, /production: certificates were requested but not verified \(the SSL wait is off\)/);
    assert.match(apply.stderr, /eu: certificates were requested but not verified \(the SSL wait is off\)/);
    assert.match(apply.stderr, /edge: the panel issues certificates on its own; they were not verified \(the SSL wait is off\)/);
  });
});
