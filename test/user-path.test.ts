// The user's path, end to end, as a user outside this repository walks it: `npm pack` sdkforge → install the tarball
// into an empty project → `npx sdkforge generate` from the official OpenAI spec → `npm install && npm run build &&
// npm pack` inside the generated package, with its own scripts → install that tarball into a strict-TypeScript ESM
// project and a CommonJS project → call a local server that speaks the official wire format: a chat stream ending
// in `data: [DONE]`, a truncated one, a Responses stream of typed events, a `?beta=true` operation, list pages.
// Needs ../shared (the official spec) and the npm registry (or npm's cache) for the packages' installs.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { npm, run, TSC } from './helpers/npm.js';
import { HAVE_SHARED, OFFICIAL_SPEC, ROOT } from './helpers/paths.js';
import { json, startServer, type RecordedRequest, type TestServer } from './helpers/server.js';
import { chatChunk, sseEvent, writeSSE } from './helpers/sse.js';

const MINUTES = 60_000;
const describeWithSpec = HAVE_SHARED || process.env.CI ? describe : describe.skip;

let work: string;
let server: TestServer;
let sdkTarball: string;
let generateStderr: string;
let forgeFiles: string[];
let installOutput: string;

function sse(res: ServerResponse, events: { event?: string; data: unknown }[], done: boolean): void {
  writeSSE(res, events.map((e) => sseEvent(e.data, e.event)), done);
}

const chunk = (content: string) => ({ data: chatChunk(content) });
const completion = (id: string) => ({ id, object: 'chat.completion', created: 1, model: 'gpt-4o', choices: [], metadata: {}, request_id: 'r' });
const response = { id: 'resp_1', object: 'response', created_at: 1, status: 'completed', model: 'gpt-4o', output: [] };

/** The official API's wire format, for the requests the consumers make. */
function official(req: RecordedRequest, res: ServerResponse): void {
  const body = req.json as { stream?: boolean; model?: string } | undefined;
  if (req.method === 'POST' && req.rawPath === '/v1/chat/completions' && body?.stream) {
    return sse(res, [chunk('Hel'), chunk('lo')], body.model !== 'truncate');
  }
  if (req.method === 'POST' && req.rawPath === '/v1/responses' && body?.stream) {
    const delta = (d: string, n: number) => ({ event: 'response.output_text.delta', data: { type: 'response.output_text.delta', item_id: 'msg_1', output_index: 0, content_index: 0, delta: d, sequence_number: n, logprobs: [] } });
    return sse(
      res,
      [
        { event: 'response.created', data: { type: 'response.created', sequence_number: 0, response: { ...response, status: 'in_progress' } } },
        delta('Hel', 1),
        delta('lo', 2),
        { event: 'response.completed', data: { type: 'response.completed', sequence_number: 3, response } },
      ],
      false,
    );
  }
  if (req.method === 'GET' && req.rawPath === '/v1/responses/resp_1') return json(res, 200, response);
  if (req.method === 'GET' && req.rawPath === '/v1/chat/completions') {
    const after = req.query.get('after');
    if (!after) return json(res, 200, { object: 'list', data: [completion('c1'), completion('c2')], first_id: 'c1', last_id: 'c2', has_more: true });
    return json(res, 200, { object: 'list', data: [completion('c3')], first_id: 'c3', last_id: 'c3', has_more: false });
  }
  json(res, 404, { error: { message: `no route ${req.method} ${req.url}`, type: 'invalid_request_error' } });
}

const ESM_APP = `import { APIConnectionError, OpenAI } from '@sdkforge/openai';

const client = new OpenAI({ apiKey: 'sk-test', baseURL: process.env['BASE_URL'], maxRetries: 0 });
const messages = [{ role: 'user' as const, content: 'Hi' }];

let chat = '';
for await (const c of await client.createChatCompletion({ model: 'gpt-4o', messages, stream: true })) chat += c.choices[0]?.delta.content ?? '';

let truncated = 'completed';
try {
  for await (const c of await client.createChatCompletion({ model: 'truncate', messages, stream: true })) void c;
} catch (err) {
  truncated = err instanceof APIConnectionError ? 'APIConnectionError' : String(err);
}

let text = '';
const types: string[] = [];
for await (const event of await client.createResponse({ model: 'gpt-4o', input: 'Hi', stream: true })) {
  types.push(event.type);
  if (event.type === 'response.output_text.delta') text += event.delta;
}

const beta = await client.betaGetResponse('resp_1', { include: ['message.output_text.logprobs'] });

const ids: string[] = [];
for await (const c of client.listChatCompletions({ limit: 2 })) ids.push(c.id);

console.log(JSON.stringify({ chat, truncated, text, types, beta: beta.id, ids }));
`;

