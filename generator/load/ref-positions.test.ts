import { pointerOf } from '../util/json-pointer.js';
import { protectData, restoreData, scanFile, type Role } from './ref-positions.js';
import { resolveSchemaIds } from './schema-ids.js';

const BASE = 'file:///specs/api.yaml';
const ref = (to: string) => ({ $ref: to });

function scan(doc: object, role: Role = 'document') {
  const result = scanFile(doc, [{ tokens: [], role }], BASE);
  return {
    result,
    references: result.references.map((r) => `${pointerOf(r.tokens)} -> ${r.ref} (${r.role})`),
    data: result.data.map((d) => d.$ref),
  };
}

test('$ref members in example values, schema default/enum/const/examples, link parameters and extensions are data', () => {
  const doc = {
    openapi: '3.1.0',
    paths: {
      '/a': {
        get: {
          parameters: [{ name: 'q', in: 'query', schema: ref('#/components/schemas/Q'), example: ref('data:param-example') }],
          responses: {
            '200': {
              content: {
                'application/json': {
                  schema: ref('./schemas/a.yaml'),
                  example: { members: [{ value: 1, ...ref('https://x.invalid/example') }] },
                  examples: { one: ref('#/components/examples/one'), two: { value: ref('https://x.invalid/examples-value') } },
                },
              },
              links: { next: { operationId: 'a', parameters: ref('https://x.invalid/link') } },
            },
          },
          'x-code-samples': [{ source: ref('./sample.sh') }],
        },
      },
      'x-paths-extension': ref('https://x.invalid/paths-ext'),
    },
    components: {
      schemas: {
        S: {
          type: 'object',
          default: ref('https://x.invalid/default'),
          enum: [ref('https://x.invalid/enum')],
          const: ref('https://x.invalid/const'),
          examples: [ref('https://x.invalid/schema-examples')],
          properties: {
            // property names that are keywords elsewhere: these are schemas
            default: ref('#/components/schemas/D'),
            example: ref('#/components/schemas/E'),
            'x-name': ref('#/components/schemas/X'),
          },
        },
      },
      examples: { one: { value: ref('https://x.invalid/component-example') } },
    },
    'x-top': { nested: [ref('./nope.yaml')] },
  };
  const { references, data } = scan(doc);
  expect(references).toEqual([
    '#/paths/~1a/get/parameters/0/schema -> #/components/schemas/Q (schema)',
    '#/paths/~1a/get/responses/200/content/application~1json/schema -> ./schemas/a.yaml (schema)',
    '#/paths/~1a/get/responses/200/content/application~1json/examples/one -> #/components/examples/one (example)',
    '#/components/schemas/S/properties/default -> #/components/schemas/D (schema)',
    '#/components/schemas/S/properties/example -> #/components/schemas/E (schema)',
    '#/components/schemas/S/properties/x-name -> #/components/schemas/X (schema)',
  ]);
  expect(data.sort()).toEqual(
    [
      'data:param-example',
      'https://x.invalid/example',
      'https://x.invalid/examples-value',
      'https://x.invalid/link',
      './sample.sh',
      'https://x.invalid/paths-ext',
      'https://x.invalid/default',
      'https://x.invalid/enum',
      'https://x.invalid/const',
      'https://x.invalid/schema-examples',
      'https://x.invalid/component-example',
      './nope.yaml',
    ].sort(),
  );
});

test('Swagger 2.0 positions: response examples and x-example are data; definitions, parameters and schemas are not', () => {
  const doc = {
    swagger: '2.0',
    paths: {
      '/a': {
        get: {
          parameters: [{ $ref: '#/parameters/P' }, { name: 'q', in: 'query', type: 'string', 'x-example': ref('https://x.invalid/x-example') }],
          responses: { '200': { schema: ref('pet.yaml'), examples: { 'application/json': ref('https://x.invalid/response-example') } } },
        },
      },
    },
    definitions: { Pet: { properties: { tag: ref('#/definitions/Tag') }, example: ref('https://x.invalid/schema-example') } },
    parameters: { P: { name: 'p', in: 'body', schema: ref('#/definitions/Pet') } },
  };
  const { references, data } = scan(doc, 'swagger');
  expect(references).toEqual([
    '#/paths/~1a/get/parameters/0 -> #/parameters/P (parameter)',
    '#/paths/~1a/get/responses/200/schema -> pet.yaml (schema)',
    '#/definitions/Pet/properties/tag -> #/definitions/Tag (schema)',
    '#/parameters/P/schema -> #/definitions/Pet (schema)',
  ]);
  expect(data.sort()).toEqual(['https://x.invalid/response-example', 'https://x.invalid/schema-example', 'https://x.invalid/x-example']);
});

