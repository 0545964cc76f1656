import * as core from '@actions/core';
import type { Clock } from '../clock.js';
import { parseHostFilter } from '../cli/host-filter.js';
import { closestMatch } from '../config/closest-match.js';
import { durationHint, parseDuration } from '../config/durations.js';
import type { Logger } from '../log.js';
import type { Settings } from '../settings.js';
import { parseConnectTo, parseResolve } from '../ssl/routes.js';
import { forkFallback, resolveAutoMode, type ActionMode, type WorkflowEvent } from './auto-mode.js';
import { readWorkflowEvent } from './workflow-event.js';

/** The Action's inputs, parsed: the Settings for `run` and what only the Action itself reads. */
export interface ActionInputs {
  settings: Settings;
  /** check: drift fails the step. */
  failOnDrift: boolean;
  /** check: keep one labelled issue about drift, opened, updated and closed with it. */
  driftIssue: boolean;
  /** Keep one sticky comment with the plan on the pull request. */
  comment: boolean;
  /** For the comment, `expect-checksum: from-pr` and pull_request_target's configuration; may be empty. */
  githubToken: string;
  /** `expect-checksum: from-pr`: apply only the plan reviewed in the pull request this push merged. */
  checksumFromPullRequest: boolean;
  event: WorkflowEvent;
  /** `mode: auto` (or empty): the mode follows the event, and pull requests get their preview domains. */
  autoMode: boolean;
  /** Set when a plan became validate because the pull request comes from a fork: why. */
  forkFallbackReason?: string;
}

export interface ActionRuntime {
  env: Record<string, string | undefined>;
  clock: Clock;
  log: Logger;
  onSecret: (secret: string) => void;
}

/** One or more inputs are invalid; the message names each of them and what would be valid. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

const actionModes: readonly ActionMode[] = ['plan', 'apply', 'check', 'validate'];
const defaultSslIntervalMs = 10_000;

/**
 * The one reader of `core.getInput`. Logs the chosen mode, and why, before anything else.
 * Every invalid input is reported at once.
 */
export function readActionInputs(runtime: ActionRuntime): ActionInputs {
  const problems: string[] = [];
  const fail = (name: string, problem: string): undefined => {
    problems.push(`input \`${name}\`: ${problem}`);
    return undefined;
  };

  const event = readWorkflowEvent(runtime.env);
  const chosen = readMode(runtime, event, fail);
  const mode = chosen?.mode;
  const hosts = readHosts(fail);
  const settings: Settings = {
    mode: mode ?? 'plan',
    configPath: input('config') || 'domains.yml',
    hosts,
    hostsFilterName: 'input `hosts`',
    force: readBoolean('force', false, fail) ?? false,
    ssl: {
      intervalMs: readDuration('ssl-interval', fail) ?? defaultSslIntervalMs,
      check: readBoolean('ssl-check', false, fail) ?? false,
      resolve: readRoutes('resolve', parseResolve, fail),
      connectTo: readRoutes('connect-to', parseConnectTo, fail),
    },
    env: runtime.env,
    clock: runtime.clock,
    log: runtime.log,
    onSecret: runtime.onSecret,
  };
  const sslWait = readBoolean('ssl-wait', undefined, fail);
  if (sslWait !== undefined) settings.ssl.wait = sslWait;
  const timeoutMs = readDuration('ssl-timeout', fail);
  if (timeoutMs !== undefined) settings.ssl.timeoutMs = timeoutMs;
  const expectChecksum = readExpectChecksum(fail);
  if (expectChecksum !== undefined && expectChecksum !== fromPullRequest) settings.expectChecksum = expectChecksum;
  const failOnDrift = readBoolean('fail-on-drift', true, fail) ?? true;
  const driftIssue = readBoolean('drift-issue', false, fail) ?? false;
  const comment = readBoolean('comment', true, fail) ?? true;
  const githubToken = input('github-token');
  if (githubToken) runtime.onSecret(githubToken);

  if (problems.length > 0) {
    throw new InputError(problems.length === 1 ? problems[0]! : `invalid inputs:\n  ${problems.join('\n  ')}`);
  }
  return {
    settings,
    failOnDrift,
    driftIssue,
    comment,
    githubToken,
    checksumFromPullRequest: expectChecksum === fromPullRequest,
    event,
    autoMode: chosen?.auto ?? false,
    ...(chosen?.forkFallbackReason ? { forkFallbackReason: chosen.forkFallbackReason } : {}),
  };
}

