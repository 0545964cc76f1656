import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { WwwPolicy } from '../../src/config/desired-state.js';
import { wantsWwwCompanion } from '../../src/config/www.js';

describe('wantsWwwCompanion', () => {
  const table: [string, WwwPolicy, boolean][] = [
    ['example.com', 'main-only', true],
    ['example.co.uk', 'main-only', true],
    ['shop.example.co.uk', 'main-only', false],
    ['shop.example.com', 'main-only', false],
    ['xn--mnchen-3ya.de', 'main-only', true],
    ['example.com.au', 'main-only', true],
    ['co.uk', 'main-only', false],
    ['www.example.com', 'main-only', false],
    ['*.example.com', 'main-only', false],
    ['shop.example.com', 'always', true],
    ['example.co.uk', 'always', true],
    ['www.example.com', 'always', false],
    ['*.example.com', 'always', false],
    ['example.com', 'never', false],
    ['example.co.uk', 'never', false],
  ];
  for (const [name, policy, expected] of table) {
    test(`${name} with ${policy} → ${expected}`, () => {
      assert.equal(wantsWwwCompanion(name, policy), expected);
    });
  }
});
