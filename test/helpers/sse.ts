/**
 * Server-sent events as the tests' servers write them: one `data:` event per payload, the `data: [DONE]`
 * terminator the OpenAI API ends a stream with, and a streamed chat-completion chunk in the official wire shape.
 * Every test that streams a chat completion from a local server builds its chunks here, so a change to the chunk's
 * shape is made once.
 */
import type { ServerResponse } from 'node:http';

/** The terminator event of an OpenAI stream. */
export const SSE_DONE = 'data: [DONE]\n\n';

/** One event: `event:` when given, then `data:` (a string as it is, anything else as JSON). */
export function sseEvent(data: unknown, event?: string): string {
  return `${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}

/** A streamed chat-completion chunk (`object: 'chat.completion.chunk'`) whose one choice carries `content`. */
export function chatChunk(content: string, finish: string | null = null) {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'gpt-4o',
    choices: [{ index: 0, delta: { content }, finish_reason: finish, logprobs: null }],
  };
}

/** {@link chatChunk} as an SSE event. */
export function chatChunkEvent(content: string, finish: string | null = null): string {
  return sseEvent(chatChunk(content, finish));
}

/** A 200 `text/event-stream` response of `events` (see {@link sseEvent}), then `[DONE]` unless `done` is false. */
export function writeSSE(res: ServerResponse, events: string[], done = true, headers: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', ...headers });
  for (const e of events) res.write(e);
  if (done) res.write(SSE_DONE);
  res.end();
}
