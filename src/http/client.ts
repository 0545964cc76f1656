import fetch, { type Response } from 'node-fetch';
import type { Clock } from '../clock.js';
import { formatDuration } from '../config/durations.js';
import { HostSetupError } from '../errors.js';
import { silentLogger, type Logger } from '../log.js';
import { apiMessageOf } from './api-message.js';
import { createConnectionAgents } from './connection-agents.js';
import { invalidResponseError, noAnswerError, statusError, type RequestContext } from './host-api-errors.js';
import type { HostHttpClient, HttpAuth, HttpRequest, HttpResponse } from './http-client.js';
import { classifyNetworkFailure, type NetworkFailure } from './network-failure.js';
import { proxyFor, ProxySettingError, type Environment } from './proxy.js';
import { RateLimiter } from './rate-limiter.js';
import { authSecrets, basicCredentials, redact } from './redact.js';
import { requestUrl } from './request-url.js';
import { parseResponseBody } from './response-body.js';
import {
  defaultRetryPolicy,
  isIdempotent,
  mayHaveActed,
  retryDelay,
  type AttemptFailure,
  type RetryPolicy,
} from './retry-policy.js';
import { userAgent } from './user-agent.js';

export interface HttpClientOptions {
  /** The host's id in domains.yml, the first word of every error message. */
  hostId: string;
  provider: string;
  /** Request paths are appended to it; it may end in a version path such as `/api/v3`. */
  baseUrl: string;
  auth: HttpAuth;
  /** Texts never to show (API keys sent in a query or form); the auth secrets are added. */
  secrets: string[];
  clock: Clock;
  headers?: Record<string, string>;
  /** Per attempt. Default 30 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Shared by every client of one credential; each client gets its own otherwise. */
  rateLimiter?: RateLimiter;
  /** The API's message in an error body, when it is none of the common shapes. */
  describeApiError?: (body: unknown) => string | undefined;
  /** Where `HTTPS_PROXY` and `NO_PROXY` are read. Default `process.env`. */
  env?: Environment;
  /** Retries and rate-limit waits are reported here. */
  log?: Logger;
}

const defaultTimeoutMs = 30_000;

type AttemptResult =
  | { kind: 'response'; response: Response; text: string }
  | { kind: 'no-answer'; failure: NetworkFailure };

export function createHttpClient(options: HttpClientOptions): HostHttpClient {
  const env = options.env ?? process.env;
  const baseUrl = checkedBaseUrl(options.hostId, options.baseUrl, env);
  const proxyPassword = proxyCredentials(baseUrl, env);
  const secrets = [...options.secrets, ...authSecrets(options.auth), ...proxyPassword];
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const limiter = options.rateLimiter ?? new RateLimiter({ clock: options.clock });
  const log = options.log ?? silentLogger;
  const agentFor = createConnectionAgents(env);
  const fixedHeaders = lowerCaseKeys({
    accept: 'application/json',
    'user-agent': userAgent,
    ...options.headers,
    ...authorizationHeader(options.auth),
  });
  let calls = 0;

  async function attempt(
    url: URL,
    request: { method: string; headers: Record<string, string>; payload?: string; idempotent: boolean },
  ): Promise<AttemptResult> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    calls += 1;
    try {
      const response = await fetch(url, {
        method: request.method,
        headers: request.headers,
        body: request.payload,
        agent: (target) => agentFor(target, request.idempotent),
        signal: controller.signal,
        redirect: 'manual',
      });
      // A panel may echo credentials back (a debug page, an error repeating the request): they are
      // gone from the body before anything parses, excerpts or quotes it.
      return { kind: 'response', response, text: redact(await response.text(), secrets) };
    } catch (error) {
      return { kind: 'no-answer', failure: classifyNetworkFailure(error, controller.signal.aborted ? timeoutMs : undefined) };
    } finally {
      clearTimeout(timer);
    }
  }

  async function request(request: HttpRequest): Promise<HttpResponse> {
    const url = requestUrl(baseUrl.href, request.path, request.query);
    const context: RequestContext = { hostId: options.hostId, method: request.method, path: request.path, url: url.href, secrets };
    const headers = { ...fixedHeaders, ...contentHeaders(request) };
    const payload = encodeBody(request);
    const idempotent = isIdempotent(request);
    for (let attempts = 1; ; attempts += 1) {
      const waited = await limiter.acquire();
      if (waited > 0) log.info(`${options.hostId}: waited ${formatDuration(waited)} for the ${options.provider} rate limit`);
      const result = await attempt(url, { method: request.method, headers, payload, idempotent });
      let failure: AttemptFailure;
      if (result.kind === 'response') {
        const { response, text } = result;
        const responseHeaders = headersOf(response);
        limiter.observe(responseHeaders, response.status);
        if (response.ok) return successResponse(context, response, responseHeaders, text);
        if (response.status < 400) {
          const location = responseHeaders.location ?? 'nowhere';
          throw invalidResponseError(context, response, `it redirects to ${location}`);
        }
        failure = { kind: 'status', status: response.status, ...retryAfterOf(responseHeaders) };
      } else {
        failure = { kind: result.failure.kind };
      }
      const delay = retryDelay(failure, attempts, idempotent, policy, options.clock.now());
      if (delay === undefined) throw finalError(context, result, failure);
      log.info(
        redact(
          `${options.hostId}: ${request.method} ${request.path} failed (${describeFailure(result)}), retrying in ${formatDuration(delay)}`,
          secrets,
        ),
      );
      await options.clock.sleep(delay);
    }
  }

  function finalError(context: RequestContext, result: AttemptResult, failure: AttemptFailure): Error {
    // A read changes nothing, so only a write can leave its outcome unknown.
    const write = context.method !== 'GET';
    if (result.kind === 'no-answer') {
      return noAnswerError(context, write ? result.failure : { ...result.failure, kind: 'not-sent' });
    }
    const { response, text } = result;
    const parsed = parseResponseBody(text, response.headers.get('content-type') ?? '');
    const apiMessage = parsed.ok ? apiMessageOf(parsed.body, options.describeApiError) : undefined;
    return statusError(context, {
      status: response.status,
      statusText: response.statusText,
      ...(apiMessage === undefined ? {} : { apiMessage }),
      mayHaveActed: write && mayHaveActed(failure),
    });
  }

  return {
    request,
    get calls() {
      return calls;
    },
    get rateLimit() {
      return limiter.lastSeen;
    },
  };
}

