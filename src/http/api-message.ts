/** The human message inside an API's error body, in the shapes the hosts use. */

const maximumTextLength = 300;

export function apiMessageOf(
  body: unknown,
  describeApiError?: (body: unknown) => string | undefined,
): string | undefined {
  const described = describeApiError?.(body);
  if (described !== undefined && described.trim() !== '') return described.trim();
  if (typeof body === 'string') return plainTextMessage(body);
  if (!isRecord(body)) return undefined;
  const message = nonEmptyString(body.message) ?? errorFieldMessage(body.error);
  const details = validationDetails(body.errors);
  if (message === undefined) return details;
  return details === undefined ? message : `${message} (${details})`;
}

/** `{"error":{"message":"..."}}` or `{"error":"..."}`. */
function errorFieldMessage(error: unknown): string | undefined {
  if (isRecord(error)) return nonEmptyString(error.message);
  return nonEmptyString(error);
}

/** Laravel-style `{"errors":{"domain":["The domain has already been taken."]}}`. */
function validationDetails(errors: unknown): string | undefined {
  if (!isRecord(errors)) return undefined;
  const messages = Object.values(errors)
    .flatMap((value) => (Array.isArray(value) ? value : [value]))
    .filter((value): value is string => typeof value === 'string' && value.trim() !== '');
  return messages.length === 0 ? undefined : messages.join('; ');
}

/** A short plain-text body is the message; an HTML page or a long dump is not. */
function plainTextMessage(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.length > maximumTextLength || /^<|<html/i.test(trimmed)) return undefined;
  return trimmed;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
