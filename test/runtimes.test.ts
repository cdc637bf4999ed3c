// The generated package in every JavaScript runtime it claims: its `npm pack` tarball, installed into a scratch
// project as a user installs it, runs one scenario (test/fixtures/runtimes/scenario.mjs) in Node 18, 20, 22 and 24,
// Bun, Deno, Cloudflare's workerd and headless Chromium, each runtime installed by `npm ci` from the npm registry
// (test/helpers/runtimes.ts). Against a server on 127.0.0.1, the scenario streams a chat completion (ending in
// `data: [DONE]`, after which the server keeps the response open: the client must stop at the terminator), pages
// through a cursor-paginated list (three pages, walked page by page and item by item), retries a 429 (`retry-after:
// 0`, then 200) and aborts a slow stream after three chunks with an AbortController. Each test asserts the
// scenario's result and the server's view: the requests in order, the 429 then the 200, and the aborted stream's
// connection closed while the server was still writing to it.
//
// Node, Bun and Deno run the scenario as a program (Deno with `--allow-net=127.0.0.1` alone); workerd serves it
// as a worker bundled by esbuild (as wrangler bundles one) and the test fetches the worker; Chromium loads it in a
// page from another origin (every call a CORS request), the package's ESM build resolved by an import map. The runs
// go one after another; each has its own path prefix on the server (`/<runtime>/v1`). Without /usr/bin/chromium
// the Chromium test is skipped with a warning, except under CI, where it fails.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { packGeneratedCopy } from './helpers/built-package.js';
import { CHROMIUM, chromiumVersion, launchChromium, RUN_CHROMIUM } from './helpers/chromium.js';
import { npm } from './helpers/npm.js';
import { ROOT } from './helpers/paths.js';
import { bun, deno, NODES, workerd, type Runtime } from './helpers/runtimes.js';
import { json, startServer, type RecordedRequest, type TestServer } from './helpers/server.js';
import { chatChunkEvent, SSE_DONE } from './helpers/sse.js';
import { startWorkerd } from './helpers/workerd.js';

const FIXTURES = path.join(ROOT, 'test/fixtures/runtimes');
/** Per run: a runtime's process, or its worker's or page's call. */
const RUN_TIMEOUT = 60_000;
const TEST_TIMEOUT = 90_000;

const BUN = bun();
const DENO = deno();
const WORKERD = workerd();

let work: string;
/** The scratch project the tarball is installed into, with the scenario and the worker beside it. */
let app: string;
let server: TestServer;

/** What the server saw of one run, beyond its requests. */
interface RunState {
  /** The statuses it answered `GET /models/gpt-4o` with. */
  modelStatuses: number[];
  /** The slow stream: chunks written, and whether its client went away before it ended. */
  slow?: { written: number; closedAt?: number };
}
const runs = new Map<string, RunState>();

const CORS = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'retry-after, x-request-id' };
const completion = (id: string) => ({ id, object: 'chat.completion', created: 1, model: 'gpt-4o', choices: [], metadata: {}, request_id: 'r' });
const PAGES: Record<string, { ids: string[]; more: boolean }> = {
  '': { ids: ['c1', 'c2'], more: true },
  c2: { ids: ['c3', 'c4'], more: true },
  c4: { ids: ['c5'], more: false },
};

