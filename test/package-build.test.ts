// `npm run build` compiles the generated package into dist/esm and dist/cjs with .d.ts; both entries work in
// plain Node against a local server.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildPackage } from '../generator/build-package.js';
import { copyGenerated } from './helpers/built-package.js';
import { json, startServer, type TestServer } from './helpers/server.js';
import { chatChunkEvent, writeSSE } from './helpers/sse.js';

const run = promisify(execFile);
let dir: string;
let server: TestServer;
/** `sdkforge build`'s errors for the copy, built here so each test below runs alone. */
let buildErrors: string[];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sdkforge-build-'));
  copyGenerated(dir);
  buildErrors = buildPackage(dir);
  server = await startServer((req, res) => {
    if (req.method === 'POST') {
      writeSSE(res, [chatChunkEvent('Hel'), chatChunkEvent('lo')]);
      return;
    }
    json(res, 200, { object: 'list', data: [{ id: 'gpt-4o', object: 'model', created: 1, owned_by: 'openai' }] });
  });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

test('compiles to ESM and CJS with declarations, no errors', () => {
  expect(buildErrors).toEqual([]);
  for (const f of ['dist/esm/index.js', 'dist/esm/index.d.ts', 'dist/cjs/index.js', 'dist/cjs/index.d.ts', 'dist/cjs/package.json']) {
    expect(existsSync(path.join(dir, f))).toBe(true);
  }
  expect(JSON.parse(readFileSync(path.join(dir, 'dist/cjs/package.json'), 'utf8'))).toEqual({ type: 'commonjs' });
});

test('the built ESM and CJS entries both call the API, stream and paginate', async () => {
  const esm = `const { OpenAI } = await import(${JSON.stringify(path.join(dir, 'dist/esm/index.js'))});
    const c = new OpenAI({ apiKey: 'k', baseURL: process.env.BASE });
    let text = '';
    for await (const chunk of await c.createChatCompletion({ model: 'm', messages: [], stream: true })) text += chunk.choices[0].delta.content;
    console.log((await c.listModels()).data[0].id, text);`;
  const cjs = `const { OpenAI, APIError, Stream } = require(${JSON.stringify(path.join(dir, 'dist/cjs/index.js'))});
    const c = new OpenAI({ apiKey: 'k', baseURL: process.env.BASE });
    (async () => {
      const stream = await c.createChatCompletion({ model: 'm', messages: [], stream: true });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0].delta.content;
      const ids = [];
      for await (const m of c.listModels()) ids.push(m.id);
      console.log(ids.join(','), text, typeof APIError, stream instanceof Stream);
    })();`;
  const env = { ...process.env, BASE: server.url };
  const a = await run(process.execPath, ['--input-type=module', '-e', esm], { env });
  expect(a.stdout.trim()).toBe('gpt-4o Hello');
  const b = await run(process.execPath, ['-e', cjs], { env });
  expect(b.stdout.trim()).toBe('gpt-4o Hello function true');
});
