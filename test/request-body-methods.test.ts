// Request bodies on GET and DELETE (test/fixtures/specs/get-bodies.yaml): an empty one, as Stripe's spec declares on
// every GET, is dropped with a warning, so the method takes its parameters as other GETs do and the query a user
// passes is sent as a query, not as a GET body fetch refuses. Generated, built and called against a local server.
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { GenerateResult } from '../generator/index.js';
import { generateAndBuild } from './helpers/built-package.js';
import { ROOT } from './helpers/paths.js';
import { json, startServer, type TestServer } from './helpers/server.js';

let dir: string;
let result: GenerateResult;
let server: TestServer;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let client: any;

beforeAll(async () => {
  let pkg;
  ({ dir, result, pkg } = await generateAndBuild({ spec: path.join(ROOT, 'test/fixtures/specs/get-bodies.yaml') }, 'sdkforge-get-bodies-'));
  const { GetBodies } = pkg;
  server = await startServer((_req, res) => json(res, 200, { items: [] }));
  client = new GetBodies({ apiKey: null, baseURL: server.url + '/v1', maxRetries: 0 });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  server.requests.length = 0;
});

test('an empty GET or DELETE body is dropped with a warning at its pointer; a GET body with properties is kept with one', () => {
  // the warnings a user sees (verbose-only ones, such as `pagination-unrecognized`, left out)
  expect(result.diagnostics.filter((d) => !d.verbose).map((d) => [d.code, d.pointer, d.message])).toEqual([
    ['request-body-dropped', '#/paths/~1things/get/requestBody', 'The GET request body has no properties: it is dropped, and the method takes only its parameters.'],
    ['request-body-dropped', '#/paths/~1things~1{id}/delete/requestBody', 'The DELETE request body has no properties: it is dropped, and the method takes only its parameters.'],
    [
      'request-body-get',
      '#/paths/~1search/get/requestBody',
      "The GET operation declares a request body, which is kept as the method's first argument; fetch cannot send a body with GET, so calls fail unless the client is given a `fetch` that can.",
    ],
  ]);
  const ops = Object.fromEntries(result.ir.operations.map((o) => [o.name, o]));
  expect(ops.listThings!.requestBody).toBeUndefined();
  expect(ops.deleteThing!.requestBody).toBeUndefined();
  expect(ops.searchThings!.requestBody?.contents.map((c) => c.mediaType)).toEqual(['application/json']);
  // a POST body with nothing in it is a POST's business
  expect(ops.createThing!.requestBody?.contents.map((c) => c.mediaType)).toEqual(['application/x-www-form-urlencoded']);
});

test('the GET takes its query parameters first and sends them as a query, with no body', async () => {
  const page = await client.listThings({ limit: 2, starting_after: 'th_1' });
  expect(page).toEqual({ items: [] });
  expect(server.requests).toHaveLength(1);
  const req = server.requests[0]!;
  expect(req.method).toBe('GET');
  expect(req.url).toBe('/v1/things?limit=2&starting_after=th_1');
  expect(req.raw.length).toBe(0);
  expect(req.headers['content-type']).toBeUndefined();
});

test('the DELETE takes its path parameter only and sends no body', async () => {
  server.handle((_req, res) => {
    res.writeHead(204);
    res.end();
  });
  await client.deleteThing('th 1');
  const req = server.requests[0]!;
  expect(req.method).toBe('DELETE');
  expect(req.url).toBe('/v1/things/th%201');
  expect(req.raw.length).toBe(0);
});
