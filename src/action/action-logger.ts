import * as core from '@actions/core';
import type { Logger } from '../log.js';
import { annotationsBeforeFailure } from './annotations.js';

/** The runner's log, remembering the errors it annotated so the step's failure message does not repeat them. */
export interface ActionLogger extends Logger {
  readonly errorsLogged: readonly string[];
}

export interface ActionLogOutput {
  annotate: (message: string) => void;
  print: (message: string) => void;
}

const runnerLog: ActionLogOutput = { annotate: (message) => core.error(message), print: (message) => core.info(message) };

/**
 * Progress into the runner's log; debug lines show when the workflow runs with debug logging.
 * Errors become annotations while GitHub still shows them, keeping one for the step's failure
 * message; later errors are plain log lines, and the failure message lists them instead.
 */
export function createActionLogger(output: ActionLogOutput = runnerLog): ActionLogger {
  const errorsLogged: string[] = [];
  return {
    errorsLogged,
    debug: (message) => core.debug(message),
    info: (message) => output.print(message),
    warn: (message) => core.warning(message),
    error: (message) => {
      if (errorsLogged.length < annotationsBeforeFailure) {
        errorsLogged.push(message);
        output.annotate(message);
      } else {
        output.print(`Error: ${message}`);
      }
    },
  };
}
