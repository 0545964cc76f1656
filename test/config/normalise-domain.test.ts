import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { normaliseDomainName, wildcardCovers } from '../../src/config/normalise-domain.js';

describe('normaliseDomainName', () => {
  const valid: [string, string][] = [
    ['example.com', 'example.com'],
    ['  Example.COM  ', 'example.com'],
    ['example.com.', 'example.com'],
    ['münchen.de', 'xn--mnchen-3ya.de'],
    ['MÜNCHEN.DE', 'xn--mnchen-3ya.de'],
    ['xn--mnchen-3ya.de', 'xn--mnchen-3ya.de'],
    ['faß.de', 'xn--fa-hia.de'],
    ['ＥＸＡＭＰＬＥ.com', 'example.com'],
    ['*.sites.example.org', '*.sites.example.org'],
    ['*.Sites.Example.org.', '*.sites.example.org'],
    ['a-b.c-d.example', 'a-b.c-d.example'],
    ['123.example.com', '123.example.com'],
    [`${'a'.repeat(63)}.com`, `${'a'.repeat(63)}.com`],
    [`${'a.'.repeat(125)}com`, `${'a.'.repeat(125)}com`],
  ];
  for (const [raw, name] of valid) {
    test(`accepts ${JSON.stringify(raw.length > 40 ? `${raw.slice(0, 37)}...` : raw)}`, () => {
      assert.deepEqual(normaliseDomainName(raw), { name });
    });
  }

  const invalid: [string, RegExp][] = [
    ['', /empty/],
    ['   ', /empty/],
    ['.', /empty/],
    ['localhost', /at least two labels/],
    ['shop_example.com', /letters, digits and hyphens/],
    ['-shop.example.com', /hyphen/],
    ['shop-.example.com', /hyphen/],
    ['a..example.com', /empty label/],
    ['.example.com', /empty label/],
    ['ex ample.com', /spaces/],
    ['shop.*.example.com', /whole first label/],
    ['*example.com', /whole first label/],
    ['**.example.com', /whole first label/],
    ['*.*.example.com', /whole first label/],
    ['203.0.113.10', /IP address/],
    ['[2001:db8::1]', /IP address/],
    ['example.123', /not a valid international domain name|all digits/],
    [`${'a'.repeat(64)}.com`, /64 characters long; at most 63/],
    [`${'a.'.repeat(126)}com`, /255 characters long; at most 253/],
    ['xn--zz.com', /not a valid international domain name/],
    ['a%20b.com', /not a valid international domain name/],
  ];
  for (const [raw, error] of invalid) {
    test(`rejects ${JSON.stringify(raw.length > 40 ? `${raw.slice(0, 37)}...` : raw)}`, () => {
      const result = normaliseDomainName(raw);
      assert.ok('error' in result, `accepted as ${JSON.stringify(result)}`);
      assert.match(result.error, error);
    });
  }
});

describe('wildcardCovers', () => {
  test('exactly one label in place of *', () => {
    assert.equal(wildcardCovers('*.sites.example.org', 'demo.sites.example.org'), true);
    assert.equal(wildcardCovers('*.sites.example.org', 'a.demo.sites.example.org'), false);
    assert.equal(wildcardCovers('*.sites.example.org', 'sites.example.org'), false);
    assert.equal(wildcardCovers('sites.example.org', 'demo.sites.example.org'), false);
    assert.equal(wildcardCovers('*.sites.example.org', '*.sites.example.org'), false);
  });
});
