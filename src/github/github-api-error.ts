/** A GitHub REST call failed. The message names the call and GitHub's answer, never the token. */
export class GitHubApiError extends Error {
  override readonly name = 'GitHubApiError';
  constructor(
    /** e.g. `POST /repos/acme/sites/issues/7/comments` */
    readonly call: string,
    /** undefined when no answer came (network, timeout). */
    readonly status: number | undefined,
    /** GitHub's own message, e.g. `Resource not accessible by integration`. */
    readonly apiMessage: string,
  ) {
    super(`GitHub API ${call} ${status === undefined ? 'failed' : `answered ${status}`}: ${apiMessage}`);
  }

  /** The token lacks a permission (or is read-only, as on a pull request from a fork). */
  get forbidden(): boolean {
    return this.status === 403;
  }

  get notFound(): boolean {
    return this.status === 404;
  }
}
