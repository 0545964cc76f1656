import { getPublicSuffix } from 'tldts';

/**
 * Whether a certificate covers a host name, as browsers decide it: by its DNS subject alternative
 * names only (browsers ignore the subject's common name). A wildcard is a whole leftmost `*` label
 * standing for exactly one label, never on a public suffix (`*.example.com` covers
 * `a.example.com`, not `example.com`, `a.b.example.com`, nor does `*.co.uk` cover anything).
 */
export function certificateCovers(name: string, certificate: { names: readonly string[] }): boolean {
  return certificate.names.some((pattern) => nameMatches(name, pattern));
}

export function nameMatches(name: string, pattern: string): boolean {
  const host = normalise(name);
  const presented = normalise(pattern);
  if (host === '' || presented === '' || host.includes('*')) return false;
  if (!presented.includes('*')) return host === presented;

  const [first, ...rest] = presented.split('.');
  const parent = rest.join('.');
  if (first !== '*' || rest.length < 2 || parent.includes('*')) return false;
  if (getPublicSuffix(parent) === parent) return false;
  const dot = host.indexOf('.');
  return dot > 0 && host.slice(dot + 1) === parent;
}

function normalise(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}