function successResponse(
  context: RequestContext,
  response: Response,
  headers: Record<string, string>,
  text: string,
): HttpResponse {
  const parsed = parseResponseBody(text, headers['content-type'] ?? '');
  if (!parsed.ok) throw invalidResponseError(context, response, parsed.problem);
  return { status: response.status, headers, body: parsed.body };
}

function checkedBaseUrl(hostId: string, baseUrl: string, env: Environment): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new HostSetupError(hostId, `${hostId}: the API URL is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new HostSetupError(hostId, `${hostId}: the API URL must be http:// or https://, not ${url.protocol}//`);
  }
  try {
    proxyFor(url, env);
  } catch (error) {
    if (error instanceof ProxySettingError) throw new HostSetupError(hostId, `${hostId}: ${error.message}`);
    throw error;
  }
  return url;
}

/** The proxy's password, if HTTPS_PROXY carries one, so errors never show it. */
function proxyCredentials(baseUrl: URL, env: Environment): string[] {
  const proxy = proxyFor(baseUrl, env);
  if (proxy === undefined || proxy.password === '') return [];
  return [decodeURIComponent(proxy.password), proxy.password];
}

function authorizationHeader(auth: HttpAuth): Record<string, string> {
  switch (auth.kind) {
    case 'basic':
      return { authorization: `Basic ${basicCredentials(auth.username, auth.password)}` };
    case 'bearer':
      return { authorization: `Bearer ${auth.token}` };
    case 'none':
      return {};
  }
}

function contentHeaders(request: HttpRequest): Record<string, string> {
  if (request.json !== undefined && request.form !== undefined) {
    throw new Error(`${request.method} ${request.path}: a request carries either a JSON or a form body, not both`);
  }
  if (request.json !== undefined) return { 'content-type': 'application/json' };
  if (request.form !== undefined) return { 'content-type': 'application/x-www-form-urlencoded' };
  return {};
}

function encodeBody(request: HttpRequest): string | undefined {
  if (request.json !== undefined) return JSON.stringify(request.json);
  if (request.form !== undefined) return new URLSearchParams(request.form).toString();
  return undefined;
}

function headersOf(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  return headers;
}

function retryAfterOf(headers: Record<string, string>): { retryAfter?: string } {
  const value = headers['retry-after'];
  return value === undefined ? {} : { retryAfter: value };
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

function describeFailure(result: AttemptResult): string {
  if (result.kind === 'no-answer') return result.failure.reason;
  return `${result.response.status} ${result.response.statusText}`.trim();
}