/** The API under `/<run>/v1`: what the scenario calls, with CORS for the page. */
function api(req: RecordedRequest, res: ServerResponse): void {
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      ...CORS,
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': String(req.headers['access-control-request-headers'] ?? ''),
      'access-control-max-age': '0',
    });
    res.end();
    return;
  }
  const [, run, route] = /^\/([\w.-]+)\/v1(\/.*)$/.exec(req.rawPath) ?? [];
  if (!run) return json(res, 404, { error: { message: `no route ${req.method} ${req.url}` } }, CORS);
  let state = runs.get(run);
  if (!state) runs.set(run, (state = { modelStatuses: [] }));

  if (req.method === 'POST' && route === '/chat/completions') {
    const body = req.json as { stream?: boolean; messages?: { content?: string }[] };
    res.writeHead(200, { 'content-type': 'text/event-stream', ...CORS });
    if (body.messages?.[0]?.content !== 'slow') {
      // Kept open after [DONE] until the client goes (or the server closes): a client that waits for the end of
      // the body instead of stopping at the terminator never finishes.
      res.write(chatChunkEvent('Hel') + chatChunkEvent('lo') + SSE_DONE);
      return;
    }
    const slow: NonNullable<RunState['slow']> = { written: 0 };
    state.slow = slow;
    const timer = setInterval(() => {
      if (slow.written === 1200) {
        clearInterval(timer);
        res.end(SSE_DONE);
        return;
      }
      slow.written += 1;
      res.write(chatChunkEvent(`.${slow.written}`));
    }, 50);
    res.on('close', () => {
      clearInterval(timer);
      if (!res.writableFinished) slow.closedAt = Date.now();
    });
    return;
  }
  if (req.method === 'GET' && route === '/chat/completions') {
    const page = PAGES[req.query.get('after') ?? ''];
    if (!page) return json(res, 400, { error: { message: `unknown cursor ${req.query.get('after')}` } }, CORS);
    return json(res, 200, { object: 'list', data: page.ids.map(completion), first_id: page.ids[0], last_id: page.ids.at(-1), has_more: page.more }, CORS);
  }
  if (req.method === 'GET' && route === '/models/gpt-4o') {
    if (state.modelStatuses.push(state.modelStatuses.length === 0 ? 429 : 200) === 1) {
      return json(res, 429, { error: { message: 'Rate limit reached', type: 'requests' } }, { ...CORS, 'retry-after': '0' });
    }
    return json(res, 200, { id: 'gpt-4o', object: 'model', created: 1, owned_by: 'openai' }, CORS);
  }
  json(res, 404, { error: { message: `no route ${req.method} ${req.url}` } }, CORS);
}

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'sdkforge-runtimes-'));
  const { tarball } = await packGeneratedCopy(work);
  app = path.join(work, 'app');
  mkdirSync(app);
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'runtimes-app', private: true, type: 'module' }, null, 2));
  await npm(['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], app);
  for (const file of ['scenario.mjs', 'worker.mjs']) copyFileSync(path.join(FIXTURES, file), path.join(app, file));
  server = await startServer(api);
}, 5 * 60_000);

afterAll(async () => {
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A run's id on the server, from the runtime's test name (`node 18.20.8` → `node-18.20.8`). */
const runId = (name: string) => name.replace(/[^\w.]+/g, '-');
const baseURL = (run: string) => `${server.url}/${run}/v1`;

const EXPECTED_RESULT = {
  stream: { isStream: true, chunks: 2, text: 'Hello' },
  list: { pages: [['c1', 'c2'], ['c3', 'c4'], ['c5']], ids: ['c1', 'c2', 'c3', 'c4', 'c5'] },
  retry: { id: 'gpt-4o', status: 200 },
  abort: { received: 3, error: 'APIUserAbortError', isAPIUserAbortError: true },
};
const LIST_REQUESTS = ['GET /v1/chat/completions?limit=2', 'GET /v1/chat/completions?limit=2&after=c2', 'GET /v1/chat/completions?limit=2&after=c4'];
const EXPECTED_REQUESTS = ['POST /v1/chat/completions', ...LIST_REQUESTS, ...LIST_REQUESTS, 'GET /v1/models/gpt-4o', 'GET /v1/models/gpt-4o', 'POST /v1/chat/completions'];

/** The scenario's result as the run gave it, and what the server saw of that run. */
async function expectScenarioRan(run: string, result: unknown): Promise<void> {
  expect(result).toEqual(EXPECTED_RESULT);
  const seen = server.requests.filter((r) => r.rawPath.startsWith(`/${run}/`) && r.method !== 'OPTIONS');
  expect(seen.map((r) => `${r.method} ${r.url.slice(run.length + 1)}`)).toEqual(EXPECTED_REQUESTS);
  for (const r of seen) expect(r.headers['authorization']).toBe('Bearer sk-runtime');
  const [chat, slow] = [seen[0]!, seen.at(-1)!];
  expect(chat.headers['accept']).toBe('text/event-stream');
  expect(chat.json).toEqual({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], stream: true });
  expect(slow.json).toEqual({ model: 'gpt-4o', messages: [{ role: 'user', content: 'slow' }], stream: true });

  const state = runs.get(run)!;
  expect(state.modelStatuses).toEqual([429, 200]);
  // The abort closed the connection while the server was still streaming (it would go on for a minute).
  for (let i = 0; i < 50 && state.slow?.closedAt === undefined; i++) await new Promise((r) => setTimeout(r, 100));
  expect(state.slow?.closedAt).toBeDefined();
  expect(state.slow!.written).toBeLessThan(100);
}

/** Runs `bin args` in the scratch project and parses the JSON line the scenario prints last. */
function runProgram(bin: string, args: string[], env: Record<string, string> = {}): Promise<unknown> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('OPENAI_')));
  return new Promise((resolve, reject) => {
    execFile(bin, args, { cwd: app, timeout: RUN_TIMEOUT, env: { ...base, NO_COLOR: '1', ...env } }, (err, stdout, stderr) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (err || !last.startsWith('{')) {
        reject(new Error(`${path.basename(bin)} ${args.join(' ')} failed (${err?.message ?? 'no JSON line'})\nstdout:\n${stdout}\nstderr:\n${stderr}`));
      } else resolve(JSON.parse(last));
    });
  });
}

