/**
 * The apps the bundle benchmark (bench/bundle.ts, figure 6) measures and test/treeshake.test.ts checks, and how
 * both bundle them: esbuild (bundle, minify, ESM, platform browser), then gzip -9. Each app creates a client and
 * streams one chat completion: ours through `createClient` + the standalone `createChatCompletion` (the
 * tree-shakable path), ours through the `OpenAI` class and its resource namespaces (`client.chat.completions.create`), and the `openai` package. Here so the test does not import
 * the benchmark and the benchmark measures exactly what the test checks.
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
  const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], stream: true });
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
