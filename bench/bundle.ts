/**
 * Figure 6: bundle size. The apps of test/helpers/bundle.ts (ours through `createClient` + standalone
 * `createChatCompletion`, the tree-shakable path, and the `OpenAI` class for reference, against `openai`), each
 * bundled by esbuild (bundle, minify, ESM, platform browser), then gzip -9. Deterministic: built once.
 */
import { APPS, bundleApp, type App, type BundleSize } from '../test/helpers/bundle.js';

export type { App, BundleSize };

export async function benchBundle(workdir: string): Promise<Record<App, BundleSize>> {
  const out = {} as Record<App, BundleSize>;
  for (const [name, contents] of Object.entries(APPS) as [App, string][]) {
    const { minBytes, gzipBytes } = await bundleApp(contents, workdir);
    out[name] = { minBytes, gzipBytes };
  }
  return out;
}
