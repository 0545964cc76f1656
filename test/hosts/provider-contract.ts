/**
 * The provider contract: behaviour every host provider shows against its simulator, whatever its
 * write model. To plug a provider in, add test/hosts/<provider>.test.ts that calls
 *
 *   runProviderContract('runcloud', async () => {
 *     const fake = await startRunCloudSimulator();
 *     const http = createHttpClient({ ..., baseUrl: fake.apiUrl, clock: new RecordingClock() });
 *     return {
 *       fake,
 *       provider: createRunCloudProvider({ http, ... }),
 *       close: () => fake.close(),
 *       credentialVariables: ['WU_RUNCLOUD_API_TOKEN'],
 *     };
 *   });
 *
 * Each case builds a fresh harness and closes it. The HTTP client must use a Clock that never
 * sleeps for real (test/http/recording-clock.ts). The suite assumes that the simulator keeps state
 * per app, that `seed` accepts `{ name }` (plus `www` in the flag model), that adding a domain is
 * an HTTP POST, and that the diagnosis of refused credentials names `credentialVariables`.
 */
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { HostApiError, type HostApiErrorKind } from '../../src/errors.js';
import { capabilitiesOf } from '../../src/hosts/capabilities.js';
import type {
  CurrentDomain,
  HostSnapshot,
  PerDomainProvider,
  Provider,
  ReplaceListProvider,
  WriteReceipt,
} from '../../src/hosts/provider.js';
import type { FakeDomain, FakeHost } from '../../src/simulators/fake-server.js';

export interface ProviderHarness {
  /** The provider's simulator, already listening, with an empty app. */
  fake: FakeHost;
  /** The provider under test, talking to `fake` through the real HTTP client. */
  provider: Provider;
  close(): Promise<void>;
  /** The environment variables a refused-credentials diagnosis must name. */
  credentialVariables: string[];
}

