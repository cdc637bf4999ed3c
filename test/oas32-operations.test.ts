// OpenAPI 3.2's operation-level additions, end to end: a package emitted from an in-memory 3.2 document (past the
// loader), built, and called against a real server on 127.0.0.1. The server is a raw TCP one, because Node's HTTP
// parser refuses methods outside its list and any method not in uppercase (`Purge`), which the client must send
// exactly as the spec's key has it.
import net, { type AddressInfo } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { emitAndBuild, type EmittedPackage } from './helpers/built-package.js';
import { writeFileSync } from 'node:fs';
import { ROOT } from './helpers/paths.js';
import { typecheck } from './helpers/typecheck.js';

interface Seen {
  method: string;
  target: string;
  headers: Record<string, string>;
  body: string;
}

/** A server that records each request line as sent, and answers `{ ok: true }` as JSON. */
async function startRawServer(): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const server = net.createServer((socket) => {
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [requestLine, ...lines] = buffer.subarray(0, end).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      const length = Number(headers['content-length'] ?? 0);
      if (buffer.length < end + 4 + length) return;
      const [method, target] = requestLine!.split(' ');
      seen.push({ method: method!, target: target!, headers, body: buffer.subarray(end + 4, end + 4 + length).toString('utf8') });
      const body = JSON.stringify({ ok: true });
      socket.end(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`);
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const ok = { '200': { summary: 'The item', content: { 'application/json': { schema: { type: 'object', properties: { ok: { type: 'boolean' } } } } } } };

function document(serverURL: string) {
  return {
    openapi: '3.2.0',
    info: { title: 'Store', version: '1.0.0' },
    servers: [
      { url: `${serverURL}/prod`, name: 'production' },
      { url: `${serverURL}/{stage}`, name: 'staging', variables: { stage: { default: 'staging' } } },
    ],
    security: [{ legacyKey: [] }],
    tags: [{ name: 'items', kind: 'nav' }, { name: 'copies', parent: 'items' }],
    components: { securitySchemes: { legacyKey: { type: 'apiKey', in: 'header', name: 'x-api-key', deprecated: true } } },
    paths: {
      '/items/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        get: { operationId: 'getItem', responses: ok },
        query: {
          operationId: 'searchItem',
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { q: { type: 'string' } } } } } },
          responses: ok,
        },
        additionalOperations: {
          COPY: { tags: ['copies'], responses: ok },
          Purge: { operationId: 'purgeItem', responses: ok },
        },
      },
    },
  };
}

let server: Awaited<ReturnType<typeof startRawServer>>;
let built: EmittedPackage;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let Client: any;

beforeAll(async () => {
  server = await startRawServer();
  built = await emitAndBuild(document(server.url));
  Client = built.pkg.default;
}, 120_000);
afterAll(async () => {
  built?.remove();
  await server?.close();
});
beforeEach(() => {
  server.seen.length = 0;
});

describe('methods', () => {
  test('GET and QUERY go out uppercase; QUERY carries its JSON body', async () => {
    const client = new Client({ apiKey: 'k', baseURL: server.url, maxRetries: 0 });
    await expect(client.getItem('a')).resolves.toEqual({ ok: true });
    await expect(client.searchItem('a b', { q: 'x' })).resolves.toEqual({ ok: true });
    expect(server.seen.map((s) => [s.method, s.target, s.body])).toEqual([
      ['GET', '/items/a', ''],
      ['QUERY', '/items/a%20b', '{"q":"x"}'],
    ]);
    expect(server.seen[1]!.headers['content-type']).toBe('application/json');
  });

  test('additional operations go out with the exact case of their key, named without operationId', async () => {
    const client = new Client({ apiKey: 'k', baseURL: server.url, maxRetries: 0 });
    await client.copyItemsId('a');
    await client.purgeItem('b');
    expect(server.seen.map((s) => [s.method, s.target])).toEqual([
      ['COPY', '/items/a'],
      ['Purge', '/items/b'],
    ]);
    expect(server.seen[0]!.headers['x-api-key']).toBe('k');
  });

  test('the emitted request spec and docs name the method as sent', () => {
    const ops = built.files.get('src/operations.ts')!;
    expect(ops).toContain("method: 'QUERY'");
    expect(ops).toContain("method: 'Purge'");
    expect(ops).toContain('`Purge /items/{id}`');
    expect(built.files.get('README.md')).toContain('`Purge /items/{id}`');
  });
});

describe('environments', () => {
  test('the environment option chooses the named server', async () => {
    await new Client({ apiKey: 'k', environment: 'staging', maxRetries: 0 }).getItem('a');
    await new Client({ apiKey: 'k', environment: 'production', maxRetries: 0 }).getItem('a');
    await new Client({ apiKey: 'k', maxRetries: 0 }).getItem('a');
    expect(server.seen.map((s) => s.target)).toEqual(['/staging/items/a', '/prod/items/a', '/prod/items/a']);
  });

  test('baseURL wins over environment', async () => {
    await new Client({ apiKey: 'k', environment: 'staging', baseURL: `${server.url}/mine`, maxRetries: 0 }).getItem('a');
    expect(server.seen.map((s) => s.target)).toEqual(['/mine/items/a']);
  });

  test('withOptions({ environment }) moves a derived client to that server; the original stays', async () => {
    const production = new Client({ apiKey: 'k', environment: 'production', maxRetries: 0 });
    const staging = production.withOptions({ environment: 'staging' });
    expect(staging).toBeInstanceOf(Client);
    await staging.getItem('a');
    await production.getItem('b');
    await built.pkg.getItem(built.pkg.createClient({ apiKey: 'k', maxRetries: 0 }).withOptions({ environment: 'staging' }), 'c');
    expect(server.seen.map((s) => s.target)).toEqual(['/staging/items/a', '/prod/items/b', '/staging/items/c']);
  });

  test('createClient takes environment too', async () => {
    await built.pkg.getItem(built.pkg.createClient({ apiKey: 'k', environment: 'staging', maxRetries: 0 }), 'z');
    expect(server.seen.map((s) => s.target)).toEqual(['/staging/items/z']);
  });

  test('an unknown environment is an error at construction, naming the known ones', () => {
    expect(() => new Client({ apiKey: 'k', environment: 'prod' })).toThrow(built.pkg.SDKError);
    expect(() => new Client({ apiKey: 'k', environment: 'prod', baseURL: server.url })).toThrow('Unknown environment "prod": the API names "production", "staging".');
  });

  test('the package exports the environments and ships their runtime module; one without named servers does not', () => {
    expect(built.pkg.environments).toEqual({ production: `${server.url}/prod`, staging: `${server.url}/staging` });
    expect(existsSync(path.join(built.dir, 'src/runtime/environments.ts'))).toBe(true);
    expect(existsSync(path.join(ROOT, 'generated/src/runtime/environments.ts'))).toBe(false);
    const types = readFileSync(path.join(built.dir, 'dist/esm/defaults.d.ts'), 'utf8');
    expect(types).toContain('environment?: keyof typeof environments | undefined;');
  });

  test('the README documents the environments', () => {
    const readme = built.files.get('README.md')!;
    expect(readme).toContain("`new Store({ environment: 'production' })`");
    expect(readme).toContain(`- \`production\`: \`${server.url}/prod\``);
    expect(readme).toContain(`- \`staging\`: \`${server.url}/staging\``);
  });
});

