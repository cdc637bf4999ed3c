/**
 * Figure 6: bundle size. esbuild (bundle, minify, ESM, platform browser) of an app that creates a client and
 * streams one chat completion, then gzip -9 of the result: ours (`createClient` + standalone
 * `createChatCompletion`, the tree-shakable path, and the `OpenAI` class for reference) against `openai`.
 * Deterministic: built once.
 */
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export const APPS = {
  ours: `import { createClient, createChatCompletion } from '@sdkforge/openai';
export async function run(baseURL) {
  const client = createClient({ apiKey: 'sk-test', baseURL });
  const stream = await createChatCompletion(client, { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], stream: true });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
  return text;
}
`,
  'ours (OpenAI class)': `import { OpenAI } from '@sdkforge/openai';
export async function run(baseURL) {
  const client = new OpenAI({ apiKey: 'sk-test', baseURL });
  const stream = await client.createChatCompletion({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], stream: true });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
  return text;
}
`,
  openai: `import OpenAI from 'openai';
export async function run(baseURL) {
  const client = new OpenAI({ apiKey: 'sk-test', baseURL, dangerouslyAllowBrowser: true });
  const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], stream: true });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
  return text;
}
`,
} as const;

export type App = keyof typeof APPS;

export interface BundleSize {
  minBytes: number;
  gzipBytes: number;
}

/** `contents` (an app's source) bundled as the figure does it, resolving packages from `resolveDir`. */
export async function bundleApp(contents: string, resolveDir: string): Promise<{ code: string } & BundleSize> {
  const result = await build({
    stdin: { contents, resolveDir, sourcefile: path.join(resolveDir, 'app.js'), loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const bytes = result.outputFiles[0]!.contents;
  return { code: result.outputFiles[0]!.text, minBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
}

export async function benchBundle(workdir: string): Promise<Record<App, BundleSize>> {
  const out = {} as Record<App, BundleSize>;
  for (const [name, contents] of Object.entries(APPS) as [App, string][]) {
    const { minBytes, gzipBytes } = await bundleApp(contents, workdir);
    out[name] = { minBytes, gzipBytes };
  }
  return out;
}
