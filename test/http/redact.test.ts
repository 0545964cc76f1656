import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { authSecrets, basicCredentials, redact } from '../../src/http/redact.js';

describe('redact', () => {
  test('replaces every occurrence of a secret', () => {
    assert.equal(redact('key s3cr3t-key and again s3cr3t-key', ['s3cr3t-key']), 'key *** and again ***');
  });

  test('replaces the URL-encoded forms too', () => {
    const secret = 'a b/c+d=e&f';
    const url = `https://h/x?apikey=${encodeURIComponent(secret)}&form=${new URLSearchParams({ k: secret }).toString().slice(2)}`;
    assert.equal(redact(url, [secret]), 'https://h/x?apikey=***&form=***');
  });

  test('ignores secrets shorter than four characters', () => {
    assert.equal(redact('the abc of it', ['abc', '']), 'the abc of it');
  });

  test('a longer secret containing a shorter one is masked whole', () => {
    assert.equal(redact('token=abcd1234', ['abcd', 'abcd1234']), 'token=***');
  });
});

describe('authSecrets', () => {
  test('Basic auth hides the password and the encoded pair', () => {
    const secrets = authSecrets({ kind: 'basic', username: 'client', password: 'hunter22' });
    assert.deepEqual(secrets, ['hunter22', Buffer.from('client:hunter22').toString('base64')]);
    assert.equal(redact(`Basic ${basicCredentials('client', 'hunter22')}`, secrets), 'Basic ***');
  });

  test('Bearer auth hides the token; no auth hides nothing', () => {
    assert.deepEqual(authSecrets({ kind: 'bearer', token: 'tok-123456' }), ['tok-123456']);
    assert.deepEqual(authSecrets({ kind: 'none' }), []);
  });
});
