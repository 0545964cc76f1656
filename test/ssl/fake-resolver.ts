import type { DnsResolver } from '../../src/ssl/dns-precheck.js';

export interface FakeRecords {
  a?: string[];
  aaaa?: string[];
  cname?: string[];
  /** Every lookup of the name fails with this code (e.g. ESERVFAIL). */
  failure?: string;
}

/** An in-memory DNS for the pre-check; records may be changed while a test runs. */
export class FakeResolver implements DnsResolver {
  readonly zone = new Map<string, FakeRecords>();
  readonly queries: string[] = [];

  constructor(records: Record<string, FakeRecords> = {}) {
    for (const [name, record] of Object.entries(records)) this.zone.set(name, record);
  }

  set(name: string, records: FakeRecords): void {
    this.zone.set(name, records);
  }

  resolve4(name: string): Promise<string[]> {
    return this.answer(name, 'a');
  }

  resolve6(name: string): Promise<string[]> {
    return this.answer(name, 'aaaa');
  }

  resolveCname(name: string): Promise<string[]> {
    return this.answer(name, 'cname');
  }

  private async answer(name: string, type: 'a' | 'aaaa' | 'cname'): Promise<string[]> {
    this.queries.push(`${type} ${name}`);
    const records = this.zone.get(name);
    if (records?.failure) throw Object.assign(new Error(`query${type} ${records.failure} ${name}`), { code: records.failure });
    if (!records) throw Object.assign(new Error(`query${type} ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
    const answer = records[type] ?? [];
    if (answer.length === 0) throw Object.assign(new Error(`query${type} ENODATA ${name}`), { code: 'ENODATA' });
    return answer;
  }
}
