import { systemClock } from './clock.js';
import { runCli, wantsColor } from './cli/run-cli.js';

const exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  clock: systemClock,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdoutColor: wantsColor(process.stdout.isTTY, process.env),
  stderrColor: wantsColor(process.stderr.isTTY, process.env),
});
process.exitCode = exitCode;
