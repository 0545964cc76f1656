import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseConnectTo, parseResolve, routeFor, RouteSyntaxError } from '../../src/ssl/routes.js';

describe('parseResolve', () => {
  test('reads host, port and an IPv4 address', () => {
    assert.deepEqual(parseResolve('Example.COM:443:127.0.0.1'), { host: 'example.com', port: 443, address: '127.0.0.1' });
  });

  test('reads an IPv6 address in brackets or bare', () => {
    assert.deepEqual(parseResolve('example.com:443:[::1]'), { host: 'example.com', port: 443, address: '::1' });
    assert.deepEqual(parseResolve('example.com:8443:2001:DB8::10'), { host: 'example.com', port: 8443, address: '2001:db8::10' });
  });

  test('accepts * as any host', () => {
    assert.equal(parseResolve('*:443:10.0.0.1').host, '*');
  });

  for (const [text, problem] of [
    ['example.com:443', /three parts/],
    ['example.com::127.0.0.1', /port is empty/],
    ['example.com:https:127.0.0.1', /port "https" is not a number/],
    ['example.com:70000:127.0.0.1', /port "70000"/],
    [':443:127.0.0.1', /host is empty/],
    ['example.com:443:origin.example.net', /"origin.example.net" is not an IPv4 or IPv6 address/],
    ['example.com:443:10.0.0.1,10.0.0.2', /exactly one address/],
  ] as const) {
    test(`refuses ${text}`, () => {
      assert.throws(
        () => parseResolve(text),
        (error: unknown) =>
          error instanceof RouteSyntaxError && problem.test(error.message) && error.message.includes('expected host:port:address'),
      );
    });
  }
});

describe('parseConnectTo', () => {
  test('reads all four parts', () => {
    assert.deepEqual(parseConnectTo('example.com:443:origin.example.net:8443'), {
      host: 'example.com',
      port: 443,
      targetHost: 'origin.example.net',
      targetPort: 8443,
    });
  });

  test('empty parts mean any host or port, or the same one', () => {
    assert.deepEqual(parseConnectTo('::127.0.0.1:9000'), { host: '', port: undefined, targetHost: '127.0.0.1', targetPort: 9000 });
    assert.deepEqual(parseConnectTo('example.com:443::'), { host: 'example.com', port: 443, targetHost: '', targetPort: undefined });
  });

  test('reads IPv6 addresses in brackets', () => {
    assert.deepEqual(parseConnectTo('example.com:443:[::1]:8443'), { host: 'example.com', port: 443, targetHost: '::1', targetPort: 8443 });
  });

  for (const [text, problem] of [
    ['example.com:443:127.0.0.1', /3 parts, not 4/],
    ['example.com:443:::1:8443', /not 4 \(write an IPv6 address in brackets\)/],
    ['example.com:443:[::1:8443', /no matching "]"/],
    ['example.com:0:127.0.0.1:8443', /port "0"/],
    ['example.com:443:127.0.0.1:x', /port "x"/],
  ] as const) {
    test(`refuses ${text}`, () => {
      assert.throws(() => parseConnectTo(text), (error: unknown) => error instanceof RouteSyntaxError && problem.test(error.message));
    });
  }
});

describe('routeFor', () => {
  const none = { resolve: [], connectTo: [] };

  test('no rule: connect where DNS points', () => {
    assert.equal(routeFor('example.com', 443, none), undefined);
  });

  test('resolve matches host and port', () => {
    const rules = { resolve: [parseResolve('example.com:443:192.0.2.1')], connectTo: [] };
    assert.deepEqual(routeFor('EXAMPLE.com', 443, rules), { host: '192.0.2.1', port: 443 });
    assert.equal(routeFor('example.com', 8443, rules), undefined);
    assert.equal(routeFor('www.example.com', 443, rules), undefined);
  });

  test('resolve with * matches every host on its port', () => {
    const rules = { resolve: [parseResolve('*:443:[::1]')], connectTo: [] };
    assert.deepEqual(routeFor('a.example', 443, rules), { host: '::1', port: 443 });
  });

  test('connect-to with empty parts matches any host and keeps what is not given', () => {
    const rules = { resolve: [], connectTo: [parseConnectTo('::127.0.0.1:9000'), parseConnectTo('shop.example.com:443::8443')] };
    assert.deepEqual(routeFor('shop.example.com', 443, rules), { host: '127.0.0.1', port: 9000 });
    const sameHost = { resolve: [], connectTo: [parseConnectTo('shop.example.com:443::8443')] };
    assert.deepEqual(routeFor('shop.example.com', 443, sameHost), { host: 'shop.example.com', port: 8443 });
  });

  test('the first matching connect-to rule wins, then resolve fixes the target address', () => {
    const rules = {
      connectTo: [parseConnectTo('a.example:443:origin.example:8443'), parseConnectTo('::elsewhere.example:')],
      resolve: [parseResolve('origin.example:8443:10.1.2.3')],
    };
    assert.deepEqual(routeFor('a.example', 443, rules), { host: '10.1.2.3', port: 8443 });
    assert.deepEqual(routeFor('b.example', 443, rules), { host: 'elsewhere.example', port: 443 });
  });
});
