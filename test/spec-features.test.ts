// Real-world spec features end to end: test/fixtures/specs/features.yaml is generated, type-checked (with a
// consumer asserting the types), built, and called against a local server.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildPackage } from '../generator/build-package.js';
import { generate, type GenerateResult } from '../generator/index.js';
import { generateAndBuild } from './helpers/built-package.js';
import { ROOT } from './helpers/paths.js';
import { json, startServer, type TestServer } from './helpers/server.js';
import { listTsFiles, typecheck } from './helpers/typecheck.js';

let dir: string;
let result: GenerateResult;
let server: TestServer;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let pkg: any;

beforeAll(async () => {
  ({ dir, result, pkg } = await generateAndBuild({ spec: path.join(ROOT, 'test/fixtures/specs/features.yaml') }, 'sdkforge-features-'));
  server = await startServer();
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  server.requests.length = 0;
});

test('names: missing and hostile operationIds, duplicates, colliding and odd schema names', () => {
  expect(result.ir.operations.map((o) => o.name)).toEqual([
    'createAccount',
    'putAccountsAccountIdAvatar',
    'upload',
    'upload2',
    'aProcessExit1FunctionB',
    'watchEvents',
    'speak',
    'getMiscId',
  ]);
  const names = Object.fromEntries(result.ir.schemas.map((s) => [s.originalName, s.name]));
  expect(names).toMatchObject({ 'Foo-Bar': 'FooBar', FooBar: 'FooBar2', '2fa.config': '_2faConfig', class: 'Class' });
});

test('the package type-checks, and readOnly/writeOnly, binary and streaming types are as a user expects', () => {
  const consumer = path.join(dir, 'consumer.ts');
  writeFileSync(
    consumer,
    `import { FeaturesTest, type Account, type AccountWritable, type Stream, type Person, type Node } from './src/index.js';
export async function use(client: FeaturesTest): Promise<void> {
  const created: Account = await client.createAccount({ name: 'n', password: 'p', owner: { nick: null } }, { 'X-Trace-Id': 't' });
  void created.id;
  // @ts-expect-error writeOnly properties are not in responses
  void created.password;
  // @ts-expect-error readOnly properties are not in requests
  const bad: AccountWritable = { id: 'x', name: 'n' };
  void bad;
  // @ts-expect-error the header parameter is required
  await client.createAccount({ name: 'n' }, {});
  const png: Blob = await client.putAccountsAccountIdAvatar('a1', new Uint8Array([1]));
  const text: string = await client.upload({ file: new Blob(['x']), purpose: 'p', tags: ['a'] });
  await client.upload2({ amount: 1, metadata: { a: 'b' } });
  const events: Stream<Node> = await client.watchEvents();
  const audio: Blob = await client.speak({ input: 'hi' });
  const sse: Stream<Person> = await client.speak({ input: 'hi', stream_format: 'sse' });
  // @ts-expect-error a non-sse format gives audio, not a stream
  const wrong: Stream<Person> = await client.speak({ input: 'hi', stream_format: 'audio' });
  const misc = await client.getMiscId(3);
  const extra: string = misc.extended!.extra;
  void [png, text, events, audio, sse, wrong, extra];
}
`,
  );
  expect(typecheck([...listTsFiles(path.join(dir, 'src')), consumer])).toEqual([]);
});

test('query styles, header, cookie and API-key header on the wire', async () => {
  server.handle((_req, res) => json(res, 201, { id: 'a1', name: 'n' }));
  const client = new pkg.FeaturesTest({ apiKey: 'secret', baseURL: server.url, maxRetries: 0 });
  await client.createAccount({ name: 'n' }, { 'X-Trace-Id': 't-1', session: 's 1', ids: [1, 2], tags: ['a', 'b'], filter: { k: 'v' }, fields: ['x', 'y'] });
  const req = server.requests[0]!;
  expect(req.headers['x-api-key']).toBe('secret');
  expect(req.headers['x-trace-id']).toBe('t-1');
  expect(req.headers.cookie).toBe('session=s%201');
  expect(req.url).toBe('/accounts?ids=1|2&tags=a%20b&filter[k]=v&fields=x,y');
});

test('octet-stream upload with a binary response; multipart; form-urlencoded; text body', async () => {
  server.handle((req, res) => {
    if (req.rawPath.endsWith('/avatar')) {
      res.writeHead(200, { 'content-type': 'image/png' });
      return res.end(Buffer.from([137, 80, 78, 71]));
    }
    if (req.rawPath === '/upload') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end('stored');
    }
    if (req.rawPath === '/charges') return void res.writeHead(204).end();
    json(res, 200, { kind: 'Circle', r: 1 });
  });
  const client = new pkg.FeaturesTest({ baseURL: server.url, maxRetries: 0 });
  const png: Blob = await client.putAccountsAccountIdAvatar('../x y', new Uint8Array([1, 2]));
  expect([...new Uint8Array(await png.arrayBuffer())]).toEqual([137, 80, 78, 71]);
  expect(server.requests[0]!.rawPath).toBe('/accounts/..%2Fx%20y/avatar');
  expect(server.requests[0]!.headers['content-type']).toBe('application/octet-stream');
  expect(server.requests[0]!.raw).toEqual(Buffer.from([1, 2]));

  expect(await client.upload({ file: new File(['data'], 'a.txt'), purpose: 'p', tags: ['a', 'b'] })).toBe('stored');
  const form = await new Response(new Uint8Array(server.requests[1]!.raw), { headers: { 'content-type': server.requests[1]!.headers['content-type']! } }).formData();
  expect((form.get('file') as File).name).toBe('a.txt');
  expect(form.getAll('tags')).toEqual(['a', 'b']);

  await client.upload2({ amount: 5, metadata: { order: '1' } });
  expect(server.requests[2]!.body).toBe('amount=5&metadata%5Border%5D=1');

  expect(await client.aProcessExit1FunctionB('note')).toEqual({ kind: 'Circle', r: 1 });
  expect(server.requests[3]!.headers['content-type']).toBe('text/plain');
  expect(server.requests[3]!.body).toBe('note');
});

