import type { Clock } from '../clock.js';
import { describeError } from '../errors.js';
import { exitCodeFor } from '../exit-code.js';
import { renderText } from '../plan/render-text.js';
import { toJson } from '../plan/render-json.js';
import type { RunResult } from '../result.js';
import { run } from '../run.js';
import { parseCliArgs } from './args.js';
import { usageLine } from './help-text.js';
import { createStderrLogger, debugEnabled } from './stderr-logger.js';
import { UsageError } from './usage-error.js';

export interface CliIo {
  env: Record<string, string | undefined>;
  clock: Clock;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Colour the text output (stdout is a terminal and NO_COLOR is unset). */
  stdoutColor: boolean;
  stderrColor: boolean;
}

/**
 * The CLI from argv to exit code: the result goes to stdout (text, JSON, or the imported file),
 * progress and errors to stderr.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<0 | 1 | 2> {
  const log = createStderrLogger({ debug: debugEnabled(io.env), color: io.stderrColor, write: io.stderr });
  let command;
  try {
    command = parseCliArgs(argv, { env: io.env, clock: io.clock, log });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`domain-sync: ${error.message}\n${usageLine}\nRun \`domain-sync --help\` for every option.\n`);
    return 1;
  }
  if (command.kind !== 'run') {
    io.stdout(command.text);
    return 0;
  }

  let result: RunResult;
  try {
    result = await run(command.settings);
  } catch (error) {
    log.error(describeError(error));
    return 1;
  }
  if (command.json) {
    io.stdout(`${JSON.stringify(toJson(result), null, 2)}\n`);
  } else if (result.mode === 'import') {
    // stdout is meant for the file (`domain-sync import > domains.yml`): a failure goes to stderr.
    if (result.importedConfig !== undefined) io.stdout(result.importedConfig);
    else io.stderr(renderText(result, { color: io.stderrColor }));
  } else {
    io.stdout(renderText(result, { color: io.stdoutColor }));
  }
  return exitCodeFor(result);
}

/** NO_COLOR (any value) turns colour off; otherwise colour only for a terminal. */
export function wantsColor(isTty: boolean | undefined, env: Record<string, string | undefined>): boolean {
  return isTty === true && env['NO_COLOR'] === undefined && env['TERM'] !== 'dumb';
}
