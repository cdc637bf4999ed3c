// Bad input fails clearly (issue 10, section 6): an unusable --out, a selection that keeps nothing, a spec with
// no server, missing credentials. Each asserts the message a user reads and that nothing was written or sent.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildPackage } from '../generator/build-package.js';
import { main, type Io } from '../generator/cli.js';
import { generate } from '../generator/index.js';
import { ROOT } from './helpers/paths.js';
import { json, startServer } from './helpers/server.js';

const SPEC = path.join(ROOT, 'spec/openai.yaml');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sdkforge-fail-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const lines: string[] = [];
  const io: Io = { out: (l) => lines.push(l), err: (l) => lines.push(l), tty: false, env: {} };
  return { io, text: () => lines.join('\n') };
}

describe('--out', () => {
  test('a file: a diagnostic saying so, the file untouched', async () => {
    const file = path.join(dir, 'out.txt');
    writeFileSync(file, 'keep me');
    const c = capture();
    expect(await main(['generate', '--spec', SPEC, '--out', file], c.io)).toBe(1);
    expect(c.text()).toMatch(/error\[out-not-directory\].*out\.txt is a file, not a directory/);
    expect(c.text()).not.toMatch(/internal error/);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
    // --check too
    const d = capture();
    expect(await main(['generate', '--spec', SPEC, '--out', file, '--check'], d.io)).toBe(1);
    expect(d.text()).toMatch(/error\[out-not-directory\]/);
  });

  test('inside a file (its parent cannot be a directory): a diagnostic, nothing written', async () => {
    writeFileSync(path.join(dir, 'plain'), 'x');
    const c = capture();
    expect(await main(['generate', '--spec', SPEC, '--out', path.join(dir, 'plain', 'sdk')], c.io)).toBe(1);
    expect(c.text()).toMatch(/error\[out-not-directory\].*cannot be created: .*plain is a file/);
    expect(readdirSync(dir)).toEqual(['plain']);
  });

  test('in a directory that cannot be written: a diagnostic, not an internal error', async () => {
    // sysfs refuses new directories even to root (the tests may run as root, whom permissions do not stop)
    const c = capture();
    expect(await main(['generate', '--spec', SPEC, '--out', '/sys/sdkforge-out'], c.io)).toBe(1);
    expect(c.text()).toMatch(/error\[out-not-writable\].*\/sys\/sdkforge-out/);
    expect(c.text()).not.toMatch(/internal error/);
  });
});

test('filters that select nothing: an error listing the tags, paths or operations that exist; nothing written', async () => {
  const out = path.join(dir, 'sdk');
  const tags = capture();
  expect(await main(['generate', '--spec', SPEC, '--out', out, '--include-tags', 'Nope'], tags.io)).toBe(1);
  expect(tags.text()).toMatch(/error\[selection-empty\].*--include-tags Nope.*keeps none of the spec's 10 operations.*tags: Chat, Completions, Models/);
  const paths = capture();
  expect(await main(['generate', '--spec', SPEC, '--out', out, '--include-paths', '/nope/**'], paths.io)).toBe(1);
  expect(paths.text()).toMatch(/paths: \/chat\/completions, .*\/models/);
  const ids = capture();
  expect(await main(['generate', '--spec', SPEC, '--out', out, '--include-operations', 'nope'], ids.io)).toBe(1);
  expect(ids.text()).toMatch(/operations: listChatCompletions, createChatCompletion, /);
  expect(readdirSync(dir)).toEqual([]);
});

describe('the generated client', () => {
  const spec = {
    openapi: '3.1.0',
    info: { title: 'Keyed', version: '1.0.0' },
    components: { securitySchemes: { key: { type: 'http', scheme: 'bearer' } } },
    paths: {
      '/secret': { get: { operationId: 'secret', security: [{ key: [] }], responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } } } },
      '/maybe': { get: { operationId: 'maybe', security: [{}, { key: [] }], responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } } } },
      '/open': { get: { operationId: 'open', security: [], responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } } } },
    },
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let pkg: any;
  beforeAll(async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'sdkforge-keyed-'));
    await generate({ document: spec, spec: 'keyed.json', out });
    expect(buildPackage(out)).toEqual([]);
    pkg = await import(pathToFileURL(path.join(out, 'dist/esm/index.js')).href);
  });

  test('a spec with no servers: the client requires baseURL and says so, naming the option and the variable', () => {
    delete process.env.KEYED_BASE_URL;
    expect(() => new pkg.Keyed({ apiKey: 'k' })).toThrow(/No base URL.*`baseURL`.*KEYED_BASE_URL/);
    expect(() => pkg.createClient({ apiKey: 'k' })).toThrow(/KEYED_BASE_URL/);
  });

  test('missing credentials: an operation that requires them fails before sending, naming the option and the variable', async () => {
    delete process.env.KEYED_API_KEY;
    const server = await startServer((_req, res) => json(res, 200, { ok: true }));
    try {
      const client = new pkg.Keyed({ baseURL: server.url, maxRetries: 0 });
      const error = await client.secret().then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(pkg.SDKError);
      expect(String(error)).toMatch(/GET \/secret requires credentials.*`apiKey`.*KEYED_API_KEY.*not sent/);
      expect(server.requests).toHaveLength(0);
      // operations that need none, or allow anonymous calls, work without them
      expect(await client.open()).toEqual({ ok: true });
      expect(await client.maybe()).toEqual({ ok: true });
      expect(server.requests.map((r) => [r.url, r.headers.authorization])).toEqual([['/open', undefined], ['/maybe', undefined]]);
      // with a key, both secured ones send it
      const keyed = new pkg.Keyed({ baseURL: server.url, apiKey: 'sk', maxRetries: 0 });
      await keyed.secret();
      await keyed.maybe();
      expect(server.requests.slice(2).map((r) => r.headers.authorization)).toEqual(['Bearer sk', 'Bearer sk']);
    } finally {
      await server.close();
    }
  });
});

test('a directory named like the output that holds build products keeps them across regeneration', async () => {
  const out = path.join(dir, 'sdk');
  await generate({ spec: SPEC, out });
  mkdirSync(path.join(out, 'dist'));
  writeFileSync(path.join(out, 'package-lock.json'), '{}');
  writeFileSync(path.join(out, 'sdkforge-openai-2.3.0.tgz'), 'tar');
  const again = await generate({ spec: SPEC, out, packageVersion: '2.4.0' });
  expect(again.report!.written.sort()).toEqual(['README.md', 'package.json']);
  expect(readdirSync(out).sort()).toEqual(expect.arrayContaining(['dist', 'package-lock.json', 'sdkforge-openai-2.3.0.tgz']));
  expect(JSON.parse(readFileSync(path.join(out, 'package.json'), 'utf8')).version).toBe('2.4.0');
});