/** The runtimes that run the scenario as a program, each with its command line for a run and its environment. */
const programs: { runtime: Runtime; args: (run: string) => string[]; env?: () => Record<string, string> }[] = [
  ...NODES.map((runtime) => ({ runtime, args: (run: string) => ['scenario.mjs', baseURL(run)] })),
  { runtime: BUN, args: (run) => ['scenario.mjs', baseURL(run)] },
  {
    runtime: DENO,
    args: (run) => ['run', '--allow-net=127.0.0.1', '--no-prompt', 'scenario.mjs', baseURL(run)],
    env: () => ({ DENO_DIR: path.join(work, 'deno-dir'), DENO_NO_UPDATE_CHECK: '1' }),
  },
];

for (const { runtime, args, env } of programs) {
  test(
    runtime.name,
    async () => {
      const run = runId(runtime.name);
      await expectScenarioRan(run, await runProgram(runtime.bin, args(run), env?.()));
    },
    TEST_TIMEOUT,
  );
}

test(
  WORKERD.name,
  async () => {
    const run = runId(WORKERD.name);
    const dir = path.join(work, 'workerd');
    mkdirSync(dir, { recursive: true });
    // Bundled as wrangler bundles a worker: ES module, the workerd/worker/browser export conditions.
    await build({
      entryPoints: [path.join(app, 'worker.mjs')],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      target: 'es2022',
      conditions: ['workerd', 'worker', 'browser'],
      mainFields: ['browser', 'module', 'main'],
      outfile: path.join(dir, 'worker.js'),
      logLevel: 'silent',
    });
    const worker = await startWorkerd(WORKERD.bin, dir, WORKERD.date);
    try {
      const response = await fetch(`${worker.url}/?base=${encodeURIComponent(baseURL(run))}`, { signal: AbortSignal.timeout(RUN_TIMEOUT) });
      const text = await response.text();
      expect({ status: response.status, text: response.ok ? '' : text, stderr: worker.stderr() }).toEqual({ status: 200, text: '', stderr: '' });
      await expectScenarioRan(run, JSON.parse(text));
    } finally {
      await worker.stop();
    }
  },
  TEST_TIMEOUT,
);

if (!RUN_CHROMIUM) {
  console.warn(`runtimes.test.ts: ${CHROMIUM} not found, skipping Chromium (apt-get install chromium; CI fails instead)`);
  test.skip('chromium (needs /usr/bin/chromium)', () => {});
} else {
  test(
    `chromium ${chromiumVersion() ?? '(missing)'}`,
    async () => {
      const run = runId(`chromium ${chromiumVersion()}`);
      const esm = path.join(app, 'node_modules/@sdkforge/openai/dist/esm');
      // The page's origin: the page, the scenario and the package's ESM files.
      const pages = await startServer((req, res) => {
        const file =
          req.rawPath === '/' ? path.join(FIXTURES, 'index.html')
          : req.rawPath === '/scenario.mjs' ? path.join(app, 'scenario.mjs')
          : req.rawPath.startsWith('/sdk/') ? path.resolve(esm, decodeURIComponent(req.rawPath.slice(5)))
          : '';
        if (!file.startsWith(FIXTURES) && !file.startsWith(app + path.sep)) return json(res, 404, {});
        if (!existsSync(file)) return json(res, 404, {});
        const type = file.endsWith('.html') ? 'text/html; charset=utf-8' : 'text/javascript; charset=utf-8';
        res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(readFileSync(file));
      });
      const browser = await launchChromium();
      try {
        const page = browser.context.pages()[0] ?? (await browser.context.newPage());
        const errors: string[] = [];
        page.on('pageerror', (err) => errors.push(String(err)));
        page.on('console', (msg) => {
          if (msg.type() === 'error') errors.push(msg.text());
        });
        await page.goto(`${pages.url}/`);
        await page.waitForFunction(() => document.title === 'ready', undefined, { timeout: RUN_TIMEOUT });
        const result = await page.evaluate(
          (base) => (window as unknown as { scenario(base: string): Promise<unknown> }).scenario(base),
          baseURL(run),
        );
        await expectScenarioRan(run, result);
        // Another origin: the browser asked before each call that sends an Authorization header.
        const preflights = server.requests.filter((r) => r.method === 'OPTIONS' && r.rawPath.startsWith(`/${run}/`));
        expect(preflights.length).toBeGreaterThan(0);
        for (const p of preflights) expect(p.headers['origin']).toBe(pages.url);
        // The browser logs the 429 it was answered (before the retry), and nothing else.
        expect(errors).toEqual(['Failed to load resource: the server responded with a status of 429 (Too Many Requests)']);
      } finally {
        await browser.close();
        await pages.close();
      }
    },
    TEST_TIMEOUT,
  );
}
