import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiMessageOf } from '../../src/http/api-message.js';

describe('apiMessageOf', () => {
  test('reads the common shapes', () => {
    assert.equal(apiMessageOf({ error: { message: 'Domain already in use' } }), 'Domain already in use');
    assert.equal(apiMessageOf({ message: 'Unauthenticated.' }), 'Unauthenticated.');
    assert.equal(apiMessageOf({ success: false, error: 'Invalid or empty domain: x' }), 'Invalid or empty domain: x');
  });

  test('adds validation details', () => {
    const body = { message: 'The given data was invalid.', errors: { name: ['The name has already been taken.'], www: ['Bad.'] } };
    assert.equal(apiMessageOf(body), 'The given data was invalid. (The name has already been taken.; Bad.)');
  });

  test('the provider’s own reader wins', () => {
    assert.equal(apiMessageOf({ message: 'generic', detail: 'specific' }, (body) => (body as { detail: string }).detail), 'specific');
    assert.equal(apiMessageOf({ message: 'generic' }, () => undefined), 'generic');
  });

  test('a short plain text is the message; HTML and empty bodies are not', () => {
    assert.equal(apiMessageOf('  Too many requests  '), 'Too many requests');
    assert.equal(apiMessageOf('<!DOCTYPE html><html><body>502</body></html>'), undefined);
    assert.equal(apiMessageOf(''), undefined);
    assert.equal(apiMessageOf(undefined), undefined);
    assert.equal(apiMessageOf({ data: [] }), undefined);
  });
});
