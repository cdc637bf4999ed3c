/**
 * What the stream-decoding figures (3, SSE; 3b, NDJSON) share: the consumers of one in-memory body are run
 * interleaved per chunk size, each must yield exactly the body's `count` values, and each gets its median
 * throughput in MB/s and values/s; the ceiling consumer reads the body and nothing else.
 */
import { chunked } from './stream-data.js';
import { log, repeat, stat, type Repeat, type Stat } from './util.js';

export interface Throughput {
  MBps: Stat;
  perSec: Stat;
}

/** The `Response` body of `bytes` in `chunk`-byte pieces, read to the end and nothing else: the ceiling. */
export async function readBodyOnly(bytes: Uint8Array, chunk: number): Promise<void> {
  const reader = (new Response(chunked(bytes, chunk)).body as ReadableStream<Uint8Array>).getReader();
  let n = 0;
  for (let r = await reader.read(); !r.done; r = await reader.read()) n += r.value.length;
  if (n !== bytes.length) throw new Error(`read ${n} bytes, expected ${bytes.length}`);
}

/** Each consumer's throughput over `bytes` (holding `count` values), per chunk size; `label` names the log lines. */
export async function decodeThroughput<C extends string>(
  label: string,
  consumers: readonly C[],
  body: { bytes: Uint8Array; count: number; unit: string },
  chunkSizes: number[],
  rep: Repeat,
  consume: (who: C, chunk: number) => Promise<number>,
  gc?: () => void,
): Promise<Record<string, Record<C, Throughput>>> {
  const MB = body.bytes.length / 1e6;
  const byChunk: Record<string, Record<C, Throughput>> = {};
  for (const chunk of chunkSizes) {
    const secs: Record<string, number[]> = {};
    await repeat(rep, async (measured, i) => {
      for (const who of consumers) {
        gc?.();
        const t0 = process.hrtime.bigint();
        const n = await consume(who, chunk);
        const s = Number(process.hrtime.bigint() - t0) / 1e9;
        if (n !== body.count) throw new Error(`${who} yielded ${n} ${body.unit}, expected ${body.count}`);
        if (measured) {
          (secs[who] ??= []).push(s);
          log(`${label} ${chunk} B chunks, ${who}, run ${i + 1}: ${(MB / s).toFixed(1)} MB/s`);
        }
      }
    });
    byChunk[String(chunk)] = Object.fromEntries(
      consumers.map((who) => [who, { MBps: stat(secs[who]!.map((s) => MB / s), 'MB/s'), perSec: stat(secs[who]!.map((s) => body.count / s), `${body.unit}/s`) }]),
    ) as Record<C, Throughput>;
  }
  return byChunk;
}
