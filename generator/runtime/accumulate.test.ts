import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CreateChatCompletionResponse, CreateChatCompletionStreamResponse } from '../../generated/src/types.js';
import { ROOT } from '../../test/helpers/paths.js';
import { startServer, type TestServer } from '../../test/helpers/server.js';
import { accumulateChatCompletion, type ChatCompletionChunkLike } from './accumulate.js';
import { SDKError } from './errors.js';
import { sseFormat } from './sse.js';
import type { Stream } from './stream.js';

/** A recorded-style stream: n=2, choice 0 writes content then two parallel tool calls, choice 1 refuses. */
const FIXTURE = readFileSync(path.join(ROOT, 'test/fixtures/streams/chat-tool-calls.sse'));

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

/** Serves `body` in writes of `size` bytes (splitting lines and UTF-8 characters) and opens it as a Stream. */
async function open(body: Buffer, size: number): Promise<Stream<CreateChatCompletionStreamResponse>> {
  server.handle(async (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    for (let i = 0; i < body.length; i += size) {
      res.write(body.subarray(i, i + size));
      await new Promise((resolve) => setImmediate(resolve));
    }
    res.end();
  });
  const controller = new AbortController();
  const response = await fetch(`${server.url}/v1/chat/completions`, { method: 'POST', signal: controller.signal });
  return sseFormat.open(response, controller, { terminator: '[DONE]' });
}

const lp = (token: string) => ({ token, logprob: -0.0123, bytes: [...Buffer.from(token)], top_logprobs: [] });

const EXPECTED: CreateChatCompletionResponse = {
  id: 'chatcmpl-C9xK2mQ7vR1tZpW4aLbN8sYdE3fHj',
  object: 'chat.completion',
  created: 1756290000,
  model: 'gpt-4o-2024-08-06',
  system_fingerprint: 'fp_f33640a400',
  service_tier: 'default',
  choices: [
    {
      index: 0,
      message: {
        role: 'assistant',
        content: 'Let me check both cities.',
        refusal: null,
        tool_calls: [
          { id: 'call_8fPzQ2wLk1', type: 'function', function: { name: 'get_weather', arguments: '{"location": "Paris, France", "unit": "celsius"}' } },
          { id: 'call_3hTnV9xYq2', type: 'function', function: { name: 'get_weather', arguments: '{"location": "Tōkyō 東京", "unit": "celsius"}' } },
        ],
      },
      finish_reason: 'tool_calls',
      logprobs: { content: ['Let', ' me', ' check', ' both', ' cities', '.'].map(lp), refusal: null },
    },
    {
      index: 1,
      message: { role: 'assistant', content: null, refusal: "I'm sorry, I can't help with that." },
      finish_reason: 'stop',
      logprobs: { content: null, refusal: ["I'm", ' sorry,', ' I', " can't", ' help', ' with', ' that.'].map(lp) },
    },
  ],
  usage: {
    prompt_tokens: 82,
    completion_tokens: 71,
    total_tokens: 153,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  },
};

