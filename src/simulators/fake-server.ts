import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The base of every host simulator: a real HTTP server on 127.0.0.1 (port 0) that keeps state,
 * records every request and injects faults. Tests and `npm run demo` use the same servers.
 */

export interface RecordedRequest {
  /** Arrival order across every simulator in this process, from 1: compares requests to different hosts. */
  sequence: number;
  method: string;
  /** Path without the query string, e.g. `/v1/apps/abc`. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON, or the form fields as an object, or the raw text. */
  body: unknown;
  rawBody: string;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Fault =
  /** Answer with this instead of handling the request. */
  | { kind: 'respond'; response: FakeResponse }
  /** Wait, then handle normally. */
  | { kind: 'delay'; ms: number }
  /** Handle the request (state changes), then destroy the socket: the answer is lost. */
  | { kind: 'lose-answer' }
  /** Destroy the socket without handling the request. */
  | { kind: 'drop' }
  /** Someone else edits the state just before this request is handled. */
  | { kind: 'before'; run: () => void };

export interface FaultRule {
  method?: string;
  /** A substring of the path, or a pattern. */
  path?: string | RegExp;
  fault: Fault;
  /** How many matching requests it applies to (default 1). */
  times?: number;
}

/** A domain on a simulated host, as seeded and inspected by tests. */
export interface FakeDomain {
  name: string;
  /** flag model (RunCloud) only. */
  www?: boolean;
  wildcard?: boolean;
  /** RunCloud: primary | alias | redirect. */
  type?: string;
}

/** What the shared provider contract suite needs from every simulator. */
export interface FakeHost {
  /** The `api_url` a domains.yml uses to reach this simulator. */
  readonly apiUrl: string;
  readonly requests: RecordedRequest[];
  /** Replace the app's domains. */
  seed(domains: FakeDomain[]): void;
  /** The app's domains now. */
  domains(): FakeDomain[];
  /** Every hostname the app serves now (the `www` flag expanded). */
  hostnames(): string[];
  inject(rule: FaultRule): void;
  /** Called with the app's names when the panel is asked (or decides) to issue certificates. */
  onCertificatesRequested?: (names: string[]) => void;
  /**
   * Sets the app's certificate up so the panel can issue one (`issuable`) or never will (`custom`:
   * a certificate uploaded by hand). Absent where the panel has no such setting (Closte).
   */
  setCertificateSetup?(setup: 'issuable' | 'custom'): void;
  close(): Promise<void>;
}

let requestsArrived = 0;

export abstract class FakeHttpServer {
  readonly requests: RecordedRequest[] = [];
  private readonly faults: FaultRule[] = [];
  private server: Server | undefined;
  private baseUrl = '';

  /** Handles one request against the simulator's state. */
  protected abstract handle(request: RecordedRequest): FakeResponse | Promise<FakeResponse>;

  get url(): string {
    if (!this.baseUrl) throw new Error('the simulator is not listening yet');
    return this.baseUrl;
  }

  inject(rule: FaultRule): void {
    this.faults.push({ ...rule, times: rule.times ?? 1 });
  }

  /** Requests whose method and path match, for assertions. */
  requestsTo(method: string, path?: string | RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && (path === undefined || pathMatches(r.path, path)));
  }

  async listen(port = 0): Promise<string> {
    const server = createServer((req, res) => void this.serve(req, res));
    server.keepAliveTimeout = 1000;
    this.server = server;
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private takeFault(request: RecordedRequest): Fault | undefined {
    const index = this.faults.findIndex(
      (rule) =>
        (rule.method === undefined || rule.method === request.method) &&
        (rule.path === undefined || pathMatches(request.path, rule.path)),
    );
    if (index < 0) return undefined;
    const rule = this.faults[index]!;
    rule.times = (rule.times ?? 1) - 1;
    if (rule.times <= 0) this.faults.splice(index, 1);
    return rule.fault;
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const sequence = ++requestsArrived;
    const request = { sequence, ...(await readRequest(req)) };
    this.requests.push(request);
    const fault = this.takeFault(request);
    if (fault?.kind === 'drop') return void req.socket.destroy();
    if (fault?.kind === 'respond') return send(res, fault.response);
    if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (fault?.kind === 'before') fault.run();
    let response: FakeResponse;
    try {
      response = await this.handle(request);
    } catch (error) {
      response = { status: 500, body: { message: `simulator failure: ${String(error)}` } };
    }
    if (fault?.kind === 'lose-answer') return void req.socket.destroy();
    send(res, response);
  }
}

function pathMatches(path: string, pattern: string | RegExp): boolean {
  return typeof pattern === 'string' ? path.includes(pattern) : pattern.test(path);
}

async function readRequest(req: IncomingMessage): Promise<Omit<RecordedRequest, 'sequence'>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const rawBody = Buffer.concat(chunks).toString('utf8');
  const url = new URL(req.url ?? '/', 'http://simulator');
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    body: parseBody(rawBody, headers['content-type'] ?? ''),
    rawBody,
  };
}

function parseBody(raw: string, contentType: string): unknown {
  if (raw === '') return undefined;
  if (contentType.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(raw));
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function send(res: ServerResponse, response: FakeResponse): void {
  const headers: Record<string, string> = { ...response.headers };
  let payload = '';
  if (response.body !== undefined) {
    payload = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
    headers['content-type'] ??= typeof response.body === 'string' ? 'text/plain' : 'application/json';
  }
  res.writeHead(response.status, headers);
  res.end(payload);
}