type Fail = (name: string, problem: string) => undefined;

function input(name: string): string {
  return core.getInput(name).trim();
}

function lines(name: string): string[] {
  return core
    .getInput(name)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

interface ChosenMode {
  mode: ActionMode;
  auto: boolean;
  forkFallbackReason?: string;
}

/** The mode, logged first with why. auto validates a fork's pull request instead of planning it; an explicit mode always wins. */
function readMode(runtime: ActionRuntime, event: WorkflowEvent, fail: Fail): ChosenMode | undefined {
  const text = input('mode').toLowerCase();
  const auto = text === '' || text === 'auto';
  const chosen = auto ? resolveAutoMode(event) : { mode: actionModes.find((candidate) => candidate === text), reason: '' };
  const { mode } = chosen;
  if (mode) {
    const fallback = auto ? forkFallback(mode, event) : undefined;
    if (!fallback) {
      runtime.log.info(`mode: ${mode} (${auto ? `auto: ${chosen.reason}` : 'set by the mode input'})`);
      return { mode, auto };
    }
    runtime.log.info(`mode: ${fallback.mode} (auto: ${chosen.reason} would plan, but ${fallback.reason})`);
    return { mode: fallback.mode, auto, forkFallbackReason: fallback.reason };
  }
  const suggestion = closestMatch(text, ['auto', ...actionModes]);
  const hint = suggestion ? `did you mean \`${suggestion}\`? ` : '';
  return fail('mode', `\`${text}\` is not a mode; ${hint}valid: auto, ${actionModes.join(', ')}`);
}

function readHosts(fail: Fail): string[] {
  const parsed = parseHostFilter(core.getInput('hosts'));
  if ('error' in parsed) {
    fail('hosts', parsed.error);
    return [];
  }
  return parsed.hosts;
}

/** YAML 1.2 core booleans, as `core.getBooleanInput` accepts them; empty gives the default. */
function readBoolean<T extends boolean | undefined>(name: string, fallback: T, fail: Fail): boolean | T {
  const text = input(name);
  if (text === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(text)) return true;
  if (['false', 'False', 'FALSE'].includes(text)) return false;
  return fail(name, `\`${text}\` is not a boolean; valid: true, false`) ?? fallback;
}

function readDuration(name: string, fail: Fail): number | undefined {
  const text = input(name);
  if (text === '') return undefined;
  const parsed = parseDuration(text);
  if ('error' in parsed) return fail(name, `${parsed.error} (expected ${durationHint})`);
  return parsed.ms;
}

function readRoutes<T>(name: string, parse: (text: string) => T, fail: Fail): T[] {
  const rules: T[] = [];
  for (const line of lines(name)) {
    try {
      rules.push(parse(line));
    } catch (error) {
      fail(name, error instanceof Error ? error.message : String(error));
    }
  }
  return rules;
}

/** `expect-checksum`'s value that means "the checksum in the merged pull request's plan comment". */
const fromPullRequest = 'from-pr';

function readExpectChecksum(fail: Fail): string | undefined {
  const text = input('expect-checksum');
  if (text === '' || text === fromPullRequest) return text || undefined;
  if (!/^[A-Za-z0-9:_-]+$/.test(text)) return fail('expect-checksum', `\`${text}\` is not a plan checksum`);
  return text;
}