test('positions it does not know are walked as before: every $ref there is a reference', () => {
  const { references, data } = scan({ openapi: '3.0.3', paths: {}, definitions: { A: { example: ref('other.yaml') } } });
  expect(references).toEqual(['#/definitions/A/example -> other.yaml (unknown)']);
  expect(data).toEqual([]);
});

test('a schema kept under an x- key is a schema when a reference points at it', () => {
  const doc = {
    openapi: '3.0.3',
    paths: { '/a': { get: { responses: { '200': { content: { 'application/json': { schema: ref('#/x-schemas/A') } } } } } } },
    'x-schemas': { A: { properties: { b: ref('./b.yaml') }, example: ref('https://x.invalid/still-data') } },
  };
  const { references, data } = scan(doc);
  expect(references).toContain('#/x-schemas/A/properties/b -> ./b.yaml (schema)');
  expect(data).toEqual(['https://x.invalid/still-data']);
});

test('a description that is a $ref to a Markdown or text file is recorded as text; one to YAML is a reference', () => {
  const doc = {
    openapi: '3.0.3',
    info: { description: ref('./docs/intro.md') },
    tags: [{ name: 't', description: ref('notes.txt#ignored') }],
    paths: { '/a': { get: { description: ref('./op.yaml'), responses: {} } } },
    components: { schemas: { S: { properties: { description: ref('#/components/schemas/D') } } } },
  };
  const { result, references } = scan(doc);
  expect(result.texts.map((t) => `${pointerOf(t.tokens)} ${t.ref}`)).toEqual(['#/info/description ./docs/intro.md', '#/tags/0/description notes.txt#ignored']);
  expect(result.texts[0]!.holder).toBe(doc.info);
  expect(references).toEqual(['#/paths/~1a/get/description -> ./op.yaml (unknown)', '#/components/schemas/S/properties/description -> #/components/schemas/D (schema)']);
});

test('protectData hides data $refs from a bundler, keeping key order; restoreData gives them back', () => {
  const holder = { value: 'u1', $ref: 'https://x.invalid/u1', display: 'U' };
  const doc = { examples: [holder] };
  protectData([holder]);
  expect(Object.hasOwn(holder, '$ref')).toBe(false);
  expect(JSON.stringify(doc)).not.toContain('"$ref"');
  const copy = structuredClone(doc);
  restoreData(copy);
  expect(Object.keys(copy.examples[0]!)).toEqual(['value', '$ref', 'display']);
  expect(copy.examples[0]).toEqual({ value: 'u1', $ref: 'https://x.invalid/u1', display: 'U' });
});

test('$refs naming a 3.1 $id or $anchor become JSON pointers; others are left alone', () => {
  const doc = {
    openapi: '3.1.0',
    components: {
      schemas: {
        Pet: {
          $id: '/schemas/pet',
          properties: {
            owner: ref('/schemas/owner'),
            contact: ref('/schemas/owner#contact'),
            name: ref('owner#/properties/name'),
            elsewhere: ref('./other.yaml#/Pet'),
            internal: ref('#/components/schemas/Owner'),
          },
        },
        Owner: {
          $id: 'https://example.com/schemas/owner',
          properties: { name: { type: 'string' }, contact: { $anchor: 'contact', type: 'object' }, again: ref('#contact') },
        },
        Absolute: { properties: { owner: ref('https://example.com/schemas/owner') } },
      },
    },
  };
  const result = scanFile(doc, [{ tokens: [], role: 'document' }], 'https://example.com/api/openapi.yaml');
  expect(resolveSchemaIds(result)).toBe(5);
  const props = doc.components.schemas.Pet.properties;
  expect(props.owner.$ref).toBe('#/components/schemas/Owner');
  expect(props.contact.$ref).toBe('#/components/schemas/Owner/properties/contact');
  expect(props.name.$ref).toBe('#/components/schemas/Owner/properties/name');
  expect(props.elsewhere.$ref).toBe('./other.yaml#/Pet');
  expect(props.internal.$ref).toBe('#/components/schemas/Owner');
  expect(doc.components.schemas.Owner.properties.again.$ref).toBe('#/components/schemas/Owner/properties/contact');
  expect(doc.components.schemas.Absolute.properties.owner.$ref).toBe('#/components/schemas/Owner');
});
