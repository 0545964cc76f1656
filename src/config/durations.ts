const unitMs = { h: 3_600_000, m: 60_000, s: 1_000 } as const;
const durationPattern = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

export const durationHint = 'a duration like `20m`, `90s`, `1h`, `1h30m`, `500ms`, or a number of seconds';

/** `20m`, `90s`, `1h`, `1h30m`, `500ms`, or a plain number of seconds → milliseconds (more than zero). */
export function parseDuration(value: string | number): { ms: number } | { error: string } {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value > 0) return { ms: Math.round(value * 1000) };
    return { error: 'a duration must be more than zero seconds' };
  }
  const text = value.trim().toLowerCase();
  if (/^\d+(?:\.\d+)?$/.test(text)) return parseDuration(Number(text));
  const match = durationPattern.exec(text);
  if (!text || !match) return { error: `\`${value}\` is not a duration` };
  const [, hours, minutes, seconds, milliseconds] = match;
  const ms =
    Number(hours ?? 0) * unitMs.h + Number(minutes ?? 0) * unitMs.m + Number(seconds ?? 0) * unitMs.s + Number(milliseconds ?? 0);
  if (ms <= 0) return { error: 'a duration must be more than zero seconds' };
  return { ms };
}

/**
 * Milliseconds as domains.yml writes a duration: `500ms` under a second, otherwise whole seconds
 * in hours, minutes and seconds (`2s`, `1m30s`, `20m`, `1h5m`).
 */
export function formatDuration(ms: number): string {
  const wholeMs = Math.max(0, Math.round(ms));
  if (wholeMs < unitMs.s) return `${wholeMs}ms`;
  let rest = Math.round(wholeMs / unitMs.s) * unitMs.s;
  let text = '';
  for (const unit of ['h', 'm', 's'] as const) {
    const count = Math.floor(rest / unitMs[unit]);
    rest -= count * unitMs[unit];
    if (count > 0) text += `${count}${unit}`;
  }
  return text;
}
