import * as core from '@actions/core';
import { systemClock } from '../clock.js';
import { describeError } from '../errors.js';
import { renderText } from '../plan/render-text.js';
import { run } from '../run.js';
import { actionLogger } from './action-logger.js';
import { annotateConfigIssues } from './annotations.js';
import { readActionInputs } from './inputs.js';
import { actionOutputs } from './outputs.js';
import { createSecretMasker } from './secret-masker.js';
import { stepFailure } from './failure.js';
import { writeJobSummary } from './summary.js';

/** The Action: inputs → run → log, annotations, outputs, job summary. The one failure boundary. */
export async function main(): Promise<void> {
  try {
    const { settings, failOnDrift } = readActionInputs({
      env: process.env,
      clock: systemClock,
      log: actionLogger,
      onSecret: createSecretMasker((value) => core.setSecret(value)),
    });
    const result = await run(settings);
    core.info(renderText(result).trimEnd());
    annotateConfigIssues(result.configIssues);
    for (const [name, value] of Object.entries(actionOutputs(result))) core.setOutput(name, value);
    await writeJobSummary(result, process.env).catch((error: unknown) =>
      core.warning(`The job summary could not be written: ${describeError(error)}`),
    );
    const failure = stepFailure(result, failOnDrift);
    if (failure !== undefined) core.setFailed(failure);
  } catch (error) {
    core.setFailed(describeError(error));
  }
}
