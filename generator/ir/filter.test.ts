// selectOperations on small IR documents: which operations each filter keeps, the component schemas the kept
// ones reach (and only those), and the selection-empty error that lists what exists. The CLI's flags and the
// config's selection reach this function; test/failing-clearly.test.ts checks the error as the CLI prints it.
import { GenerationError } from '../diagnostics.js';
import { globToRegExp, selectOperations, type Selection } from './filter.js';
import type { HttpMethod, IRDocument, IRNamedSchema, IROperation, IRParameter, IRSchema } from './types.js';

const ref = (name: string): IRSchema => ({ kind: 'ref', name });
const STRING: IRSchema = { kind: 'primitive', type: 'string' };

function op(operationId: string, method: HttpMethod, path: string, tags: string[], extra: Partial<IROperation> = {}): IROperation {
  return {
    operationId,
    name: operationId.replace(/[^A-Za-z0-9]/g, ''),
    method,
    path,
    pointer: `#/paths/${path.replace(/\//g, '~1')}/${method}`,
    tags,
    place: { resource: ['things'], method: operationId, source: 'path' },
    parameters: { path: [], query: [], querystring: [], header: [], cookie: [] },
    responses: [],
    security: [],
    ...extra,
  };
}

const param = (name: string, location: IRParameter['in'], schema: IRSchema): IRParameter => ({
  name,
  identifier: name,
  in: location,
  required: false,
  style: location === 'query' || location === 'cookie' ? 'form' : 'simple',
  explode: location === 'query' || location === 'cookie',
  schema,
});

const named = (name: string, schema: IRSchema): IRNamedSchema => ({ originalName: name, name, pointer: `#/components/schemas/${name}`, schema });
const json = (schema: IRSchema) => [{ mediaType: 'application/json', schema }];

/** Pets and stores; each operation reaches its own schemas, and `Shared` is reached by two. */
function petstore(): IRDocument {
  return {
    title: 'Petstore',
    version: '1',
    schemas: [
      named('Pet', { kind: 'object', properties: [{ name: 'tag', required: false, schema: ref('Tag') }], additional: false }),
      named('Tag', { kind: 'union', variants: [STRING, ref('Shared')] }),
      named('Shared', { kind: 'primitive', type: 'integer' }),
      named('Unused', { kind: 'object', properties: [], additional: ref('Pet') }),
      named('Store', { kind: 'array', items: { kind: 'intersection', parts: [ref('Shared'), ref('Address')] } }),
      named('Address', { kind: 'tuple', items: [STRING], rest: ref('Store') }), // Store ↔ Address: a cycle
      named('Filter', STRING),
      named('Token', STRING),
      named('Session', STRING),
      named('NewPet', ref('Pet')),
    ],
    operations: [
      op('listPets', 'get', '/pets', ['Pets'], {
        parameters: { path: [], query: [param('filter', 'query', ref('Filter'))], querystring: [], header: [param('x-token', 'header', ref('Token'))], cookie: [param('session', 'cookie', ref('Session'))] },
        responses: [{ status: '200', contents: json({ kind: 'array', items: ref('Pet') }) }],
      }),
      op('createPet', 'post', '/pets', ['pets', 'Admin'], { requestBody: { required: true, contents: json(ref('NewPet')) } }),
      op('get-store', 'get', '/stores/{id}/inventory', ['Store'], {
        parameters: { path: [param('id', 'path', STRING)], query: [], querystring: [], header: [], cookie: [] },
        responses: [{ status: '200', contents: json(ref('Store')) }],
      }),
      op('health', 'get', '/health', []),
    ],
    security: [],
  };
}

const select = (selection: Selection) => selectOperations(petstore(), selection);
const ids = (selection: Selection) => select(selection).operations.map((o) => o.operationId);
const schemas = (selection: Selection) => select(selection).schemas.map((s) => s.name);

