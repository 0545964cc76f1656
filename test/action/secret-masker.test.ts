import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSecretMasker } from '../../src/action/secret-masker.js';

test('masks each secret, its URL form, and the Basic credentials of any two', () => {
  const masked: string[] = [];
  const onSecret = createSecretMasker((value) => masked.push(value));
  onSecret('client-id');
  onSecret('api+key/1');
  onSecret('client-id');
  onSecret('');
  const basic = (user: string, password: string) => Buffer.from(`${user}:${password}`).toString('base64');
  assert.deepEqual(masked, [
    'client-id',
    'api+key/1',
    'api%2Bkey%2F1',
    basic('client-id', 'api+key/1'),
    basic('api+key/1', 'client-id'),
  ]);
  const header = `Authorization: Basic ${basic('client-id', 'api+key/1')}`;
  assert.ok(masked.some((value) => header.includes(value)));
});
