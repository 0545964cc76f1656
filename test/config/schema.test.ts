import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { domainKeys, hostKeys, policyKeys, previewsKeys, removalChoices, sslKeys, topLevelKeys, wwwChoices } from '../../src/config/config-keys.js';
import { credentialKeysOf } from '../../src/config/credential-variables.js';
import { providerNames } from '../../src/config/desired-state.js';
import { parseDuration } from '../../src/config/durations.js';

interface SchemaObject {
  properties?: Record<string, SchemaObject>;
  definitions?: Record<string, SchemaObject>;
  oneOf?: SchemaObject[];
  allOf?: SchemaObject[];
  if?: SchemaObject;
  then?: SchemaObject;
  enum?: string[];
  const?: unknown;
  propertyNames?: SchemaObject;
  required?: string[];
  additionalProperties?: boolean | SchemaObject;
  $schema?: string;
  pattern?: string;
  type?: string;
}

const schema = JSON.parse(await readFile('domains.schema.json', 'utf8')) as SchemaObject;
const definition = (name: string): SchemaObject => {
  const found = schema.definitions?.[name];
  assert.ok(found, `no definition ${name}`);
  return found;
};
const keysOf = (object: SchemaObject | undefined) => Object.keys(object?.properties ?? {}).sort();
const sorted = (keys: readonly string[]) => [...keys].sort();

describe('domains.schema.json', () => {
  test('is a draft-07 schema that refuses unknown keys at the top', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(schema.required?.sort(), ['hosts', 'version']);
    assert.equal(schema.properties?.version?.const, 1);
  });

  test('names the same keys the loader accepts', () => {
    assert.deepEqual(keysOf(schema), sorted(topLevelKeys));
    assert.deepEqual(keysOf(definition('policy')), sorted(policyKeys));
    assert.deepEqual(keysOf(definition('host')), sorted(hostKeys));
    assert.deepEqual(keysOf(definition('ssl')), sorted(sslKeys));
    assert.deepEqual(keysOf(schema.properties?.previews), sorted(previewsKeys));
    const domainObject = definition('domain').oneOf?.find((option) => option.properties);
    assert.deepEqual(keysOf(domainObject), sorted(domainKeys));
  });

  test('lists the same choices', () => {
    assert.deepEqual(definition('removals').enum, [...removalChoices]);
    assert.deepEqual(definition('www').enum, [...wwwChoices]);
    assert.deepEqual(definition('host').properties?.provider?.enum, [...providerNames]);
  });

  test('accepts exactly the durations the loader accepts', () => {
    const pattern = definition('duration').oneOf?.find((option) => option.type === 'string')?.pattern;
    assert.ok(pattern, 'no string pattern for durations');
    const cases = [
      ...['20m', '90s', '1h', '1h30m', '1h30m15s', '500ms', '1s500ms', '2m5ms', '1H', '20M', '90S', '500MS', '500Ms', '1H30m'],
      ...['30', '0.5', '1.25', ' 20m', '20m ', '0h1m', '007s'],
      ...['', ' ', '0', '0s', '0ms', '0h0m', '0.0', '00', 'ms', 'h', '1.5m', '1d', '20 m', '1m1h', '-5', '+5', '.5', '5.', '1e3', '1hh', '1s1m'],
    ];
    for (const flags of ['', 'u']) {
      const schemaAccepts: RegExp = new RegExp(pattern, flags);
      for (const text of cases) {
        const loaderAccepts = !('error' in parseDuration(text));
        assert.equal(schemaAccepts.test(text), loaderAccepts, `${JSON.stringify(text)}: the loader ${loaderAccepts ? 'accepts' : 'refuses'} it`);
      }
    }
  });

  test('allows the same credentials keys per provider', () => {
    for (const provider of providerNames) {
      const rule = definition('host').allOf?.find((candidate) => candidate.if?.properties?.provider?.const === provider);
      assert.ok(rule, `no rule for ${provider}`);
      assert.deepEqual(rule.then?.properties?.credentials?.propertyNames?.enum?.sort(), credentialKeysOf(provider).sort(), provider);
    }
  });
});
