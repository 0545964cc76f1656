import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { builtAction, parseOutputFile, repoRoot, runNode, type ActionRun } from '../../scripts/run-built.js';

/**
 * A small stand-in for the Actions runner, so tests run the workflow files as written: steps
 * that use this Action (`./` or `domain-sync/domain-sync@…`) run dist/index.js with the inputs
 * of `with:` over action.yml's defaults; `run:` steps run in bash with GITHUB_ENV and
 * GITHUB_OUTPUT; other actions (checkout, setup-node) are skipped, the test prepares the
 * checkout. Expressions: secrets, env, runner.temp, matrix, steps.*.outputs, needs.*.outputs,
 * github.token / event_name / sha / ref / repository / event.*, and fromJSON(). Anything else
 * throws, so a workflow the runner would read differently fails the test instead of passing.
 */

export interface Workflow {
  on: unknown;
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  concurrency?: Concurrency;
  jobs: Record<string, Job>;
}

export interface Concurrency {
  group: string;
  'cancel-in-progress'?: boolean;
}

export interface Job {
  name?: string;
  'runs-on': string;
  needs?: string | string[];
  permissions?: Record<string, string>;
  outputs?: Record<string, string>;
  strategy?: { 'fail-fast'?: boolean; matrix: Record<string, unknown> };
  concurrency?: Concurrency;
  env?: Record<string, string>;
  steps: Step[];
}

export interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
}

export interface JobContext {
  /** The checkout: the job's working directory. */
  cwd: string;
  event: { name: string; payload: Record<string, unknown>; sha: string; ref?: string };
  secrets: Record<string, string>;
  github: { repository: string; apiUrl: string; serverUrl: string; token: string };
  matrix?: Record<string, string>;
  needs?: Record<string, { outputs: Record<string, string> }>;
  /** `run:` steps to leave out (e.g. `npm ci`: the test already built everything). */
  skipRun?: (step: Step) => boolean;
  /**
   * Inputs the test adds to this Action's steps, such as `connect-to` to reach the TLS simulator
   * instead of real DNS. Only inputs the workflow leaves unset: the workflow is run as written.
   */
  extraInputs?: Record<string, string>;
  /** The runner machine's own environment, e.g. NODE_EXTRA_CA_CERTS trusting the test CA. */
  machineEnv?: Record<string, string>;
}

export interface StepRun {
  outcome: 'success' | 'failure';
  outputs: Record<string, string>;
  log: string;
  /** This Action's runs only. */
  action?: ActionRun;
}

export interface JobRun {
  failed: boolean;
  /** RUNNER_TEMP of the job. */
  runnerTemp: string;
  /** By step id, or `#index` for steps without one. */
  steps: Record<string, StepRun>;
  outputs: Record<string, string>;
}

export const actionYml = load(await readFile(join(repoRoot, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, unknown>;
};

export async function readWorkflow(relativePath: string): Promise<Workflow> {
  return load(await readFile(join(repoRoot, relativePath), 'utf8')) as Workflow;
}

export function isThisAction(uses: string | undefined): boolean {
  return uses === './' || (uses?.startsWith('domain-sync/domain-sync@') ?? false);
}

let runCount = 0;

export async function runJob(workflow: Workflow, jobId: string, context: JobContext): Promise<JobRun> {
  const job = workflow.jobs[jobId];
  if (!job) throw new Error(`no job ${jobId}`);
  const runnerTemp = await mkdtemp(join(tmpdir(), 'domain-sync-runner-'));
  const eventPath = join(runnerTemp, 'event.json');
  await writeFile(eventPath, JSON.stringify(context.event.payload));
  const runId = String(70_000 + ++runCount);
  const runnerEnv: Record<string, string> = {
    ...context.machineEnv,
    GITHUB_EVENT_NAME: context.event.name,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_SHA: context.event.sha,
    GITHUB_REPOSITORY: context.github.repository,
    GITHUB_API_URL: context.github.apiUrl,
    GITHUB_SERVER_URL: context.github.serverUrl,
    GITHUB_RUN_ID: runId,
    GITHUB_WORKSPACE: context.cwd,
    RUNNER_TEMP: runnerTemp,
    ...(context.event.ref ? { GITHUB_REF: context.event.ref } : {}),
  };
  const steps: Record<string, StepRun> = {};
  const env: Record<string, string> = {};
  const evaluate = (text: string): string => interpolate(text, { context, env, steps, runnerTemp });
  for (const [name, value] of Object.entries({ ...workflow.env, ...job.env })) env[name] = evaluate(value);

  let failed = false;
  for (const [index, step] of job.steps.entries()) {
    if (step.if !== undefined) throw new Error(`step ${step.id ?? index}: \`if:\` is not supported here`);
    const key = step.id ?? `#${index}`;
    const stepEnv = { ...runnerEnv, ...env, ...mapValues(step.env ?? {}, evaluate) };
    let run: StepRun | undefined;
    if (isThisAction(step.uses)) {
      const inputs = mapValues(actionYml.inputs, (input) => evaluate(input.default ?? ''));
      for (const [name, value] of Object.entries(step.with ?? {})) inputs[name] = evaluate(String(value));
      for (const [name, value] of Object.entries(context.extraInputs ?? {})) {
        if (step.with?.[name] !== undefined) throw new Error(`step ${key}: the workflow sets ${name} itself`);
        inputs[name] = value;
      }
      const action = await runThisAction(inputs, stepEnv, context.cwd, runnerTemp);
      run = { outcome: action.code === 0 ? 'success' : 'failure', outputs: action.outputs, log: action.stdout + action.stderr, action };
    } else if (step.run !== undefined && !context.skipRun?.(step)) {
      run = await runShell(evaluate(step.run), stepEnv, context.cwd, runnerTemp, env);
    }
    if (!run) continue;
    steps[key] = run;
    if (run.outcome === 'failure') {
      failed = true;
      break;
    }
  }
  const outputs = failed ? {} : mapValues(job.outputs ?? {}, evaluate);
  return { failed, runnerTemp, steps, outputs };
}

/** The values of a matrix entry written as `${{ fromJSON(...) }}`, or a literal list. */
export function matrixValues(job: Job, name: string, context: Pick<JobContext, 'needs'>): string[] {
  const value = job.strategy?.matrix[name];
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') throw new Error(`matrix.${name} is neither a list nor an expression`);
  const match = /^\$\{\{\s*fromJSON\((.+)\)\s*\}\}$/.exec(value.trim());
  if (!match) throw new Error(`matrix.${name}: only \${{ fromJSON(...) }} is supported`);
  const json = lookup(match[1]!.trim(), { context: { ...emptyContext, ...context }, env: {}, steps: {}, runnerTemp: '' });
  return (JSON.parse(json) as unknown[]).map(String);
}

/** dist/index.js with INPUT_* variables; GITHUB_OUTPUT and GITHUB_STEP_SUMMARY in RUNNER_TEMP, as the runner keeps them. */
async function runThisAction(inputs: Record<string, string>, env: Record<string, string>, cwd: string, runnerTemp: string): Promise<ActionRun> {
  const { envFile: summaryFile, outputFile } = await stepFiles(runnerTemp);
  const inputEnv = Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]));
  const result = await runNode(builtAction, [], { ...inputEnv, ...env, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile }, cwd);
  return { ...result, outputs: parseOutputFile(await readFile(outputFile, 'utf8')), summary: await readFile(summaryFile, 'utf8') };
}

