import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { classifyCertificate, type PresentedCertificate } from '../../src/ssl/classify-certificate.js';

const now = Date.parse('2030-01-01T00:00:00Z');
const day = 24 * 60 * 60 * 1000;

function certificate(overrides: Partial<PresentedCertificate> & { names?: string[]; daysLeft?: number } = {}): PresentedCertificate {
  const { names = ['shop.example.com'], daysLeft = 60, ...rest } = overrides;
  return {
    facts: {
      subject: `CN=${names[0] ?? 'none'}`,
      issuer: 'CN=Test Issuer',
      names,
      notAfter: new Date(now + daysLeft * day).toISOString(),
    },
    selfSigned: false,
    trusted: true,
    ...rest,
  };
}

describe('classifyCertificate, in the contract order', () => {
  test('a covering, trusted, long-lived certificate is ok, with facts in the detail', () => {
    const result = classifyCertificate('shop.example.com', certificate(), { now, minDays: 7 });
    assert.equal(result.state, 'ok');
    assert.equal(result.expires, new Date(now + 60 * day).toISOString());
    assert.match(result.detail, /valid for 60 more days/);
    assert.match(result.detail, /issuer CN=Test Issuer; names shop.example.com; not after 2030-03-02/);
  });

  test('name first: an uncovered, untrusted, expiring certificate is wrong-certificate', () => {
    const seen = certificate({ names: ['panel.example.net'], trusted: false, trustError: 'DEPTH_ZERO_SELF_SIGNED_CERT', daysLeft: 1 });
    const result = classifyCertificate('shop.example.com', seen, { now, minDays: 7 });
    assert.equal(result.state, 'wrong-certificate');
    assert.match(result.detail, /^a self-signed certificate that does not cover shop.example.com/);
    assert.match(result.detail, /names panel.example.net/);
  });

  test('chain second: a covering but untrusted, expiring certificate is untrusted with the reason', () => {
    const seen = certificate({ trusted: false, trustError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', daysLeft: 1 });
    const result = classifyCertificate('shop.example.com', seen, { now, minDays: 7 });
    assert.equal(result.state, 'untrusted');
    assert.match(result.detail, /not trusted \(CN=Test Issuer\)/);
  });

  test('days last: fewer than min-days left is expiring', () => {
    const result = classifyCertificate('shop.example.com', certificate({ daysLeft: 3 }), { now, minDays: 7 });
    assert.equal(result.state, 'expiring');
    assert.match(result.detail, /expires in 3 days, fewer than the 7 required/);
    assert.equal(classifyCertificate('shop.example.com', certificate({ daysLeft: 7 }), { now, minDays: 7 }).state, 'ok');
  });

  test('min-days is a boundary in time, not in whole days: 6.9 days left of 7 is expiring', () => {
    assert.equal(classifyCertificate('shop.example.com', certificate({ daysLeft: 6.9 }), { now, minDays: 7 }).state, 'expiring');
    assert.equal(classifyCertificate('shop.example.com', certificate({ daysLeft: 7 }), { now, minDays: 7 }).state, 'ok');
  });

  test('a trusted certificate past its notAfter by the clock is expiring, said as expired', () => {
    const result = classifyCertificate('shop.example.com', certificate({ daysLeft: -1 }), { now, minDays: 0 });
    assert.equal(result.state, 'expiring');
    assert.match(result.detail, /^expired on /);
  });

  test('an expired certificate is expiring, said as expired', () => {
    const seen = certificate({ daysLeft: -2, trusted: false, trustError: 'CERT_HAS_EXPIRED' });
    const result = classifyCertificate('shop.example.com', seen, { now, minDays: 7 });
    assert.equal(result.state, 'expiring');
    assert.match(result.detail, /^expired on 2029-12-30/);
  });

  test('the subject common name never covers the name: without a subjectAltName it is wrong-certificate, said so', () => {
    const cnOnly = classifyCertificate('shop.example.com', certificate({ names: [], commonName: 'shop.example.com' }), { now, minDays: 7 });
    assert.equal(cnOnly.state, 'wrong-certificate');
    assert.match(cnOnly.detail, /^a certificate with no subjectAltName for shop\.example\.com: it names it only in its subject CN/);
    const withSans = classifyCertificate('shop.example.com', certificate({ names: ['other.example.com'], commonName: 'shop.example.com' }), { now, minDays: 7 });
    assert.equal(withSans.state, 'wrong-certificate');
    assert.match(withSans.detail, /no subjectAltName for shop\.example\.com/);
  });

  test('a certificate that does not cover the name has no expires: its date is not the name\'s', () => {
    const result = classifyCertificate('shop.example.com', certificate({ names: ['panel.example.net'], daysLeft: 3650 }), { now, minDays: 7 });
    assert.equal(result.state, 'wrong-certificate');
    assert.equal(result.expires, undefined);
    assert.match(result.detail, /not after 2039-/);
    assert.ok(classifyCertificate('shop.example.com', certificate({ daysLeft: 3 }), { now, minDays: 7 }).expires, 'an expiring one keeps it');
  });

  test('only the first few names are listed', () => {
    const names = ['a.example', 'b.example', 'c.example', 'd.example', 'e.example', 'f.example'];
    const result = classifyCertificate('z.example', certificate({ names }), { now, minDays: 7 });
    assert.match(result.detail, /names a.example, b.example, c.example, d.example and 2 more/);
  });
});
