import { isIP } from 'node:net';

/**
 * `api_url` may only point at this machine: a committed file must never be able to send a
 * host's credentials to any other server.
 */
export function checkApiUrl(raw: string): { url: string } | { error: string } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { error: 'not a URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { error: `the scheme \`${url.protocol}\` is not allowed; use http: or https:` };
  }
  if (url.username || url.password) return { error: 'the URL cannot carry a user name or password' };
  if (url.search || url.hash) return { error: 'the URL cannot carry a query or fragment' };
  if (!isLoopbackHost(url.hostname)) {
    return { error: `\`${url.hostname}\` is not a loopback address` };
  }
  return { url: url.href.replace(/\/+$/, '') };
}

function isLoopbackHost(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  return isIP(hostname) === 4 && hostname.startsWith('127.');
}
