import { execFile } from 'node:child_process';
import { generateKeyPair, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * A certificate authority made at test time with the `openssl` CLI, for the TLS simulator and
 * the SSL probe's tests. Trust it through a probe's `ca` option or `NODE_EXTRA_CA_CERTS`
 * (`certificatePath`). Keys are P-256, made by node:crypto.
 */

export interface TestCertificate {
  /** PEM private key. */
  key: string;
  /** PEM certificate. */
  certificate: string;
}

export interface CertificateOptions {
  /** Validity from now, in whole days (default 90). 1 or 2 make an expiring certificate. */
  days?: number;
  /** Subject CN (default: the first name). With no names, the CN alone names the certificate. */
  commonName?: string;
}

export interface TestCa {
  /** The root certificate, PEM. */
  readonly certificate: string;
  /** A file holding `certificate`, for NODE_EXTRA_CA_CERTS. */
  readonly certificatePath: string;
  /** A leaf for these DNS names, signed by this CA. */
  issue(names: readonly string[], options?: CertificateOptions): Promise<TestCertificate>;
  /** A self-signed leaf, like a panel's default certificate. */
  selfSigned(names: readonly string[], options?: CertificateOptions): Promise<TestCertificate>;
  /** A leaf signed by another CA that nobody trusts. */
  fromUnknownCa(names: readonly string[], options?: CertificateOptions): Promise<TestCertificate>;
  /** Removes the temporary files. */
  dispose(): Promise<void>;
}

const run = promisify(execFile);
const openssl = 'openssl';
const defaultDays = 90;

export async function createTestCa(): Promise<TestCa> {
  const directory = await mkdtemp(join(tmpdir(), 'domain-sync-ca-'));
  try {
    const files = new TempFiles(directory);
    const trusted = await CertificateAuthority.create(files, 'domain-sync test CA');
    let unknown: Promise<CertificateAuthority> | undefined;
    return {
      certificate: trusted.certificate,
      certificatePath: trusted.certificatePath,
      issue: (names, options) => trusted.issue(names, options),
      selfSigned: (names, options) => selfSigned(files, names, options),
      fromUnknownCa: async (names, options) => {
        unknown ??= CertificateAuthority.create(files, 'domain-sync unknown CA');
        return (await unknown).issue(names, options);
      },
      dispose: () => rm(directory, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
}

class TempFiles {
  private counter = 0;
  constructor(readonly directory: string) {}

  /** A fresh path prefix in the directory. */
  next(label: string): string {
    this.counter += 1;
    return join(this.directory, `${this.counter}-${label.replace(/[^a-z0-9.-]/gi, '_')}`);
  }
}

class CertificateAuthority {
  private constructor(
    private readonly files: TempFiles,
    private readonly keyPath: string,
    readonly certificatePath: string,
    readonly certificate: string,
  ) {}

  static async create(files: TempFiles, commonName: string): Promise<CertificateAuthority> {
    const base = files.next('ca');
    const key = await writeKey(`${base}.key`);
    const config = await writeConfig(`${base}.cnf`, 'ca', []);
    await openSsl([
      'req', '-x509', '-new', '-key', key, '-subj', subject(`${commonName} ${randomBytes(4).toString('hex')}`),
      '-days', '3650', '-config', config, '-extensions', 'ca', '-out', `${base}.crt`,
    ]);
    return new CertificateAuthority(files, key, `${base}.crt`, await readFile(`${base}.crt`, 'utf8'));
  }

  async issue(names: readonly string[], options: CertificateOptions = {}): Promise<TestCertificate> {
    const base = this.files.next(names[0] ?? options.commonName ?? 'leaf');
    const key = await writeKey(`${base}.key`);
    const config = await writeConfig(`${base}.cnf`, 'leaf', names);
    await openSsl(['req', '-new', '-key', key, '-subj', subject(commonNameOf(names, options)), '-config', config, '-out', `${base}.csr`]);
    await openSsl([
      'x509', '-req', '-in', `${base}.csr`, '-CA', this.certificatePath, '-CAkey', this.keyPath,
      '-set_serial', `0x${randomBytes(12).toString('hex')}`, '-days', String(options.days ?? defaultDays),
      '-extfile', config, '-extensions', 'leaf', '-out', `${base}.crt`,
    ]);
    return { key: await readFile(key, 'utf8'), certificate: await readFile(`${base}.crt`, 'utf8') };
  }
}

async function selfSigned(files: TempFiles, names: readonly string[], options: CertificateOptions = {}): Promise<TestCertificate> {
  const base = files.next(`self-${names[0] ?? options.commonName ?? 'leaf'}`);
  const key = await writeKey(`${base}.key`);
  const config = await writeConfig(`${base}.cnf`, 'leaf', names);
  await openSsl([
    'req', '-x509', '-new', '-key', key, '-subj', subject(commonNameOf(names, options)),
    '-days', String(options.days ?? defaultDays), '-config', config, '-extensions', 'leaf', '-out', `${base}.crt`,
  ]);
  return { key: await readFile(key, 'utf8'), certificate: await readFile(`${base}.crt`, 'utf8') };
}

async function writeKey(path: string): Promise<string> {
  const privateKey = await new Promise<string>((resolve, reject) =>
    generateKeyPair(
      'ec',
      { namedCurve: 'P-256', privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } },
      (error, _publicKey, key) => (error ? reject(error) : resolve(key)),
    ),
  );
  await writeFile(path, privateKey, { mode: 0o600 });
  return path;
}

/** An openssl config with our own sections, so the system's openssl.cnf plays no part. */
async function writeConfig(path: string, kind: 'ca' | 'leaf', names: readonly string[]): Promise<string> {
  const lines = ['[req]', 'distinguished_name = dn', 'prompt = no', '[dn]', 'CN = unused'];
  if (kind === 'ca') {
    lines.push('[ca]', 'basicConstraints = critical, CA:TRUE', 'keyUsage = critical, keyCertSign, cRLSign', 'subjectKeyIdentifier = hash');
  } else {
    lines.push(
      '[leaf]',
      'basicConstraints = critical, CA:FALSE',
      'keyUsage = critical, digitalSignature, keyEncipherment',
      'extendedKeyUsage = serverAuth',
      'subjectKeyIdentifier = hash',
    );
    if (names.length > 0) lines.push(`subjectAltName = ${names.map((name) => `DNS:${name}`).join(', ')}`);
  }
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

function commonNameOf(names: readonly string[], options: CertificateOptions): string {
  const commonName = options.commonName ?? names[0];
  if (!commonName) throw new Error('a test certificate needs names or a commonName');
  return commonName;
}

function subject(commonName: string): string {
  return `/CN=${commonName.replace(/[/\\]/g, '\\$&')}`;
}

async function openSsl(args: string[]): Promise<void> {
  try {
    await run(openssl, args);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`openssl ${args[0]} failed: ${stderr.trim() || String(error)}`);
  }
}