export function runProviderContract(name: string, harness: () => Promise<ProviderHarness>): void {
  function contractTest(title: string, body: (h: ProviderHarness, t: TestContext) => Promise<void>): void {
    test(title, async (t) => {
      const h = await harness();
      try {
        await body(h, t);
      } finally {
        await h.close();
      }
    });
  }

  describe(`${name}: provider contract`, () => {
    contractTest('declares the capabilities the planner reads for it', async ({ provider }) => {
      assert.deepEqual({ ...provider.capabilities }, { ...capabilitiesOf[provider.name] });
    });

    contractTest('lists every domain as the panel has it, unmanaged and system domains included', async ({ fake, provider }) => {
      const system = sampleSystemDomain(provider);
      fake.seed([domain(provider, 'example.com', true), domain(provider, 'shop.example.com'), ...(system ? [{ name: system }] : [])]);
      const snapshot = await provider.list();
      assert.deepEqual(sorted(hostnamesOf(snapshot)), sorted(fake.hostnames()));
      assert.ok(hostnamesOf(snapshot).includes('shop.example.com'));
      if (system) assert.ok(hostnamesOf(snapshot).includes(system), `system domain ${system} is listed`);
    });

    contractTest('adds a domain', async ({ fake, provider }) => {
      fake.seed([{ name: 'example.com' }]);
      await addName(provider, 'new.example.com');
      assert.deepEqual(sorted(fake.hostnames()), ['example.com', 'new.example.com']);
    });

    contractTest('adding a domain that is already there changes nothing and does not fail', async ({ fake, provider }) => {
      fake.seed([{ name: 'example.com' }]);
      await addName(provider, 'new.example.com');
      const afterFirst = sorted(fake.hostnames());
      await addName(provider, 'new.example.com');
      assert.deepEqual(sorted(fake.hostnames()), afterFirst);
      assert.deepEqual(sorted(hostnamesOf(await provider.list())), afterFirst);
    });

    contractTest('updates the www flag and nothing else (flag model only)', async ({ fake, provider }, t) => {
      if (provider.capabilities.wwwModel !== 'flag' || !isPerDomain(provider)) return void t.skip('separate www model');
      fake.seed([{ name: 'example.com', www: false }, { name: 'other.example.com', www: false }]);
      const before = fake.domains().find((d) => d.name === 'example.com');
      const current = (await provider.list()).domains.find((d) => d.name === 'example.com');
      assert.ok(current, 'example.com is listed');
      await provider.setWww(current, true);
      assert.deepEqual(sorted(fake.hostnames()), ['example.com', 'other.example.com', 'www.example.com']);
      const after = fake.domains().find((d) => d.name === 'example.com');
      assert.equal(after?.type, before?.type, 'the domain type is left as the panel had it');
      const relisted = (await provider.list()).domains.find((d) => d.name === 'example.com');
      assert.equal(relisted?.www, true);
    });

    contractTest('removes a domain', async ({ fake, provider }) => {
      fake.seed([{ name: 'example.com' }, { name: 'old.example.com' }]);
      await removeName(provider, 'old.example.com');
      assert.deepEqual(fake.hostnames(), ['example.com']);
    });

    contractTest('removing a domain that is already gone does not fail', async ({ fake, provider }) => {
      fake.seed([{ name: 'example.com' }, { name: 'old.example.com' }]);
      const removed = await removeName(provider, 'old.example.com');
      if (isPerDomain(provider)) {
        await settle(provider, await provider.removeDomain(removed));
      } else if (isReplaceList(provider)) {
        const names = (await provider.list()).domains.map((d) => d.name);
        await settle(provider, await provider.replaceList(names.filter((n) => n !== 'old.example.com')));
      }
      assert.deepEqual(fake.hostnames(), ['example.com']);
    });

    contractTest('leaves the domains it was not asked to change as they are', async ({ fake, provider }) => {
      const system = sampleSystemDomain(provider);
      const untouched = ['a.example.com', 'c.example.com', ...(system ? [system] : [])];
      fake.seed([{ name: 'a.example.com' }, { name: 'b.example.com' }, { name: 'c.example.com' }, ...(system ? [{ name: system }] : [])]);
      await removeName(provider, 'b.example.com');
      await addName(provider, 'd.example.com');
      assert.deepEqual(sorted(fake.hostnames()), sorted([...untouched, 'd.example.com']));
    });

    contractTest('refused credentials are a credentials error, and the diagnosis names the variables', async (h) => {
      const { fake, provider } = h;
      fake.seed([{ name: 'example.com' }]);
      const unauthorized = { status: 401, body: { error: { message: 'Unauthorized' }, message: 'Unauthenticated.' } };
      fake.inject({ fault: { kind: 'respond', response: unauthorized } });
      await assert.rejects(provider.list(), hostApiError('credentials'));
      fake.inject({ fault: { kind: 'respond', response: unauthorized }, times: 20 });
      const checks = await provider.diagnose();
      const failed = checks.filter((check) => !check.ok);
      assert.ok(failed.length > 0, 'the diagnosis reports a problem');
      const advice = failed.map((check) => `${check.detail} ${check.hint ?? ''}`).join('\n');
      for (const variable of h.credentialVariables) assert.match(advice, new RegExp(variable), `the hint names ${variable}`);
    });

    contractTest('diagnoses a healthy host as fine', async ({ fake, provider }) => {
      fake.seed([{ name: 'example.com' }]);
      const checks = await provider.diagnose();
      assert.ok(checks.length > 0);
      assert.deepEqual(checks.filter((check) => !check.ok), []);
    });

    contractTest('a read answered 429 and then 503 is retried and succeeds', async ({ fake, provider }) => {
      fake.seed([{ name: 'example.com' }]);
      fake.inject({ method: 'GET', fault: { kind: 'respond', response: { status: 429, headers: { 'retry-after': '1' }, body: { message: 'Too Many Attempts.' } } } });
      fake.inject({ method: 'GET', fault: { kind: 'respond', response: { status: 503, body: { message: 'Service Unavailable' } } } });
      const sent = fake.requests.length;
      const snapshot = await provider.list();
      assert.deepEqual(hostnamesOf(snapshot), ['example.com']);
      assert.ok(fake.requests.length - sent >= 3, 'two failed attempts, then the answer');
    });

    contractTest('a write answered 429 is sent again and lands exactly once', async ({ fake, provider }) => {
      fake.seed([{ name: 'example.com' }]);
      const tooMany = { status: 429, headers: { 'retry-after': '2' }, body: { message: 'Too Many Attempts.' } };
      fake.inject({ method: 'POST', fault: { kind: 'respond', response: tooMany } });
      await addName(provider, 'new.example.com');
      assert.equal(fake.requests.filter((r) => r.method === 'POST').length, 2, 'turned away once, then sent again');
      assert.deepEqual(sorted(fake.hostnames()), ['example.com', 'new.example.com']);
    });

    contractTest('a body that is not what the API documents is an invalid-response error', async ({ fake, provider }) => {
      fake.seed([{ name: 'example.com' }]);
      const html = { status: 200, headers: { 'content-type': 'text/html' }, body: '<html><body>Maintenance</body></html>' };
      fake.inject({ method: 'GET', fault: { kind: 'respond', response: html } });
      await assert.rejects(provider.list(), hostApiError('invalid-response'));
      fake.inject({ method: 'GET', fault: { kind: 'respond', response: { status: 200, body: [1, 2, 3] } } });
      await assert.rejects(provider.list(), hostApiError('invalid-response'));
    });

    contractTest('a write whose answer is lost either succeeds on retry or is reconciled by a fresh list', async ({ fake, provider }) => {
      fake.seed([{ name: 'example.com' }]);
      if (isReplaceList(provider)) {
        const names = (await provider.list()).domains.map((d) => d.name);
        fake.inject({ method: 'POST', fault: { kind: 'lose-answer' } });
        await settle(provider, await provider.replaceList([...names, 'new.example.com']));
        const posts = fake.requests.filter((r) => r.method === 'POST');
        assert.equal(posts.length, 2, 'the same list was posted again');
        assert.deepEqual(posts[0]?.body, posts[1]?.body);
      } else {
        fake.inject({ method: 'POST', fault: { kind: 'lose-answer' } });
        try {
          await settle(provider, await provider.addDomain({ name: 'new.example.com', www: false, wildcard: false }));
        } catch (error) {
          if (!(error instanceof HostApiError && error.kind === 'outcome-unknown')) throw error;
        }
        assert.ok(fake.requests.some((r) => r.method === 'POST'), 'adding a domain is a POST, so the fault was used');
      }
      const listed = hostnamesOf(await provider.list());
      assert.deepEqual(sorted(listed), ['example.com', 'new.example.com']);
    });

    contractTest('a change made by someone else is visible to the next list', async ({ fake, provider }) => {
      fake.seed([{ name: 'example.com' }]);
      assert.deepEqual(hostnamesOf(await provider.list()), ['example.com']);
      fake.inject({
        method: 'GET',
        fault: { kind: 'before', run: () => fake.seed([...fake.domains(), { name: 'someone-else.example.org' }]) },
      });
      assert.deepEqual(sorted(hostnamesOf(await provider.list())), ['example.com', 'someone-else.example.org']);
    });

    contractTest('reads whether the panel can issue certificates, without writing', async ({ fake, provider }) => {
      fake.seed([{ name: 'example.com' }]);
      const writes = (): number => fake.requests.filter((r) => r.method !== 'GET').length;
      if (!fake.setCertificateSetup) {
        assert.equal(provider.capabilities.certificates, 'automatic', 'only a panel that issues on its own has no setup to read');
        assert.deepEqual(await provider.readCertificateSetup(await provider.list()), { canIssue: true });
        assert.equal(writes(), 0);
        return;
      }
      fake.setCertificateSetup('issuable');
      assert.equal((await provider.readCertificateSetup(await provider.list())).canIssue, true);
      fake.setCertificateSetup('custom');
      const custom = await provider.readCertificateSetup(await provider.list());
      assert.equal(custom.canIssue, false);
      assert.match(custom.canIssue ? '' : custom.reason, /custom certificate is installed/);
      assert.equal(writes(), 0);
    });
  });
}

