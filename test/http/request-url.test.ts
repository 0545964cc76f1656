import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { requestUrl } from '../../src/http/request-url.js';

describe('requestUrl', () => {
  test('extends the base path rather than replacing it', () => {
    assert.equal(requestUrl('https://manage.runcloud.io/api/v3', '/servers/1/webapps').href, 'https://manage.runcloud.io/api/v3/servers/1/webapps');
    assert.equal(requestUrl('https://manage.runcloud.io/api/v3/', 'ping').href, 'https://manage.runcloud.io/api/v3/ping');
  });

  test('works on a base without a path', () => {
    assert.equal(requestUrl('http://127.0.0.1:8080', '/apps').href, 'http://127.0.0.1:8080/apps');
    assert.equal(requestUrl('http://127.0.0.1:8080', '').href, 'http://127.0.0.1:8080/');
  });

  test('encodes query parameters and keeps one written in the path', () => {
    const url = requestUrl('https://app.closte.com/api/client', '/getdomains?page=2', { apikey: 'a&b c', q: 'x' });
    assert.equal(url.href, 'https://app.closte.com/api/client/getdomains?page=2&apikey=a%26b+c&q=x');
  });
});
