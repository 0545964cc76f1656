import * as core from '@actions/core';
import { systemClock } from '../clock.js';
import { describeError } from '../errors.js';
import { createActionLogger } from './action-logger.js';
import { gitHubAccess } from './github-access.js';
import { readActionInputs } from './inputs.js';
import { outputsWithoutRun } from './outputs.js';
import { prepareRun, type PreparedRun } from './prepare-run.js';
import { reportRun } from './report-run.js';
import { runPrepared } from './run-prepared.js';
import { createSecretMasker } from './secret-masker.js';
import { StepTimer } from './step-timer.js';
import { writeFailureSummary } from './summary.js';

/** The Action: inputs → what GitHub must tell first → run (and a pull request's preview) → report. The one failure boundary: a step that fails before its report still writes a summary. */
export async function main(): Promise<void> {
  const timer = new StepTimer(systemClock);
  const log = createActionLogger();
  let prepared: PreparedRun | undefined;
  let reporting = false;
  try {
    const env = process.env;
    const inputs = readActionInputs({
      env,
      clock: systemClock,
      log,
      onSecret: createSecretMasker((value) => core.setSecret(value)),
    });
    const github = gitHubAccess(inputs.githubToken, env);
    prepared = await prepareRun(inputs, { github, timer, log, ...(env['RUNNER_TEMP'] ? { tempRoot: env['RUNNER_TEMP'] } : {}) });
    const outcomes = await runPrepared(prepared, timer);
    const result = prepared.asConfigured(outcomes.result);
    const preview = outcomes.preview && prepared.asConfigured(outcomes.preview);
    reporting = true;
    await reportRun({ inputs, prepared, result, ...(preview ? { preview } : {}), github, timer, env, errorsLogged: log.errorsLogged });
  } catch (error) {
    const outputs = reporting ? { result: 'failed' } : outputsWithoutRun();
    for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);
    if (!reporting) {
      await writeFailureSummary(describeError(error), process.env).catch((summaryError: unknown) =>
        core.warning(`The job summary could not be written: ${describeError(summaryError)}`),
      );
    }
    core.setFailed(describeError(error));
  } finally {
    await prepared?.cleanup().catch(() => undefined);
  }
}
