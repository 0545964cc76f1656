/**
 * API calls per host for a 10-name change: 10 new names (subdomains, so no `www` companions) on
 * each panel, then `apply` with the SSL wait on, counted by `--json` `apiCalls` (every HTTP
 * request to that panel, retries included) and checked against the simulators' own records.
 *
 * | panel       | plan | apply | minimum for the apply | what the tool spends beyond the minimum             |
 * |-------------|------|-------|-----------------------|-----------------------------------------------------|
 * | ServerPilot |  1   |   5   |   3                   | a re-read before writing, a read-back after it      |
 * | RunCloud    |  1   |  15   |  13                   | a re-read before writing, a read-back after it      |
 * | Closte      |  1   |  13   |  11                   | a re-read before writing, a read-back after it      |
 *
 * Minimum, and why:
 * - ServerPilot (3): one GET of the app, because a write replaces the whole list and must carry
 *   the names the file does not manage; one POST of the new list (all 10 names at once); one POST
 *   to `/ssl` to switch AutoSSL on. Once AutoSSL is on, ServerPilot covers new names by itself and
 *   the last call is not needed (2).
 * - RunCloud (13): one GET of the domain list (one page holds 40), one POST per name (there is no
 *   batch endpoint), and one Let's Encrypt redeploy for the whole web app, which needs the SSL id:
 *   GET `/ssl` plus PUT `/ssl/{id}`. The redeploy is once per run, not once per name.
 * - Closte (11): one `getdomains`, one `adddomainalias` per name; Closte issues certificates on
 *   its own, so nothing is asked for.
 *
 * The two calls the tool adds on every host are deliberate (contract §3 and README "Safety"):
 * the host is read again just before writing, so a change made by someone else since the plan
 * was made is planned again and guarded again instead of overwritten; and it is read back after
 * writing, so every change is verified on the host rather than assumed from a 200. Within one
 * `apply` the first re-read follows the plan's read by milliseconds and could be skipped for
 * hosts without names moving in; the read-back could use ServerPilot's POST answer, which
 * carries the new list. The SSL wait itself costs no API call: it probes the names over TLS.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { configDirectory, panelsConfig, parseJson, startPanels, Transcript, type Panels } from './panels.js';
import type { RecordedRequest } from '../../src/simulators/fake-server.js';

const issuanceDelayMs = 300;
const tenNames = (label: string): string[] => Array.from({ length: 10 }, (_, index) => `${label}-${index}.example.com`);

/** `METHOD last-path-segment` → count, e.g. `{ "GET domains": 3, "POST domains": 10 }`. */
function tally(requests: readonly RecordedRequest[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const request of requests) {
    const key = `${request.method} ${request.path.split('/').at(-1)}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe('API calls per host for a 10-name change', () => {
  let panels: Panels;
  let transcript: Transcript;
  before(async () => {
    panels = await startPanels({ issuanceDelayMs });
    transcript = new Transcript(() => panels.env);
  });
  after(async () => {
    await panels.close();
    transcript.assertNoSecrets();
  });

  test('plan spends 1 call per host; apply spends 5 on ServerPilot, 15 on RunCloud, 13 on Closte', async () => {
    const directory = await configDirectory(
      panelsConfig(panels, { production: tenNames('sp'), eu: tenNames('rc'), edge: tenNames('cl') }),
    );
    const callsOf = (json: ReturnType<typeof parseJson>): Record<string, number> =>
      Object.fromEntries(json.hosts.map((host) => [host.id, host.apiCalls]));

    const plan = await transcript.cli(['plan', '--json'], directory);
    assert.equal(plan.code, 2, plan.stderr);
    assert.deepEqual(callsOf(parseJson(plan)), { production: 1, eu: 1, edge: 1 });

    const marks = { serverpilot: panels.serverpilot.requests.length, runcloud: panels.runcloud.requests.length, closte: panels.closte.requests.length };
    const apply = await transcript.cli(['apply', '--json', '--connect-to', panels.tls.connectTo, '--ssl-interval', '0.1', '--ssl-timeout', '10'], directory);
    assert.equal(apply.code, 0, apply.stdout + apply.stderr);
    const applied = parseJson(apply);
    assert.equal(applied.ssl.length, 30);
    assert.deepEqual(callsOf(applied), { production: 5, eu: 15, edge: 13 });

    assert.deepEqual(tally(panels.serverpilot.requests.slice(marks.serverpilot)), { [`GET ${panels.serverpilot.appId}`]: 3, [`POST ${panels.serverpilot.appId}`]: 1, 'POST ssl': 1 });
    assert.deepEqual(tally(panels.runcloud.requests.slice(marks.runcloud)), { 'GET domains': 3, 'POST domains': 10, 'GET ssl': 1, 'PUT 77': 1 });
    assert.deepEqual(tally(panels.closte.requests.slice(marks.closte)), { 'GET getdomains': 3, 'POST adddomainalias': 10 });

    const again = await transcript.cli(['plan', '--json'], directory);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(callsOf(parseJson(again)), { production: 1, eu: 1, edge: 1 });
  });
});
