import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isExcluded, proxyFor, ProxySettingError } from '../../src/http/proxy.js';

const api = new URL('https://api.serverpilot.io/v1');

describe('proxyFor', () => {
  test('uses HTTPS_PROXY for https URLs', () => {
    assert.equal(proxyFor(api, { HTTPS_PROXY: 'http://proxy.local:3128' })?.href, 'http://proxy.local:3128/');
  });

  test('prefers the lower-case variable, as curl does', () => {
    const env = { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' };
    assert.equal(proxyFor(api, env)?.host, 'lower:1');
  });

  test('adds http:// to a bare host:port', () => {
    assert.equal(proxyFor(api, { HTTPS_PROXY: 'proxy.local:8080' })?.href, 'http://proxy.local:8080/');
  });

  test('never proxies plain http, and nothing without a setting', () => {
    assert.equal(proxyFor(new URL('http://127.0.0.1:8080/api'), { HTTPS_PROXY: 'http://p:1' }), undefined);
    assert.equal(proxyFor(api, {}), undefined);
    assert.equal(proxyFor(api, { HTTPS_PROXY: '  ' }), undefined);
  });

  test('honours NO_PROXY', () => {
    assert.equal(proxyFor(api, { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'serverpilot.io' }), undefined);
    assert.equal(proxyFor(api, { HTTPS_PROXY: 'http://p:1', no_proxy: 'example.com' })?.host, 'p:1');
  });

  test('refuses a setting that is not an http(s) URL, without echoing it', () => {
    assert.throws(() => proxyFor(api, { HTTPS_PROXY: 'http://user:pw@[bad' }), (error: unknown) => {
      assert.ok(error instanceof ProxySettingError);
      assert.doesNotMatch(error.message, /pw/);
      return true;
    });
    assert.throws(() => proxyFor(api, { HTTPS_PROXY: 'socks5://p:1' }), ProxySettingError);
  });
});

describe('isExcluded', () => {
  const url = (text: string) => new URL(text);

  test('matches the host and its subdomains', () => {
    assert.equal(isExcluded(url('https://api.example.com/'), 'example.com'), true);
    assert.equal(isExcluded(url('https://example.com/'), '.example.com'), true);
    assert.equal(isExcluded(url('https://a.b.example.com/'), '*.example.com'), true);
    assert.equal(isExcluded(url('https://badexample.com/'), 'example.com'), false);
  });

  test('reads lists separated by commas or spaces, in any case', () => {
    assert.equal(isExcluded(url('https://api.example.com/'), 'localhost, other.org EXAMPLE.COM'), true);
    assert.equal(isExcluded(url('https://api.example.com/'), 'localhost,other.org'), false);
  });

  test('a port restricts the entry to that port', () => {
    assert.equal(isExcluded(url('https://example.com/'), 'example.com:443'), true);
    assert.equal(isExcluded(url('https://example.com:8443/'), 'example.com:443'), false);
  });

  test('matches IP addresses, IPv6 included', () => {
    assert.equal(isExcluded(url('https://127.0.0.1:9000/'), '127.0.0.1'), true);
    assert.equal(isExcluded(url('https://[::1]:9000/'), '[::1]:9000'), true);
    assert.equal(isExcluded(url('https://[::1]:9000/'), '::1'), true);
  });

  test('* excludes everything; an empty list nothing', () => {
    assert.equal(isExcluded(url('https://anything.io/'), '*'), true);
    assert.equal(isExcluded(url('https://anything.io/'), ''), false);
  });
});
