import * as core from '@actions/core';
import type { Logger } from '../log.js';

/** The runner's log, remembering the errors it annotated so the step's failure message does not repeat them. */
export interface ActionLogger extends Logger {
  readonly errorsLogged: readonly string[];
}

/** Progress into the runner's log; debug lines show when the workflow runs with debug logging. */
export function createActionLogger(): ActionLogger {
  const errorsLogged: string[] = [];
  return {
    errorsLogged,
    debug: (message) => core.debug(message),
    info: (message) => core.info(message),
    warn: (message) => core.warning(message),
    error: (message) => {
      errorsLogged.push(message);
      core.error(message);
    },
  };
}
