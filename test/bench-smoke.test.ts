// The benchmark in smoke mode (`node dist/bench/run.js --smoke`, tiny inputs, one run) as CI runs it: it must
// complete and its JSON report must hold every figure with numeric medians and every target with a numeric
// ratio. Speed targets are deliberately not asserted here: they live in the benchmark's report.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './helpers/paths.js';

const run = promisify(execFile);
const RUN_JS = path.join(ROOT, 'dist/bench/run.js');

let out: string;
afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

/** Every `{ median, min, max }` object under `value`, with its path. */
function stats(value: unknown, at = ''): [string, Record<string, unknown>][] {
  if (!value || typeof value !== 'object') return [];
  const rec = value as Record<string, unknown>;
  if ('median' in rec) return [[at, rec]];
  return Object.entries(rec).flatMap(([k, v]) => stats(v, `${at}.${k}`));
}

test('the smoke bench reports every figure and every target ratio', async () => {
  expect(existsSync(RUN_JS)).toBe(true); // built by `npm ci` (prepare) or `npm run bench`
  out = mkdtempSync(path.join(os.tmpdir(), 'sdkforge-bench-test-'));
  const before = existsSync(path.join(ROOT, 'bench/results/latest.json')) ? readFileSync(path.join(ROOT, 'bench/results/latest.json'), 'utf8') : undefined;
  await run(process.execPath, [RUN_JS, '--smoke', '--out', out], { cwd: ROOT, maxBuffer: 64 << 20, timeout: 170_000 });
  // Smoke results never replace the committed ones.
  if (before !== undefined) expect(readFileSync(path.join(ROOT, 'bench/results/latest.json'), 'utf8')).toBe(before);

  const report = JSON.parse(readFileSync(path.join(out, 'latest.json'), 'utf8')) as {
    mode: string;
    versions: Record<string, string>;
    figures: Record<string, unknown>;
    targets: { id: string; value: number; limit: number; met: boolean }[];
  };
  expect(report.mode).toBe('smoke');
  expect(Object.keys(report.figures).sort()).toEqual(
    ['bundle', 'coldStart', 'generationFull', 'generationSmall', 'memory', 'ndjson', 'requests', 'sse', 'typecheckConsumer', 'typecheckOutput'].sort(),
  );
  for (const key of ['openai', '@hey-api/openapi-ts', 'openapi-typescript', 'eventsource-parser', 'ndjson', 'split2', 'esbuild']) expect(report.versions[key]).toMatch(/^\d+\.\d+\.\d+/);

  const f = report.figures as Record<string, Record<string, unknown>>;
  for (const gen of ['generationFull', 'generationSmall']) {
    for (const tool of ['sdkforge', 'openapi-typescript', 'hey-api']) {
      expect(f[gen]!.wallMs).toHaveProperty([tool, 'median']);
      expect(f[gen]!.peakRssMB).toHaveProperty([tool, 'median']);
    }
  }
  for (const tool of ['sdkforge', 'openapi-typescript', 'hey-api']) expect(f.typecheckOutput).toHaveProperty([tool, 'wallMs', 'median']);
  for (const who of ['ours', 'openai']) {
    expect(f.typecheckConsumer).toHaveProperty([who, 'wallMs', 'median']);
    expect(f.requests!.sequential).toHaveProperty([who, 'median']);
    expect(f.requests!.concurrent).toHaveProperty([who, 'median']);
    expect(f.memory!.growthMB).toHaveProperty([who, 'median']);
    expect(f.coldStart!.wallMs).toHaveProperty([who, 'median']);
    expect(typeof (f.bundle![who] as { gzipBytes: unknown }).gzipBytes).toBe('number');
  }
  const byChunk = f.sse!.byChunk as Record<string, Record<string, unknown>>;
  expect(Object.keys(byChunk).sort()).toEqual(['17', '65536']);
  for (const chunk of Object.values(byChunk)) {
    for (const who of ['ours', 'openai', 'eventsource-parser', 'JSON.parse floor']) {
      expect(chunk).toHaveProperty([who, 'MBps', 'median']);
      expect(chunk).toHaveProperty([who, 'eventsPerSec', 'median']);
    }
  }
  const ndjsonByChunk = f.ndjson!.byChunk as Record<string, Record<string, unknown>>;
  expect(Object.keys(ndjsonByChunk).sort()).toEqual(['17', '65536']);
  for (const chunk of Object.values(ndjsonByChunk)) {
    for (const who of ['ours', 'ndjson', 'split2 + JSON.parse', 'JSON.parse floor', 'body read only (ceiling)']) {
      expect(chunk).toHaveProperty([who, 'MBps', 'median']);
      expect(chunk).toHaveProperty([who, 'itemsPerSec', 'median']);
    }
  }
  const all = stats(report.figures);
  expect(all.length).toBeGreaterThan(30);
  for (const [at, s] of all) {
    for (const k of ['median', 'min', 'max']) {
      if (!Number.isFinite(s[k])) throw new Error(`${at}.${k} is not a finite number: ${String(s[k])}`);
    }
    expect(s.min as number).toBeLessThanOrEqual(s.max as number);
  }

  expect(report.targets.map((t) => t.id).sort()).toEqual(
    [
      'gen-full-wall-vs-openapi-typescript',
      'gen-full-wall-vs-hey-api',
      'gen-full-rss-vs-hey-api',
      'gen-small-wall-vs-fastest-peer',
      'tsc-output-vs-hey-api',
      'tsc-consumer-vs-openai',
      'sse-65536-vs-openai',
      'sse-65536-vs-floor',
      'sse-17-vs-openai',
      'sse-17-vs-floor',
      'ndjson-65536-vs-best-npm',
      'ndjson-65536-vs-floor',
      'ndjson-17-vs-best-npm',
      'requests-sequential-vs-openai',
      'requests-concurrent-vs-openai',
      'stream-rss-growth',
      'bundle-min-vs-openai',
      'bundle-gzip-vs-openai',
      'coldstart-vs-openai',
    ].sort(),
  );
  for (const t of report.targets) {
    expect(Number.isFinite(t.value)).toBe(true);
    if (t.id !== 'stream-rss-growth') expect(t.value).toBeGreaterThan(0); // RSS growth may be ≤ 0
    expect(typeof t.met).toBe('boolean');
  }
  expect(readFileSync(path.join(out, 'latest.md'), 'utf8')).toContain('## Targets');
  expect(readFileSync(path.join(out, 'latest.svg'), 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>\n$/);
}, 180_000);
