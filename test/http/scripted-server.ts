import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { FakeHttpServer, type FakeResponse, type RecordedRequest } from '../../src/simulators/fake-server.js';

/** A loopback server whose answers the test writes; faults come from FakeHttpServer. */
export class ScriptedServer extends FakeHttpServer {
  constructor(private readonly answer: (request: RecordedRequest) => FakeResponse = () => ({ status: 200, body: { ok: true } })) {
    super();
  }

  protected handle(request: RecordedRequest): FakeResponse {
    return this.answer(request);
  }
}

export async function startScriptedServer(answer?: (request: RecordedRequest) => FakeResponse): Promise<ScriptedServer> {
  const server = new ScriptedServer(answer);
  await server.listen();
  return server;
}

/** A loopback port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
