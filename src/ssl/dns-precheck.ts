import { isIP } from 'node:net';
import { getDomain } from 'tldts';

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
 * record is where the certificate authority may look); with a host name, the CNAME must be it,
 * or every A and AAAA record one of that host name's addresses (an apex name cannot be a CNAME:
 * it has the target's addresses, set by hand or by an ALIAS record). Without `pointsTo`,
 * resolving at all is enough.
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
  const target = cnames.find((record) => wantedTargets.includes(record));
  if (target) return { passed: true, detail: `${name} is a CNAME to ${target}` };

  const targetAddresses = await addressesOf(wantedTargets, resolver);
  const found = describeRecords(v4.records, v6.records, cnames);
  const should = describeWanted(name, wantedAddresses, wantedTargets, targetAddresses);
  if (v4.records.length === 0 && v6.records.length === 0 && cnames.length === 0) {
    return { passed: false, detail: `${name} does not resolve (no A, AAAA or CNAME record)${should ? `; ${should}` : ''}` };
  }
  if (pointsTo.length === 0) return { passed: true, detail: `${name} resolves (${found})` };

  const addresses = [...v4.records.map((a) => ['A', a] as const), ...v6.records.map((a) => ['AAAA', a] as const)];
  const allowed = [...wantedAddresses, ...targetAddresses];
  if (allowed.length === 0) {
    return { passed: false, detail: `${name} has ${found}; ${should}` };
  }
  const stray = addresses.filter(([, address]) => !allowed.includes(canonicalAddress(address)));
  if (addresses.length === 0) {
    return { passed: false, detail: `${name} has ${found} but no A or AAAA record; ${should}` };
  }
  if (stray.length > 0) {
    const records = stray.map(([type, address]) => `${type} ${address}`).join(', ');
    const elsewhere = wantedTargets.length > 0 ? `not in points-to nor an address of ${wantedTargets.join(' or ')}` : 'not in points-to';
    return { passed: false, detail: `${name} has ${records}, ${elsewhere}; ${should}` };
  }
  const pointed = addresses.map(([, address]) => address).join(', ');
  const viaTarget = addresses.some(([, address]) => !wantedAddresses.includes(canonicalAddress(address)));
  return { passed: true, detail: `${name} points to ${pointed}${viaTarget ? `, the address of ${wantedTargets.join(' or ')}` : ''}` };
}

/** The A and AAAA addresses of `points-to`'s host names, canonical; a lookup that fails adds none. */
async function addressesOf(targets: readonly string[], resolver: DnsResolver): Promise<string[]> {
  const answers = await Promise.all(
    targets.flatMap((target) => [lookup(() => resolver.resolve4(target)), lookup(() => resolver.resolve6(target))]),
  );
  return [...new Set(answers.flatMap((answer) => answer.records.map(canonicalAddress)))];
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

function describeWanted(name: string, addresses: string[], targets: string[], targetAddresses: string[]): string {
  const ways: string[] = [];
  if (targets.length > 0 && isApex(name)) {
    const records = targetAddresses.map((address) => `${isIP(address) === 6 ? 'AAAA' : 'A'} ${address}`);
    const byHand = records.length > 0 ? `have ${records.join(' and ')} (the address of ${targets.join(' or ')})` : `have the A/AAAA records of ${targets.join(' or ')}`;
    ways.push(`${byHand} or an ALIAS/ANAME record to ${targets.join(' or ')}, as an apex name cannot be a CNAME`);
  } else if (targets.length > 0) {
    ways.push(`be a CNAME to ${targets.join(' or ')}`);
  }
  if (addresses.length > 0) {
    const records = addresses.map((address) => `${isIP(address) === 6 ? 'AAAA' : 'A'} ${address}`);
    ways.push(`point only to ${records.join(' or ')}`);
  }
  return ways.length > 0 ? `it should ${ways.join(', or ')}` : '';
}

/** A registrable domain itself (`example.de`, `example.co.uk`): its zone's apex, where a CNAME cannot be. */
function isApex(name: string): boolean {
  return getDomain(canonicalName(name)) === canonicalName(name);
}

function canonicalAddress(address: string): string {
  return isIP(address) === 6 ? new URL(`http://[${address}]/`).hostname.slice(1, -1) : address;
}

function canonicalName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}
