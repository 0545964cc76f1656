import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { closestMatch, describeChoices } from '../../src/config/closest-match.js';
import { hostKeys } from '../../src/config/config-keys.js';

describe('closestMatch', () => {
  test('suggests likely typos', () => {
    assert.equal(closestMatch('remvals', hostKeys), 'removals');
    assert.equal(closestMatch('api-url', hostKeys), 'api_url');
    assert.equal(closestMatch('point-to', hostKeys), 'points-to');
    assert.equal(closestMatch('domain', hostKeys), 'domains');
    assert.equal(closestMatch('Provider', hostKeys), 'provider');
    assert.equal(closestMatch('sll', hostKeys), 'ssl');
  });

  test('suggests nothing for unrelated words', () => {
    assert.equal(closestMatch('colour', hostKeys), undefined);
    assert.equal(closestMatch('x', hostKeys), undefined);
  });

  test('describeChoices lists the valid values and the suggestion', () => {
    assert.equal(describeChoices('one of', 'kep', ['sync', 'keep']), 'did you mean `keep`? one of: sync, keep');
    assert.equal(describeChoices('one of', 'delete', ['sync', 'keep']), 'one of: sync, keep');
  });
});
