// Positional multipart bodies (OpenAPI 3.2 prefixEncoding / itemEncoding), as a real server receives them.
import { json, startServer, type TestServer } from '../../test/helpers/server.js';
import { ClientCore } from './core.js';
import { encodeParts } from './multipart-parts.js';
import { encodeRequestBody } from './body.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

/** The parts of a multipart body: each one's headers and payload. */
function parseParts(contentType: string, raw: Buffer): { type: string; body: string }[] {
  const boundary = /boundary=([^;]+)/.exec(contentType)![1]!;
  const text = raw.toString('latin1');
  expect(text.endsWith(`--${boundary}--\r\n`)).toBe(true);
  return text
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((chunk) => {
      const [head, ...rest] = chunk.replace(/^\r\n/, '').replace(/\r\n$/, '').split('\r\n\r\n');
      return { type: /content-type: (.*)/i.exec(head!)![1]!, body: Buffer.from(rest.join('\r\n\r\n'), 'latin1').toString('utf8') };
    });
}

test('each item is a part, typed by its position, else by itemEncoding, else by its value; the boundary is in the content-type', async () => {
  server.handle((_req, res) => json(res, 200, {}));
  const client = new ClientCore({ baseURL: server.url, maxRetries: 0 }, { baseURL: '', envPrefix: 'X', auth: {} });
  const body = encodeParts(['<html>é</html>', { a: 1 }, new Blob(['png'], { type: 'image/png' })], { prefix: ['text/html'], items: 'application/json' }, 'multipart/related');
  await client.request({ method: 'POST', path: '/upload', body, contentType: 'multipart/related', encode: encodeRequestBody });
  const req = server.requests.at(-1)!;
  expect(req.headers['content-type']).toMatch(/^multipart\/related; boundary=sdkforge-[a-z0-9]+$/);
  expect(parseParts(req.headers['content-type']!, req.raw)).toEqual([
    { type: 'text/html', body: '<html>é</html>' },
    { type: 'application/json', body: '{"a":1}' },
    { type: 'application/json', body: 'png' },
  ]);
  // no encodings: the values decide
  const plain = encodeParts(['text', { b: true }, new Uint8Array([104, 105])], {}, 'multipart/mixed');
  await client.request({ method: 'POST', path: '/upload', body: plain, contentType: 'multipart/mixed', encode: encodeRequestBody });
  const second = server.requests.at(-1)!;
  expect(parseParts(second.headers['content-type']!, second.raw)).toEqual([
    { type: 'text/plain', body: 'text' },
    { type: 'application/json', body: '{"b":true}' },
    { type: 'application/octet-stream', body: 'hi' },
  ]);
});
