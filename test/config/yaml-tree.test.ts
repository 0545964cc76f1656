import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseYamlTree, resolvePlain, type YamlMapping, type YamlNode } from '../../src/config/yaml-tree.js';

function rootOf(text: string): YamlNode {
  const tree = parseYamlTree(text);
  assert.deepEqual(tree.problems, []);
  assert.ok(tree.root);
  return tree.root;
}

function valueAt(mapping: YamlNode, key: string): YamlNode {
  assert.equal(mapping.kind, 'mapping');
  const entry = (mapping as YamlMapping).entries.find((candidate) => candidate.key.value === key);
  assert.ok(entry, `no key ${key}`);
  return entry.value;
}

describe('parseYamlTree', () => {
  test('nodes carry 1-based lines and columns', () => {
    const root = rootOf('a: 1\nb:\n  - x\n  - {c: "d"}\n');
    assert.deepEqual([root.line, root.column], [1, 1]);
    const list = valueAt(root, 'b');
    assert.equal(list.kind, 'sequence');
    assert.deepEqual([list.line, list.column], [3, 3]);
    const [first, second] = list.kind === 'sequence' ? list.items : [];
    assert.deepEqual([first?.line, first?.column], [3, 5]);
    assert.deepEqual([second?.line, second?.column], [4, 5]);
    assert.ok(second);
    const quoted = valueAt(second, 'c');
    assert.deepEqual([quoted.line, quoted.column], [4, 9], 'a quoted scalar starts at its quote');
  });

  test('plain scalars follow the YAML 1.2 core schema', () => {
    const table: [string, unknown][] = [
      ['1', 1],
      ['-7', -7],
      ['0x1f', 31],
      ['0o17', 15],
      ['1.5', 1.5],
      ['1e3', 1000],
      ['.inf', Number.POSITIVE_INFINITY],
      ['true', true],
      ['False', false],
      ['null', null],
      ['~', null],
      ['', null],
      ['yes', 'yes'],
      ['no', 'no'],
      ['on', 'on'],
      ['1_000', '1_000'],
      ['example.com', 'example.com'],
    ];
    for (const [source, value] of table) assert.deepEqual(resolvePlain(source), value, source);
  });

  test('quoted scalars and !!str stay text; the source text is kept', () => {
    const root = rootOf('a: "1"\nb: \'true\'\nc: !!str 12\nd: 007\n');
    const values = ['a', 'b', 'c', 'd'].map((key) => {
      const node = valueAt(root, key);
      return node.kind === 'scalar' ? [node.value, node.text] : undefined;
    });
    assert.deepEqual(values, [
      ['1', '1'],
      ['true', 'true'],
      ['12', '12'],
      [7, '007'],
    ]);
  });

  test('an alias is the anchored node itself', () => {
    const root = rootOf('a: &shared {x: 1}\nb: *shared\n');
    assert.equal(valueAt(root, 'a'), valueAt(root, 'b'));
  });

  test('an alias without its anchor is reported and leaves no document', () => {
    const tree = parseYamlTree('a:\n  b: *missing\n');
    assert.equal(tree.root, undefined);
    assert.deepEqual(
      tree.problems.map((problem) => [problem.line, problem.column, problem.path]),
      [[2, 6, 'a.b']],
    );
  });

  test('aliases that expand too far are refused', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level <= 6; level++) {
      const previous = `*a${level - 1}`;
      lines.push(`a${level}: &a${level} [${Array(10).fill(previous).join(', ')}]`);
    }
    const tree = parseYamlTree(lines.join('\n'));
    assert.equal(tree.root, undefined);
    assert.match(tree.problems[0]?.message ?? '', /expand to too many nodes/);
  });

  test('a syntax error carries the parser position', () => {
    const tree = parseYamlTree('a: 1\nb: [x, y\n');
    assert.equal(tree.root, undefined);
    assert.equal(tree.problems.length, 1);
    assert.match(tree.problems[0]?.message ?? '', /^YAML syntax error: /);
    assert.equal(tree.problems[0]?.line, 3);
  });

  test('unknown tags and collection keys are problems with positions', () => {
    const tree = parseYamlTree('a: !secret x\n? [k]\n: v\n');
    assert.deepEqual(
      tree.problems.map((problem) => [problem.line, problem.column, problem.message]),
      [
        [1, 4, 'the tag !secret is not supported here'],
        [2, 3, 'a mapping key must be a plain value, not a list or mapping'],
      ],
    );
  });

  test('an empty text has no document and no problem', () => {
    assert.deepEqual(parseYamlTree('# just a comment\n'), { problems: [] });
  });
});