describe('accumulateChatCompletion', () => {
  test('merges a recorded tool-call stream into the full completion, whatever the chunking', async () => {
    for (const size of [FIXTURE.length, 7, 1]) {
      // Typed against the generated types: the chunk type is accepted and the result is a CreateChatCompletionResponse.
      const completion: CreateChatCompletionResponse = await accumulateChatCompletion(await open(FIXTURE, size));
      expect(completion).toEqual(EXPECTED);
      expect(Object.keys(completion.choices[1]!.message)).not.toContain('tool_calls');
      const second = completion.choices[0]!.message.tool_calls![1]!;
      expect(second.type === 'function' && JSON.parse(second.function.arguments)).toEqual({ location: 'Tōkyō 東京', unit: 'celsius' });
    }
  });

  test.each([
    ['chat-audio', 'audio output: transcript and data concatenated, id and expires_at kept'],
    ['chat-search-annotations', 'web-search url_citation annotations'],
    ['chat-azure-filters', 'Azure filter results, n=2 interleaved, tool calls, logprobs and fields the runtime does not know'],
  ])('%s folds into the non-streamed response (%s)', async (name) => {
    const sse = readFileSync(path.join(ROOT, `test/fixtures/streams/${name}.sse`));
    const response: unknown = JSON.parse(readFileSync(path.join(ROOT, `test/fixtures/streams/${name}.json`), 'utf8'));
    for (const size of [sse.length, 5]) {
      expect(await accumulateChatCompletion(await open(sse, size))).toStrictEqual(response);
    }
  });

  test('tools it does not know merge by the same rules; identifiers repeated in every chunk are not doubled', async () => {
    const base = { id: 'c2', object: 'chat.completion.chunk', created: 2, model: 'm' };
    const call = (fields: object) => ({ ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, ...fields }] }, finish_reason: null }] });
    async function* chunks(): AsyncGenerator<ChatCompletionChunkLike> {
      yield { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: null }, finish_reason: null }] };
      yield call({ id: 'call_1', type: 'custom', custom: { name: 'sql', input: 'SELECT ' } });
      yield call({ id: 'call_1', type: 'custom', custom: { name: 'sql', input: '1' }, trace_id: 't-9' });
      yield call({ id: 'call_1', type: 'custom', custom: { input: ';' }, trace_id: 't-9' });
      yield { ...base, choices: [{ index: 0, delta: { role: 'assistant' }, finish_reason: 'tool_calls' }] };
    }
    const completion = await accumulateChatCompletion(chunks());
    expect(completion.choices[0]!.message).toStrictEqual({
      role: 'assistant',
      content: null,
      refusal: null,
      tool_calls: [{ id: 'call_1', type: 'custom', custom: { name: 'sql', input: 'SELECT 1;' }, trace_id: 't-9' }],
    });
  });

  test('a __proto__ key in a chunk is ignored and reaches no prototype', async () => {
    const line = '{"id":"c3","object":"chat.completion.chunk","created":3,"model":"m","__proto__":{"polluted":1},"choices":[{"index":0,"delta":{"role":"assistant","content":"ok","__proto__":{"polluted":2},"toString":null},"finish_reason":"stop"}]}';
    async function* chunks(): AsyncGenerator<ChatCompletionChunkLike> {
      yield JSON.parse(line) as ChatCompletionChunkLike;
    }
    const completion = await accumulateChatCompletion(chunks());
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(completion)).toBe(Object.prototype);
    expect(completion.choices[0]!.message).toStrictEqual({ role: 'assistant', content: 'ok', refusal: null, toString: null });
  });

  test('usage is absent when the stream did not include it; legacy function_call is merged', async () => {
    const base = { id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm' };
    async function* chunks(): AsyncGenerator<ChatCompletionChunkLike> {
      yield { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: null, function_call: { name: 'lookup', arguments: '' } }, finish_reason: null }] };
      yield { ...base, choices: [{ index: 0, delta: { function_call: { arguments: '{"q":' } }, finish_reason: null }] };
      yield { ...base, choices: [{ index: 0, delta: { function_call: { arguments: '"x"}' } }, finish_reason: null }] };
      yield { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'function_call' }] };
    }
    const completion = await accumulateChatCompletion(chunks());
    expect(completion).toEqual({
      id: 'c1',
      object: 'chat.completion',
      created: 1,
      model: 'm',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: null, refusal: null, function_call: { name: 'lookup', arguments: '{"q":"x"}' } },
          finish_reason: 'function_call',
          logprobs: null,
        },
      ],
    });
    expect('usage' in completion).toBe(false);
  });

  test('a stream that ends before a finish_reason, or has no chunk, is an error', async () => {
    const cut = FIXTURE.toString('utf8').split('\n\n').slice(0, 12).join('\n\n') + '\n\n';
    async function* truncated(): AsyncGenerator<ChatCompletionChunkLike> {
      for (const block of cut.split('\n\n')) if (block.startsWith('data: {')) yield JSON.parse(block.slice(6)) as ChatCompletionChunkLike;
    }
    await expect(accumulateChatCompletion(truncated())).rejects.toThrow(/finish_reason/);
    async function* empty(): AsyncGenerator<ChatCompletionChunkLike> {}
    await expect(accumulateChatCompletion(empty())).rejects.toBeInstanceOf(SDKError);
  });

  test('a stream cut before [DONE] fails instead of giving a truncated completion', async () => {
    const withoutDone = Buffer.from(FIXTURE.toString('utf8').replace('data: [DONE]\n\n', ''));
    await expect(accumulateChatCompletion(await open(withoutDone, 4096))).rejects.toThrow(/\[DONE\]/);
  });
});
