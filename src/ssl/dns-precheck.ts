import { isIP } from 'node:net';

/** The part of `node:dns/promises` the pre-check uses; tests pass a fake. */
export interface DnsResolver {
  resolve4(name: string): Promise<string[]>;
  resolve6(name: string): Promise<string[]>;
  resolveCname(name: string): Promise<string[]>;
}

export interface DnsCheck {
  passed: boolean;
  /** What was found and, when it fails, which record is missing and what it should be. */
  detail: string;
}

/** Lookup errors that mean "no such record" rather than "the lookup failed". */
const noRecordCodes = new Set(['ENOTFOUND', 'ENODATA', 'NXDOMAIN']);

/**
 * Whether a name points where certificates can be issued for it. `pointsTo` holds addresses
 * and/or CNAME targets. With addresses, every A and AAAA record must be one of them (a stray
 * record is where the certificate authority may look); with a host name, the CNAME must be it.
 * Without `pointsTo`, resolving at all is enough.
 */
export async function checkDns(name: string, pointsTo: readonly string[], resolver: DnsResolver): Promise<DnsCheck> {
  const wantedAddresses = pointsTo.filter((entry) => isIP(entry) !== 0).map(canonicalAddress);
  const wantedTargets = pointsTo.filter((entry) => isIP(entry) === 0).map(canonicalName);
  const [v4, v6, cname] = await Promise.all([
    lookup(() => resolver.resolve4(name)),
    lookup(() => resolver.resolve6(name)),
    wantedTargets.length > 0 ? lookup(() => resolver.resolveCname(name)) : Promise.resolve<Answer>({ records: [] }),
  ]);
  const failure = [v4, v6, cname].find((answer) => answer.error !== undefined)?.error;
  if (failure && v4.records.length === 0 && v6.records.length === 0 && cname.records.length === 0) {
    return { passed: false, detail: `the DNS lookup of ${name} failed (${failure})` };
  }

  const cnames = cname.records.map(canonicalName);
  const found = describeRecords(v4.records, v6.records, cnames);
  const should = describeWanted(wantedAddresses, wantedTargets);
  if (v4.records.length === 0 && v6.records.length === 0 && cnames.length === 0) {
    return { passed: false, detail: `${name} does not resolve (no A, AAAA or CNAME record)${should ? `; ${should}` : ''}` };
  }
  if (pointsTo.length === 0) return { passed: true, detail: `${name} resolves (${found})` };

  const target = cnames.find((record) => wantedTargets.includes(record));
  if (target) return { passed: true, detail: `${name} is a CNAME to ${target}` };

  const addresses = [...v4.records.map((a) => ['A', a] as const), ...v6.records.map((a) => ['AAAA', a] as const)];
  if (wantedAddresses.length === 0) {
    return { passed: false, detail: `${name} has ${found}; ${should}` };
  }
  const stray = addresses.filter(([, address]) => !wantedAddresses.includes(canonicalAddress(address)));
  if (addresses.length === 0) {
    return { passed: false, detail: `${name} has ${found} but no A or AAAA record; ${should}` };
  }
  if (stray.length > 0) {
    const records = stray.map(([type, address]) => `${type} ${address}`).join(', ');
    return {
      passed: false,
      detail: `${name} has ${records}, not in points-to; ${should}`,
    };
  }
  return { passed: true, detail: `${name} points to ${addresses.map(([, address]) => address).join(', ')}` };
}

interface Answer {
  records: string[];
  error?: string;
}

async function lookup(query: () => Promise<string[]>): Promise<Answer> {
  try {
    return { records: await query() };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && noRecordCodes.has(code)) return { records: [] };
    return { records: [], error: typeof code === 'string' ? code : String(error) };
  }
}

function describeRecords(v4: string[], v6: string[], cnames: string[]): string {
  const parts = [
    ...cnames.map((target) => `CNAME ${target}`),
    ...v4.map((address) => `A ${address}`),
    ...v6.map((address) => `AAAA ${address}`),
  ];
  return parts.join(', ');
}

function describeWanted(addresses: string[], targets: string[]): string {
  const ways: string[] = [];
  if (targets.length > 0) ways.push(`be a CNAME to ${targets.join(' or ')}`);
  if (addresses.length > 0) {
    const records = addresses.map((address) => `${isIP(address) === 6 ? 'AAAA' : 'A'} ${address}`);
    ways.push(`point only to ${records.join(' or ')}`);
  }
  return ways.length > 0 ? `it should ${ways.join(', or ')}` : '';
}

function canonicalAddress(address: string): string {
  return isIP(address) === 6 ? new URL(`http://[${address}]/`).hostname.slice(1, -1) : address;
}

function canonicalName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}
