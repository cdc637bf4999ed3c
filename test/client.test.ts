// Every operation of the committed generated client against a real HTTP server on 127.0.0.1: the server sees
// the right method, path (path parameters percent-encoded), query, JSON body and Authorization header, and the
// client returns the parsed body. Error statuses become APIErrors.
import { APIError, InternalServerError, NotFoundError, OpenAI } from '../generated/src/index.js';
import { json, startServer, type TestServer } from './helpers/server.js';

let server: TestServer;
let client: OpenAI;

beforeAll(async () => {
  server = await startServer();
  client = new OpenAI({ apiKey: 'sk-test-key', baseURL: server.url + '/v1', maxRetries: 0 });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

/** Answers every request with `body` and returns what the server saw after `call` completes. */
async function exchange<T>(body: unknown, call: () => Promise<T>) {
  server.handle((_req, res) => json(res, 200, body));
  const result = await call();
  expect(server.requests).toHaveLength(1);
  const req = server.requests[0]!;
  expect(req.headers.authorization).toBe('Bearer sk-test-key');
  return { result, req };
}

const completion = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1700000000,
  model: 'gpt-4o',
  choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content: 'Hello!', refusal: null } }],
};

test('listChatCompletions: GET /chat/completions with query and deepObject metadata', async () => {
  const page = { object: 'list', data: [completion], first_id: 'chatcmpl-1', last_id: 'chatcmpl-1', has_more: false };
  const { result, req } = await exchange(page, () =>
    client.listChatCompletions({ model: 'gpt-4o', metadata: { project: 'alpha', 'team name': 'x&y' }, after: 'chatcmpl-0', limit: 2, order: 'desc' }),
  );
  expect(result.body).toEqual(page);
  expect(result.data).toEqual(page.data);
  expect(req.method).toBe('GET');
  expect(req.rawPath).toBe('/v1/chat/completions');
  expect(req.url).toContain('metadata[project]=alpha');
  expect(Object.fromEntries(req.query)).toEqual({
    model: 'gpt-4o',
    'metadata[project]': 'alpha',
    'metadata[team name]': 'x&y',
    after: 'chatcmpl-0',
    limit: '2',
    order: 'desc',
  });
});

test('listChatCompletions without parameters sends no query', async () => {
  const { req } = await exchange({ object: 'list', data: [], first_id: '', last_id: '', has_more: false }, () => client.listChatCompletions());
  expect(req.url).toBe('/v1/chat/completions');
});

test('createChatCompletion: POST /chat/completions with the JSON body', async () => {
  const body = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Hi ☃' }], temperature: 0.5 };
  const { result, req } = await exchange(completion, () => client.createChatCompletion(body));
  expect(result).toEqual(completion);
  expect(req.method).toBe('POST');
  expect(req.rawPath).toBe('/v1/chat/completions');
  expect(req.headers['content-type']).toBe('application/json');
  expect(req.json).toEqual(body);
});

test('getChatCompletion: GET /chat/completions/{completion_id}, percent-encoded', async () => {
  const { result, req } = await exchange(completion, () => client.getChatCompletion('chat/cmpl 1?#'));
  expect(result).toEqual(completion);
  expect(req.method).toBe('GET');
  expect(req.rawPath).toBe('/v1/chat/completions/chat%2Fcmpl%201%3F%23');
});

test('updateChatCompletion: POST /chat/completions/{completion_id} with metadata', async () => {
  const { result, req } = await exchange(completion, () => client.updateChatCompletion('chatcmpl-1', { metadata: { topic: 'weather' } }));
  expect(result).toEqual(completion);
  expect(req.method).toBe('POST');
  expect(req.rawPath).toBe('/v1/chat/completions/chatcmpl-1');
  expect(req.json).toEqual({ metadata: { topic: 'weather' } });
});

test('deleteChatCompletion: DELETE /chat/completions/{completion_id}', async () => {
  const deleted = { object: 'chat.completion.deleted', id: 'chatcmpl-1', deleted: true };
  const { result, req } = await exchange(deleted, () => client.deleteChatCompletion('chatcmpl-1'));
  expect(result).toEqual(deleted);
  expect(req.method).toBe('DELETE');
  expect(req.rawPath).toBe('/v1/chat/completions/chatcmpl-1');
  expect(req.body).toBe('');
});

test('getChatCompletionMessages: GET /chat/completions/{completion_id}/messages with query', async () => {
  const messages = { object: 'list', data: [{ id: 'm1', role: 'assistant', content: 'Hello!', refusal: null }], first_id: 'm1', last_id: 'm1', has_more: false };
  const { result, req } = await exchange(messages, () => client.getChatCompletionMessages('chatcmpl-1', { limit: 10, after: 'm0', order: 'asc' }));
  expect(result.body).toEqual(messages);
  expect(req.method).toBe('GET');
  expect(req.rawPath).toBe('/v1/chat/completions/chatcmpl-1/messages');
  expect(Object.fromEntries(req.query)).toEqual({ limit: '10', after: 'm0', order: 'asc' });
});