function selectionError(document: IRDocument, selection: Selection) {
  try {
    selectOperations(document, selection);
  } catch (err) {
    expect(err).toBeInstanceOf(GenerationError);
    const diagnostics = (err as GenerationError).diagnostics;
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', code: 'selection-empty' });
    return diagnostics[0]!;
  }
  throw new Error('the selection was expected to keep nothing');
}

test('no filter (or only empty lists) returns the document itself', () => {
  const ir = petstore();
  expect(selectOperations(ir, {})).toBe(ir);
  expect(selectOperations(ir, { includeTags: [], excludeTags: [], includePaths: [], includeOperations: [] })).toBe(ir);
});

test('tags: included if any tag matches, case-insensitively; excluded if any matches', () => {
  expect(ids({ includeTags: ['pets'] })).toEqual(['listPets', 'createPet']);
  expect(ids({ includeTags: ['STORE', 'admin'] })).toEqual(['createPet', 'get-store']);
  expect(ids({ excludeTags: ['ADMIN'] })).toEqual(['listPets', 'get-store', 'health']);
  expect(ids({ includeTags: ['Pets'], excludeTags: ['admin'] })).toEqual(['listPets']);
});

test('paths: globs with * within a segment and ** across segments', () => {
  expect(ids({ includePaths: ['/pets'] })).toEqual(['listPets', 'createPet']);
  expect(selectionError(petstore(), { includePaths: ['/stores/*'] }).code).toBe('selection-empty'); // * stops at a /
  expect(ids({ includePaths: ['/stores/*/inventory'] })).toEqual(['get-store']);
  expect(ids({ includePaths: ['/stores/**'] })).toEqual(['get-store']);
  expect(ids({ includePaths: ['/h*', '/pe?s'] })).toEqual(['listPets', 'createPet', 'health']);
});

test('operations: by operationId or by generated name; filters of different kinds must all match', () => {
  expect(ids({ includeOperations: ['get-store'] })).toEqual(['get-store']);
  expect(ids({ includeOperations: ['getstore'] })).toEqual(['get-store']);
  expect(ids({ includeOperations: ['getstore', 'health'] })).toEqual(['get-store', 'health']);
  expect(ids({ includeOperations: ['listPets', 'createPet'], includePaths: ['/pets'], excludeTags: ['admin'] })).toEqual(['listPets']);
});

test('the kept schemas are those the kept operations reach through parameters, bodies and responses, in document order', () => {
  // query, header and cookie parameters; a response array's items; through object properties and unions
  expect(schemas({ includeOperations: ['listPets'] })).toEqual(['Pet', 'Tag', 'Shared', 'Filter', 'Token', 'Session']);
  // a request body; a ref to a ref
  expect(schemas({ includeOperations: ['createPet'] })).toEqual(['Pet', 'Tag', 'Shared', 'NewPet']);
  // arrays, intersections, tuples and their rest, around a cycle (which ends)
  expect(schemas({ includeOperations: ['get-store'] })).toEqual(['Shared', 'Store', 'Address']);
  expect(schemas({ includeOperations: ['health'] })).toEqual([]);
  // `Unused` (reached only from itself through a map) is never kept by a selection
  expect(schemas({ excludeTags: ['nothing'] })).not.toContain('Unused');
  expect(select({ includeOperations: ['health'] })).toMatchObject({ title: 'Petstore', version: '1', security: [] });
});

test('a selection that keeps nothing is a selection-empty error listing the filters given and what exists', () => {
  const d = selectionError(petstore(), { includeTags: ['Cats'], excludeTags: ['Admin'] });
  expect(d.message).toBe("The selection (--include-tags Cats, --exclude-tags Admin) keeps none of the spec's 4 operations.");
  expect(d.hint).toBe('Choose among what exists. tags: Admin, Pets, Store, pets.');

  const paths = selectionError(petstore(), { includePaths: ['/cats/**'] });
  expect(paths.message).toContain('(--include-paths /cats/**)');
  expect(paths.hint).toBe('Choose among what exists. paths: /health, /pets, /stores/{id}/inventory.');

  const all = selectionError(petstore(), { includeTags: ['Pets'], includePaths: ['/stores/**'], includeOperations: ['nope'] });
  expect(all.message).toContain('(--include-tags Pets, --include-paths /stores/**, --include-operations nope)');
  expect(all.hint).toBe(
    'Choose among what exists. tags: Admin, Pets, Store, pets; paths: /health, /pets, /stores/{id}/inventory; operations: listPets, createPet, get-store, health.',
  );
});

