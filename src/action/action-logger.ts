import * as core from '@actions/core';
import type { Logger } from '../log.js';

/** Progress into the runner's log; debug lines show when the workflow runs with debug logging. */
export const actionLogger: Logger = {
  debug: (message) => core.debug(message),
  info: (message) => core.info(message),
  warn: (message) => core.warning(message),
  error: (message) => core.error(message),
};
