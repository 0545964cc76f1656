import type { Logger } from '../log.js';

export interface StderrLoggerOptions {
  /** Show debug lines too (`DOMAIN_SYNC_DEBUG=1`). */
  debug: boolean;
  /** Prefix warnings and errors with a coloured label. */
  color: boolean;
  write: (text: string) => void;
}

/** The CLI's progress log: one line per message on stderr, so stdout stays the result. */
export function createStderrLogger(options: StderrLoggerOptions): Logger {
  const label = (text: string, code: number): string => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const line = (prefix: string, message: string): void => options.write(`${prefix}${message}\n`);
  return {
    debug: (message) => {
      if (options.debug) line(label('debug: ', 2), message);
    },
    info: (message) => line('', message),
    warn: (message) => line(label('warning: ', 33), message),
    error: (message) => line(label('error: ', 31), message),
  };
}

/** `DOMAIN_SYNC_DEBUG` turns debug lines on unless it is empty, `0` or `false`. */
export function debugEnabled(env: Record<string, string | undefined>): boolean {
  const value = env['DOMAIN_SYNC_DEBUG']?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}