const CJS_APP = `const { OpenAI, APIConnectionError } = require('@sdkforge/openai');

(async () => {
  const client = new OpenAI({ apiKey: 'sk-test', baseURL: process.env.BASE_URL, maxRetries: 0 });
  const messages = [{ role: 'user', content: 'Hi' }];
  let chat = '';
  for await (const c of await client.createChatCompletion({ model: 'gpt-4o', messages, stream: true })) chat += c.choices[0].delta.content;
  let truncated = 'completed';
  try {
    for await (const c of await client.createChatCompletion({ model: 'truncate', messages, stream: true })) void c;
  } catch (err) {
    truncated = err instanceof APIConnectionError ? 'APIConnectionError' : String(err);
  }
  const ids = [];
  for await (const c of client.listChatCompletions({ limit: 2 })) ids.push(c.id);
  console.log(JSON.stringify({ chat, truncated, ids }));
})();
`;

const EXPECTED = {
  chat: 'Hello',
  truncated: 'APIConnectionError',
  text: 'Hello',
  types: ['response.created', 'response.output_text.delta', 'response.output_text.delta', 'response.completed'],
  beta: 'resp_1',
  ids: ['c1', 'c2', 'c3'],
};

describeWithSpec('the user path: packed sdkforge → official spec → the package built by its own scripts → consumers', () => {
  beforeAll(async () => {
    work = mkdtempSync(path.join(os.tmpdir(), 'sdkforge-user-'));
    server = await startServer(official);

    // sdkforge, packed and installed as a user gets it (dist/ is compiled by `npm test` before the tests run)
    const { stdout: packed } = await npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work], ROOT);
    const [forge] = JSON.parse(packed) as { filename: string; files: { path: string }[] }[];
    const forgeTarball = path.join(work, forge!.filename);
    forgeFiles = forge!.files.map((f) => f.path);
    const project = path.join(work, 'project');
    mkdirSync(project);
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'user-project', private: true }, null, 2));
    const installed = await npm(['install', '--prefer-offline', '--no-audit', '--no-fund', forgeTarball], project);
    installOutput = installed.stdout + installed.stderr;

    // generate from the published spec, with the installed CLI
    const generated = await npm(['exec', '--', 'sdkforge', 'generate', '--spec', OFFICIAL_SPEC, '--out', 'sdk'], project);
    generateStderr = generated.stderr;

    // the generated package, built and packed by its own scripts
    const sdk = path.join(project, 'sdk');
    await npm(['install', '--prefer-offline', '--no-audit', '--no-fund'], sdk);
    await npm(['run', 'build'], sdk);
    const { stdout: sdkPacked } = await npm(['pack', '--json', '--pack-destination', work], sdk);
    sdkTarball = path.join(work, (JSON.parse(sdkPacked) as { filename: string }[])[0]!.filename);
  }, 20 * MINUTES);

  afterAll(async () => {
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test("sdkforge's tarball ships what the CLI needs and its LICENSE; no tests, bench, source maps or install scripts", () => {
    expect(forgeFiles).toEqual(expect.arrayContaining(['LICENSE', 'bin/sdkforge.js', 'dist/generator/cli.js', 'dist/generator/index.d.ts', 'generator/runtime/stream.ts', 'templates/package.json.hbs', 'dist/openapi-validators/v32.cjs', 'dist/openapi-validators/v32.LICENSE', 'dist/openapi-validators/overlay-1.0.cjs', 'dist/openapi-validators/overlay-1.1.cjs', 'dist/openapi-validators/overlay.LICENSE']));
    expect(forgeFiles.filter((f) => /\.test\.|\.map$|^dist\/bench\/|^test\//.test(f))).toEqual([]);
    const manifest = JSON.parse(readFileSync(path.join(work, 'project/node_modules/sdkforge/package.json'), 'utf8'));
    for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) expect(manifest.scripts?.[script]).toBeUndefined();
    expect(installOutput).not.toMatch(/install-scripts|EBADENGINE/);
  });

  test('generation from the official spec prints nothing on stderr but sdkforge’s own diagnostics', () => {
    const foreign = generateStderr.split('\n').filter((l) => l.trim() && !/^(warning|error)\[[\w-]+\]|^sdkforge:/.test(l) && !/^npm (warn|notice)/.test(l));
    expect(foreign).toEqual([]);
    expect(generateStderr).not.toMatch(/YAMLWarning|ExperimentalWarning|\bat .*\.js:\d+/);
  });

  test('the package built by npm run build has ESM, CJS and .d.ts as its exports map promises; npm pack ships them', () => {
    const sdk = path.join(work, 'project', 'sdk');
    const pkg = JSON.parse(readFileSync(path.join(sdk, 'package.json'), 'utf8'));
    expect(pkg.name).toBe('@sdkforge/openai');
    expect(pkg.license).toBe('MIT');
    expect(pkg.dependencies).toBeUndefined();
    const targets = [pkg.exports['.'].import.types, pkg.exports['.'].import.default, pkg.exports['.'].require.types, pkg.exports['.'].require.default];
    for (const target of targets) expect(readdirSync(path.dirname(path.join(sdk, target)))).toContain(path.basename(target));
    expect(JSON.parse(readFileSync(path.join(sdk, 'dist/cjs/package.json'), 'utf8'))).toEqual({ type: 'commonjs' });
  });

  test('a strict TypeScript ESM project installs the tarball and streams, pages and calls a ?beta=true operation', async () => {
    const app = path.join(work, 'esm-app');
    mkdirSync(app);
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'esm-app', private: true, type: 'module' }, null, 2));
    writeFileSync(
      path.join(app, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noUncheckedIndexedAccess: true, skipLibCheck: false, types: [], lib: ['ES2022', 'DOM', 'DOM.Iterable'], outDir: 'out' }, include: ['app.ts'] }),
    );
    writeFileSync(path.join(app, 'app.ts'), ESM_APP.replace("process.env['BASE_URL']", "(globalThis as { process?: { env: Record<string, string> } }).process?.env['BASE_URL']"));
    await npm(['install', '--offline', '--no-audit', '--no-fund', sdkTarball], app);
    const tsc = await run(process.execPath, [TSC, '-p', app], { cwd: app }).then(() => '', (e: { stdout?: string }) => e.stdout ?? String(e));
    expect(tsc).toBe('');
    const { stdout } = await run(process.execPath, [path.join(app, 'out/app.js')], { cwd: app, env: { ...process.env, BASE_URL: `${server.url}/v1` } });
    expect(JSON.parse(stdout)).toEqual(EXPECTED);
    const beta = server.requests.find((r) => r.rawPath === '/v1/responses/resp_1')!;
    expect(beta.url).toBe('/v1/responses/resp_1?beta=true&include=message.output_text.logprobs');
    expect(server.requests.filter((r) => r.rawPath === '/v1/chat/completions' && r.method === 'GET').map((r) => r.url)).toEqual([
      '/v1/chat/completions?limit=2',
      '/v1/chat/completions?limit=2&after=c2',
    ]);
  }, 5 * MINUTES);

  test('the installed CLI applies an overlay to the published spec: its removals are gone, a target matching nothing is a warning at the overlay line', async () => {
    const project = path.join(work, 'project');
    writeFileSync(
      path.join(project, 'no-deletes.yaml'),
      ['overlay: 1.1.0', 'info: { title: No deletes, version: 1.0.0 }', 'actions:', '  - target: $.paths.*.delete', '    remove: true', "  - target: $.paths['/no/such/path']", '    remove: true', ''].join('\n'),
    );
    const { stderr } = await npm(['exec', '--', 'sdkforge', 'generate', '--spec', OFFICIAL_SPEC, '--overlay', 'no-deletes.yaml', '--out', 'sdk-overlaid'], project);
    expect(stderr).toMatch(/warning\[overlay-no-match\] no-deletes\.yaml:6:5 at #\/actions\/1\/target/);
    const operations = (dir: string) => readFileSync(path.join(project, dir, 'src/operations.ts'), 'utf8');
    expect(operations('sdk')).toMatch(/export function deleteChatCompletion\(/);
    expect(operations('sdk-overlaid')).not.toMatch(/method: 'DELETE'/);
    expect(operations('sdk-overlaid')).toMatch(/export function createChatCompletion\(/);
  }, 5 * MINUTES);

  test('a CommonJS project requires the tarball and streams and pages', async () => {
    const app = path.join(work, 'cjs-app');
    mkdirSync(app);
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'cjs-app', private: true }, null, 2));
    writeFileSync(path.join(app, 'app.js'), CJS_APP);
    await npm(['install', '--offline', '--no-audit', '--no-fund', sdkTarball], app);
    const { stdout } = await run(process.execPath, [path.join(app, 'app.js')], { cwd: app, env: { ...process.env, BASE_URL: `${server.url}/v1` } });
    expect(JSON.parse(stdout)).toEqual({ chat: EXPECTED.chat, truncated: EXPECTED.truncated, ids: EXPECTED.ids });
  }, 5 * MINUTES);
});
