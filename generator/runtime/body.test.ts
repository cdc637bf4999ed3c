import { startServer, json, type TestServer } from '../../test/helpers/server.js';
import { ClientCore } from './core.js';
import { encodeBody, encodeRequestBody, holdsFile, toUrlEncoded } from './body.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer((_req, res) => json(res, 200, { ok: true }));
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});
const client = () => new ClientCore({ apiKey: 'k', baseURL: server.url, maxRetries: 0 }, { baseURL: '', envPrefix: 'X', auth: {} });

test('multipart/form-data: files from Blob/File, arrays repeated, scalars as text, objects as JSON', async () => {
  const file = new File([new Uint8Array([0, 1, 2, 255])], 'audio.mp3', { type: 'audio/mpeg' });
  await client().request({
    method: 'POST',
    path: '/upload',
    contentType: 'multipart/form-data',
    encode: encodeRequestBody,
    body: { file, model: 'whisper-1', temperature: 0.2, stream: true, include: ['a', 'b'], meta: { k: 'v' }, skipped: undefined, blob: new Blob(['hi']) },
  });
  const req = server.requests[0]!;
  expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
  // parse it back with the platform's own multipart parser
  const form = await new Response(new Uint8Array(req.raw), { headers: { 'content-type': req.headers['content-type']! } }).formData();
  const got = form.get('file') as File;
  expect(got.name).toBe('audio.mp3');
  expect([...new Uint8Array(await got.arrayBuffer())]).toEqual([0, 1, 2, 255]);
  expect(form.get('model')).toBe('whisper-1');
  expect(form.get('temperature')).toBe('0.2');
  expect(form.get('stream')).toBe('true');
  expect(form.getAll('include')).toEqual(['a', 'b']);
  expect(form.get('meta')).toBe('{"k":"v"}');
  expect(form.has('skipped')).toBe(false);
  expect(await (form.get('blob') as File).text()).toBe('hi');
});

test('application/x-www-form-urlencoded: nested objects and arrays in bracket style', async () => {
  await client().request({
    method: 'POST',
    path: '/form',
    contentType: 'application/x-www-form-urlencoded',
    encode: encodeRequestBody,
    body: { amount: 100, currency: 'usd', metadata: { order: 'A&B' }, items: [{ price: 'p_1', qty: 2 }], none: null },
  });
  const req = server.requests[0]!;
  expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
  expect(Object.fromEntries(new URLSearchParams(req.body))).toEqual({
    amount: '100',
    currency: 'usd',
    'metadata[order]': 'A&B',
    'items[0][price]': 'p_1',
    'items[0][qty]': '2',
  });
  expect(toUrlEncoded({ a: [1, 2] })).toBe('a%5B0%5D=1&a%5B1%5D=2');
});

test('application/octet-stream and text bodies are sent as given; binary and text responses', async () => {
  server.handle((req, res) => {
    res.writeHead(200, { 'content-type': req.rawPath === '/bin' ? 'application/octet-stream' : 'text/plain' });
    res.end(req.rawPath === '/bin' ? Buffer.from([9, 8, 7]) : 'plain text');
  });
  const blob = await client().request<Blob>({ method: 'PUT', path: '/bin', contentType: 'application/octet-stream', encode: encodeRequestBody, body: new Uint8Array([1, 2, 3]), responseType: 'binary', accept: 'application/octet-stream' });
  expect(server.requests[0]!.headers['content-type']).toBe('application/octet-stream');
  expect(server.requests[0]!.headers.accept).toBe('application/octet-stream');
  expect(server.requests[0]!.raw).toEqual(Buffer.from([1, 2, 3]));
  expect(blob).toBeInstanceOf(Blob);
  expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([9, 8, 7]);
  const text = await client().request<string>({ method: 'POST', path: '/text', contentType: 'text/plain', encode: encodeRequestBody, body: 'hello', responseType: 'text' });
  expect(server.requests[1]!.body).toBe('hello');
  expect(text).toBe('plain text');
});

test('a streamed request body is sent once, never retried', async () => {
  let n = 0;
  server.handle((_req, res) => json(res, n++ === 0 ? 503 : 200, {}));
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(new TextEncoder().encode('chunk'));
      c.close();
    },
  });
  const c = new ClientCore({ apiKey: 'k', baseURL: server.url, maxRetries: 3 }, { baseURL: '', envPrefix: 'X', auth: {} });
  await expect(c.request({ method: 'POST', path: '/s', contentType: 'application/octet-stream', encode: encodeRequestBody, body })).rejects.toMatchObject({ status: 503 });
  expect(server.requests).toHaveLength(1);
  expect(server.requests[0]!.body).toBe('chunk');
});

test('encodeBody leaves FormData and URLSearchParams as they are', () => {
  const form = new FormData();
  expect(encodeBody(form, 'multipart/form-data').body).toBe(form);
  expect(encodeBody({ a: 1 }, 'application/merge-patch+json')).toEqual({ body: '{"a":1}', contentType: 'application/merge-patch+json' });
});

test('holdsFile: a Blob, File or bytes among the fields (or in an array field) makes a body a file body', () => {
  expect(holdsFile({ image: new Blob(['x']), prompt: 'p' })).toBe(true);
  expect(holdsFile({ images: ['a', new Uint8Array([1])] })).toBe(true);
  expect(holdsFile({ prompt: 'p', n: 1, nested: { image: new Blob(['x']) } })).toBe(false);
  expect(holdsFile({ stream: new ReadableStream() })).toBe(false);
  expect(holdsFile(new Blob(['x']))).toBe(false);
  expect(holdsFile('text')).toBe(false);
  expect(holdsFile(null)).toBe(false);
});

test('fileContentType: a body holding a file goes as multipart/form-data, any other as JSON', async () => {
  const spec = { method: 'POST', path: '/edit', fileContentType: 'multipart/form-data', encode: encodeRequestBody } as const;
  await client().request({ ...spec, body: { prompt: 'p', image_url: 'https://x/y.png' } });
  await client().request({ ...spec, body: { prompt: 'p', image: new File(['png'], 'y.png', { type: 'image/png' }) } });
  const [asJson, asForm] = server.requests;
  expect(asJson!.headers['content-type']).toBe('application/json');
  expect(JSON.parse(Buffer.from(asJson!.raw).toString())).toEqual({ prompt: 'p', image_url: 'https://x/y.png' });
  expect(asForm!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
  const form = await new Response(new Uint8Array(asForm!.raw), { headers: { 'content-type': asForm!.headers['content-type']! } }).formData();
  expect(form.get('prompt')).toBe('p');
  expect((form.get('image') as File).name).toBe('y.png');
});

test('without `encode` a body goes as JSON, and another content type is refused before anything is sent', async () => {
  await client().request({ method: 'POST', path: '/json', body: { a: [1] } });
  expect(server.requests[0]!.headers['content-type']).toBe('application/json');
  expect(server.requests[0]!.body).toBe('{"a":[1]}');
  await expect(client().request({ method: 'POST', path: '/form', contentType: 'application/x-www-form-urlencoded', body: { a: 1 } })).rejects.toThrow(/needs `encode`/);
  expect(server.requests).toHaveLength(1);
});
