/**
 * Loading our generated package (built into the bench's scratch directory) at run time, with the few types the
 * bench uses. The package is imported the way an app imports it: its ESM build, through its entry file.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface OurStream<T> extends AsyncIterable<T> {
  controller: AbortController;
}

export interface OurClient {
  readonly __brand?: 'ClientCore';
}

export interface ChatChunk {
  choices: { delta: { content?: string | null } }[];
}

export interface ChatCompletion {
  id: string;
  choices: { message: { content: string | null } }[];
}

interface ChatBody {
  model: string;
  messages: { role: 'user'; content: string }[];
  stream?: boolean;
}

export interface OurPackage {
  /** The SSE streaming format, from the package's `runtime/sse.js` (beside its entry file). */
  sseFormat: {
    open<T>(response: Response, controller: AbortController, options?: { terminator?: string; idleTimeoutMs?: number }): OurStream<T>;
  };
  /** `Stream` and the NDJSON item source, from the package's `runtime/stream.js` and `runtime/ndjson.js`. */
  Stream: {
    fromResponse<T>(response: Response, controller: AbortController, source: unknown): OurStream<T>;
  };
  NDJSONItemSource: new () => unknown;
  createClient(options: { apiKey?: string; baseURL?: string; maxRetries?: number }): OurClient;
  createChatCompletion(client: OurClient, body: ChatBody & { stream: true }): Promise<OurStream<ChatChunk>>;
  createChatCompletion(client: OurClient, body: ChatBody): Promise<ChatCompletion>;
  OpenAI: new (options: { apiKey?: string; baseURL?: string; maxRetries?: number }) => {
    createChatCompletion(body: ChatBody & { stream: true }): Promise<OurStream<ChatChunk>>;
    createChatCompletion(body: ChatBody): Promise<ChatCompletion>;
  };
}

export async function loadOurs(entry: string): Promise<OurPackage> {
  const runtime = async <K extends keyof OurPackage>(file: string) => (await import(pathToFileURL(path.join(path.dirname(entry), 'runtime', file)).href)) as Pick<OurPackage, K>;
  const main = (await import(pathToFileURL(entry).href)) as Omit<OurPackage, 'sseFormat' | 'Stream' | 'NDJSONItemSource'>;
  const { sseFormat } = await runtime<'sseFormat'>('sse.js');
  const { Stream } = await runtime<'Stream'>('stream.js');
  const { NDJSONItemSource } = await runtime<'NDJSONItemSource'>('ndjson.js');
  return { ...main, sseFormat, Stream, NDJSONItemSource };
}