function isReplaceList(provider: Provider): provider is ReplaceListProvider {
  return provider.capabilities.writeModel === 'replace-list';
}

function isPerDomain(provider: Provider): provider is PerDomainProvider {
  return provider.capabilities.writeModel === 'per-domain';
}

/** Adds one name the way the engine would for this write model. */
async function addName(provider: Provider, name: string): Promise<void> {
  if (isReplaceList(provider)) {
    const names = (await provider.list()).domains.map((d) => d.name);
    await settle(provider, await provider.replaceList(names.includes(name) ? names : [...names, name]));
  } else if (isPerDomain(provider)) {
    await settle(provider, await provider.addDomain({ name, www: false, wildcard: false }));
  }
}

/** Removes one name the way the engine would; returns the domain as it was listed. */
async function removeName(provider: Provider, name: string): Promise<CurrentDomain> {
  const snapshot = await provider.list();
  const current = snapshot.domains.find((d) => d.name === name);
  assert.ok(current, `${name} is listed before its removal`);
  if (isReplaceList(provider)) {
    await settle(provider, await provider.replaceList(snapshot.domains.map((d) => d.name).filter((n) => n !== name)));
  } else if (isPerDomain(provider)) {
    await settle(provider, await provider.removeDomain(current));
  }
  return current;
}

/** Waits (a bounded number of polls) for a write's pending panel action. */
async function settle(provider: Provider, receipt: WriteReceipt): Promise<void> {
  if (!receipt.pendingAction || !isReplaceList(provider)) return;
  for (let poll = 0; poll < 20; poll++) {
    const status = await provider.actionStatus(receipt.pendingAction);
    if (status === 'success') return;
    assert.notEqual(status, 'error', `action ${receipt.pendingAction} failed`);
  }
  assert.fail(`action ${receipt.pendingAction} stayed open`);
}

function domain(provider: Provider, name: string, withWww = false): FakeDomain {
  return provider.capabilities.wwwModel === 'flag' ? { name, www: withWww } : { name };
}

/** A name matching the provider's first system-domain glob, e.g. `sys-sample.serverpilot.io`. */
function sampleSystemDomain(provider: Provider): string | undefined {
  const glob = provider.capabilities.systemDomains[0];
  return glob?.replace(/\*\*/g, 'sys-sample').replace(/\*/g, 'sys');
}

function hostnamesOf(snapshot: HostSnapshot): string[] {
  return snapshot.domains.flatMap((d) => (d.www ? [d.name, `www.${d.name}`] : [d.name]));
}

function sorted(names: readonly string[]): string[] {
  return [...names].sort();
}

function hostApiError(kind: HostApiErrorKind): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof HostApiError, `expected a HostApiError, got ${String(error)}`);
    assert.equal(error.kind, kind, error.message);
    return true;
  };
}
