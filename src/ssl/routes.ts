import { isIP } from 'node:net';
import type { ConnectToRule, ResolveRule } from './ssl-result.js';

/**
 * curl's `--resolve` and `--connect-to`: where the SSL probe for a name connects instead of
 * where DNS points. The name is still sent as SNI and checked against the certificate.
 */

export interface Routes {
  resolve: readonly ResolveRule[];
  connectTo: readonly ConnectToRule[];
}

/** Where to open the TCP connection. `host` is a bare address or a host name. */
export interface Route {
  host: string;
  port: number;
}

export class RouteSyntaxError extends Error {
  override readonly name = 'RouteSyntaxError';
}

const resolveForm = 'host:port:address, e.g. example.com:443:127.0.0.1 or example.com:443:[::1]';
const connectToForm =
  'host:port:target-host:target-port, e.g. example.com:443:127.0.0.1:8443 (an empty part means any host or port, or the same one)';

/** Parses `host:port:address`. The host may be `*` (any host); an IPv6 address may be in brackets. */
export function parseResolve(text: string): ResolveRule {
  const fail = (problem: string): never => {
    throw new RouteSyntaxError(`--resolve "${text}": ${problem} (expected ${resolveForm})`);
  };
  const trimmed = text.trim();
  const firstColon = trimmed.indexOf(':');
  const secondColon = firstColon < 0 ? -1 : trimmed.indexOf(':', firstColon + 1);
  if (secondColon < 0) return fail('it needs three parts separated by ":"');
  const host = normaliseHost(trimmed.slice(0, firstColon));
  const port = parsePort(trimmed.slice(firstColon + 1, secondColon), fail);
  let address = trimmed.slice(secondColon + 1);
  if (host === '') fail('the host is empty');
  if (port === undefined) return fail('the port is empty');
  if (address.includes(',')) fail('give exactly one address');
  if (address.startsWith('[') && address.endsWith(']')) address = address.slice(1, -1);
  if (isIP(address) === 0) fail(`"${address}" is not an IPv4 or IPv6 address`);
  return { host, port, address: address.toLowerCase() };
}

/** Parses `host:port:target-host:target-port`; IPv6 addresses must be in brackets. */
export function parseConnectTo(text: string): ConnectToRule {
  const fail = (problem: string): never => {
    throw new RouteSyntaxError(`--connect-to "${text}": ${problem} (expected ${connectToForm})`);
  };
  const fields = splitFields(text.trim(), fail);
  if (fields.length !== 4) {
    return fail(`it has ${fields.length} part${fields.length === 1 ? '' : 's'}, not 4 (write an IPv6 address in brackets)`);
  }
  const [host, port, targetHost, targetPort] = fields as [string, string, string, string];
  if (targetHost !== '' && /[\s/]/.test(targetHost)) fail(`"${targetHost}" is not a host name or address`);
  return {
    host: normaliseHost(host),
    port: parsePort(port, fail),
    targetHost: targetHost.toLowerCase(),
    targetPort: parsePort(targetPort, fail),
  };
}

/**
 * Where a probe of `name:port` connects, as curl decides it: the first matching connect-to rule
 * changes the target, then a resolve rule for that target fixes its address. Undefined when no
 * rule applies (connect where DNS says).
 */
export function routeFor(name: string, port: number, rules: Routes): Route | undefined {
  const wanted = normaliseHost(name);
  let target: Route = { host: wanted, port };
  let routed = false;
  const connectTo = rules.connectTo.find(
    (rule) => (rule.host === '' || rule.host === wanted) && (rule.port === undefined || rule.port === port),
  );
  if (connectTo) {
    target = { host: connectTo.targetHost || wanted, port: connectTo.targetPort ?? port };
    routed = true;
  }
  const resolve = rules.resolve.find(
    (rule) => (rule.host === '*' || rule.host === target.host) && rule.port === target.port,
  );
  if (resolve) {
    target = { host: resolve.address, port: target.port };
    routed = true;
  }
  return routed ? target : undefined;
}

/** Splits on ":" outside brackets; bracketed parts lose their brackets. */
function splitFields(text: string, fail: (problem: string) => never): string[] {
  const fields: string[] = [];
  let current = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (char === '[' && current === '') {
      const close = text.indexOf(']', index);
      if (close < 0) fail('a "[" has no matching "]"');
      current = text.slice(index + 1, close);
      index = close + 1;
      if (index < text.length && text[index] !== ':') fail('"]" must be followed by ":"');
      continue;
    }
    if (char === ':') {
      fields.push(current);
      current = '';
    } else {
      current += char;
    }
    index += 1;
  }
  fields.push(current);
  return fields;
}

function parsePort(text: string, fail: (problem: string) => never): number | undefined {
  if (text === '') return undefined;
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535)) fail(`port "${text}" is not a number from 1 to 65535`);
  return port;
}

function normaliseHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '');
}
