/** A response body as the client hands it over: parsed JSON when it is JSON, else the text. */
export type ParsedBody = { ok: true; body: unknown } | { ok: false; problem: string };

export function parseResponseBody(text: string, contentType: string): ParsedBody {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, body: undefined };
  const declaredJson = /[/+]json\b/i.test(contentType);
  if (declaredJson || /^[{[]/.test(trimmed)) {
    try {
      return { ok: true, body: JSON.parse(trimmed) as unknown };
    } catch {
      if (declaredJson) return { ok: false, problem: `the body is not valid JSON: ${JSON.stringify(excerpt(trimmed))}` };
    }
  }
  return { ok: true, body: text };
}

function excerpt(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 60 ? `${oneLine.slice(0, 60)}…` : oneLine;
}
