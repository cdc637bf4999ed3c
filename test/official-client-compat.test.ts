// An application written against the official `openai` client for the ten operations of spec/openai.yaml
// (test/fixtures/official-app/app.ts) compiles strictly and runs against @sdkforge/openai with only its import line
// changed. Both builds run against one local server: the official client and the generated one send the same
// requests (method, decoded path, query, JSON body) and the application logs the same lines.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildGeneratedCopy } from './helpers/built-package.js';
import { run, TSC } from './helpers/npm.js';
import { ROOT } from './helpers/paths.js';
import { json, startServer, type RecordedRequest, type TestServer } from './helpers/server.js';
import { chatChunkEvent, writeSSE } from './helpers/sse.js';

const APP = readFileSync(path.join(ROOT, 'test/fixtures/official-app/app.ts'), 'utf8');
const OFFICIAL_IMPORT = "import OpenAI from 'openai';";
const OUR_IMPORT = "import OpenAI from '@sdkforge/openai';";

const completion = (metadata: Record<string, string> | null = null) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1700000000,
  model: 'gpt-4o',
  metadata,
  choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content: 'Hello!', refusal: null } }],
});
const model = (id: string) => ({ id, object: 'model', created: 1686935002, owned_by: 'openai' });

/** The API as the two clients see it: every operation answered in the official wire shape. */
function answer(req: RecordedRequest, res: Parameters<Parameters<TestServer['handle']>[0]>[1]): void {
  const route = `${req.method} ${decodeURIComponent(req.rawPath)}`;
  const body = req.json as { stream?: boolean } | undefined;
  if (route === 'POST /v1/chat/completions' && body?.stream) return writeSSE(res, [chatChunkEvent('Hel'), chatChunkEvent('lo', 'stop')]);
  if (route === 'POST /v1/chat/completions') return json(res, 200, completion());
  if (route === 'GET /v1/chat/completions') {
    // two stored completions, one per page: the second page is asked for `after` the first's id
    const second = req.query.get('after') === 'chatcmpl-1';
    const item = { ...completion(), id: second ? 'chatcmpl-2' : 'chatcmpl-1' };
    return json(res, 200, { object: 'list', data: [item], first_id: item.id, last_id: item.id, has_more: !second });
  }
  if (route === 'GET /v1/chat/completions/chatcmpl-1') return json(res, 200, completion());
  if (route === 'POST /v1/chat/completions/chatcmpl-1') return json(res, 200, completion((req.json as { metadata: Record<string, string> }).metadata));
  if (route === 'DELETE /v1/chat/completions/chatcmpl-1') return json(res, 200, { id: 'chatcmpl-1', object: 'chat.completion.deleted', deleted: true });
  if (route === 'GET /v1/chat/completions/chatcmpl-1/messages') {
    const data = [{ id: 'msg-1', role: 'assistant', content: 'Hello!', refusal: null }];
    return json(res, 200, { object: 'list', data, first_id: 'msg-1', last_id: 'msg-1', has_more: false });
  }
  if (route === 'POST /v1/completions') {
    return json(res, 200, { id: 'cmpl-1', object: 'text_completion', created: 1, model: 'gpt-3.5-turbo-instruct', choices: [{ text: 'Hello', index: 0, logprobs: null, finish_reason: 'stop' }] });
  }
  if (route === 'GET /v1/models') return json(res, 200, { object: 'list', data: [model('gpt-4o'), model('o3')] });
  if (route === 'GET /v1/models/gpt-4o') return json(res, 200, model('gpt-4o'));
  if (route === 'DELETE /v1/models/ft:gpt-4o:acme::1') return json(res, 200, { id: 'ft:gpt-4o:acme::1', object: 'model', deleted: true });
  json(res, 404, { error: { message: `no route ${route}`, type: 'invalid_request_error' } });
}

let work: string;
let server: TestServer;

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'sdkforge-compat-'));
  buildGeneratedCopy(path.join(work, 'sdkforge-openai'));
  server = await startServer(answer);
}, 120_000);
afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

/** A consumer project holding the application with `importLine`, `dependency` linked in its node_modules; compiled. */
async function consumer(name: string, importLine: string, dependency: [string, string]): Promise<string> {
  const dir = path.join(work, name);
  mkdirSync(path.join(dir, 'node_modules', path.dirname(dependency[0])), { recursive: true });
  symlinkSync(dependency[1], path.join(dir, 'node_modules', dependency[0]), 'dir');
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM', 'DOM.Iterable'], strict: true, skipLibCheck: true, types: [], outDir: 'dist' }, files: ['app.ts'] }),
  );
  writeFileSync(path.join(dir, 'app.ts'), APP.replace(OFFICIAL_IMPORT, importLine));
  await run(process.execPath, [TSC, '-p', dir], { cwd: dir }).catch((err: { stdout?: string; message: string }) => {
    throw new Error(`${name} does not compile:\n${err.stdout ?? err.message}`);
  });
  return dir;
}

/** Runs the compiled application against the server; what it logged and the requests the server saw. */
async function runApp(dir: string): Promise<{ log: string[]; requests: string[] }> {
  server.requests.length = 0;
  const { main } = (await import(pathToFileURL(path.join(dir, 'dist/app.js')).href)) as { main: (baseURL: string) => Promise<string[]> };
  const log = await main(`${server.url}/v1`);
  // paths compared decoded (`:` may be sent as it is or as %3A), query parameters in order
  const requests = server.requests.map((r) => `${r.method} ${decodeURIComponent(r.rawPath)} ${new URLSearchParams(r.query).toString()} ${r.body}`);
  expect(server.requests.every((r) => r.headers.authorization === 'Bearer sk-compat')).toBe(true);
  return { log, requests };
}

test('the application differs from the official one by its import line only', () => {
  const ours = APP.replace(OFFICIAL_IMPORT, OUR_IMPORT);
  const changed = APP.split('\n').filter((line, i) => line !== ours.split('\n')[i]);
  expect(changed).toEqual([OFFICIAL_IMPORT]);
});

test('it compiles strictly against @sdkforge/openai and runs as it does against the official client', async () => {
  const official = await consumer('official', OFFICIAL_IMPORT, ['openai', path.join(ROOT, 'node_modules/openai')]);
  const ours = await consumer('sdkforge', OUR_IMPORT, ['@sdkforge/openai', path.join(work, 'sdkforge-openai')]);
  const expected = await runApp(official);
  const got = await runApp(ours);
  expect(got.log).toEqual([
    'create: chatcmpl-1 Hello!',
    'stream: Hello',
    'list: chatcmpl-1,chatcmpl-2',
    'first page: chatcmpl-1 more: true',
    'retrieve: chatcmpl-1 gpt-4o',
    'update: chatcmpl-1 chat.completion',
    'delete: chatcmpl-1 true',
    'messages: msg-1:Hello!',
    'completions: Hello',
    'models: gpt-4o/openai,o3/openai',
    'model: gpt-4o 1686935002',
    'model delete: ft:gpt-4o:acme::1 true',
  ]);
  expect(got.log).toEqual(expected.log);
  expect(got.requests).toEqual(expected.requests);
}, 120_000);