test('createCompletion: POST /completions with the JSON body', async () => {
  const legacy = { id: 'cmpl-1', object: 'text_completion', created: 1, model: 'gpt-3.5-turbo-instruct', choices: [{ index: 0, text: 'hi', finish_reason: 'stop', logprobs: null }] };
  const body = { model: 'gpt-3.5-turbo-instruct', prompt: ['a', 'b'], max_tokens: 5 };
  const { result, req } = await exchange(legacy, () => client.createCompletion(body));
  expect(result).toEqual(legacy);
  expect(req.method).toBe('POST');
  expect(req.rawPath).toBe('/v1/completions');
  expect(req.json).toEqual(body);
});

test('listModels: GET /models', async () => {
  const models = { object: 'list', data: [{ id: 'gpt-4o', object: 'model', created: 1, owned_by: 'openai' }] };
  const { result, req } = await exchange(models, () => client.listModels());
  expect(result.body).toEqual(models);
  expect(result.data.map((m) => m.id)).toEqual(['gpt-4o']);
  expect(req.method).toBe('GET');
  expect(req.url).toBe('/v1/models');
});

test('retrieveModel: GET /models/{model}, percent-encoded', async () => {
  const model = { id: 'ft:gpt-4o:org/x', object: 'model', created: 1, owned_by: 'org' };
  const { result, req } = await exchange(model, () => client.retrieveModel('ft:gpt-4o:org/x'));
  expect(result).toEqual(model);
  expect(req.method).toBe('GET');
  expect(req.rawPath).toBe('/v1/models/ft%3Agpt-4o%3Aorg%2Fx');
});

test('deleteModel: DELETE /models/{model}', async () => {
  const deleted = { id: 'ft:x', object: 'model', deleted: true };
  const { result, req } = await exchange(deleted, () => client.deleteModel('ft:x'));
  expect(result).toEqual(deleted);
  expect(req.method).toBe('DELETE');
  expect(req.rawPath).toBe('/v1/models/ft%3Ax');
});

test('per-request options: headers are sent', async () => {
  const { req } = await exchange({ object: 'list', data: [] }, () => client.listModels({ headers: { 'x-trace': 't1' } }));
  expect(req.headers['x-trace']).toBe('t1');
});

test('a 404 body becomes a NotFoundError carrying status, error, code, param, type and requestID', async () => {
  server.handle((_req, res) =>
    json(
      res,
      404,
      { error: { message: "The model 'nope' does not exist", type: 'invalid_request_error', param: 'model', code: 'model_not_found' } },
      { 'x-request-id': 'req_abc123' },
    ),
  );
  const err = await client.retrieveModel('nope').catch((e: unknown) => e);
  expect(err).toBeInstanceOf(APIError);
  expect(err).toBeInstanceOf(NotFoundError);
  const e = err as APIError;
  expect(e.status).toBe(404);
  expect(e.error).toEqual({ message: "The model 'nope' does not exist", type: 'invalid_request_error', param: 'model', code: 'model_not_found' });
  expect(e.code).toBe('model_not_found');
  expect(e.param).toBe('model');
  expect(e.type).toBe('invalid_request_error');
  expect(e.requestID).toBe('req_abc123');
  expect(e.headers?.get('x-request-id')).toBe('req_abc123');
  expect(e.message).toContain('does not exist');
});

test('a 500 body becomes an InternalServerError', async () => {
  server.handle((_req, res) => json(res, 500, { error: { message: 'The server had an error', type: 'server_error', param: null, code: null } }, { 'x-request-id': 'req_500' }));
  const err = (await client.createChatCompletion({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }).catch((e: unknown) => e)) as APIError;
  expect(err).toBeInstanceOf(InternalServerError);
  expect(err.status).toBe(500);
  expect(err.type).toBe('server_error');
  expect(err.code).toBeNull();
  expect(err.requestID).toBe('req_500');
});

test('the API key comes from OPENAI_API_KEY and the base URL from OPENAI_BASE_URL by default', async () => {
  const saved = { key: process.env.OPENAI_API_KEY, url: process.env.OPENAI_BASE_URL };
  process.env.OPENAI_API_KEY = 'sk-from-env';
  process.env.OPENAI_BASE_URL = server.url + '/env';
  try {
    const envClient = new OpenAI({ maxRetries: 0 });
    server.handle((_req, res) => json(res, 200, { object: 'list', data: [] }));
    await envClient.listModels();
    expect(server.requests[0]!.url).toBe('/env/models');
    expect(server.requests[0]!.headers.authorization).toBe('Bearer sk-from-env');
  } finally {
    for (const [k, v] of [['OPENAI_API_KEY', saved.key], ['OPENAI_BASE_URL', saved.url]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  delete process.env.OPENAI_BASE_URL;
  expect(new OpenAI({ apiKey: 'x' }).baseURL).toBe('https://api.openai.com/v1');
});
