import { basicCredentials } from '../http/redact.js';

/**
 * Masks every secret the run reads and the values derived from it that may reach a log: its
 * URL-encoded form (a URL with an `apikey` query) and the Basic auth header of any two secrets
 * (`base64(user:password)`), since the pairing is not known here.
 */
export function createSecretMasker(mask: (value: string) => void): (secret: string) => void {
  const seen: string[] = [];
  return (secret) => {
    if (secret === '' || seen.includes(secret)) return;
    mask(secret);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) mask(encoded);
    for (const other of seen) {
      mask(basicCredentials(other, secret));
      mask(basicCredentials(secret, other));
    }
    seen.push(secret);
  };
}
