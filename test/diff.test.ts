// `sdkforge diff`: changes between spec versions, classified for client users, with a semver suggestion.
import { diffIR, diffSpecs, renderMarkdown, type SpecDiff } from '../generator/diff.js';
import { buildIR } from '../generator/ir/build.js';
import { HAVE_SHARED, OFFICIAL_SPEC, OFFICIAL_SPEC_2025 } from './helpers/paths.js';

const spec = (schemas: object, paths: object = {}) => buildIR({ openapi: '3.1.0', info: { title: 'T', version: '1' }, paths, components: { schemas } } as never).ir;
const op = (body: object, response: object, params: object[] = []) => ({
  '/things/{id}': {
    post: {
      operationId: 'updateThing',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, ...params],
      requestBody: { required: true, content: { 'application/json': { schema: body } } },
      responses: { '200': { description: 'ok', content: { 'application/json': { schema: response } } } },
    },
  },
});

const find = (d: SpecDiff, text: string) => d.changes.find((c) => c.message.includes(text));

test('inputs break when they demand more; outputs break when they promise less', () => {
  const before = spec(
    {
      In: { type: 'object', required: ['a'], properties: { a: { type: 'string' }, old: { type: 'string' } } },
      Out: { type: 'object', required: ['x'], properties: { x: { type: 'string' }, kind: { type: 'string', enum: ['a', 'b'] } } },
    },
    op({ $ref: '#/components/schemas/In' }, { $ref: '#/components/schemas/Out' }),
  );
  const after = spec(
    {
      In: { type: 'object', required: ['a', 'b'], properties: { a: { type: 'string' }, b: { type: 'integer' }, c: { type: 'string' } } },
      Out: { type: 'object', properties: { x: { type: 'string' }, y: { type: 'number' }, kind: { type: 'string', enum: ['a', 'b', 'c'] } } },
      New: { type: 'string' },
    },
    op({ $ref: '#/components/schemas/In' }, { $ref: '#/components/schemas/Out' }, [{ name: 'verbose', in: 'query', schema: { type: 'boolean' } }]),
  );
  const d = diffIR(before, after);
  expect(find(d, 'In: required property `b` added')).toMatchObject({ breaking: true, pointer: '#/components/schemas/In/properties/b' });
  expect(find(d, 'In: optional property `c` added')).toMatchObject({ breaking: false });
  expect(find(d, 'In: property `old` removed')).toMatchObject({ breaking: true });
  expect(find(d, 'Out: property `x` is now optional')).toMatchObject({ breaking: true });
  expect(find(d, 'Out: optional property `y` added')).toMatchObject({ breaking: false });
  expect(find(d, 'enum values added: "c"')).toMatchObject({ breaking: false });
  expect(find(d, 'optional query parameter `verbose` added')).toMatchObject({ breaking: false, subject: 'operation', name: 'updateThing' });
  expect(find(d, 'schema New added')).toMatchObject({ breaking: false, kind: 'added' });
  expect(d.bump).toBe('major');
});

test('additions only suggest a minor bump; no change suggests none; operations added and removed', () => {
  const base = spec({ A: { type: 'object', properties: { a: { type: 'string' } } } }, op({ type: 'object' }, { $ref: '#/components/schemas/A' }));
  const grown = spec({ A: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } } } }, op({ type: 'object' }, { $ref: '#/components/schemas/A' }));
  expect(diffIR(base, grown).bump).toBe('minor');
  expect(diffIR(base, base)).toMatchObject({ bump: 'none', changes: [] });
  const removed = diffIR(base, spec({ A: { type: 'object', properties: { a: { type: 'string' } } } }));
  expect(removed.changes).toEqual([expect.objectContaining({ subject: 'operation', kind: 'removed', breaking: true, name: 'updateThing' })]);
  expect(removed.bump).toBe('major');
  expect(renderMarkdown(removed)).toContain('### Breaking changes');
});

const describeShared = HAVE_SHARED ? describe : describe.skip;
describeShared('the two official OpenAI versions', () => {
  let d: SpecDiff;
  beforeAll(async () => {
    d = await diffSpecs(OFFICIAL_SPEC_2025, OFFICIAL_SPEC);
  }, 120000);

  test('operations added: e.g. the chat completion store and the new Responses endpoints', () => {
    const added = d.changes.filter((c) => c.subject === 'operation' && c.kind === 'added');
    expect(added.length).toBeGreaterThanOrEqual(130);
    expect(added.map((c) => c.name)).toEqual(expect.arrayContaining(['createConversation']));
  });

  test('properties added: Model.shutdown_date and CreateChatCompletionRequest.verbosity, non-breaking', () => {
    expect(find(d, 'Model: optional property `shutdown_date` added')).toMatchObject({ breaking: false, pointer: '#/components/schemas/Model/properties/shutdown_date' });
    expect(find(d, 'CreateChatCompletionRequest: optional property `verbosity` added')).toMatchObject({ breaking: false });
  });

  test('a breaking change is found and the bump is major; markdown and JSON render', () => {
    const breaking = d.changes.filter((c) => c.breaking);
    expect(breaking.length).toBeGreaterThan(0);
    expect(find(d, 'listInputItems: query parameter `before` removed')).toMatchObject({ breaking: true });
    expect(d.bump).toBe('major');
    const md = renderMarkdown(d);
    expect(md).toMatch(/^## OpenAI API/);
    expect(md).toContain('Suggested version bump for the generated package: **major**');
    expect(JSON.parse(JSON.stringify(d)).changes.length).toBe(d.changes.length);
  });
});
