import {
  EVENT_ID,
  NOT_RESOLVED,
  SCALAR_STYLE,
  YAMLException,
  boolCoreTag,
  floatCoreTag,
  getScalarValue,
  intCoreTag,
  nullCoreTag,
  parseEvents,
  type Event,
  type ScalarEvent,
  type ScalarTagDefinition,
} from 'js-yaml';

/**
 * A small positioned YAML tree: mappings, sequences and scalars, each with its 1-based line
 * and column. Plain scalars are resolved per the YAML 1.2 core schema; quoted ones are strings.
 */

export interface YamlPosition {
  line: number;
  column: number;
}

export type ScalarValue = string | number | boolean | null;

export interface YamlScalar extends YamlPosition {
  kind: 'scalar';
  value: ScalarValue;
  /** The decoded text before resolution (`1234` for the number 1234). */
  text: string;
}

export interface YamlMapEntry {
  key: YamlScalar;
  value: YamlNode;
}

export interface YamlMapping extends YamlPosition {
  kind: 'mapping';
  entries: YamlMapEntry[];
}

export interface YamlSequence extends YamlPosition {
  kind: 'sequence';
  items: YamlNode[];
}

export type YamlNode = YamlScalar | YamlMapping | YamlSequence;

export interface YamlProblem extends YamlPosition {
  /** Where in the document, e.g. `hosts.eu.domains`; empty when unknown (syntax errors). */
  path: string;
  message: string;
  hint?: string;
}

export interface YamlTree {
  /** Undefined when the text holds no document or could not be parsed. */
  root?: YamlNode;
  problems: YamlProblem[];
}

/** Aliases share nodes; this bounds the size they may expand to (a billion-laughs guard). */
const maxExpandedNodes = 100_000;

const coreScalarTags: readonly ScalarTagDefinition[] = [nullCoreTag, boolCoreTag, intCoreTag, floatCoreTag];
const corePrefix = 'tag:yaml.org,2002:';
const shorthandPrefix = '!!';

export function parseYamlTree(text: string): YamlTree {
  let events: Event[];
  try {
    events = parseEvents(text, {});
  } catch (error) {
    if (error instanceof YAMLException) {
      return { problems: [syntaxProblem(error, text)] };
    }
    throw error;
  }
  return new TreeBuilder(text, events).build();
}

function syntaxProblem(error: YAMLException, text: string): YamlProblem {
  const mark = error.mark;
  const position = mark ? { line: mark.line + 1, column: mark.column + 1 } : positionFinder(text)(0);
  return {
    ...position,
    path: '',
    message: `YAML syntax error: ${error.reason}`,
    hint: 'check the indentation, quotes and brackets up to this position',
  };
}

/** Offset → 1-based line and column. */
function positionFinder(text: string): (offset: number) => YamlPosition {
  const lineStarts = [0];
  for (let index = 0; index < text.length; index++) {
    if (text.charCodeAt(index) === 10) lineStarts.push(index + 1);
  }
  return (offset) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
  };
}

interface OpenCollection {
  node: YamlMapping | YamlSequence;
  path: string;
  anchor?: string;
  /** Mapping only: a key waiting for its value. */
  pendingKey?: YamlScalar;
  /** Mapping only: the next node is the value of a refused key; drop it. */
  dropNextValue?: boolean;
  size: number;
}

class TreeBuilder {
  private readonly positionAt: (offset: number) => YamlPosition;
  private readonly anchors = new Map<string, { node: YamlNode; size: number }>();
  private readonly stack: OpenCollection[] = [];
  private readonly problems: YamlProblem[] = [];
  private root?: YamlNode;
  private documents = 0;
  private expandedNodes = 0;
  /** Like a syntax error, an alias without its anchor leaves no document to validate. */
  private unreadable = false;
  /** The last offset seen, to place empty scalars (which have none of their own). */
  private lastOffset = 0;

  constructor(
    private readonly text: string,
    private readonly events: Event[],
  ) {
    this.positionAt = positionFinder(text);
  }

  build(): YamlTree {
    for (const event of this.events) {
      this.handle(event);
      if (this.expandedNodes > maxExpandedNodes) {
        this.problem(this.lastOffset, 'aliases expand to too many nodes', 'write the values out instead of nesting aliases');
        this.unreadable = true;
      }
      if (this.documents > 1 || this.unreadable) break;
    }
    return this.root && !this.unreadable ? { root: this.root, problems: this.problems } : { problems: this.problems };
  }

