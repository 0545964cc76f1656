import { STATUS_CODES } from 'node:http';
import { HostApiError, type HostApiErrorKind } from '../errors.js';
import type { NetworkFailure } from './network-failure.js';
import { redact } from './redact.js';

/** Builds the `HostApiError`s of one request; every text in them goes through `redact`. */
export interface RequestContext {
  hostId: string;
  method: string;
  /** The request path as the provider gave it, for messages. */
  path: string;
  /** The full URL, not yet redacted. */
  url: string;
  secrets: string[];
}

const outcomeUnknownNote = 'the request may or may not have taken effect';

export function kindForStatus(status: number): HostApiErrorKind {
  if (status === 401 || status === 403) return 'credentials';
  if (status === 404) return 'not-found';
  if (status === 407) return 'network';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  if (status >= 400) return 'rejected';
  return 'invalid-response';
}

export function statusError(
  context: RequestContext,
  response: { status: number; statusText: string; apiMessage?: string; mayHaveActed: boolean },
): HostApiError {
  const kind = response.mayHaveActed ? 'outcome-unknown' : kindForStatus(response.status);
  const apiMessage = response.apiMessage === undefined ? undefined : redact(response.apiMessage, context.secrets);
  let outcome = statusLine(response.status, response.statusText);
  if (apiMessage !== undefined) outcome += `: ${apiMessage}`;
  if (response.mayHaveActed) outcome += `; ${outcomeUnknownNote}`;
  return build(context, kind, outcome, { status: response.status, apiMessage });
}

export function noAnswerError(context: RequestContext, failure: NetworkFailure): HostApiError {
  const kind = failure.kind === 'not-sent' ? 'network' : 'outcome-unknown';
  const note = failure.kind === 'not-sent' ? '' : `; ${outcomeUnknownNote}`;
  return build(context, kind, `no answer (${failure.reason})${note}`, {});
}

export function invalidResponseError(
  context: RequestContext,
  response: { status: number; statusText: string },
  problem: string,
): HostApiError {
  const outcome = `${statusLine(response.status, response.statusText)}, but ${problem}`;
  return build(context, 'invalid-response', outcome, { status: response.status });
}

function build(
  context: RequestContext,
  kind: HostApiErrorKind,
  outcome: string,
  extra: { status?: number; apiMessage?: string | undefined },
): HostApiError {
  const path = redact(context.path, context.secrets);
  return new HostApiError({
    hostId: context.hostId,
    kind,
    method: context.method,
    url: redact(context.url, context.secrets),
    ...(extra.status === undefined ? {} : { status: extra.status }),
    ...(extra.apiMessage === undefined ? {} : { apiMessage: extra.apiMessage }),
    message: redact(`${context.hostId}: ${context.method} ${path} → ${outcome}`, context.secrets),
  });
}

function statusLine(status: number, statusText: string): string {
  const reason = statusText.trim() || STATUS_CODES[status] || '';
  return reason === '' ? String(status) : `${status} ${reason}`;
}
