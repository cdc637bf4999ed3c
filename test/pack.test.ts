// `sdkforge build`, then `npm pack --ignore-scripts` of the generated package (the one-command path, which needs no
// install in the package: its prepack build would need its TypeScript devDependency), gives a tarball that installs
// into a fresh project (offline: it has no dependencies) and works there as a consumer would use it: a TypeScript
// ESM app checked with `tsc --strict` (NodeNext) and run, and a plain CommonJS `require` app, both calling a local
// server. test/user-path.test.ts walks the other path: npm install, npm run build and npm pack in the package.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packGeneratedCopy, type PackReport } from './helpers/built-package.js';
import { npm, run, TSC } from './helpers/npm.js';
import { json, startServer, type TestServer } from './helpers/server.js';
import { chatChunkEvent, writeSSE } from './helpers/sse.js';

let work: string;
let server: TestServer;
/** `npm pack --json`'s report on the built copy of generated/, and the tarball's path. */
let packed: PackReport | undefined;
let tarball: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'sdkforge-pack-'));
  // built and packed here, so each test below runs alone
  ({ report: packed, tarball } = await packGeneratedCopy(work));
  server = await startServer((req, res) => {
    if (req.method === 'POST' && req.rawPath === '/v1/chat/completions') {
      writeSSE(res, ['Hel', 'lo', ' from', ' SSE'].map((piece) => chatChunkEvent(piece)));
      return;
    }
    if (req.method === 'GET' && req.rawPath === '/v1/models') {
      json(res, 200, {
        object: 'list',
        data: [
          { id: 'gpt-4o', object: 'model', created: 1, owned_by: 'openai' },
          { id: 'gpt-4o-mini', object: 'model', created: 2, owned_by: 'openai' },
        ],
      });
      return;
    }
    json(res, 404, { error: { message: `no route ${req.method} ${req.rawPath}`, type: 'invalid_request_error' } });
  });
});

afterAll(async () => {
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('npm pack of the built package gives a tarball with both builds, declarations and no dev files', () => {
  const info = packed;
  expect(info?.name).toBe('@sdkforge/openai');
  expect(existsSync(tarball)).toBe(true);

  const files = info!.files.map((f) => f.path);
  for (const f of [
    'package.json',
    'README.md',
    'dist/esm/index.js',
    'dist/esm/index.d.ts',
    'dist/esm/runtime/stream.js',
    'dist/cjs/index.js',
    'dist/cjs/index.d.ts',
    'dist/cjs/package.json',
    'src/index.ts',
  ]) {
    expect(files).toContain(f);
  }
  expect(files.filter((f) => !/^(package\.json|README\.md|dist\/|src\/)/.test(f))).toEqual([]);
});

test('the tarball installs offline; a strict TypeScript ESM app and a CommonJS app call the API through it', async () => {
  expect(existsSync(tarball)).toBe(true);
  const app = path.join(work, 'app');
  mkdirSync(app);
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2));
  await npm(['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], app);
  const installed = path.join(app, 'node_modules/@sdkforge/openai');
  expect(JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')).name).toBe('@sdkforge/openai');
  expect(readdirSync(path.join(app, 'node_modules'))).toEqual(['.package-lock.json', '@sdkforge']);

  // The ESM consumer: resolved through the package's `exports` (import condition → dist/esm + .d.ts).
  writeFileSync(
    path.join(app, 'main.ts'),
    `import { OpenAI, APIError, Stream, type CreateChatCompletionStreamResponse, type Model } from '@sdkforge/openai';

declare const process: { env: Record<string, string | undefined> };

const client = new OpenAI({ apiKey: 'sk-test', baseURL: process.env['BASE'] + '/v1', maxRetries: 0 });

const page = await client.listModels();
const ids: string[] = page.data.map((m: Model) => m.id);

const stream = await client.createChatCompletion({
  model: 'gpt-4o',
  messages: [{ role: 'user', content: 'hi' }],
  stream: true,
});
const isStream: boolean = stream instanceof Stream;
let text = '';
for await (const chunk of stream) {
  const c: CreateChatCompletionStreamResponse = chunk;
  text += c.choices[0]?.delta.content ?? '';
}

let status = 0;
try {
  await client.retrieveModel('nope');
} catch (err) {
  if (err instanceof APIError) status = err.status ?? -1;
}

console.log(JSON.stringify({ ids, text, isStream, status }));

// Types come from the package's declarations: these must not compile.
export function neverCalled(): void {
  // @ts-expect-error model is required
  void client.createChatCompletion({ messages: [] });
  // @ts-expect-error listModels takes no body
  void client.listModels({ limit: 1 });
  // @ts-expect-error a streamed chat completion has no 'choices[0].message'
  void stream.choices;
}
`,
  );
  const compilerOptions = { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', lib: ['ES2022', 'DOM', 'DOM.Iterable'], types: [], outDir: 'out' };
  writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['main.ts'] }, null, 2));
  try {
    await run(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: app });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    throw new Error(`tsc --strict failed:\n${e.stdout}${e.stderr}`);
  }
  const env = { ...process.env, BASE: server.url };
  const esm = await run(process.execPath, [path.join(app, 'out/main.js')], { cwd: app, env });
  expect(JSON.parse(esm.stdout)).toEqual({ ids: ['gpt-4o', 'gpt-4o-mini'], text: 'Hello from SSE', isStream: true, status: 404 });

  // The CommonJS consumer: plain `require` (require condition → dist/cjs).
  writeFileSync(
    path.join(app, 'main.cjs'),
    `const sdk = require('@sdkforge/openai');
const { OpenAI, NotFoundError, Stream, createChatCompletion } = sdk;
const client = new OpenAI({ apiKey: 'sk-test', baseURL: process.env.BASE + '/v1', maxRetries: 0 });
(async () => {
  const ids = [];
  for await (const m of client.listModels()) ids.push(m.id);
  const stream = await createChatCompletion(client, { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], stream: true });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0].delta.content;
  let notFound = false;
  try { await client.retrieveModel('nope'); } catch (err) { notFound = err instanceof NotFoundError; }
  console.log(JSON.stringify({
    ids, text, notFound, isStream: stream instanceof Stream,
    resolved: require.resolve('@sdkforge/openai').split(require('path').sep).slice(-3).join('/'),
    esModule: sdk.default === OpenAI,
  }));
})().catch((err) => { console.error(err); process.exitCode = 1; });
`,
  );
  const cjs = await run(process.execPath, [path.join(app, 'main.cjs')], { cwd: app, env });
  expect(JSON.parse(cjs.stdout)).toEqual({
    ids: ['gpt-4o', 'gpt-4o-mini'],
    text: 'Hello from SSE',
    notFound: true,
    isStream: true,
    resolved: 'dist/cjs/index.js',
    esModule: true,
  });

  const posts = server.requests.filter((r) => r.method === 'POST');
  expect(posts).toHaveLength(2);
  for (const r of posts) {
    expect(r.headers['authorization']).toBe('Bearer sk-test');
    expect(r.headers['accept']).toBe('text/event-stream');
  }
});
