import type { GuardRefusal } from '../errors.js';
import type { HostOutcome, RunResult } from '../result.js';
import type { SslResult } from '../ssl/ssl-result.js';
import { changeFacts } from './change-facts.js';
import { previewsJson } from './render-previews.js';

/**
 * The stable `--json` shape (contract §3). Panel ids and other internals stay out; optional
 * fields are left out rather than set to undefined or null.
 */
export function toJson(result: RunResult): object {
  return {
    result: result.result,
    mode: result.mode,
    checksum: result.checksum,
    hosts: result.hosts.map(hostJson),
    ssl: result.ssl.map(sslJson),
    refusals: result.refusals.map(refusalJson),
    errors: [...result.errors],
    issues: result.configIssues.map((issue) =>
      definedOnly({ ...issue.location, message: issue.message, hint: issue.hint }),
    ),
    ...(result.previews ? { previews: previewsJson(result.previews) } : {}),
    ...(result.importedConfig !== undefined ? { importedConfig: result.importedConfig } : {}),
  };
}

function hostJson(host: HostOutcome): object {
  return definedOnly({
    id: host.id,
    provider: host.provider,
    checksum: host.checksum,
    apiCalls: host.apiCalls,
    changes: host.changes.map(changeFacts),
    warnings: [...host.warnings],
    heldBack: host.heldBack ? [...host.heldBack] : undefined,
    applied: host.applied,
    replanned: host.replanned,
    certificates: host.certificates ? { state: host.certificates.state, detail: host.certificates.detail } : undefined,
    doctor: host.doctor?.map((check) =>
      definedOnly({ name: check.name, ok: check.ok, detail: check.detail, hint: check.hint }),
    ),
    error: host.error,
  });
}

function sslJson(entry: SslResult): object {
  return definedOnly({
    name: entry.name,
    host: entry.host,
    state: entry.state,
    expires: entry.expires,
    detail: entry.detail,
    lastState: entry.lastState,
  });
}

function refusalJson(refusal: GuardRefusal): object {
  return {
    host: refusal.host,
    guard: refusal.guard,
    limit: refusal.limit,
    actual: refusal.actual,
    forceable: refusal.forceable,
    message: refusal.message,
  };
}

function definedOnly(fields: Record<string, unknown>): object {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
