// The 3.2 additions a client needs, built into the IR from in-memory documents (the loader's 3.2 support is
// separate): query and additionalOperations, tag parent/kind/summary, response summary, deprecated security
// schemes, named servers.
import { buildIR } from './build.js';

const base = { openapi: '3.2.0', info: { title: 'T', version: '1' } };

function build(extra: Record<string, unknown>) {
  return buildIR({ ...base, ...extra } as never);
}

describe('methods', () => {
  const { ir, warnings } = build({
    paths: {
      '/items/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        get: { operationId: 'getItem', responses: { '200': { description: 'ok' } } },
        query: {
          requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { q: { type: 'string' } } } } } },
          responses: { '200': { description: 'ok' } },
        },
        additionalOperations: {
          COPY: { responses: { '204': { description: 'copied' } } },
          Purge: { operationId: 'purgeItem', responses: { '204': { description: 'purged' } } },
          POST: { operationId: 'notAllowed', responses: { '200': { description: 'x' } } },
          'NOT A TOKEN': { responses: { '200': { description: 'x' } } },
        },
      },
    },
  });

  test('query is a fixed method, additional operations keep their key, in document order', () => {
    expect(ir.operations.map((o) => [o.method, o.name, o.pointer])).toEqual([
      ['get', 'getItem', '#/paths/~1items~1{id}/get'],
      ['query', 'queryItemsId', '#/paths/~1items~1{id}/query'],
      ['COPY', 'copyItemsId', '#/paths/~1items~1{id}/additionalOperations/COPY'],
      ['Purge', 'purgeItem', '#/paths/~1items~1{id}/additionalOperations/Purge'],
    ]);
  });

  test('a QUERY body is kept without a warning (it is no GET)', () => {
    expect(ir.operations[1]!.requestBody?.contents[0]?.mediaType).toBe('application/json');
    expect(warnings.filter((w) => w.code.startsWith('request-body'))).toEqual([]);
  });

  test('path parameters of the path item apply to additional operations', () => {
    expect(ir.operations[2]!.parameters.path.map((p) => p.name)).toEqual(['id']);
  });

  test('an additional key naming a fixed method, or no method token, is left out with a located warning', () => {
    expect(warnings.filter((w) => w.code === 'additional-operation-method').map((w) => w.pointer)).toEqual([
      '#/paths/~1items~1{id}/additionalOperations/POST',
      '#/paths/~1items~1{id}/additionalOperations/NOT A TOKEN',
    ]);
  });
});

describe('tags', () => {
  test('summary, parent and kind are kept', () => {
    const { ir, warnings } = build({
      tags: [
        { name: 'pets', summary: 'Pets', description: 'All pets.', kind: 'nav' },
        { name: 'cats', parent: 'pets', kind: 'nav' },
      ],
      paths: {},
    });
    expect(ir.tags).toEqual([
      { name: 'pets', summary: 'Pets', description: 'All pets.', kind: 'nav' },
      { name: 'cats', parent: 'pets', kind: 'nav' },
    ]);
    expect(warnings).toEqual([]);
  });

  test('a parent naming no tag is a tag-parent warning at it, and is left out', () => {
    const { ir, warnings } = build({ tags: [{ name: 'a' }, { name: 'b', parent: 'nope' }], paths: {} });
    expect(ir.tags).toEqual([{ name: 'a' }, { name: 'b' }]);
    expect(warnings).toEqual([expect.objectContaining({ code: 'tag-parent', pointer: '#/tags/1/parent', message: expect.stringContaining('"nope"') })]);
  });

  test('parents in a cycle are a tag-parent warning, and the cycle is broken', () => {
    const { ir, warnings } = build({ tags: [{ name: 'a', parent: 'c' }, { name: 'b', parent: 'a' }, { name: 'c', parent: 'b' }, { name: 'self', parent: 'self' }], paths: {} });
    expect(warnings.map((w) => [w.code, w.pointer])).toEqual([
      ['tag-parent', '#/tags/1/parent'],
      ['tag-parent', '#/tags/3/parent'],
    ]);
    expect(warnings[0]!.message).toContain('a → c → b → a');
    expect(ir.tags).toEqual([{ name: 'a', parent: 'c' }, { name: 'b' }, { name: 'c', parent: 'b' }, { name: 'self' }]);
  });

  test('no tags: no tags member', () => {
    expect(build({ paths: {} }).ir.tags).toBeUndefined();
  });
});

test('a response summary is kept beside its description (which 3.2 no longer requires)', () => {
  const { ir } = build({ paths: { '/x': { get: { responses: { '200': { summary: 'The thing' }, '404': { summary: 'Missing', description: 'Not there.' } } } } } });
  expect(ir.operations[0]!.responses.map((r) => [r.status, r.summary, r.description])).toEqual([
    ['200', 'The thing', undefined],
    ['404', 'Missing', 'Not there.'],
  ]);
});

test('a deprecated security scheme is marked', () => {
  const { ir } = build({
    paths: {},
    components: { securitySchemes: { old: { type: 'apiKey', in: 'header', name: 'x-key', deprecated: true }, bearer: { type: 'http', scheme: 'bearer' } } },
  });
  expect(ir.security).toEqual([
    { name: 'old', kind: 'apiKey', in: 'header', parameterName: 'x-key', deprecated: true },
    { name: 'bearer', kind: 'bearer' },
  ]);
});

describe('named servers', () => {
  test('become environments, variables at their defaults; baseURL stays the first server', () => {
    const { ir, warnings } = build({
      servers: [
        { url: 'https://{region}.api.test/v1', name: 'production', variables: { region: { default: 'eu', enum: ['eu', 'us'] } } },
        { url: 'https://staging.api.test/v1', name: 'staging' },
        { url: 'https://unnamed.api.test' },
        { url: 'https://other.api.test', name: 'staging' },
      ],
      paths: {},
    });
    expect(ir.baseURL).toBe('https://eu.api.test/v1');
    expect(ir.environments).toEqual([
      { name: 'production', url: 'https://eu.api.test/v1', pointer: '#/servers/0' },
      { name: 'staging', url: 'https://staging.api.test/v1', pointer: '#/servers/1' },
    ]);
    expect(warnings).toEqual([expect.objectContaining({ code: 'server-name-repeated', pointer: '#/servers/3/name' })]);
  });

  test('a relative named server is resolved against the document URL', () => {
    const { ir } = buildIR({ ...base, servers: [{ url: '/v1', name: 'here' }], paths: {} } as never, { source: 'https://spec.test/openapi.json' });
    expect(ir.environments).toEqual([{ name: 'here', url: 'https://spec.test/v1', pointer: '#/servers/0' }]);
  });

  test('no named server: no environments', () => {
    expect(build({ servers: [{ url: 'https://a.test' }], paths: {} }).ir.environments).toBeUndefined();
  });
});
