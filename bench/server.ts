/**
 * The bench's HTTP server, run as its own process (so that its work is not counted in the client's process):
 * keep-alive node:http on 127.0.0.1, port printed on stdout. Any POST to …/chat/completions answers:
 * - with `"stream": true` in the body: `STREAM_EVENTS` chat.completion.chunk events and `data: [DONE]`, written
 *   with backpressure;
 * - otherwise a fixed chat completion (JSON, with content-length).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chatEvents } from './stream-data.js';

const STREAM_EVENTS = Number(process.env.STREAM_EVENTS ?? 1000);

export const COMPLETION = JSON.stringify({
  id: 'chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT',
  object: 'chat.completion',
  created: 1741569952,
  model: 'gpt-4o-2024-08-06',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello! How can I assist you today?', refusal: null, annotations: [] }, logprobs: null, finish_reason: 'stop' }],
  usage: { prompt_tokens: 19, completion_tokens: 10, total_tokens: 29, prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 } },
  service_tier: 'default',
  system_fingerprint: 'fp_fc9f1d7035',
});
const completionLength = Buffer.byteLength(COMPLETION);

const server = http.createServer({ keepAlive: true, keepAliveTimeout: 60_000 }, (req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString();
    if (/"stream"\s*:\s*true/.test(body)) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-request-id': 'req_bench' });
      const events = chatEvents(STREAM_EVENTS);
      const write = () => {
        for (;;) {
          const next = events.next();
          if (next.done) {
            res.end();
            return;
          }
          if (!res.write(next.value)) {
            res.once('drain', write);
            return;
          }
        }
      };
      write();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': completionLength, 'x-request-id': 'req_bench' });
    res.end(COMPLETION);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