test('an events-only operation always streams; stream_format: sse selects the stream, otherwise audio', async () => {
  server.handle((req, res) => {
    if (req.rawPath === '/events' || (req.json as { stream_format?: string }).stream_format === 'sse') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"value":1}\n\ndata: {"value":2}\n\n');
      return res.end(req.rawPath === '/events' ? 'data: END\n\n' : '');
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(Buffer.from([1]));
  });
  const client = new pkg.FeaturesTest({ baseURL: server.url, maxRetries: 0 });
  const values: number[] = [];
  for await (const node of await client.watchEvents()) values.push(node.value);
  expect(values).toEqual([1, 2]);
  expect(server.requests[0]!.headers.accept).toBe('text/event-stream');
  const events: unknown[] = [];
  for await (const e of await client.speak({ input: 'x', stream_format: 'sse' })) events.push(e);
  expect(events).toHaveLength(2);
  const audio = await client.speak({ input: 'x' });
  expect(audio).toBeInstanceOf(Blob);
});

test('a parameter name used in several locations: later ones are keyed <in>.<name>, and each value goes to its place', async () => {
  const document = {
    openapi: '3.0.3',
    info: { title: 'Same Names', version: '1.0.0' },
    paths: {
      '/x': {
        get: {
          operationId: 'getX',
          parameters: [
            { name: 'id', in: 'query', schema: { type: 'string' } },
            { name: 'id', in: 'header', schema: { type: 'string' } },
            { name: 'id', in: 'cookie', required: true, schema: { type: 'integer' } },
          ],
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'string' } } } } },
        },
      },
    },
  };
  const out = mkdtempSync(path.join(os.tmpdir(), 'sdkforge-same-names-'));
  try {
    const generated = await generate({ document, spec: 'same-names.yaml', out });
    expect(generated.files.get('src/operations.ts')).toContain("'header.id'?: string;");
    expect(generated.files.get('README.md')).toContain("client.x.retrieve({ 'cookie.id': 0 })");
    const consumer = path.join(out, 'consumer.ts');
    writeFileSync(consumer, `import { SameNames } from './src/index.js';\nexport const call = (c: SameNames) => c.getX({ id: 'q', 'header.id': 'h', 'cookie.id': 7 });\n`);
    expect(typecheck([...listTsFiles(path.join(out, 'src')), consumer])).toEqual([]);
    expect(buildPackage(out)).toEqual([]);
    const { SameNames } = await import(pathToFileURL(path.join(out, 'dist/esm/index.js')).href);
    server.handle((_req, res) => json(res, 200, 'ok'));
    await new SameNames({ apiKey: 'k', baseURL: server.url, maxRetries: 0 }).getX({ id: 'q', 'header.id': 'h', 'cookie.id': 7 });
    const req = server.requests[0]!;
    expect(req.url).toBe('/x?id=q');
    expect(req.headers.id).toBe('h');
    expect(req.headers.cookie).toBe('id=7');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('a body offered as JSON and as multipart/form-data takes either shape; one holding a file goes as multipart', async () => {
  const document = {
    openapi: '3.1.0',
    info: { title: 'Edits', version: '1.0.0' },
    paths: {
      '/edits': {
        post: {
          operationId: 'createEdit',
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': { schema: { $ref: '#/components/schemas/EditUpload' } },
              'application/json': { schema: { $ref: '#/components/schemas/EditJson' } },
            },
          },
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { ok: { type: 'boolean' } } } } } } },
        },
      },
    },
    components: {
      schemas: {
        EditUpload: { type: 'object', required: ['image', 'prompt'], properties: { image: { type: 'string', format: 'binary' }, prompt: { type: 'string' } } },
        EditJson: { type: 'object', required: ['image_url', 'prompt'], properties: { image_url: { type: 'string' }, prompt: { type: 'string' } } },
      },
    },
  };
  const out = mkdtempSync(path.join(os.tmpdir(), 'sdkforge-edits-'));
  try {
    const generated = await generate({ document, spec: 'edits.yaml', out });
    expect(generated.files.get('src/operations.ts')).toContain("fileContentType: 'multipart/form-data'");
    const consumer = path.join(out, 'consumer.ts');
    writeFileSync(
      consumer,
      `import { Edits } from './src/index.js';
export async function use(c: Edits): Promise<void> {
  await c.createEdit({ image_url: 'u', prompt: 'p' });
  await c.createEdit({ image: new Blob(['x']), prompt: 'p' });
  // @ts-expect-error neither shape
  await c.createEdit({ prompt: 'p' });
}
`,
    );
    expect(typecheck([...listTsFiles(path.join(out, 'src')), consumer])).toEqual([]);
    expect(buildPackage(out)).toEqual([]);
    const { Edits } = await import(pathToFileURL(path.join(out, 'dist/esm/index.js')).href);
    server.handle((_req, res) => json(res, 200, { ok: true }));
    const client = new Edits({ apiKey: 'k', baseURL: server.url, maxRetries: 0 });
    await client.createEdit({ image_url: 'u', prompt: 'p' });
    await client.createEdit({ image: new File(['png'], 'a.png'), prompt: 'p' });
    expect(server.requests[0]!.headers['content-type']).toBe('application/json');
    expect(server.requests[1]!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
