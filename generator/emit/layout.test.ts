import type { LoadedSpec, OpenAPIDocument } from '../load/load-spec.js';
import { packageIR } from '../package-ir.js';
import { checkSplit, splitBy, splitLayout, AUTO_SPLIT } from './layout.js';
import { planPackage } from './plan.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ content: { 'application/json': { schema } } });

function plan(paths: object, schemas: object, split: 'resource' | 'tag' | 'none' | 'auto' = 'resource') {
  const document = { openapi: '3.1.0', info: { title: 'Zoo', version: '1.0.0' }, servers: [{ url: 'https://zoo.test' }], paths, components: { schemas } };
  const loaded: LoadedSpec = { document: document as unknown as OpenAPIDocument, source: 'spec.yaml', openapiVersion: '3.1', warnings: [], where: (pointer) => ({ pointer }) };
  const { ir, naming } = packageIR(loaded);
  return planPackage(ir, { ...naming, generatorVersion: '0', specHash: '', split });
}

const ZOO = {
  '/animals': {
    get: { operationId: 'listAnimals', tags: ['Animals'], responses: { 200: json({ type: 'array', items: ref('Animal') }) } },
    post: { operationId: 'createAnimal', tags: ['Animals'], requestBody: json(ref('Animal')), responses: { 201: json(ref('Animal')) } },
  },
  '/keepers/{id}': { get: { operationId: 'getKeeper', tags: ['People'], parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: json(ref('Keeper')) } } },
  '/fine-tunings': { get: { operationId: 'listFineTunings', responses: { 200: json(ref('Tag')) } } },
};
const SCHEMAS = {
  Animal: { type: 'object', properties: { id: { type: 'string', readOnly: true }, tag: ref('Tag'), diet: ref('Diet') } },
  Diet: { type: 'string', enum: ['meat', 'plants'] },
  Keeper: { type: 'object', properties: { name: { type: 'string' }, tag: ref('Tag') } },
  Tag: { type: 'object', properties: { label: { type: 'string' } } },
  Unused: { type: 'object', properties: { animal: ref('Animal') } },
};

test('each component lives in the one unit whose operations reach it, else in shared-types, else other-types', () => {
  const { split, writable } = plan(ZOO, SCHEMAS);
  expect(split!.by).toBe('resource');
  expect(split!.units.map((u) => [u.dir, u.title, u.shapes.map((s) => s.op.operationId)])).toEqual([
    ['animals', 'client.animals', ['listAnimals', 'createAnimal']],
    ['keepers', 'client.keepers', ['getKeeper']],
    ['fine-tunings', 'client.fineTunings', ['listFineTunings']],
  ]);
  const homes = Object.fromEntries(split!.homes);
  expect(homes).toMatchObject({ Animal: 'resources/animals/types', Diet: 'resources/animals/types', Keeper: 'resources/keepers/types', Tag: 'shared-types', Unused: 'other-types' });
  // the request variant (id is read-only) lives with its component
  expect(writable.get('Animal')).toBe('AnimalWritable');
  expect(homes['AnimalWritable']).toBe('resources/animals/types');
  expect(split!.shared.map((s) => s.name)).toEqual(['Tag']);
  expect(split!.other.map((s) => s.name)).toEqual(['Unused']);
});

test('split by tag: a unit per first tag, operations without one together', () => {
  const { split } = plan(ZOO, SCHEMAS, 'tag');
  expect(split!.units.map((u) => [u.dir, u.resource, u.shapes.length])).toEqual([
    ['animals', undefined, 2],
    ['people', undefined, 1],
    ['untagged', undefined, 1],
  ]);
});

test('auto splits only big specs; none never; a unit name is given once whatever its case', () => {
  expect(plan(ZOO, SCHEMAS, 'auto').split).toBeUndefined();
  expect(plan(ZOO, SCHEMAS, 'none').split).toBeUndefined();
  const many = Object.fromEntries(Array.from({ length: AUTO_SPLIT.operations + 1 }, (_, i) => [`/r${i}`, { get: { operationId: `get${i}`, responses: { 204: { description: 'ok' } } } }]));
  const { ir } = plan(many, {}, 'none');
  expect(splitBy(ir, 'auto')).toBe('resource');
  expect(splitBy(ir, undefined)).toBe('resource');
  const tagged = plan({ '/a': { get: { operationId: 'a', tags: ['Big Cats'], responses: { 204: { description: 'ok' } } } }, '/b': { get: { operationId: 'b', tags: ['big-cats'], responses: { 204: { description: 'ok' } } } } }, {}, 'tag');
  expect(tagged.split!.units.map((u) => u.dir)).toEqual(['big-cats', 'big-cats2']);
  expect(splitLayout(tagged.ir, tagged.shapes, 'tag', tagged.writable).units).toHaveLength(2);
});

test('an unknown split is refused, naming the choices', () => {
  expect(checkSplit('resource')).toBe('resource');
  expect(checkSplit(undefined)).toBeUndefined();
  expect(() => checkSplit('folders')).toThrow(/"folders" is not one sdkforge knows/);
});