  private handle(event: Event): void {
    switch (event.type) {
      case EVENT_ID.DOCUMENT:
        this.documents++;
        if (this.documents > 1) {
          this.problem(this.nextOffsetAfter(event), 'the file holds more than one YAML document', 'keep one document: remove the `---` separator and what follows');
        }
        return;
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        this.lastOffset = event.start;
        const position = this.positionAt(event.start);
        const node: YamlMapping | YamlSequence =
          event.type === EVENT_ID.MAPPING
            ? { kind: 'mapping', entries: [], ...position }
            : { kind: 'sequence', items: [], ...position };
        this.checkTag(event, node.kind === 'mapping' ? 'map' : 'seq');
        const anchor = this.slice(event.anchorStart, event.anchorEnd);
        const open: OpenCollection = { node, path: this.nextPath(), size: 1 };
        if (anchor !== undefined) open.anchor = anchor;
        this.stack.push(open);
        return;
      }
      case EVENT_ID.SCALAR: {
        const scalar = this.scalar(event);
        const anchor = this.slice(event.anchorStart, event.anchorEnd);
        if (anchor !== undefined) this.anchors.set(anchor, { node: scalar, size: 1 });
        this.attach(scalar, 1);
        return;
      }
      case EVENT_ID.ALIAS: {
        this.lastOffset = event.anchorStart;
        const name = this.slice(event.anchorStart, event.anchorEnd) ?? '';
        const anchored = this.anchors.get(name);
        if (!anchored) {
          this.problem(event.anchorStart - 1, `the alias *${name} refers to no anchor`, `define &${name} before using *${name}`);
          this.unreadable = true;
          return;
        }
        this.attach(anchored.node, anchored.size);
        return;
      }
      case EVENT_ID.POP: {
        const closed = this.stack.pop();
        if (!closed) return;
        if (closed.anchor !== undefined) this.anchors.set(closed.anchor, { node: closed.node, size: closed.size });
        this.attach(closed.node, closed.size);
        return;
      }
    }
  }

  /** The path of the node about to be attached. */
  private nextPath(): string {
    const parent = this.stack.at(-1);
    if (!parent) return '';
    if (parent.node.kind === 'sequence') return `${parent.path}[${parent.node.items.length}]`;
    if (!parent.pendingKey) return parent.path;
    const key = String(parent.pendingKey.value);
    return parent.path ? `${parent.path}.${key}` : key;
  }

  private attach(node: YamlNode, size: number): void {
    this.expandedNodes += size;
    const parent = this.stack.at(-1);
    if (!parent) {
      if (this.documents <= 1) this.root = node;
      return;
    }
    parent.size += size;
    if (parent.node.kind === 'sequence') {
      parent.node.items.push(node);
      return;
    }
    if (parent.dropNextValue) {
      delete parent.dropNextValue;
      return;
    }
    if (parent.pendingKey) {
      parent.node.entries.push({ key: parent.pendingKey, value: node });
      delete parent.pendingKey;
      return;
    }
    if (node.kind === 'scalar') {
      parent.pendingKey = node;
      return;
    }
    this.problems.push({
      line: node.line,
      column: node.column,
      path: parent.path,
      message: 'a mapping key must be a plain value, not a list or mapping',
      hint: 'use a simple name as the key',
    });
    parent.dropNextValue = true;
  }

  private scalar(event: ScalarEvent): YamlScalar {
    const hasText = event.valueStart >= 0;
    const quoted = event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED;
    // A quoted scalar's value starts after its opening quote; point at the quote.
    if (hasText) this.lastOffset = quoted ? event.valueStart - 1 : event.valueStart;
    const position = this.positionAt(this.lastOffset);
    const source = hasText ? getScalarValue(this.text, event) : '';
    const tag = this.slice(event.tagStart, event.tagEnd);
    if (tag !== undefined) {
      return { kind: 'scalar', value: this.resolveTagged(source, tag, event.tagStart), text: source, ...position };
    }
    const value = event.style === SCALAR_STYLE.PLAIN ? resolvePlain(source) : source;
    return { kind: 'scalar', value, text: source, ...position };
  }

  private resolveTagged(source: string, tag: string, tagOffset: number): ScalarValue {
    if (tag === '!') return source;
    const name = coreTagName(tag);
    if (name === 'str') return source;
    const definition = coreScalarTags.find((candidate) => candidate.tagName === corePrefix + name);
    if (!definition) {
      this.problem(tagOffset, `the tag ${tag} is not supported here`, 'remove the tag; plain values are read as null, booleans, numbers or text');
      return source;
    }
    const value = definition.resolve(source, true, definition.tagName);
    if (value === NOT_RESOLVED) {
      this.problem(tagOffset, `the value does not fit its tag ${tag}`, 'remove the tag or fix the value');
      return source;
    }
    return value as ScalarValue;
  }

  private checkTag(event: { tagStart: number; tagEnd: number }, expected: 'map' | 'seq'): void {
    const tag = this.slice(event.tagStart, event.tagEnd);
    if (tag === undefined || coreTagName(tag) === expected) return;
    this.problem(event.tagStart, `the tag ${tag} is not supported here`, 'remove the tag');
  }

  private nextOffsetAfter(event: Event): number {
    const index = this.events.indexOf(event);
    for (const next of this.events.slice(index + 1)) {
      if ('start' in next) return next.start;
      if ('valueStart' in next && next.valueStart >= 0) return next.valueStart;
    }
    return this.text.length;
  }

  private slice(start: number, end: number): string | undefined {
    return start < 0 ? undefined : this.text.slice(start, end);
  }

  /** A problem at an offset, with the path of the node about to be attached. */
  private problem(offset: number, message: string, hint: string): void {
    this.problems.push({ ...this.positionAt(Math.max(0, offset)), path: this.nextPath(), message, hint });
  }
}

function coreTagName(tag: string): string | undefined {
  if (tag.startsWith(shorthandPrefix)) return tag.slice(shorthandPrefix.length);
  const verbatim = /^!<(.*)>$/.exec(tag)?.[1];
  if (verbatim?.startsWith(corePrefix)) return verbatim.slice(corePrefix.length);
  return undefined;
}

/** YAML 1.2 core schema: null, bool, int, float, else the text itself. */
export function resolvePlain(source: string): ScalarValue {
  for (const definition of coreScalarTags) {
    const value = definition.resolve(source, false, definition.tagName);
    if (value !== NOT_RESOLVED) return value as ScalarValue;
  }
  return source;
}
