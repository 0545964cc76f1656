import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderText } from '../../src/plan/render-text.js';
import { sampleRunResult } from './sample-run-result.js';

test('the text SSL table keeps a valid certificate to its verdict and issuer', () => {
  const result = {
    ...sampleRunResult(),
    ssl: [
      {
        name: 'example.com',
        host: 'production',
        state: 'ok' as const,
        expires: '2027-02-21T19:02:45.000Z',
        detail: 'valid for 89 more days (subject CN=example.com; issuer C=US, O=Let\'s Encrypt, CN=R11; names example.com; not after 2027-02-21)',
        certificate: { subject: 'CN=example.com', issuer: "C=US, O=Let's Encrypt, CN=R11", names: ['example.com'], notAfter: '2027-02-21T19:02:45.000Z' },
      },
    ],
  };
  const row = renderText(result).split('\n').find((line) => line.includes('example.com') && line.includes(' ok '));
  assert.match(row ?? '', /valid for 89 more days, issued by R11$/);
});
