/**
 * `npm run bench`: measures sdkforge and its peers side by side, in one run, on the same inputs, and writes
 * bench/results/latest.{json,md,svg}.
 *
 *   node dist/bench/run.js [--smoke] [--only FIGURES] [--out DIR] [--keep]
 *
 * `--smoke` runs every figure once on tiny inputs (spec/openai.yaml for both generation figures, a 200 KB SSE
 * stream, a 100 KB NDJSON one, 50 requests, 2,000 events; the scale series on 1× and 2× of spec/openai.yaml with
 * sdkforge only) for CI; it writes to a temporary directory unless --out is given, never to
 * bench/results/. Speed targets are evaluated and reported, never enforced: the exit code is 0 when the run
 * completed.
 *
 * `--only FIGURES` (comma-separated: generation, typecheck, sse, ndjson, requests, memory, bundle, coldstart,
 * scale) runs those figures only, and merges them into the report already in the output directory (its other
 * figures kept as they were measured; `figureRuns` says when each was). `--keep` keeps the scratch directory.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import v8 from 'node:v8';
import { benchBundle } from './bundle.js';
import { benchColdStart } from './coldstart.js';
import { machine, setUpWorkdir, version } from './env.js';
import { benchGeneration, GENERATORS } from './generation.js';
import { benchMemory } from './memory.js';
import { benchNDJSON } from './ndjson.js';
import { loadOurs } from './peers.js';
import { evaluateTargets, renderMarkdown, type Figures, type Report } from './report.js';
import { benchRequests } from './requests.js';
import { benchScale, SPLIT_OUTPUT_OPTION, type ScaleSettings } from './scale.js';
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
  scale: ScaleSettings;
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
  scale: { spec: OFFICIAL_SPEC, copies: [1, 4, 16], tools: GENERATORS, timeoutMs: 10 * 60_000, rounds: 3 },
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
  scale: { spec: SMALL_SPEC, copies: [1, 2], tools: ['sdkforge'], timeoutMs: 2 * 60_000, rounds: 1 },
};

/** The figures `--only` can name, each with the report figures it measures. */
const STEPS = {
  generation: ['generationFull', 'generationSmall'],
  typecheck: ['typecheckOutput', 'typecheckConsumer'],
  sse: ['sse'],
  ndjson: ['ndjson'],
  requests: ['requests'],
  memory: ['memory'],
  bundle: ['bundle'],
  coldstart: ['coldStart'],
  scale: ['scale'],
} as const satisfies Record<string, readonly (keyof Figures)[]>;
type Step = keyof typeof STEPS;

function parseOnly(list: string | undefined): Set<Step> {
  const names = (list ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(n in STEPS));
  if (names.length === 0 || unknown.length) throw new Error(`--only takes a comma-separated list of ${Object.keys(STEPS).join(', ')}${unknown.length ? `; not ${unknown.join(', ')}` : ''}`);
  const steps = new Set(names as Step[]);
  if (steps.has('typecheck') && !steps.has('generation')) throw new Error('--only typecheck needs generation too (it type-checks the generation figure\'s output): --only generation,typecheck');
  return steps;
}

function parseArgs(argv: string[]): { smoke: boolean; out: string | undefined; keep: boolean; only: Set<Step> | undefined } {
  let smoke = false;
  let out: string | undefined;
  let keep = false;
  let only: Set<Step> | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--smoke') smoke = true;
    else if (a === '--keep') keep = true;
    else if (a === '--out') out = argv[++i];
    else if (a === '--only') only = parseOnly(argv[++i]);
    else throw new Error(`unknown argument ${a}; usage: run.js [--smoke] [--only FIGURES] [--out DIR] [--keep]`);
  }
  return { smoke, out, keep, only };
}