test('the error says when no operation has a tag, and shortens long lists', () => {
  const untagged = { ...petstore(), operations: petstore().operations.map((o) => ({ ...o, tags: [] })) };
  expect(selectionError(untagged, { includeTags: ['Pets'] }).hint).toBe('Choose among what exists. no operation has a tag.');

  const many = { ...petstore(), operations: Array.from({ length: 45 }, (_, i) => op(`op${String(i).padStart(2, '0')}`, 'get', `/p${i}`, [])) };
  const hint = selectionError(many, { includeOperations: ['nope'] }).hint!;
  expect(hint).toContain('operations: op00, op01,');
  expect(hint).toContain('op39 (+5 more).');
  expect(hint).not.toContain('op40');
});

test('a document without operations stays empty under any selection, with no error', () => {
  const empty = { ...petstore(), operations: [] };
  expect(selectOperations(empty, { includeTags: ['Pets'] })).toMatchObject({ operations: [], schemas: [] });
});

test('globToRegExp: * and ? stay within a segment, ** crosses them, other characters are literal', () => {
  expect(globToRegExp('/a/*').test('/a/b')).toBe(true);
  expect(globToRegExp('/a/*').test('/a/b/c')).toBe(false);
  expect(globToRegExp('/a/**').test('/a/b/c')).toBe(true);
  expect(globToRegExp('/a/?').test('/a/b')).toBe(true);
  expect(globToRegExp('/a/?').test('/a/')).toBe(false);
  expect(globToRegExp('/v1.0/{id}+(x)').test('/v1.0/{id}+(x)')).toBe(true);
  expect(globToRegExp('/v1.0/{id}').test('/v1x0/{id}')).toBe(false);
  expect(globToRegExp('/a').test('/a/b')).toBe(false);
});

describe('webhooks in a selection', () => {
  const withHooks = (): IRDocument => ({
    ...petstore(),
    schemas: [...petstore().schemas, named('PetEvent', ref('Pet')), named('AuditEvent', STRING)],
    webhooks: [
      { name: 'pet_adopted', method: 'post', pointer: '#/webhooks/pet_adopted/post', tags: ['Pets'], operationId: 'petAdopted', payload: ref('PetEvent') },
      { name: 'audit', method: 'post', pointer: '#/webhooks/audit/post', tags: ['Admin'], payload: ref('AuditEvent') },
    ],
  });
  const pick = (selection: Selection) => {
    const ir = selectOperations(withHooks(), selection);
    return { hooks: ir.webhooks?.map((w) => w.name), schemas: ir.schemas.map((s) => s.name) };
  };

  test('the tag filters apply to webhooks as to operations; their payloads keep their schemas', () => {
    expect(pick({ includeTags: ['pets'] })).toEqual({ hooks: ['pet_adopted'], schemas: ['Pet', 'Tag', 'Shared', 'Filter', 'Token', 'Session', 'NewPet', 'PetEvent'] });
    expect(pick({ excludeTags: ['Pets'] }).hooks).toEqual(['audit']);
  });

  test('a path filter keeps no webhook; an operation filter keeps those it names (by name or operationId)', () => {
    expect(pick({ includePaths: ['/health'] })).toEqual({ hooks: undefined, schemas: [] });
    expect(pick({ includeOperations: ['health', 'audit'] }).hooks).toEqual(['audit']);
    expect(pick({ includeOperations: ['health', 'petAdopted'] }).hooks).toEqual(['pet_adopted']);
  });
});
