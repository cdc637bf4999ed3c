/**
 * Figure 4: request overhead. Throughput (requests/s) of `createChatCompletion` (non-streaming) against a local
 * keep-alive server in its own process that answers a fixed chat completion: N sequential requests, and N at
 * concurrency 64. Ours: `createClient({ apiKey, baseURL, maxRetries: 0 })` + `createChatCompletion(client, body)`.
 * openai: `new OpenAI({ apiKey, baseURL, maxRetries: 0 }).chat.completions.create(body)`. Both use Node's global
 * fetch. Runs interleave the clients.
 */
import OpenAI from 'openai';
import type { OurPackage } from './peers.js';
import { startServerProcess } from './server-process.js';
import { log, repeat, stat, type Repeat, type Stat } from './util.js';

export const REQUEST_CLIENTS = ['ours', 'openai'] as const;
export type RequestClient = (typeof REQUEST_CLIENTS)[number];

export interface RequestsResult {
  requests: number;
  concurrency: number;
  sequential: Record<RequestClient, Stat>;
  concurrent: Record<RequestClient, Stat>;
}

const BODY = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Say hello' }] };

export async function benchRequests(n: number, concurrency: number, rep: Repeat, ours: OurPackage): Promise<RequestsResult> {
  const server = await startServerProcess();
  try {
    const ourClient = ours.createClient({ apiKey: 'sk-bench', baseURL: server.url, maxRetries: 0 });
    const openai = new OpenAI({ apiKey: 'sk-bench', baseURL: server.url, maxRetries: 0 });
    const call: Record<RequestClient, () => Promise<string | null | undefined>> = {
      ours: async () => (await ours.createChatCompletion(ourClient, BODY)).choices[0]?.message.content,
      openai: async () => (await openai.chat.completions.create(BODY)).choices[0]?.message.content,
    };
    const check = (content: string | null | undefined) => {
      if (!content) throw new Error('empty completion');
    };
    const result: Pick<RequestsResult, 'sequential' | 'concurrent'> = { sequential: {} as Record<RequestClient, Stat>, concurrent: {} as Record<RequestClient, Stat> };
    for (const mode of ['sequential', 'concurrent'] as const) {
      const rates: Record<string, number[]> = {};
      await repeat(rep, async (measured, i) => {
        for (const who of REQUEST_CLIENTS) {
          const fn = call[who];
          const t0 = process.hrtime.bigint();
          if (mode === 'sequential') {
            for (let k = 0; k < n; k++) check(await fn());
          } else {
            let next = 0;
            const worker = async () => {
              while (next < n) {
                next++;
                check(await fn());
              }
            };
            await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
          }
          const rate = n / (Number(process.hrtime.bigint() - t0) / 1e9);
          if (measured) {
            (rates[who] ??= []).push(rate);
            log(`requests ${mode} ${who} run ${i + 1}: ${Math.round(rate)} req/s`);
          }
        }
      });
      result[mode] = Object.fromEntries(REQUEST_CLIENTS.map((w) => [w, stat(rates[w]!, 'req/s')])) as Record<RequestClient, Stat>;
    }
    return { requests: n, concurrency, ...result };
  } finally {
    await server.stop();
  }
}
