/** The command line cannot be understood. The CLI prints it with the usage line and exits 1. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
