import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, from lib/scripts/. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const builtCli = join(repoRoot, 'dist', 'cli.js');
export const builtAction = join(repoRoot, 'dist', 'index.js');

export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a built entry point as a separate process (asynchronously, so simulators in this
 * process keep answering), with a clean environment plus `env`.
 */
export function runNode(script: string, args: string[], env: Record<string, string>, cwd: string): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

export async function workspace(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'domain-sync-e2e-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

export function runCli(args: string[], env: Record<string, string>, cwd: string): Promise<ProcessResult> {
  return runNode(builtCli, args, env, cwd);
}

export interface ActionRun extends ProcessResult {
  outputs: Record<string, string>;
  summary: string;
}

/** Runs dist/index.js as the runner does: INPUT_* variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files. */
export async function runAction(inputs: Record<string, string>, env: Record<string, string>, cwd: string): Promise<ActionRun> {
  const outputFile = join(cwd, `github-output-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const summaryFile = `${outputFile}-summary`;
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  const inputEnv = Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]));
  const result = await runNode(builtAction, [], { ...inputEnv, ...env, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile }, cwd);
  return { ...result, outputs: parseOutputFile(await readFile(outputFile, 'utf8')), summary: await readFile(summaryFile, 'utf8') };
}

/** The runner's `name<<delimiter` multi-line format, and plain `name=value` lines. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const value: string[] = [];
      while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i]!);
      outputs[name!] = value.join('\n');
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}
