// The split layout (`--split resource`), as a user gets it: the package generated from spec/openai.yaml, built by
// `sdkforge build`, packed and installed into a fresh project. A strict TypeScript consumer that imports one unit
// (`@sdkforge/openai/resources/chat`) compiles, runs against a local server, and its program holds that unit, the
// shared types and the runtime, and no other unit's files; a CommonJS consumer requires a unit too; the main entry
// point still offers everything. The preformatted split files are exactly as prettier formats them.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildPackage } from '../generator/build-package.js';
import { PREFORMATTED } from '../generator/emit/emit-package.js';
import { formatOne } from '../generator/format.js';
import { generate, type GenerateResult } from '../generator/index.js';
import { npm, run, TSC } from './helpers/npm.js';
import { ROOT } from './helpers/paths.js';
import { json, startServer, type TestServer } from './helpers/server.js';
import { chatChunkEvent, writeSSE } from './helpers/sse.js';

let work: string;
let server: TestServer;
let result: GenerateResult;
let app: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'sdkforge-split-'));
  const pkg = path.join(work, 'pkg');
  result = await generate({ spec: path.join(ROOT, 'spec/openai.yaml'), out: pkg, split: 'resource' });
  const errors = buildPackage(pkg);
  if (errors.length) throw new Error(`the split package does not build:\n${errors.join('')}`);
  const { stdout } = await npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work], pkg);
  const [packed] = JSON.parse(stdout) as { filename: string }[];
  app = path.join(work, 'app');
  mkdirSync(app);
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  await npm(['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', path.join(work, packed!.filename)], app);
  server = await startServer((req, res) => {
    if (req.rawPath === '/v1/chat/completions') return writeSSE(res, ['split', ' ', 'unit'].map((piece) => chatChunkEvent(piece)));
    if (req.rawPath === '/v1/models') return json(res, 200, { object: 'list', data: [{ id: 'm', object: 'model', created: 1, owned_by: 'o' }] });
    json(res, 404, { error: { message: 'no route' } });
  });
}, 180_000);

afterAll(async () => {
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('one directory per top-level resource; the barrels and the shared types beside them', () => {
  const names = [...result.files.keys()].filter((f) => !f.startsWith('src/runtime/')).sort();
  for (const unit of ['chat', 'completions', 'models']) {
    for (const file of ['types', 'operations', 'resource', 'index']) expect(names).toContain(`src/resources/${unit}/${file}.ts`);
  }
  expect(names).toEqual(expect.arrayContaining(['src/types.ts', 'src/operations.ts', 'src/resources.ts', 'src/shared-types.ts']));
  // each component is declared once, in its home
  const declared = [...result.files].filter(([name]) => !name.startsWith('src/runtime/')).flatMap(([, text]) => [...text.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1]!));
  expect(declared.filter((n, i) => declared.indexOf(n) !== i)).toEqual([]);
  expect(result.files.get('src/resources/models/types.ts')).toMatch(/^export interface Model \{/m);
  // Metadata is used by chat completions only; nothing of chat is in the models unit
  expect(result.files.get('src/resources/chat/types.ts')).toMatch(/^export type Metadata\b/m);
  expect(result.files.get('src/resources/models/types.ts')).not.toMatch(/ChatCompletion/);
  const exportsMap = JSON.parse(result.files.get('package.json')!).exports as Record<string, unknown>;
  expect(Object.keys(exportsMap)).toEqual(['.', './resources/chat', './resources/completions', './resources/models', './package.json']);
});

test('the split files that skip prettier are exactly as prettier formats them', async () => {
  for (const [name, text] of result.files) {
    if (PREFORMATTED(name) && /\.(ts|md)$/.test(name) && !name.startsWith('src/runtime/')) expect(await formatOne(name, text)).toBe(text);
  }
});

test('a strict consumer of one unit compiles without the other units, and streams a chat completion', async () => {
  writeFileSync(
    path.join(app, 'main.ts'),
    `import { createClient, createChatCompletion, ChatResource, type CreateChatCompletionStreamResponse } from '@sdkforge/openai/resources/chat';

declare const process: { env: Record<string, string | undefined> };
const client = createClient({ apiKey: 'sk-test', baseURL: process.env['BASE'] + '/v1', maxRetries: 0 });
const stream = await createChatCompletion(client, { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], stream: true });
let text = '';
for await (const chunk of stream) {
  const c: CreateChatCompletionStreamResponse = chunk;
  text += c.choices[0]?.delta.content ?? '';
}
const chat = new ChatResource(client);
const again = await chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], stream: true });
for await (const chunk of again) text += chunk.choices[0]?.delta.content ?? '';
console.log(JSON.stringify({ text }));

export function neverCalled(): void {
  // @ts-expect-error model is required
  void createChatCompletion(client, { messages: [] });
}
`,
  );
  const compilerOptions = { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', lib: ['ES2022', 'DOM', 'DOM.Iterable'], types: [], outDir: 'out' };
  writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['main.ts'] }));
  let listed: string;
  try {
    listed = (await run(process.execPath, [TSC, '-p', 'tsconfig.json', '--listFiles'], { cwd: app })).stdout;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    throw new Error(`tsc --strict failed:\n${e.stdout}${e.stderr}`);
  }
  const ours = listed.split('\n').filter((f) => f.includes('node_modules/@sdkforge/openai/')).map((f) => f.slice(f.indexOf('/dist/') + 1));
  expect(ours).toContain('dist/esm/resources/chat/index.d.ts');
  expect(ours).toContain('dist/esm/shared-types.d.ts');
  expect(ours.filter((f) => /resources\/(models|completions)\//.test(f) || /dist\/esm\/(index|types|operations|client|other-types)\.d\.ts$/.test(f))).toEqual([]);

  const out = await run(process.execPath, [path.join(app, 'out/main.js')], { cwd: app, env: { ...process.env, BASE: server.url } });
  expect(JSON.parse(out.stdout)).toEqual({ text: 'split unitsplit unit' });
}, 120_000);

test('a CommonJS consumer requires a unit; the main entry point still has every operation', async () => {
  writeFileSync(
    path.join(app, 'main.cjs'),
    `const unit = require('@sdkforge/openai/resources/models');
const all = require('@sdkforge/openai');
(async () => {
  const client = unit.createClient({ apiKey: 'k', baseURL: process.env.BASE + '/v1' });
  const page = await unit.listModels(client);
  console.log(JSON.stringify({ ids: page.data.map((m) => m.id), unitHasChat: 'createChatCompletion' in unit, mainHasBoth: typeof all.createChatCompletion === 'function' && typeof all.listModels === 'function' && typeof all.OpenAI === 'function' }));
})();
`,
  );
  const out = await run(process.execPath, [path.join(app, 'main.cjs')], { cwd: app, env: { ...process.env, BASE: server.url } });
  expect(JSON.parse(out.stdout)).toEqual({ ids: ['m'], unitHasChat: false, mainHasBoth: true });
  expect(JSON.parse(readFileSync(path.join(app, 'node_modules/@sdkforge/openai/package.json'), 'utf8')).exports['./resources/models']).toBeDefined();
}, 60_000);
