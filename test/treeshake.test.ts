// Tree-shaking: an app that imports only the standalone `createChatCompletion` (and `createClient` to make a
// client) bundles, with esbuild (minified, ESM, for the browser), without any other operation: no other
// operation's path is in the output. The same app through the `OpenAI` class pulls every operation in (which
// also shows the check can fail). Both bundles run against a local server; their min+gzip sizes are printed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { APPS, bundleApp } from './helpers/bundle.js';
import { buildGeneratedCopy } from './helpers/built-package.js';
import { startServer, type TestServer } from './helpers/server.js';
import { chatChunkEvent, writeSSE } from './helpers/sse.js';

let work: string;
let server: TestServer;

/** The minimal path (a method-less client from `createClient` plus one standalone operation function), and the
 * same app through the client class: the apps the bundle benchmark measures. */
const MINIMAL_APP = APPS.ours;
const FULL_APP = APPS['ours (OpenAI class)'];

/** Path literals of the operations other than createChatCompletion, as they appear in the built code. */
const OTHER_PATHS = [
  /["'`]\/models["'`]/, // listModels
  /`\/models\//, // retrieveModel, deleteModel
  /["'`]\/completions["'`]/, // createCompletion
  /`\/chat\/completions\//, // get/update/deleteChatCompletion, getChatCompletionMessages
  /\/messages`/, // getChatCompletionMessages
];
const CHAT_PATH = /["'`]\/chat\/completions["'`]/;
/** Bytes (min+gzip) the minimal streaming app may take. */
const MINIMAL_GZIP_CEILING = 8_600;

async function bundle(app: string): Promise<{ code: string; gzip: number; min: number }> {
  const { code, minBytes, gzipBytes } = await bundleApp(app, work);
  return { code, min: minBytes, gzip: gzipBytes };
}

async function runBundle(code: string, name: string): Promise<string> {
  const file = path.join(work, `${name}.mjs`);
  writeFileSync(file, code);
  const mod = (await import(pathToFileURL(file).href)) as { run(baseURL: string): Promise<string> };
  return mod.run(`${server.url}/v1`);
}

beforeAll(async () => {
  // The package as an app would have it: node_modules/@sdkforge/openai, built, with its package.json
  // (exports → dist/esm, "sideEffects": false).
  work = mkdtempSync(path.join(os.tmpdir(), 'sdkforge-treeshake-'));
  const pkg = path.join(work, 'node_modules/@sdkforge/openai');
  mkdirSync(path.dirname(pkg), { recursive: true });
  buildGeneratedCopy(pkg);
  server = await startServer((_req, res) => writeSSE(res, ['tree', '-', 'shaken'].map((piece) => chatChunkEvent(piece))));
});

afterAll(async () => {
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('an app using only createChatCompletion bundles without any other operation, and works', async () => {
  const minimal = await bundle(MINIMAL_APP);
  expect(minimal.code).toMatch(CHAT_PATH);
  for (const other of OTHER_PATHS) expect(minimal.code).not.toMatch(other);
  expect(await runBundle(minimal.code, 'minimal')).toBe('tree-shaken');
  expect(server.requests.at(-1)?.rawPath).toBe('/v1/chat/completions');

  const full = await bundle(FULL_APP);
  expect(full.code).toMatch(CHAT_PATH);
  for (const other of OTHER_PATHS) expect(full.code).toMatch(other);
  expect(await runBundle(full.code, 'full')).toBe('tree-shaken');
  expect(minimal.gzip).toBeLessThan(full.gzip);
  // A ceiling against regressions (8,485 B on 2026-12-03), not issue 14's "about 8 KB", which README's Limits
  // discusses: what a spec does not use must stay out of the minimal bundle.
  expect(minimal.gzip).toBeLessThanOrEqual(MINIMAL_GZIP_CEILING);

  console.log(
    [
      'bundle sizes (esbuild --bundle --minify --format=esm --platform=browser; gzip -9):',
      `  createChatCompletion + createClient: ${minimal.min} B min, ${minimal.gzip} B min+gzip`,
      `  OpenAI class, one streamed chat completion through client.chat.completions.create: ${full.min} B min, ${full.gzip} B min+gzip`,
    ].join('\n'),
  );
});
