/** Which proxy, if any, an https request goes through: `HTTPS_PROXY` minus `NO_PROXY`. */

export type Environment = Record<string, string | undefined>;

export class ProxySettingError extends Error {
  override readonly name = 'ProxySettingError';
}

/** The proxy for this URL, or `undefined` to connect directly. Plain http is never proxied. */
export function proxyFor(target: URL, env: Environment): URL | undefined {
  if (target.protocol !== 'https:') return undefined;
  const setting = firstSet(env, 'https_proxy', 'HTTPS_PROXY');
  if (setting === undefined) return undefined;
  if (isExcluded(target, firstSet(env, 'no_proxy', 'NO_PROXY') ?? '')) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(setting) ? setting : `http://${setting}`;
  let proxy: URL;
  try {
    proxy = new URL(withScheme);
  } catch {
    throw new ProxySettingError('HTTPS_PROXY is not a valid URL');
  }
  if (proxy.protocol !== 'http:' && proxy.protocol !== 'https:') {
    throw new ProxySettingError(`HTTPS_PROXY must be an http:// or https:// URL, not ${proxy.protocol}//`);
  }
  return proxy;
}

/**
 * Whether `NO_PROXY` exempts the URL. Entries are separated by commas or spaces; `*` exempts
 * everything; `example.com`, `.example.com` and `*.example.com` exempt the domain and its
 * subdomains; `host:port` exempts one port only.
 */
export function isExcluded(target: URL, noProxy: string): boolean {
  const host = stripBrackets(target.hostname.toLowerCase());
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  return noProxy
    .toLowerCase()
    .split(/[\s,]+/)
    .filter((entry) => entry !== '')
    .some((entry) => {
      if (entry === '*') return true;
      const { name, port: entryPort } = splitEntry(entry);
      if (entryPort !== undefined && entryPort !== port) return false;
      const domain = name.replace(/^\*?\./, '');
      return domain !== '' && (host === domain || host.endsWith(`.${domain}`));
    });
}

function splitEntry(entry: string): { name: string; port?: string } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return bracketed[2] === undefined ? { name: bracketed[1]! } : { name: bracketed[1]!, port: bracketed[2] };
  const withPort = /^([^:]+):(\d+)$/.exec(entry);
  if (withPort) return { name: withPort[1]!, port: withPort[2]! };
  return { name: entry };
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function firstSet(env: Environment, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return undefined;
}
