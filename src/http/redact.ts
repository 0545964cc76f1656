import type { HttpAuth } from './http-client.js';

const mask = '***';

/** Shorter secrets are left alone: they would match ordinary text. */
const minimumSecretLength = 4;

/**
 * Replaces every secret in the text, raw, URL-encoded (as a path or query component would carry
 * it), form-encoded or JSON-escaped (as a quoted body would carry it), with `***`.
 */
export function redact(text: string, secrets: string[]): string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < minimumSecretLength) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(new URLSearchParams({ s: secret }).toString().slice(2));
    forms.add(JSON.stringify(secret).slice(1, -1));
  }
  let redacted = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) {
    redacted = redacted.split(form).join(mask);
  }
  return redacted;
}

/** The secrets an auth scheme puts on the wire, the encoded Basic credentials among them. */
export function authSecrets(auth: HttpAuth): string[] {
  switch (auth.kind) {
    case 'basic':
      return [auth.password, basicCredentials(auth.username, auth.password)];
    case 'bearer':
      return [auth.token];
    case 'none':
      return [];
  }
}

export function basicCredentials(username: string, password: string): string {
  return Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
}
