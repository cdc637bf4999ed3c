/**
 * Child process for figure 5: streams one chat completion of STREAM_EVENTS events from the bench server with
 * `argv[2]` (`ours` or `openai`) and prints JSON: the RSS after the first 5% of the events (after a GC), the peak
 * RSS sampled every 1,000 events after that, and the RSS at the end (after a GC). Run with --expose-gc.
 */
import OpenAI from 'openai';
import { loadOurs } from './peers.js';

const [who, entry, baseURL] = process.argv.slice(2);
const total = Number(process.env.STREAM_EVENTS);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const body = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Write a long story' }], stream: true as const };

async function open(): Promise<AsyncIterable<{ choices: { delta: { content?: string | null } }[] }>> {
  if (who === 'ours') {
    const ours = await loadOurs(entry!);
    return ours.createChatCompletion(ours.createClient({ apiKey: 'sk-bench', baseURL: baseURL!, maxRetries: 0 }), body);
  }
  return new OpenAI({ apiKey: 'sk-bench', baseURL: baseURL!, maxRetries: 0 }).chat.completions.create(body);
}

const warm = Math.max(1, Math.floor(total * 0.05));
let n = 0;
let chars = 0;
let baseline = 0;
let peak = 0;
for await (const chunk of await open()) {
  chars += chunk.choices[0]?.delta.content?.length ?? 0;
  n++;
  if (n === warm) {
    gc();
    baseline = process.memoryUsage().rss;
    peak = baseline;
  } else if (n > warm && n % 1000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
}
gc();
const end = process.memoryUsage().rss;
peak = Math.max(peak, end);
process.stdout.write(JSON.stringify({ events: n, chars, baseline, peak, end }) + '\n');
