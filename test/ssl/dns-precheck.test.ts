import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkDns } from '../../src/ssl/dns-precheck.js';
import { FakeResolver } from './fake-resolver.js';

const resolver = new FakeResolver({
  'example.com': { a: ['203.0.113.10'] },
  'dual.example.com': { a: ['203.0.113.10'], aaaa: ['2001:db8::10'] },
  'stray.example.com': { a: ['203.0.113.10'], aaaa: ['2001:db8::99'] },
  'old.example.com': { a: ['198.51.100.7'] },
  'shop.example.com': { cname: ['Edge.Example.NET.'], a: ['192.0.2.50'] },
  'v6.example.com': { aaaa: ['2001:0db8:0:0::10'] },
  'broken.example.com': { failure: 'ESERVFAIL' },
  'app5678.runcloud.link': { a: ['203.0.113.10'], aaaa: ['2001:db8::10'] },
  'example.de': { a: ['203.0.113.10'] },
  'moved.de': { a: ['198.51.100.7'] },
  'flat.example.de': { a: ['203.0.113.10'] },
});

describe('checkDns', () => {
  test('without points-to, resolving at all is enough', async () => {
    const check = await checkDns('old.example.com', [], resolver);
    assert.deepEqual(check, { passed: true, detail: 'old.example.com resolves (A 198.51.100.7)' });
  });

  test('a name that does not resolve is pending, with what it should be', async () => {
    const unpointed = await checkDns('new.example.com', [], resolver);
    assert.equal(unpointed.passed, false);
    assert.equal(unpointed.detail, 'new.example.com does not resolve (no A, AAAA or CNAME record)');
    const pointed = await checkDns('new.example.com', ['203.0.113.10'], resolver);
    assert.equal(pointed.detail, 'new.example.com does not resolve (no A, AAAA or CNAME record); it should point only to A 203.0.113.10');
  });

  test('addresses all in points-to pass', async () => {
    assert.equal((await checkDns('example.com', ['203.0.113.10'], resolver)).passed, true);
    const dual = await checkDns('dual.example.com', ['203.0.113.10', '2001:db8::10'], resolver);
    assert.deepEqual(dual, { passed: true, detail: 'dual.example.com points to 203.0.113.10, 2001:db8::10' });
  });

  test('IPv6 addresses compare in canonical form', async () => {
    assert.equal((await checkDns('v6.example.com', ['2001:DB8::10'], resolver)).passed, true);
  });

  test('an address elsewhere is pending and named', async () => {
    const check = await checkDns('old.example.com', ['203.0.113.10'], resolver);
    assert.equal(check.passed, false);
    assert.equal(check.detail, 'old.example.com has A 198.51.100.7, not in points-to; it should point only to A 203.0.113.10');
  });

  test('a stray AAAA record beside the right A record is pending', async () => {
    const check = await checkDns('stray.example.com', ['203.0.113.10'], resolver);
    assert.equal(check.passed, false);
    assert.match(check.detail, /has AAAA 2001:db8::99, not in points-to/);
  });

  test('a CNAME to the points-to target passes, whatever its case and trailing dot', async () => {
    const check = await checkDns('shop.example.com', ['edge.example.net'], resolver);
    assert.deepEqual(check, { passed: true, detail: 'shop.example.com is a CNAME to edge.example.net' });
  });

  test('a missing CNAME is pending and says which record it should be', async () => {
    const check = await checkDns('old.example.com', ['edge.example.net'], resolver);
    assert.equal(check.passed, false);
    assert.equal(check.detail, 'old.example.com has A 198.51.100.7; it should be a CNAME to edge.example.net');
  });

  test('addresses or a target: either way passes', async () => {
    assert.equal((await checkDns('example.com', ['edge.example.net', '203.0.113.10'], resolver)).passed, true);
    assert.equal((await checkDns('shop.example.com', ['edge.example.net', '203.0.113.10'], resolver)).passed, true);
  });

  test("points-to a host name: an apex with the target's addresses passes, as an apex cannot be a CNAME", async () => {
    const check = await checkDns('example.de', ['app5678.runcloud.link'], resolver);
    assert.deepEqual(check, { passed: true, detail: 'example.de points to 203.0.113.10, the address of app5678.runcloud.link' });
    assert.equal((await checkDns('flat.example.de', ['app5678.runcloud.link'], resolver)).passed, true, 'a flattened CNAME below the apex too');
  });

  test("points-to a host name: an apex elsewhere is told to use the target's addresses or an ALIAS, never a CNAME", async () => {
    const moved = await checkDns('moved.de', ['app5678.runcloud.link'], resolver);
    assert.equal(moved.passed, false);
    assert.equal(
      moved.detail,
      'moved.de has A 198.51.100.7, not in points-to nor an address of app5678.runcloud.link; it should have A 203.0.113.10 and AAAA 2001:db8::10 (the address of app5678.runcloud.link) or an ALIAS/ANAME record to app5678.runcloud.link, as an apex name cannot be a CNAME',
    );
    const missing = await checkDns('new.de', ['app5678.runcloud.link'], resolver);
    assert.doesNotMatch(missing.detail, /CNAME to/);
    assert.match(missing.detail, /^new\.de does not resolve .*; it should have A 203\.0\.113\.10 .*or an ALIAS\/ANAME record to app5678\.runcloud\.link/);
    const below = await checkDns('www.new.de', ['app5678.runcloud.link'], resolver);
    assert.match(below.detail, /it should be a CNAME to app5678\.runcloud\.link$/, 'below the apex a CNAME is the way');
  });

  test('a failing lookup is pending with its code', async () => {
    const check = await checkDns('broken.example.com', [], resolver);
    assert.deepEqual(check, { passed: false, detail: 'the DNS lookup of broken.example.com failed (ESERVFAIL)' });
  });
});
