// OpenAPI 3.2 types a client uses, end to end from test/fixtures/specs/oas32-events.yaml: the server-sent event
// example of the 3.2 text (events with `event` constants, JSON `data` by contentMediaType/contentSchema) streamed
// from a local server in 1-byte writes, with its narrowing checked by tsc both ways; a `querystring` parameter on
// the wire; a discriminator's `defaultMapping`.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { GenerateResult } from '../generator/index.js';
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
  ({ dir, result, pkg } = await generateAndBuild({ spec: path.join(ROOT, 'test/fixtures/specs/oas32-events.yaml') }, 'sdkforge-oas32-events-'));
  server = await startServer();
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const consumer = (name: string, body: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, `import { TypedEvents, type Pet, type OtherPet } from './src/index.js';\n${body}`);
  return file;
};

test('the event stream is typed per event: switch (e.event) narrows e.data', () => {
  const good = consumer(
    'good.ts',
    `export async function use(client: TypedEvents): Promise<number> {
  let total = 0;
  for await (const e of await client.watchEvents()) {
    switch (e.event) {
      case 'addString': {
        const text: string = e.data;
        total += text.length;
        break;
      }
      case 'addInt64': {
        const digits: string = e.data;
        total += Number(digits);
        break;
      }
      case 'addJson': {
        const foo: number = e.data.foo;
        total += foo;
        break;
      }
      default: {
        const never: never = e;
        void never;
      }
    }
    const retry: number | undefined = e.retry;
    const id: string | undefined = e.id;
    void [retry, id];
  }
  return total;
}
export async function pets(client: TypedEvents): Promise<string> {
  const pet: Pet = await client.getPet('p1');
  // an unknown kind of pet is still a Pet, typed as the default
  const other: Pet = { petType: 'Hamster', name: 'h' } satisfies OtherPet;
  void other;
  return pet.petType ?? 'none';
}
export async function search(client: TypedEvents): Promise<string[]> {
  await client.searchJson({ json: { numbers: [1], flag: null } });
  return client.searchForm({ filter: { foo: 'a + b', bar: true } });
}
`,
  );
  expect(typecheck([...listTsFiles(path.join(dir, 'src')), good])).toEqual([]);
});

test('a wrong narrowing does not compile (the negative test)', () => {
  const bad = consumer(
    'bad.ts',
    `export async function use(client: TypedEvents): Promise<void> {
  for await (const e of await client.watchEvents()) {
    if (e.event === 'addString') {
      const foo: number = e.data.foo;
      void foo;
    }
    if (e.event === 'addJson') {
      const text: string = e.data;
      void text;
    }
  }
  // the querystring parameter is typed
  await client.searchForm({ filter: { foo: 1 } });
}
`,
  );
  const errors = typecheck([...listTsFiles(path.join(dir, 'src')), bad]).filter((e) => e.file.endsWith('bad.ts'));
  expect(errors.map((e) => e.line)).toEqual([5, 9, 14]);
  expect(errors[0]!.message).toMatch(/Property 'foo' does not exist on type 'string'/);
  expect(errors[1]!.message).toMatch(/not assignable to type 'string'/);
});

test('the events stream from a local server, in 1-byte writes: whole events, JSON data decoded for addJson only', async () => {
  const text =
    'event: addString\ndata: This data is formatted\ndata: across two lines\nretry: 5\n\n' +
    'event: addInt64\ndata: 1234.5678\nunknownField: this is ignored\n\n' +
    ': This is a comment\nevent: addJson\nid: 3\ndata: {"foo": 42}\n\n';
  server.handle(async (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    for (const byte of Buffer.from(text)) {
      res.write(Buffer.from([byte]));
      await new Promise((r) => setImmediate(r));
    }
    res.end();
  });
  const client = new pkg.TypedEvents({ baseURL: server.url, maxRetries: 0 });
  const events: unknown[] = [];
  for await (const e of await client.watchEvents()) events.push(e);
  expect(events).toEqual([
    { event: 'addString', data: 'This data is formatted\nacross two lines', retry: 5 },
    { event: 'addInt64', data: '1234.5678' },
    { event: 'addJson', data: { foo: 42 }, id: '3' },
  ]);
  expect(server.requests.at(-1)!.headers.accept).toBe('text/event-stream');
  expect(result.ir.operations.find((o) => o.name === 'watchEvents')!.streaming).toMatchObject({ format: 'sse', events: { jsonData: ['addJson'] } });
});

test('a querystring parameter is the whole query string, serialized by its media type (the 3.2 examples)', async () => {
  server.handle((_req, res) => json(res, 200, []));
  const client = new pkg.TypedEvents({ baseURL: server.url, maxRetries: 0 });
  await client.searchForm({ filter: { foo: 'a + b', bar: true } });
  expect(server.requests.at(-1)!.url).toBe('/search?foo=a+%2B+b&bar=true');
  server.handle((_req, res) => void res.writeHead(204).end());
  await client.searchJson({ json: { numbers: [1, 2], flag: null } });
  expect(server.requests.at(-1)!.url).toBe('/search-json?%7B%22numbers%22%3A%5B1%2C2%5D%2C%22flag%22%3Anull%7D');
  await client.searchJson();
  expect(server.requests.at(-1)!.url).toBe('/search-json');
});

test("discriminator.defaultMapping: an unknown variant is accepted and documented as the default", async () => {
  server.handle((_req, res) => json(res, 200, { petType: 'Hamster', name: 'h' }));
  const client = new pkg.TypedEvents({ baseURL: server.url, maxRetries: 0 });
  expect(await client.getPet('p1')).toEqual({ petType: 'Hamster', name: 'h' });
  const pet = result.ir.schemas.find((s) => s.name === 'Pet')!.schema;
  expect(pet).toMatchObject({ kind: 'union', discriminator: { property: 'petType', defaultMapping: 'OtherPet' } });
  const types = result.files.get('src/types.ts')!;
  expect(types).toContain('A `petType` other than `"Cat"`, `"Dog"`, or none, is a {@link OtherPet}.');
});
