/**
 * The base URL joined with a request path and query. The base may carry a path of its own
 * (`https://manage.runcloud.io/api/v3`), which the request path extends rather than replaces.
 */
export function requestUrl(baseUrl: string, path: string, query?: Record<string, string>): URL {
  const url = new URL(baseUrl);
  const [pathPart = '', queryPart] = splitOnce(path, '?');
  const basePath = url.pathname.replace(/\/+$/, '');
  const extraPath = pathPart.replace(/^\/+/, '');
  url.pathname = extraPath === '' ? basePath || '/' : `${basePath}/${extraPath}`;
  if (queryPart !== undefined) {
    for (const [key, value] of new URLSearchParams(queryPart)) url.searchParams.append(key, value);
  }
  for (const [key, value] of Object.entries(query ?? {})) url.searchParams.append(key, value);
  url.hash = '';
  return url;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const index = text.indexOf(separator);
  return index < 0 ? [text, undefined] : [text.slice(0, index), text.slice(index + 1)];
}