/** The report already in `outDir`, which an `--only` run adds its figures to (undefined when there is none). */
function previousReport(outDir: string): Report | undefined {
  const file = path.join(outDir, 'latest.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Report) : undefined;
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
  const { smoke, out, keep, only } = parseArgs(argv);
  const settings = smoke ? SMOKE : FULL;
  const want = (step: Step) => !only || only.has(step);
  if (!existsSync(settings.fullSpec)) throw new Error(`the official OpenAI spec is missing: ${settings.fullSpec}`);
  const outDir = out ? path.resolve(out) : smoke ? mkdtempSync(path.join(os.tmpdir(), 'sdkforge-bench-smoke-')) : path.join(ROOT, 'bench/results');
  const work = setUpWorkdir();
  log(`scratch directory ${work.dir}; results to ${outDir}`);
  const started = Date.now();
  try {
    const ours = await loadOurs(work.oursEntry);
    const rep = settings.repeat;
    const figures: Partial<Figures> = {};
    if (want('generation')) {
      log('1. generation');
      figures.generationFull = await benchGeneration('full', settings.fullSpec, rep, work.dir);
      figures.generationSmall = smoke ? figures.generationFull : await benchGeneration('small', SMALL_SPEC, rep, work.dir);
    }
    if (want('typecheck')) {
      log('2. type-check');
      figures.typecheckOutput = await benchOutputTypecheck(figures.generationFull!.output, rep);
      figures.typecheckConsumer = await benchConsumerTypecheck(work.dir, rep);
    }
    if (want('sse')) {
      log('3. SSE');
      figures.sse = await benchSSE(settings.sseBytes, settings.chunkSizes, rep, ours, exposeGc());
    }
    if (want('ndjson')) {
      log('3b. NDJSON');
      figures.ndjson = await benchNDJSON(settings.ndjsonBytes, settings.chunkSizes, rep, ours, exposeGc());
    }
    if (want('requests')) {
      log('4. requests');
      figures.requests = await benchRequests(settings.requests, settings.concurrency, rep, ours);
    }
    if (want('memory')) {
      log('5. streaming memory');
      figures.memory = await benchMemory(settings.streamEvents, rep, work.oursEntry);
    }
    if (want('bundle')) {
      log('6. bundle');
      figures.bundle = await benchBundle(work.dir);
    }
    if (want('coldstart')) {
      log('7. cold start');
      figures.coldStart = await benchColdStart(work.oursEntry, work.openaiEntry, settings.coldRepeat, work.dir);
    }
    if (want('scale')) {
      log(`8. scale (${settings.scale.copies.map((c) => `${c}x`).join(', ')})`);
      figures.scale = await benchScale(settings.scale, work.dir);
    }
    const measuredAt = machine();
    const thisRun = { date: measuredAt.date, commit: measuredAt.commit };
    const report: Report = {
      mode: smoke ? 'smoke' : 'full',
      machine: measuredAt,
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
      },
      figures,
      figureRuns: Object.fromEntries(Object.keys(figures).map((k) => [k, thisRun])),
      targets: [],
    };
    // how the figures measured here were made (a merged report keeps the entries of the others)
    if (figures.sse) report.method.sse = `${(settings.sseBytes / 1e6).toFixed(1)} MB synthetic chat.completion.chunk stream in memory, Response over a pull ReadableStream`;
    if (figures.ndjson) report.method.ndjson = `${(settings.ndjsonBytes / 1e6).toFixed(1)} MB synthetic Ollama /api/chat stream (application/x-ndjson) in memory, the same way; the npm parsers fed the body reader's chunks with write(), values taken from their data events`;
    if (figures.scale) {
      const sc = settings.scale;
      report.method.scale = `${sc.copies.map((c) => `${c}x`).join(', ')} copies of ${path.basename(sc.spec)} (bench/scale-spec.ts, compact JSON), generated by ${sc.tools.join(', ')} in ${sc.rounds} round(s) of every size and tool, interleaved (median of the rounds; a tool that failed at a size is not run again at it or above), sdkforge with --verbose for its phases; each process (generation, tsc) killed after ${sc.timeoutMs / 60000} min; no memory cap but Node's default heap limit (${Math.round(v8.getHeapStatistics().heap_size_limit / 2 ** 20)} MB here); the split-output consumer ${SPLIT_OUTPUT_OPTION} only when the generator has it`;
    }
    // --only: this run's figures replace theirs in the report already there, the others are kept as measured
    const previous = only ? previousReport(outDir) : undefined;
    if (previous && previous.mode === report.mode) {
      const earlier = { date: previous.machine.date, commit: previous.machine.commit };
      report.machine = previous.machine;
      report.figures = { ...previous.figures, ...figures };
      report.figureRuns = { ...Object.fromEntries(Object.keys(previous.figures).map((k) => [k, previous.figureRuns?.[k] ?? earlier])), ...report.figureRuns };
      report.method = { ...previous.method, ...report.method };
      if (previous.method['wall clock']) report.method['wall clock'] = previous.method['wall clock'];
      report.method[`wall clock (--only ${[...only!].join(',')}, ${thisRun.date.slice(0, 10)})`] = `${((Date.now() - started) / 60000).toFixed(1)} min`;
    } else {
      report.method['wall clock'] = `${((Date.now() - started) / 60000).toFixed(1)} min for the whole bench`;
    }
    report.targets = evaluateTargets(report.figures);
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
