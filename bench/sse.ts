/**
 * Figure 3: SSE decoding throughput. One recorded chat-completion stream in memory, fed as a `Response` body in
 * fixed-size chunks (64 KiB, and 17 bytes), iterated to the end by:
 * - ours: `sseFormat.open(response, controller, { terminator: '[DONE]' })` from the generated package's runtime;
 * - openai: `Stream.fromSSEResponse(response, controller)` from `openai/streaming`;
 * - eventsource-parser: the body's reader, a streaming `TextDecoder`, `createParser().feed()`, `JSON.parse` of each
 *   event's data;
 * - the floor: `JSON.parse` alone over the same payloads (no stream, no decoding, no parsing of SSE);
 * - the body read only: the `Response` body's reader to the end, nothing else: the ceiling of any consumer of
 *   the body (with 17-byte chunks, one promise per chunk costs more than parsing the JSON of a whole event).
 * Runs interleave the consumers; every consumer must yield exactly the stream's events.
 */
import { createParser } from 'eventsource-parser';
import { Stream as OpenAIStream } from 'openai/streaming';
import { chatStream, chunked, type ChatStream } from './stream-data.js';
import type { OurPackage } from './peers.js';
import { decodeThroughput, readBodyOnly, type Throughput } from './decode-throughput.js';
import type { Repeat, Stat } from './util.js';

export const SSE_CONSUMERS = ['ours', 'openai', 'eventsource-parser', 'JSON.parse floor', 'body read only (ceiling)'] as const;
export type SSEConsumer = (typeof SSE_CONSUMERS)[number];

export interface SSEThroughput {
  MBps: Stat;
  eventsPerSec: Stat;
}

export interface SSEResult {
  bytes: number;
  events: number;
  /** Keyed by chunk size in bytes. */
  byChunk: Record<string, Record<SSEConsumer, SSEThroughput>>;
}

async function consume(who: SSEConsumer, data: ChatStream, chunk: number, ours: OurPackage): Promise<number> {
  let n = 0;
  switch (who) {
    case 'ours': {
      const stream = ours.sseFormat.open<unknown>(new Response(chunked(data.bytes, chunk)), new AbortController(), { terminator: '[DONE]' });
      for await (const item of stream) if (item) n++;
      return n;
    }
    case 'openai': {
      const stream = OpenAIStream.fromSSEResponse<unknown>(new Response(chunked(data.bytes, chunk)), new AbortController());
      for await (const item of stream) if (item) n++;
      return n;
    }
    case 'eventsource-parser': {
      const reader = (new Response(chunked(data.bytes, chunk)).body as ReadableStream<Uint8Array>).getReader();
      const text = new TextDecoder();
      let done = false;
      const parser = createParser({
        onEvent(event) {
          if (done) return;
          if (event.data === '[DONE]') {
            done = true;
            return;
          }
          if (JSON.parse(event.data)) n++;
        },
      });
      for (;;) {
        const r = await reader.read();
        if (r.done) break;
        parser.feed(text.decode(r.value, { stream: true }));
      }
      parser.feed(text.decode());
      return n;
    }
    case 'JSON.parse floor': {
      for (const p of data.payloads) if (JSON.parse(p)) n++;
      return n;
    }
    case 'body read only (ceiling)': {
      await readBodyOnly(data.bytes, chunk);
      return data.events; // it parses nothing: counted as the events it carried
    }
  }
}

export async function benchSSE(targetBytes: number, chunkSizes: number[], rep: Repeat, ours: OurPackage, gc?: () => void): Promise<SSEResult> {
  const data = chatStream(targetBytes);
  const measured = await decodeThroughput('sse', SSE_CONSUMERS, { bytes: data.bytes, count: data.events, unit: 'events' }, chunkSizes, rep, (who, chunk) => consume(who, data, chunk, ours), gc);
  const byChunk: SSEResult['byChunk'] = {};
  for (const [chunk, byWho] of Object.entries(measured)) {
    byChunk[chunk] = Object.fromEntries(Object.entries<Throughput>(byWho).map(([who, t]) => [who, { MBps: t.MBps, eventsPerSec: t.perSec }])) as Record<SSEConsumer, SSEThroughput>;
  }
  return { bytes: data.bytes.length, events: data.events, byChunk };
}
