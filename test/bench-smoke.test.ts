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
    ['bundle', 'coldStart', 'generationFull', 'generationSmall', 'memory', 'ndjson', 'requests', 'scale', 'sse', 'typecheckConsumer', 'typecheckOutput'].sort(),
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
  // the scale series: 1x and 2x of spec/openai.yaml, sdkforge only, each generated and type-checked
  const scale = f.scale as unknown as {
    copies: number[];
    tools: string[];
    specs: { copies: number; operations: number; schemas: number }[];
    runs: Record<string, Record<string, { generate: { status: string; wallMs: number; peakRssMB: number; outputBytes: number; phasesMs: Record<string, number> }; tsc: { status: string; errors: number } }>>;
    growth: Record<string, { wall: { ratio: number; exponent: number }; rss: { ratio: number; exponent: number } }>;
    splitConsumer: { measured: boolean; note?: string };
  };
  expect(scale.copies).toEqual([1, 2]);
  expect(scale.tools).toEqual(['sdkforge']);
  expect(scale.specs[1]!.operations).toBe(2 * scale.specs[0]!.operations);
  expect(scale.specs[1]!.schemas).toBe(2 * scale.specs[0]!.schemas);
  for (const copies of ['1', '2']) {
    const r = scale.runs.sdkforge![copies]!;
    expect(r.generate.status).toBe('ok');
    expect(r.generate.wallMs).toBeGreaterThan(0);
    expect(r.generate.peakRssMB).toBeGreaterThan(0);
    expect(r.generate.outputBytes).toBeGreaterThan(0);
    expect(Object.keys(r.generate.phasesMs)).toEqual(['load', 'ir', 'emit', 'format', 'write']);
    expect(r.tsc).toMatchObject({ status: 'ok', errors: 0 });
  }
  for (const g of [scale.growth.sdkforge!.wall, scale.growth.sdkforge!.rss]) {
    expect(Number.isFinite(g.ratio) && Number.isFinite(g.exponent)).toBe(true);
    expect(g.exponent).toBeCloseTo(Math.log(g.ratio) / Math.log(2), 10);
  }
  if (!scale.splitConsumer.measured) expect(scale.splitConsumer.note).toMatch(/^not measured: /);
  expect(readFileSync(path.join(out, 'latest.md'), 'utf8')).toContain('## 8. Scale: 1×, 2×');

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
      'gen-full-rss',
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
      'scale-wall-exponent',
      'scale-rss-exponent',
    ].sort(),
  );
  for (const t of report.targets) {
    expect(Number.isFinite(t.value)).toBe(true);
    // growth may be ≤ 0: a stream's RSS, and a cost's exponent between the smoke series' two tiny sizes (1x and 2x
    // of spec/openai.yaml, where the second run's peak RSS can come out below the first's)
    const growth = t.id === 'stream-rss-growth' || t.id === 'scale-wall-exponent' || t.id === 'scale-rss-exponent';
    if (!growth) expect(t.value).toBeGreaterThan(0);
    expect(typeof t.met).toBe('boolean');
  }
  expect(readFileSync(path.join(out, 'latest.md'), 'utf8')).toContain('## Targets');
  expect(readFileSync(path.join(out, 'latest.svg'), 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>\n$/);
}, 180_000);

test('--only runs the figures named and merges them into the report already in --out', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sdkforge-bench-only-'));
  try {
    await expect(run(process.execPath, [RUN_JS, '--smoke', '--only', 'scale,nope', '--out', dir], { cwd: ROOT })).rejects.toMatchObject({
      stderr: expect.stringContaining('--only takes a comma-separated list of generation, typecheck, sse, ndjson, requests, memory, bundle, coldstart, scale; not nope'),
    });
    await run(process.execPath, [RUN_JS, '--smoke', '--only', 'coldstart', '--out', dir], { cwd: ROOT, maxBuffer: 64 << 20, timeout: 100_000 });
    type Written = { machine: { date: string }; figures: Record<string, unknown>; figureRuns: Record<string, { date: string }>; targets: { id: string }[] };
    const first = JSON.parse(readFileSync(path.join(dir, 'latest.json'), 'utf8')) as Written;
    expect(Object.keys(first.figures)).toEqual(['coldStart']);
    expect(first.targets.map((t) => t.id)).toEqual(['coldstart-vs-openai']);
    await run(process.execPath, [RUN_JS, '--smoke', '--only', 'scale', '--out', dir], { cwd: ROOT, maxBuffer: 64 << 20, timeout: 100_000 });
    const merged = JSON.parse(readFileSync(path.join(dir, 'latest.json'), 'utf8')) as Written;
    expect(Object.keys(merged.figures).sort()).toEqual(['coldStart', 'scale']);
    expect(merged.figures.coldStart).toEqual(first.figures.coldStart);
    expect(merged.machine).toEqual(first.machine);
    expect(merged.figureRuns.coldStart).toEqual(first.figureRuns.coldStart);
    expect(merged.figureRuns.scale!.date > merged.figureRuns.coldStart!.date).toBe(true);
    expect(merged.targets.map((t) => t.id)).toEqual(['coldstart-vs-openai', 'scale-wall-exponent', 'scale-rss-exponent']);
    const md = readFileSync(path.join(dir, 'latest.md'), 'utf8');
    expect(md).toContain('## 7. Cold start');
    expect(md).toContain(`Measured in a later run (\`--only\`): scale on ${merged.figureRuns.scale!.date.slice(0, 10)}`);
    expect(md).not.toContain('## 3. SSE');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 240_000);
