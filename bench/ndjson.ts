/**
 * Figure 3b: NDJSON decoding throughput. One Ollama-style chat stream (`application/x-ndjson`, bench/stream-data.ts)
 * in memory, fed as a `Response` body in fixed-size chunks (64 KiB, and 17 bytes), iterated to the end by:
 * - ours: `Stream.fromResponse(response, controller, new NDJSONItemSource())` from the generated package's runtime,
 *   iterated with `for await`, as a streaming call's result is;
 * - ndjson: `ndjson.parse()` (split2 3 + `JSON.parse`, a Node transform in object mode), each chunk of the body's
 *   reader written into it, values taken from its `data` events: the cheapest way to feed it a fetch body (no
 *   `Readable.fromWeb`, no async iteration of the Node stream);
 * - split2 + JSON.parse: `split2(JSON.parse)`, fed and read the same way;
 * - the floor: `JSON.parse` alone over the lines, already split (no stream, no decoding, no framing);
 * - the body read only: the `Response` body's reader to the end, nothing else: the ceiling of any consumer.
 * Runs interleave the consumers; every consumer must yield exactly the body's values.
 */
import { once } from 'node:events';
import type { Transform } from 'node:stream';
import ndjson from 'ndjson';
import split2 from 'split2';
import type { OurPackage } from './peers.js';
import { chunked, ndjsonChat, type NDJSONBody } from './stream-data.js';
import { decodeThroughput, readBodyOnly, type Throughput } from './decode-throughput.js';
import type { Repeat, Stat } from './util.js';

export const NDJSON_CONSUMERS = ['ours', 'ndjson', 'split2 + JSON.parse', 'JSON.parse floor', 'body read only (ceiling)'] as const;
export type NDJSONConsumer = (typeof NDJSON_CONSUMERS)[number];
/** The npm parsers measured beside ours: the target is the best of them. */
export const NDJSON_NPM_PEERS = ['ndjson', 'split2 + JSON.parse'] as const satisfies readonly NDJSONConsumer[];

export interface NDJSONThroughput {
  MBps: Stat;
  itemsPerSec: Stat;
}

export interface NDJSONResult {
  bytes: number;
  items: number;
  /** Keyed by chunk size in bytes. */
  byChunk: Record<string, Record<NDJSONConsumer, NDJSONThroughput>>;
}

/** Writes the body's chunks into a Node object-mode transform, counting the values it emits. */
async function throughTransform(parser: Transform, data: NDJSONBody, chunk: number): Promise<number> {
  let n = 0;
  let failure: unknown;
  parser.on('data', (value: unknown) => {
    if (value) n++;
  });
  parser.on('error', (err: unknown) => {
    failure = err;
  });
  const reader = (new Response(chunked(data.bytes, chunk)).body as ReadableStream<Uint8Array>).getReader();
  for (;;) {
    const r = await reader.read();
    if (r.done) break;
    if (!parser.write(r.value)) await once(parser, 'drain');
  }
  parser.end();
  await once(parser, 'end');
  if (failure) throw failure;
  return n;
}

async function consume(who: NDJSONConsumer, data: NDJSONBody, chunk: number, ours: OurPackage): Promise<number> {
  let n = 0;
  switch (who) {
    case 'ours': {
      const stream = ours.Stream.fromResponse<unknown>(new Response(chunked(data.bytes, chunk)), new AbortController(), new ours.NDJSONItemSource());
      for await (const item of stream) if (item) n++;
      return n;
    }
    case 'ndjson':
      return throughTransform(ndjson.parse(), data, chunk);
    case 'split2 + JSON.parse':
      return throughTransform(split2(JSON.parse), data, chunk);
    case 'JSON.parse floor': {
      for (const line of data.lines) if (JSON.parse(line)) n++;
      return n;
    }
    case 'body read only (ceiling)': {
      await readBodyOnly(data.bytes, chunk);
      return data.items; // it parses nothing: counted as the values it carried
    }
  }
}

export async function benchNDJSON(targetBytes: number, chunkSizes: number[], rep: Repeat, ours: OurPackage, gc?: () => void): Promise<NDJSONResult> {
  const data = ndjsonChat(targetBytes);
  const measured = await decodeThroughput('ndjson', NDJSON_CONSUMERS, { bytes: data.bytes, count: data.items, unit: 'items' }, chunkSizes, rep, (who, chunk) => consume(who, data, chunk, ours), gc);
  const byChunk: NDJSONResult['byChunk'] = {};
  for (const [chunk, byWho] of Object.entries(measured)) {
    byChunk[chunk] = Object.fromEntries(Object.entries<Throughput>(byWho).map(([who, t]) => [who, { MBps: t.MBps, itemsPerSec: t.perSec }])) as Record<NDJSONConsumer, NDJSONThroughput>;
  }
  return { bytes: data.bytes.length, items: data.items, byChunk };
}