async function stepFiles(runnerTemp: string): Promise<{ envFile: string; outputFile: string }> {
  const stamp = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const envFile = join(runnerTemp, `file-${stamp}`);
  const outputFile = join(runnerTemp, `output-${stamp}`);
  await writeFile(envFile, '');
  await writeFile(outputFile, '');
  return { envFile, outputFile };
}

async function runShell(
  script: string,
  env: Record<string, string>,
  cwd: string,
  runnerTemp: string,
  jobEnv: Record<string, string>,
): Promise<StepRun> {
  const { envFile, outputFile } = await stepFiles(runnerTemp);
  const code = await new Promise<{ code: number; log: string }>((resolve, reject) => {
    const child = spawn('bash', ['-e', '-o', 'pipefail', '-c', script], {
      cwd,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env, GITHUB_ENV: envFile, GITHUB_OUTPUT: outputFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ code: status ?? -1, log }));
  });
  Object.assign(jobEnv, parseOutputFile(await readFile(envFile, 'utf8')));
  const outputs = parseOutputFile(await readFile(outputFile, 'utf8'));
  return { outcome: code.code === 0 ? 'success' : 'failure', outputs, log: code.log };
}

interface Scope {
  context: JobContext;
  env: Record<string, string>;
  steps: Record<string, StepRun>;
  runnerTemp: string;
}

const emptyContext: JobContext = {
  cwd: '',
  event: { name: '', payload: {}, sha: '' },
  secrets: {},
  github: { repository: '', apiUrl: '', serverUrl: '', token: '' },
};

function interpolate(text: string, scope: Scope): string {
  return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) => lookup(expression, scope));
}

/** One context path, e.g. `steps.plan.outputs.plan-checksum`; a missing value is '' as on GitHub. */
function lookup(expression: string, scope: Scope): string {
  const [head, ...rest] = expression.split('.');
  const { context } = scope;
  const at = (value: unknown, path: string[]): string => {
    let current = value;
    for (const part of path) current = typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[part] : undefined;
    if (current === undefined || current === null) return '';
    return typeof current === 'object' ? JSON.stringify(current) : String(current);
  };
  switch (head) {
    case 'secrets':
      return at(context.secrets, rest);
    case 'env':
      return at(scope.env, rest);
    case 'matrix':
      return at(context.matrix ?? {}, rest);
    case 'steps':
      return at(scope.steps, rest);
    case 'needs':
      return at(context.needs ?? {}, rest);
    case 'runner':
      if (rest.join('.') === 'temp') return scope.runnerTemp;
      break;
    case 'github': {
      const name = rest[0];
      if (name === 'token') return context.github.token;
      if (name === 'event_name') return context.event.name;
      if (name === 'sha') return context.event.sha;
      if (name === 'ref') return context.event.ref ?? '';
      if (name === 'repository') return context.github.repository;
      if (name === 'event') return at(context.event.payload, rest.slice(1));
      break;
    }
  }
  throw new Error(`the workflow runner of the tests does not know \${{ ${expression} }}`);
}

function mapValues<T>(record: Record<string, T>, map: (value: T) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([name, value]) => [name, map(value)]));
}
