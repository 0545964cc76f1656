import type { ConfigIssue, SourceLocation } from '../errors.js';
import type { YamlPosition } from './yaml-tree.js';

/** Collects every problem found in one file, so all of them are reported at once. */
export class ConfigIssues {
  readonly list: ConfigIssue[] = [];

  constructor(readonly file: string) {}

  locate(position: YamlPosition, path: string): SourceLocation {
    return { file: this.file, line: position.line, column: position.column, path };
  }

  add(position: YamlPosition, path: string, message: string, hint?: string): void {
    const issue: ConfigIssue = { location: this.locate(position, path), message };
    if (hint !== undefined) issue.hint = hint;
    this.list.push(issue);
  }

  get count(): number {
    return this.list.length;
  }
}
