import type { SslResult } from '../ssl/ssl-result.js';

/** `ok`, or for a timeout the last state seen: `timeout (dns-pending)`. */
export function sslStateText(entry: SslResult): string {
  return entry.state === 'timeout' && entry.lastState ? `timeout (${entry.lastState})` : entry.state;
}
