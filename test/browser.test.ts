// The generated client in a real browser: Debian's Chromium (/usr/bin/chromium, installed by .ci/run), driven by
// playwright-core, loads a page from one 127.0.0.1 origin that imports the package's built ESM files as native
// modules and streams a chat completion from an API server on another port (so every call is a CORS request with
// a preflight). Stopping a stream from the page (breaking the loop, `stream.controller.abort()`, or the request's
// `signal`) must close the connection the server is still writing to.
//
// Without /usr/bin/chromium the suite is skipped with a warning, except under CI (CI set), where it fails.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { buildGeneratedCopy } from './helpers/built-package.js';
import { CHROMIUM, launchChromium, RUN_CHROMIUM, type Chromium } from './helpers/chromium.js';
import { ROOT } from './helpers/paths.js';
import { json, startServer, type TestServer } from './helpers/server.js';
import { chatChunkEvent, SSE_DONE } from './helpers/sse.js';

const FIXTURES = path.join(ROOT, 'test/fixtures/browser');

if (!RUN_CHROMIUM) {
  console.warn(`browser.test.ts: ${CHROMIUM} not found, skipping the browser tests (apt-get install chromium; CI fails instead)`);
  test.skip('the generated client in Chromium (needs /usr/bin/chromium)', () => {});
} else {
  describe('the generated client in Chromium', () => {
    let work: string;
    let pageServer: http.Server;
    let pageOrigin: string;
    let api: TestServer;
    let browser: Chromium;
    let page: Page;
    const pageErrors: string[] = [];
    /** Per slow stream: chunks written, and when the server saw its socket close. */
    const slow: { written: number; closedAt?: number; stoppedWriting?: number }[] = [];

    function cors(origin: string | undefined): Record<string, string> {
      return {
        'access-control-allow-origin': origin ?? '*',
        'access-control-expose-headers': 'x-request-id',
        vary: 'origin',
      };
    }

    beforeAll(async () => {
      // Build the package's ESM output from a copy of generated/ and serve it under /sdk/.
      work = mkdtempSync(path.join(os.tmpdir(), 'sdkforge-browser-'));
      const pkg = path.join(work, 'pkg');
      buildGeneratedCopy(pkg);
      const esm = path.join(pkg, 'dist/esm');

      pageServer = http.createServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://x');
        const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
        const [base, rest] = rel.startsWith('sdk/') ? [esm, rel.slice(4)] : [FIXTURES, rel];
        const file = path.resolve(base, rest);
        if (!file.startsWith(base + path.sep) || !existsSync(file) || !/\.(html|js)$/.test(file)) {
          res.writeHead(404).end();
          return;
        }
        const type = file.endsWith('.html') ? 'text/html; charset=utf-8' : 'text/javascript; charset=utf-8';
        res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(readFileSync(file));
      });
      await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
      pageOrigin = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}`;

      api = await startServer((req, res) => {
        const origin = req.headers['origin'];
        if (req.method === 'OPTIONS') {
          res.writeHead(204, {
            ...cors(origin),
            'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
            'access-control-allow-headers': String(req.headers['access-control-request-headers'] ?? ''),
            'access-control-max-age': '0',
          });
          res.end();
          return;
        }
        if (req.method !== 'POST' || req.rawPath !== '/v1/chat/completions') {
          json(res, 404, { error: { message: 'no route' } }, cors(origin));
          return;
        }
        res.writeHead(200, { 'content-type': 'text/event-stream', 'x-request-id': 'req_1', ...cors(origin) });
        const body = req.json as { messages: { content: string }[] };
        if (body.messages[0]?.content !== 'slow') {
          const pieces = ['Hello', ' from', ' a', ' real', ' browser'];
          const timer = setInterval(() => {
            const piece = pieces.shift();
            if (piece !== undefined) res.write(chatChunkEvent(piece));
            else {
              clearInterval(timer);
              res.end(SSE_DONE);
            }
          }, 20);
          return;
        }
        // Slow: a chunk every 100 ms for up to a minute, until the client goes away.
        const state: (typeof slow)[number] = { written: 0 };
        slow.push(state);
        const socket = res.req.socket;
        const timer = setInterval(() => {
          if (state.written >= 600) {
            clearInterval(timer);
            res.end(SSE_DONE);
            return;
          }
          state.written += 1;
          res.write(chatChunkEvent(`.${state.written}`));
        }, 100);
        socket.on('close', () => {
          state.closedAt = Date.now();
          clearInterval(timer);
          state.stoppedWriting = state.written;
        });
      });

      browser = await launchChromium();
      page = browser.context.pages()[0] ?? (await browser.context.newPage());
      page.on('pageerror', (err) => pageErrors.push(String(err)));
      page.on('console', (msg) => {
        if (msg.type() === 'error') pageErrors.push(msg.text());
      });
    });

    afterAll(async () => {
      await browser?.close();
      await api?.close();
      if (pageServer) {
        pageServer.closeAllConnections();
        await new Promise((resolve) => pageServer.close(resolve));
      }
      if (work) rmSync(work, { recursive: true, force: true });
    });

    beforeEach(async () => {
      await page.goto(`${pageOrigin}/?api=${encodeURIComponent(api.url)}`);
      await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
      api.requests.length = 0;
    });

    test('streams a chat completion from another origin into the page', async () => {
      expect(new URL(pageOrigin).port).not.toBe(new URL(api.url).port);
      const returned = await page.evaluate(() => (window as unknown as { streamChat(): Promise<string> }).streamChat());
      expect(returned).toBe('Hello from a real browser');
      await expect(page.locator('#out').textContent()).resolves.toBe('Hello from a real browser');
      await expect(page.locator('#status').textContent()).resolves.toBe('done');

      // The browser sent a CORS preflight for the authorized JSON POST, then the request itself.
      const [preflight, post] = api.requests;
      expect(preflight?.method).toBe('OPTIONS');
      expect(preflight?.headers['origin']).toBe(pageOrigin);
      expect(preflight?.headers['access-control-request-method']).toBe('POST');
      expect(String(preflight?.headers['access-control-request-headers']).split(',').sort()).toEqual(['authorization', 'content-type']);
      expect(post?.method).toBe('POST');
      expect(post?.headers['origin']).toBe(pageOrigin);
      expect(post?.headers['authorization']).toBe('Bearer sk-browser');
      expect(post?.headers['accept']).toBe('text/event-stream');
      expect(post?.json).toEqual({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], stream: true });
      expect(pageErrors).toEqual([]);
    });

    test.each([
      ['break', null],
      ['abort', 'APIUserAbortError'],
      ['signal', 'APIUserAbortError'],
    ])('stopping a stream from the page (%s) closes the server socket while it is still streaming', async (how, error) => {
      const before = slow.length;
      const stoppedAt = Date.now();
      const result = await page.evaluate(
        ([h, n]) => (window as unknown as { streamThenStop(h: string, n: number): Promise<unknown> }).streamThenStop(h, n),
        [how, 3] as const,
      );
      expect(result).toEqual({ received: 3, error });
      expect(slow.length).toBe(before + 1);
      const state = slow[before]!;
      // The server notices within a few seconds, long before its minute of chunks is over.
      for (let i = 0; i < 50 && state.closedAt === undefined; i++) await new Promise((r) => setTimeout(r, 100));
      expect(state.closedAt).toBeDefined();
      expect(state.closedAt! - stoppedAt).toBeLessThan(5000);
      expect(state.stoppedWriting).toBeLessThan(60);
      await expect(page.locator('#out').textContent()).resolves.toBe('.1.2.3');
      expect(pageErrors).toEqual([]);
    });
  });
}
