/**
 * A recorded-looking chat completion stream, made in memory: `chat.completion.chunk` events shaped as the OpenAI
 * API sends them (a first delta with the role, content deltas of one to a few tokens with the occasional
 * non-ASCII character, a final delta with `finish_reason`, a usage chunk with empty choices), cycled until the
 * requested size, then `data: [DONE]`. Deterministic (seeded).
 */
import { mulberry32 } from '../test/helpers/random.js';

const WORDS = [' the', ' of', ' and', ' to', ' a', ' in', ' is', ' that', ' for', ' it', ' as', ' with', ' stream', ' token', ' model', ' response',
  ' café', ' naïve', ' 東京', ' 😀', '\n', '.', ',', ' "quoted"', ' back\\slash', ' value', ' JSON', ' server', ' event', ' data'];

export interface ChatStream {
  /** The whole body, as sent on the wire. */
  bytes: Uint8Array;
  /** The `data:` payloads of the JSON events, in order (without `[DONE]`). */
  payloads: string[];
  /** Number of events carrying JSON (what a client yields). */
  events: number;
}

/** One completion's events (`n` content deltas). */
function completion(id: number, n: number, rand: () => number): string[] {
  const base = { id: `chatcmpl-C${id.toString(36).padStart(8, '0')}xYz`, object: 'chat.completion.chunk', created: 1755000000 + id, model: 'gpt-4o-2024-08-06', service_tier: 'default', system_fingerprint: 'fp_07871e2ad8' };
  const obf = () => Math.floor(rand() * 2 ** 32).toString(36).slice(0, 1 + Math.floor(rand() * 6));
  const out: string[] = [];
  out.push(JSON.stringify({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null }], usage: null, obfuscation: obf() }));
  for (let i = 0; i < n; i++) {
    let content = '';
    const k = 1 + Math.floor(rand() * 3);
    for (let j = 0; j < k; j++) content += WORDS[Math.floor(rand() * WORDS.length)];
    out.push(JSON.stringify({ ...base, choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }], usage: null, obfuscation: obf() }));
  }
  out.push(JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }], usage: null, obfuscation: obf() }));
  out.push(JSON.stringify({ ...base, choices: [], usage: { prompt_tokens: 19, completion_tokens: n, total_tokens: 19 + n, prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 } }, obfuscation: obf() }));
  return out;
}

/** Events (`data: …\n\n`), about `targetBytes` in all, ending with `data: [DONE]`. */
export function chatStream(targetBytes: number, seed = 42): ChatStream {
  const rand = mulberry32(seed);
  const payloads: string[] = [];
  const parts: string[] = [];
  let size = 0;
  for (let id = 0; size < targetBytes; id++) {
    for (const p of completion(id, 200 + Math.floor(rand() * 400), rand)) {
      payloads.push(p);
      const line = `data: ${p}\n\n`;
      parts.push(line);
      size += Buffer.byteLength(line);
      if (size >= targetBytes) break;
    }
  }
  parts.push('data: [DONE]\n\n');
  const bytes = new Uint8Array(Buffer.from(parts.join('')));
  return { bytes, payloads, events: payloads.length };
}

/** Event lines for a stream of exactly `n` JSON events, produced one by one (for long-running streams). */
export function* chatEvents(n: number, seed = 7): Generator<string> {
  const rand = mulberry32(seed);
  let made = 0;
  for (let id = 0; made < n; id++) {
    for (const p of completion(id, 300, rand)) {
      yield `data: ${p}\n\n`;
      if (++made >= n) break;
    }
  }
  yield 'data: [DONE]\n\n';
}

/** A byte stream over `bytes` in `chunkSize` pieces (views, no copies), one piece per pull. */
export function chunked(bytes: Uint8Array, chunkSize: number): ReadableStream<Uint8Array> {
  let off = 0;
  return new ReadableStream<Uint8Array>({
    pull(ctrl) {
      if (off >= bytes.length) {
        ctrl.close();
        return;
      }
      ctrl.enqueue(bytes.subarray(off, off + chunkSize));
      off += chunkSize;
    },
  }, { highWaterMark: 0 });
}

export interface NDJSONBody {
  /** The whole body, as sent on the wire. */
  bytes: Uint8Array;
  /** Its lines, without their line ends. */
  lines: string[];
  /** Number of values (one per line). */
  items: number;
}

/**
 * A chat stream as Ollama's `/api/chat` sends it (`application/x-ndjson`): one JSON object per line, a token or a
 * few of content each, with the occasional non-ASCII character; a completion ends with a `done: true` object
 * carrying its timings. About `targetBytes` in all, every line ending in LF. Deterministic (seeded).
 */
export function ndjsonChat(targetBytes: number, seed = 42): NDJSONBody {
  const rand = mulberry32(seed);
  const lines: string[] = [];
  let size = 0;
  let t = Date.UTC(2025, 7, 12, 9, 30, 0);
  const at = () => new Date((t += 1 + Math.floor(rand() * 40))).toISOString().replace('Z', `${Math.floor(rand() * 1e6).toString().padStart(6, '0')}Z`);
  const push = (value: unknown) => {
    const line = JSON.stringify(value);
    lines.push(line);
    size += Buffer.byteLength(line) + 1;
  };
  for (let c = 0; size < targetBytes; c++) {
    const n = 200 + Math.floor(rand() * 400);
    for (let i = 0; i < n && size < targetBytes; i++) {
      let content = '';
      const k = 1 + Math.floor(rand() * 3);
      for (let j = 0; j < k; j++) content += WORDS[Math.floor(rand() * WORDS.length)];
      push({ model: 'llama3.2:3b-instruct-q4_K_M', created_at: at(), message: { role: 'assistant', content }, done: false });
    }
    const evalNs = Math.floor(rand() * 9e9);
    push({ model: 'llama3.2:3b-instruct-q4_K_M', created_at: at(), message: { role: 'assistant', content: '' }, done_reason: 'stop', done: true, total_duration: evalNs + 4e8, load_duration: 2.1e7 + c, prompt_eval_count: 26, prompt_eval_duration: 3.4e8, eval_count: n, eval_duration: evalNs });
  }
  const bytes = new Uint8Array(Buffer.from(lines.join('\n') + '\n'));
  return { bytes, lines, items: lines.length };
}
