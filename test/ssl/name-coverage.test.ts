import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { certificateCovers, nameMatches } from '../../src/ssl/name-coverage.js';

describe('nameMatches, as browsers treat names', () => {
  const table: [name: string, pattern: string, covered: boolean][] = [
    ['example.com', 'example.com', true],
    ['Example.COM.', 'example.com', true],
    ['www.example.com', 'example.com', false],
    ['a.example.com', '*.example.com', true],
    ['www.example.com', '*.EXAMPLE.com', true],
    ['example.com', '*.example.com', false],
    ['a.b.example.com', '*.example.com', false],
    ['a.example.org', '*.example.com', false],
    ['foo.example.com', 'f*.example.com', false],
    ['a.b.example.com', 'a.*.example.com', false],
    ['a.example.com', '*.*.com', false],
    ['example.com', '*.com', false],
    ['example.co.uk', '*.co.uk', false],
    ['a.example.co.uk', '*.example.co.uk', true],
    ['demo.sites.example.org', '*.sites.example.org', true],
    ['xn--mnchen-3ya.de', 'xn--mnchen-3ya.de', true],
    ['*.example.com', '*.example.com', false],
    ['', '', false],
  ];
  for (const [name, pattern, covered] of table) {
    test(`${pattern || '(empty)'} ${covered ? 'covers' : 'does not cover'} ${name || '(empty)'}`, () => {
      assert.equal(nameMatches(name, pattern), covered);
    });
  }
});

describe('certificateCovers', () => {
  test('any of the DNS names may cover the name', () => {
    assert.equal(certificateCovers('www.example.com', { names: ['example.com', 'www.example.com'] }), true);
  });

  test('only DNS names count, as browsers decide: never the subject common name', () => {
    assert.equal(certificateCovers('example.com', { names: [] }), false);
    assert.equal(certificateCovers('example.com', { names: ['other.example'] }), false);
  });
});