test('a deprecated security scheme is stated on the apiKey option and in the README', () => {
  const defaults = built.files.get('src/defaults.ts')!;
  expect(defaults).toMatch(/The API deprecates the scheme it is sent with, `legacyKey`\.\s*\*\/\s*apiKey\?: TokenCredential \| null \| undefined;/);
  expect(defaults).toMatch(/The API deprecates this scheme, `legacyKey`\.\s*\*\/\s*legacyKey\?: TokenCredential \| null \| undefined;/);
  expect(built.files.get('README.md')).toContain('The API deprecates its security scheme `legacyKey`.');
});

test('a response summary is the @returns of the operation', () => {
  expect(built.files.get('src/operations.ts')).toContain('@returns The item');
  expect(built.files.get('src/client.ts')).toContain('@returns The item');
});

test('the IR keeps the tag hierarchy', () => {
  expect(built.ir.tags).toEqual([{ name: 'items', kind: 'nav' }, { name: 'copies', parent: 'items' }]);
  expect(built.warnings).toEqual([]);
});

test('environment is typed by the names the spec gives: a wrong one fails to compile', () => {
  const file = path.join(built.dir, 'use-environment.ts');
  writeFileSync(
    file,
    [
      "import { Store, createClient } from './src/index.js';",
      "new Store({ environment: 'staging' });",
      "createClient({ environment: 'production' });",
      "// @ts-expect-error: the spec names no such server",
      "new Store({ environment: 'prod' });",
      "new Store({ environment: 'nope' });",
      "const derived: Store = new Store().withOptions({ environment: 'staging', logLevel: 'debug' });",
    ].join('\n'),
  );
  const errors = typecheck([file]);
  expect(errors.map((e) => [e.line, e.message.split('\n')[0]])).toEqual([[6, expect.stringContaining(`'"nope"' is not assignable`)]]);
});

test('the environments runtime module ships as prettier formats it', async () => {
  const { prettierDrift } = await import('./helpers/prettier-stable.js');
  const name = 'src/runtime/environments.ts';
  expect(await prettierDrift(name, built.files.get(name)!)).toBeUndefined();
});
