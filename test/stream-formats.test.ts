// Every sequential media type, from every version: one API with NDJSON and JSON-sequence streams, written in the
// OpenAPI 3.0 convention (`schema` is one item), the 3.1 array form (`schema` is an array of items, warned as
// ambiguous) and the 3.2 form (`itemSchema`), generates the same client; the client streams from a local server,
// asking for the spec's media type.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generate, type GenerateResult } from '../generator/index.js';
import { generateAndBuild, type BuiltPackage } from './helpers/built-package.js';
import { startServer, type TestServer } from './helpers/server.js';

type Convention = '3.0' | '3.1' | '3.2';

/** The same API in each version's convention for a stream's item type. */
function spec(version: Convention): object {
  const chunk = { $ref: '#/components/schemas/ChatChunk' };
  const logLine = { $ref: '#/components/schemas/LogLine' };
  const sequential = (item: object) =>
    version === '3.2' ? { itemSchema: item } : version === '3.1' ? { schema: { type: 'array', items: item } } : { schema: item };
  return {
    openapi: { '3.0': '3.0.3', '3.1': '3.1.0', '3.2': '3.2.0' }[version],
    info: { title: 'Sequences', version: '1.0.0' },
    servers: [{ url: 'https://api.example.test' }],
    paths: {
      '/chat': {
        post: {
          operationId: 'chat',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { type: 'object', required: ['model'], properties: { model: { type: 'string' }, stream: { type: 'boolean' } } } } },
          },
          responses: {
            '200': {
              description: 'The reply, whole or streamed.',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/ChatResponse' } }, 'application/x-ndjson': sequential(chunk) },
            },
          },
        },
      },
      '/logs': {
        get: {
          operationId: 'streamLogs',
          responses: { '200': { description: 'Log lines.', content: { 'application/json-seq': sequential(logLine), 'application/jsonl': sequential(logLine) } } },
        },
      },
    },
    components: {
      schemas: {
        ChatChunk: { type: 'object', required: ['delta', 'done'], properties: { delta: { type: 'string' }, done: { type: 'boolean' } } },
        ChatResponse: { type: 'object', required: ['content'], properties: { content: { type: 'string' } } },
        LogLine: { type: 'object', required: ['level', 'msg'], properties: { level: { type: 'string', enum: ['info', 'error'] }, msg: { type: 'string' } } },
      },
    },
  };
}

let dir: string;
const results = new Map<Convention, GenerateResult>();
let built: BuiltPackage;
let server: TestServer;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sdkforge-stream-formats-'));
  for (const version of ['3.0', '3.1', '3.2'] as const) {
    const file = path.join(dir, `sequences-${version}.json`);
    writeFileSync(file, JSON.stringify(spec(version), null, 2));
    results.set(version, await generate({ spec: file, write: false }));
  }
  built = await generateAndBuild({ spec: path.join(dir, 'sequences-3.2.json') }, 'sdkforge-sequences-');
  server = await startServer();
}, 120_000);
afterAll(async () => {
  await server?.close();
  built?.remove();
  rmSync(dir, { recursive: true, force: true });
});

const CLIENT_FILES = ['src/types.ts', 'src/operations.ts', 'src/client.ts', 'src/index.ts'];

test('the 3.0, 3.1 and 3.2 conventions generate the same client types and operations', () => {
  const files = (v: Convention) => CLIENT_FILES.map((f) => [f, results.get(v)!.files.get(f)] as const);
  expect(files('3.1')).toEqual(files('3.0'));
  expect(files('3.2')).toEqual(files('3.0'));
  const ops = results.get('3.2')!.files.get('src/operations.ts')!;
  expect(ops).toContain('APIPromise<Stream<ChatChunk>>');
  expect(ops).toContain('APIPromise<Stream<LogLine>>');
  // the stream is asked for by the spec's own media type; of several sequential types, the first
  expect(ops).toContain("mediaType: 'application/x-ndjson'");
  expect(ops).toContain("stream: { format: jsonSeqFormat }");
});

test('an array schema on a sequential type in 3.0/3.1 is warned as ambiguous; 3.2 and the item form are not', () => {
  const codes = (v: Convention) => results.get(v)!.diagnostics.filter((d) => d.code === 'stream-item-ambiguous').map((d) => d.pointer);
  expect(codes('3.1')).toEqual(['#/paths/~1chat/post/responses/200/content/application~1x-ndjson/schema', '#/paths/~1logs/get/responses/200/content/application~1json-seq/schema']);
  expect(codes('3.0')).toEqual([]);
  expect(codes('3.2')).toEqual([]);
  expect(results.get('3.2')!.ir.operations.map((o) => [o.name, o.streaming?.format, o.streaming?.selector.by])).toEqual([
    ['chat', 'jsonl', 'body-property'],
    ['streamLogs', 'json-seq', 'accept'],
  ]);
});

test('the built client streams NDJSON when `stream` is true (asking for application/x-ndjson) and JSON otherwise', async () => {
  server.handle((req, res) => {
    if (req.json && (req.json as { stream?: boolean }).stream) {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.end('{"delta":"Hé","done":false}\n\n{"delta":"llo","done":true}');
    } else {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"content":"Héllo"}');
    }
  });
  const client = new built.pkg.Sequences({ baseURL: server.url, maxRetries: 0 });
  const chunks: unknown[] = [];
  for await (const c of await client.chat({ model: 'm', stream: true })) chunks.push(c);
  expect(chunks).toEqual([{ delta: 'Hé', done: false }, { delta: 'llo', done: true }]);
  expect(server.requests.at(-1)!.headers.accept).toBe('application/x-ndjson');
  expect(await client.chat({ model: 'm' })).toEqual({ content: 'Héllo' });
  expect(server.requests.at(-1)!.headers.accept).toBe('application/json');
});

test('the built client asks for JSON text sequences with Accept and reads them', async () => {
  server.handle((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json-seq' });
    res.end('\x1e{"level":"info","msg":"up"}\n\x1e{"level":"error","msg":"down"}\n');
  });
  const client = new built.pkg.Sequences({ baseURL: server.url, maxRetries: 0 });
  const lines: unknown[] = [];
  for await (const line of await client.streamLogs()) lines.push(line);
  expect(lines).toEqual([{ level: 'info', msg: 'up' }, { level: 'error', msg: 'down' }]);
  expect(server.requests.at(-1)!.headers.accept).toBe('application/json-seq');
});
