import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { domainKeys, hostKeys, policyKeys, previewsKeys, removalChoices, sslKeys, topLevelKeys, wwwChoices } from '../../src/config/config-keys.js';
import { credentialKeysOf } from '../../src/config/credential-variables.js';
import { providerNames } from '../../src/config/desired-state.js';

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

  test('allows the same credentials keys per provider', () => {
    for (const provider of providerNames) {
      const rule = definition('host').allOf?.find((candidate) => candidate.if?.properties?.provider?.const === provider);
      assert.ok(rule, `no rule for ${provider}`);
      assert.deepEqual(rule.then?.properties?.credentials?.propertyNames?.enum?.sort(), credentialKeysOf(provider).sort(), provider);
    }
  });
});
