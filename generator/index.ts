/**
 * The programmatic API: `generate()` runs load → IR → emit → format → write and returns the diagnostics, the
 * files and per-phase timings. The CLI is a thin layer over it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GenerationError, groupRepeated, type Diagnostic } from './diagnostics.js';
import { emitPackage, PREFORMATTED } from './emit/emit-package.js';
import { PACKAGE_ROOT } from './package-root.js';
import { formatFiles } from './format.js';
import { findRefCycles } from './ir/cycles.js';
import { selectOperations } from './ir/filter.js';
import type { IRDocument } from './ir/types.js';
import { loadDocument, loadSpec } from './load/load-spec.js';
import { checkPackageVersion } from './naming.js';
import { DEFAULT_OUT, DEFAULT_SPEC, type TableGenerateOptions } from './options.js';
import { packageIR } from './package-ir.js';
import { checkWebhookSignature } from './ir/webhooks.js';
import { checkSplit } from './emit/layout.js';
import { collectGarbage } from './util/collect-garbage.js';
import { hashJSON } from './util/hash-json.js';
import { checkOutputDir, writeOutput, type WriteReport } from './write.js';

export { GenerationError, formatDiagnostic, type Diagnostic } from './diagnostics.js';
export { diffSpecs, renderMarkdown, type SpecDiff, type SpecChange } from './diff.js';
export type { IRDocument } from './ir/types.js';

export { DEFAULT_OUT, DEFAULT_SPEC } from './options.js';

/**
 * The options the CLI also takes come from the table in options.ts (`spec`, `out`, the selection, the naming,
 * `fetchTimeout`; README.md's option table says what each does); the ones below exist only here.
 */
export interface GenerateOptions extends TableGenerateOptions {
  /** The spec as an object already in memory, instead of `spec` (which then only names it). */
  document?: object;
  /** Format the output with prettier. Default true; false gives unformatted (but valid) code, faster. */
  format?: boolean;
  /** Called as each phase starts (progress reporting). */
  onPhase?: (phase: Phase) => void;
  /** Generate in memory only; nothing is written. */
  write?: boolean;
}

export type Phase = 'load' | 'ir' | 'emit' | 'format' | 'write';

export interface GenerateResult {
  /** Relative path → formatted content. */
  files: Map<string, string>;
  /** Warnings (errors are thrown as `GenerationError`). */
  diagnostics: Diagnostic[];
  ir: IRDocument;
  report: WriteReport | undefined;
  timings: Record<Phase, number>;
}

export const GENERATOR_VERSION: string = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')).version;

/** Component schemas above which generation collects garbage between phases (`util/collect-garbage.ts`). */
const BIG_SCHEMAS = 3000;

export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const timings: Record<Phase, number> = { load: 0, ir: 0, emit: 0, format: 0, write: 0 };
  /** Runs one phase, timing it and announcing it to `onPhase`. */
  const phase = async <T>(name: Phase, run: () => T | Promise<T>): Promise<T> => {
    options.onPhase?.(name);
    const started = performance.now();
    try {
      return await run();
    } finally {
      timings[name] = Math.round(performance.now() - started);
    }
  };

  // a bad --out fails before any work, naming the problem
  if (options.write !== false) checkOutputDir(options.out ?? DEFAULT_OUT);
  const packageVersion = checkPackageVersion(options.packageVersion);
  const webhookSignature = checkWebhookSignature(options.webhookSignature);
  const split = checkSplit(options.split);
  // the document, its text and its parse are needed up to the IR only: held in this function's scope, they can be
  // collected before the package is emitted and formatted (a third of the heap for a spec the size of Graph)
  const read = async () => {
    const loaded = await phase('load', () =>
      options.document
        ? loadDocument(options.document, options.spec, { fetchTimeout: options.fetchTimeout, overlays: options.overlays })
        : loadSpec(options.spec ?? DEFAULT_SPEC, { fetchTimeout: options.fetchTimeout, overlays: options.overlays }),
    );
    const built = await phase('ir', () => {
      const { naming, ...built } = packageIR(loaded, { clientName: options.clientName, packageName: options.packageName }, { webhookSignature });
      // IR warnings name a pointer only: add the file, line and column
      const irWarnings = groupRepeated(built.warnings).map((d) => (d.pointer && !d.file ? { ...d, ...loaded.where(d.pointer) } : d));
      const cycles = findRefCycles(built.ir, loaded.where);
      if (cycles.length > 0) throw new GenerationError([...loaded.warnings, ...irWarnings, ...cycles]);
      return { ir: selectOperations(built.ir, options), irWarnings, naming };
    });
    return { ...built, loadWarnings: loaded.warnings, specHash: hashJSON(loaded.document) };
  };
  const { ir, irWarnings, naming, loadWarnings, specHash } = await read();
  // a big package: what load and the IR held is garbage now, and emit and format allocate as much again
  const big = ir.schemas.length > BIG_SCHEMAS;
  if (big) collectGarbage();
  const raw = await phase('emit', () => emitPackage(ir, { ...naming, generatorVersion: GENERATOR_VERSION, specHash, packageVersion, resourcesOnly: options.resourcesOnly, split }));
  if (big) collectGarbage();
  const files = await phase('format', () => (options.format === false ? raw : formatFiles(raw, PREFORMATTED, big ? collectGarbage : undefined)));
  const report = await phase('write', () => (options.write === false ? undefined : writeOutput(options.out ?? DEFAULT_OUT, files)));
  return { files, diagnostics: [...loadWarnings, ...irWarnings], ir, report, timings };
}

export function isGenerationError(err: unknown): err is GenerationError {
  return err instanceof GenerationError;
}
