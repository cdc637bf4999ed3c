/**
 * `npm run bench`: measures sdkforge and its peers side by side, in one run, on the same inputs, and writes
 * bench/results/latest.{json,md,svg}.
 *
 *   node dist/bench/run.js [--smoke] [--out DIR]
 *
 * `--smoke` runs every figure once on tiny inputs (spec/openai.yaml for both generation figures, a 200 KB SSE
 * stream, a 100 KB NDJSON one, 50 requests, 2,000 events) for CI; it writes to a temporary directory unless --out is given, never to
 * bench/results/. Speed targets are evaluated and reported, never enforced: the exit code is 0 when the run
 * completed.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import v8 from 'node:v8';
import { benchBundle } from './bundle.js';
import { benchColdStart } from './coldstart.js';
import { machine, setUpWorkdir, version } from './env.js';
import { benchGeneration } from './generation.js';
import { benchMemory } from './memory.js';
import { benchNDJSON } from './ndjson.js';
import { loadOurs } from './peers.js';
import { evaluateTargets, renderMarkdown, type Report } from './report.js';
import { benchRequests } from './requests.js';
import { benchSSE } from './sse.js';
import { renderSvg } from './svg.js';
import { benchConsumerTypecheck, benchOutputTypecheck, TSC_FLAGS } from './typecheck.js';
import { OFFICIAL_SPEC, ROOT, SMALL_SPEC, log, measurementMethod, type Repeat } from './util.js';

interface Settings {
  fullSpec: string;
  repeat: Repeat;
  coldRepeat: Repeat;
  sseBytes: number;
  ndjsonBytes: number;
  chunkSizes: number[];
  requests: number;
  concurrency: number;
  streamEvents: number;
}

const FULL: Settings = {
  fullSpec: OFFICIAL_SPEC,
  repeat: { runs: 5, warmup: 1 },
  coldRepeat: { runs: 10, warmup: 2 },
  sseBytes: 50e6,
  ndjsonBytes: 8e6,
  chunkSizes: [65536, 17],
  requests: 5000,
  concurrency: 64,
  streamEvents: 200_000,
};

const SMOKE: Settings = {
  fullSpec: SMALL_SPEC,
  repeat: { runs: 1, warmup: 0 },
  coldRepeat: { runs: 1, warmup: 0 },
  sseBytes: 200_000,
  ndjsonBytes: 100_000,
  chunkSizes: [65536, 17],
  requests: 50,
  concurrency: 8,
  streamEvents: 2000,
};

function parseArgs(argv: string[]): { smoke: boolean; out: string | undefined; keep: boolean } {
  let smoke = false;
  let out: string | undefined;
  let keep = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--smoke') smoke = true;
    else if (a === '--keep') keep = true;
    else if (a === '--out') out = argv[++i];
    else throw new Error(`unknown argument ${a}; usage: run.js [--smoke] [--out DIR] [--keep]`);
  }
  return { smoke, out, keep };
}

function exposeGc(): (() => void) | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

export async function main(argv: string[]): Promise<Report> {
  const { smoke, out, keep } = parseArgs(argv);
  const settings = smoke ? SMOKE : FULL;
  if (!existsSync(settings.fullSpec)) throw new Error(`the official OpenAI spec is missing: ${settings.fullSpec}`);
  const outDir = out ? path.resolve(out) : smoke ? mkdtempSync(path.join(os.tmpdir(), 'sdkforge-bench-smoke-')) : path.join(ROOT, 'bench/results');
  const work = setUpWorkdir();
  log(`scratch directory ${work.dir}; results to ${outDir}`);
  const started = Date.now();
  try {
    const ours = await loadOurs(work.oursEntry);
    const rep = settings.repeat;
    log('1. generation');
    const generationFull = await benchGeneration('full', settings.fullSpec, rep, work.dir);
    const generationSmall = smoke ? generationFull : await benchGeneration('small', SMALL_SPEC, rep, work.dir);
    log('2. type-check');
    const typecheckOutput = await benchOutputTypecheck(generationFull.output, rep);
    const typecheckConsumer = await benchConsumerTypecheck(work.dir, rep);
    log('3. SSE');
    const sse = await benchSSE(settings.sseBytes, settings.chunkSizes, rep, ours, exposeGc());
    log('3b. NDJSON');
    const ndjson = await benchNDJSON(settings.ndjsonBytes, settings.chunkSizes, rep, ours, exposeGc());
    log('4. requests');
    const requests = await benchRequests(settings.requests, settings.concurrency, rep, ours);
    log('5. streaming memory');
    const memory = await benchMemory(settings.streamEvents, rep, work.oursEntry);
    log('6. bundle');
    const bundle = await benchBundle(work.dir);
    log('7. cold start');
    const coldStart = await benchColdStart(work.oursEntry, work.openaiEntry, settings.coldRepeat, work.dir);
    const figures = { generationFull, generationSmall, typecheckOutput, typecheckConsumer, sse, ndjson, requests, memory, bundle, coldStart };
    const report: Report = {
      mode: smoke ? 'smoke' : 'full',
      machine: machine(),
      versions: {
        sdkforge: version('sdkforge'),
        openai: version('openai'),
        '@hey-api/openapi-ts': version('@hey-api/openapi-ts'),
        'openapi-typescript': version('openapi-typescript'),
        'eventsource-parser': version('eventsource-parser'),
        ndjson: version('ndjson'),
        split2: version('split2'),
        esbuild: version('esbuild'),
        typescript: version('typescript'),
        prettier: version('prettier'),
      },
      method: {
        processes: measurementMethod(),
        runs: `${rep.runs} after ${rep.warmup} warm-up (cold start ${settings.coldRepeat.runs} after ${settings.coldRepeat.warmup}), peers interleaved within each run`,
        'hey-api': "openapi-ts -f config with its default plugins and output.postProcess ['prettier'] (formatted output, as sdkforge's); its peak RSS is max(openapi-ts, prettier child)",
        'openapi-typescript': 'openapi-typescript SPEC -o out.ts (types only; no formatter option)',
        tsc: `tsc ${TSC_FLAGS.join(' ')} FILES, from a scratch directory`,
        sse: `${(settings.sseBytes / 1e6).toFixed(1)} MB synthetic chat.completion.chunk stream in memory, Response over a pull ReadableStream`,
        ndjson: `${(settings.ndjsonBytes / 1e6).toFixed(1)} MB synthetic Ollama /api/chat stream (application/x-ndjson) in memory, the same way; the npm parsers fed the body reader's chunks with write(), values taken from their data events`,
        'wall clock': `${((Date.now() - started) / 60000).toFixed(1)} min for the whole bench`,
      },
      figures,
      targets: [],
    };
    report.targets = evaluateTargets(figures);
    report.method['wall clock'] = `${((Date.now() - started) / 60000).toFixed(1)} min for the whole bench`;
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path.join(outDir, 'latest.json'), JSON.stringify(report, null, 2) + '\n');
    writeFileSync(path.join(outDir, 'latest.md'), renderMarkdown(report));
    writeFileSync(path.join(outDir, 'latest.svg'), renderSvg(report));
    log(`wrote ${path.join(outDir, 'latest.{json,md,svg}')}`);
    for (const t of report.targets) log(`${t.met ? 'met   ' : 'MISSED'} ${t.label}: ${t.value.toFixed(3)} (${t.op} ${t.limit}; ${t.detail})`);
    process.stdout.write(`${path.join(outDir, 'latest.json')}\n`);
    return report;
  } finally {
    if (!keep) rmSync(work.dir, { recursive: true, force: true });
  }
}

await main(process.argv.slice(2));
