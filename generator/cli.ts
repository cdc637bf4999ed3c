/**
 * The `sdkforge` command line, a thin layer over `generate()` and `diffSpecs()`. The generate options (flags,
 * help lines, config keys, what reaches `generate()`) come from the table in options.ts; `diff` and `build` keep
 * their own few flags here.
 * Exit codes: 0 ok; 1 generation or validation failed, or `--check` found drift; 2 usage error (unknown
 * command, flag or config key), or `diff --fail-on-breaking` found a breaking change.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkDrift } from './check.js';
import { loadConfig, milliseconds, splitList, UsageError } from './config.js';
import { formatDiagnostic, GenerationError, type Diagnostic } from './diagnostics.js';
import { diffSpecs, renderMarkdown } from './diff.js';
import { PAGINATION_KINDS } from './ir/pagination.js';
import { placePath } from './ir/resources.js';
import type { IROperation } from './ir/types.js';
import { generate, GENERATOR_VERSION, type GenerateResult, type Phase } from './index.js';
import { CONFIG_KEYS, DEFAULT_OUT, DEFAULT_SPEC, GENERATE_FLAGS, GENERATE_KEYS, generateHelpOptions, OPTIONS, type SdkforgeConfig, type TableGenerateOptions } from './options.js';
import { watchSpec } from './watch.js';

const GENERATE_HELP = `Usage: sdkforge generate [options]
       sdkforge watch [options]          (same as generate --watch)

Generates a typed TypeScript client package from an OpenAPI 3.0/3.1 (or Swagger 2.0) document. Options not
given are read from sdkforge.config.{json,yaml,mjs} in the current directory, when there is one.

${generateHelpOptions()}

Exit codes: 0 ok, 1 generation or validation failed (or --check found drift), 2 usage error.`;

const DIFF_HELP = `Usage: sdkforge diff OLD NEW [--format md|json] [--fail-on-breaking] [--current-version X.Y.Z]
                         [--overlay FILE] [--overlay-old FILE] [--overlay-new FILE]

Compares two versions of a spec (paths or URLs): operations and schemas added, removed and changed
(parameters, properties, required-ness, types, enum values, content types, streaming). Types are compared by
shape, with $refs resolved and allOf parts merged. Each change is judged by a named rule (printed with it)
for the direction it travels: a request that accepts more is compatible, one that demands more breaks; a
response that may return a value the old type did not allow breaks. A semver bump for the generated package
is suggested. The rules: docs/diff-rules.md.

  --format md|json            a markdown changelog (default) or JSON (with each change's rule)
  --fail-on-breaking          exit 2 when a change is breaking
  --current-version X.Y.Z     the package's current version: also print the next one by the suggested bump
                              (plain semver, also below 1.0.0; JSON: currentVersion, nextVersion)
  --overlay FILE|URL          apply an OpenAPI Overlay to both specs before comparing (repeatable, in order)
  --overlay-old FILE|URL      apply an overlay to OLD only (repeatable; after the --overlay ones)
  --overlay-new FILE|URL      apply an overlay to NEW only (repeatable; after the --overlay ones)
  -h, --help                  show this help

Exit codes: 0 ok, 1 a spec could not be loaded, 2 usage error or (with --fail-on-breaking) a breaking change.`;

const BUILD_HELP = `Usage: sdkforge build [--out DIR] [--config FILE]

Builds a generated package as its own \`npm run build\` does, without installing anything: ES modules into
DIR/dist/esm, CommonJS into DIR/dist/cjs, each with .d.ts declarations, from the package's tsconfig.json and
tsconfig.cjs.json. DIR defaults to the config file's \`out\`, else ${DEFAULT_OUT}. Then \`npm pack\` or
\`npm publish\` in DIR (their prepack step builds again, with the package's own TypeScript devDependency).

  --out DIR                   the generated package to build
  --config FILE               read \`out\` from FILE instead of sdkforge.config.*
  -h, --help                  show this help

Exit codes: 0 built, 1 TypeScript reported errors or DIR is no generated package, 2 usage error.`;

const HELP = `Usage: sdkforge <command> [options]

Commands:
  generate    generate a client package from an OpenAPI document (--check: CI drift gate)
  watch       generate, then regenerate on every change to the spec
  build       compile a generated package into dist/ (ESM, CommonJS, .d.ts), as its npm run build does
  diff        compare two spec versions: breaking changes, semver bump, changelog

Examples:
  sdkforge generate                      regenerate from sdkforge.config.* (or spec/openai.yaml into generated/)
  sdkforge generate --check              CI gate: fail when the committed output is stale
  sdkforge diff old.yaml new.yaml --fail-on-breaking

Run \`sdkforge <command> --help\` for a command's options. \`sdkforge --version\` prints the version.
Exit codes: 0 ok, 1 generation or validation failed, 2 usage error.`;

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Whether stderr is a terminal (progress, colours). */
  tty?: boolean;
  env?: Record<string, string | undefined>;
}

export interface MainOptions {
  /** Stops `watch`. */
  signal?: AbortSignal;
}

const defaultIo: Io = {
  out: (l) => process.stdout.write(l + '\n'),
  err: (l) => process.stderr.write(l + '\n'),
  tty: process.stderr.isTTY === true,
  env: process.env,
};

/** The flags as the config would hold them: lists split, milliseconds checked; a flag not given is absent. */
function configFromFlags(values: Record<string, string | string[] | boolean | undefined>): SdkforgeConfig {
  const config: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    const { flag, kind } = OPTIONS[key];
    const value = values[flag];
    if (value === undefined) continue;
    config[key] = kind === 'list' ? splitList(value as string) : kind === 'milliseconds' ? milliseconds(value, `--${flag}`) : value;
  }
  return config as SdkforgeConfig;
}

/** The options `generate()` takes from the config (the table's generate options). */
function generateOptionsOf(config: SdkforgeConfig): TableGenerateOptions {
  const options: Record<string, unknown> = {};
  for (const key of GENERATE_KEYS) options[key] = config[key];
  return options as TableGenerateOptions;
}

export async function main(argv: string[], io: Io = defaultIo, options: MainOptions = {}): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === '--version' || command === '-v') {
      io.out(GENERATOR_VERSION);
      return 0;
    }
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      (command ? io.out : io.err)(HELP);
      return command ? 0 : 2;
    }
    if (command === 'generate' || command === 'watch') return await generateCommand(rest, io, command === 'watch', options);
    if (command === 'diff') return await diffCommand(rest, io);
    if (command === 'build') return await buildCommand(rest, io);
    throw new UsageError(`unknown command '${command}'. Commands: generate, watch, build, diff.`);
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`sdkforge: ${(err as Error).message}\nRun \`sdkforge ${command && ['diff', 'build', 'generate', 'watch'].includes(command) ? `${command} ` : ''}--help\` for usage.`);
      return 2;
    }
    io.err(`sdkforge: internal error: ${(err as Error).message}. Run with --debug for a stack trace, and report it.`);
    if (argv.includes('--debug')) io.err(String((err as Error).stack));
    return 1;
  }
}

function painter(io: Io) {
  const on = io.tty === true && !('NO_COLOR' in (io.env ?? {}));
  const paint = (code: number) => (s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);
  return { red: paint(31), yellow: paint(33), green: paint(32), dim: paint(2) };
}

/**
 * What `--verbose` says about pagination: how many operations page by which scheme (in detection order), then
 * each paginated operation's scheme and why.
 */
export function paginationReport(operations: readonly IROperation[]): string[] {
  const paged = operations.filter((op) => op.pagination);
  const counts = PAGINATION_KINDS.map((kind) => [kind, paged.filter((op) => op.pagination!.kind === kind).length] as const).filter(([, n]) => n > 0);
  return [
    `pagination: ${counts.length ? counts.map(([kind, n]) => `${n} ${kind}`).join(', ') : 'none'}`,
    ...paged.map((op) => `  ${op.name}: ${op.pagination!.kind} (${op.pagination!.reason})`),
  ];
}

/**
 * What `--verbose` says about resource namespaces: how many operations each naming rule placed, then every
 * collision: the operation, the place it wanted and the one it was given.
 */
export function resourceReport(operations: readonly IROperation[]): string[] {
  const sources = new Map<string, number>();
  for (const op of operations) sources.set(op.place.source, (sources.get(op.place.source) ?? 0) + 1);
  const moved = operations.filter((op) => op.place.wanted);
  return [
    `resources: ${[...sources].map(([source, n]) => `${n} by ${source}`).join(', ') || 'none'}; ${moved.length} collision${moved.length === 1 ? '' : 's'}`,
    ...moved.map((op) => `  ${op.operationId}: wanted ${op.place.wanted}, given ${placePath(op.place)}`),
  ];
}

function printDiagnostics(diagnostics: Diagnostic[], io: Io, quiet: boolean, verbose = false): void {
  const colour = painter(io);
  const seen = new Set<string>();
  for (const d of diagnostics) {
    if (quiet && d.severity === 'warning') continue;
    if (d.verbose && !verbose) continue;
    const line = formatDiagnostic(d);
    if (seen.has(line)) continue;
    seen.add(line);
    io.err(line.replace(/^(error|warning)/, (m) => (m === 'error' ? colour.red(m) : colour.yellow(m))));
  }
}

async function generateCommand(argv: string[], io: Io, watchCommand: boolean, options: MainOptions): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: GENERATE_FLAGS, allowPositionals: true, strict: true });
  if (values.help) {
    io.out(GENERATE_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const loaded = await loadConfig(values.config);
  const config: SdkforgeConfig = { ...loaded?.config, ...configFromFlags(values) };
  if (config.verbose && config.quiet) throw new UsageError('--verbose and --quiet cannot be used together');
  if (config.check && (config.watch || watchCommand)) throw new UsageError('--check cannot be used with --watch');

  const spec = config.spec ?? DEFAULT_SPEC;
  const out = config.out ?? DEFAULT_OUT;
  const shownOut = path.relative(process.cwd(), out) || '.';
  const shownSpec = /^https?:/i.test(spec) ? spec : path.relative(process.cwd(), spec) || spec;
  const progress = io.tty === true && !io.env?.CI && !config.quiet;
  const colour = painter(io);

  const once = async (): Promise<number> => {
    const started = performance.now();
    let result: GenerateResult;
    try {
      result = await generate({
        ...generateOptionsOf(config),
        spec,
        out,
        write: !config.check,
        onPhase: progress ? (p: Phase) => io.err(colour.dim(`sdkforge: ${p}…`)) : undefined,
      });
    } catch (err) {
      if (err instanceof GenerationError) {
        printDiagnostics(err.diagnostics, io, false);
        return 1;
      }
      throw err;
    }
    printDiagnostics(result.diagnostics, io, config.quiet === true, config.verbose === true);
    if (config.check) {
      let drift;
      try {
        drift = await checkDrift(out, result.files);
      } catch (err) {
        if (!(err instanceof GenerationError)) throw err;
        printDiagnostics(err.diagnostics, io, false);
        return 1;
      }
      if (drift.length === 0) {
        if (!config.quiet) io.out(`sdkforge: ${shownOut} is up to date (${result.files.size} files)`);
        return 0;
      }
      io.err(`sdkforge: ${shownOut} differs from what ${shownSpec} generates in ${drift.length} file(s):`);
      for (const d of drift) io.err(d.diff);
      io.err('Run `sdkforge generate` to update it.');
      return 1;
    }
    const r = result.report!;
    if (!config.quiet) {
      io.out(
        `sdkforge: ${result.ir.operations.length} operations, ${result.ir.schemas.length} types, ` +
          `${r.written.length} files written, ${r.unchanged.length} unchanged` +
          `${r.removed.length ? `, ${r.removed.length} removed` : ''} in ${Math.round(performance.now() - started)} ms` +
          (result.ir.license ? '' : `; no licence claim written: the spec's info.license names no SPDX licence`),
      );
    }
    if (config.verbose) {
      io.out(`sdkforge: phases: ${Object.entries(result.timings).map(([p, ms]) => `${p} ${ms} ms`).join(', ')}`);
      for (const line of paginationReport(result.ir.operations)) io.out(`sdkforge: ${line}`);
      for (const line of resourceReport(result.ir.operations)) io.out(`sdkforge: ${line}`);
    }
    return 0;
  };

  if (!(config.watch || watchCommand)) return once();
  await watchSpec({
    spec,
    also: config.overlays,
    signal: options.signal,
    run: async () => {
      await once();
    },
    onWatching: (files) => {
      if (!config.quiet) io.err(colour.dim(`sdkforge: watching ${files.length} file(s) for changes…`));
    },
  });
  return 0;
}

async function diffCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string' },
      'fail-on-breaking': { type: 'boolean' },
      'current-version': { type: 'string' },
      overlay: { type: 'string', multiple: true },
      'overlay-old': { type: 'string', multiple: true },
      'overlay-new': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
      debug: { type: 'boolean' },
    },
  });
  if (values.help) {
    io.out(DIFF_HELP);
    return 0;
  }
  const format = values.format ?? 'md';
  if (format !== 'md' && format !== 'json') throw new UsageError(`--format must be md or json, not '${format}'`);
  if (positionals.length !== 2) throw new UsageError('diff takes two specs: sdkforge diff OLD NEW');
  let result;
  try {
    const both = values.overlay ?? [];
    const overlays = { old: [...both, ...(values['overlay-old'] ?? [])], new: [...both, ...(values['overlay-new'] ?? [])] };
    result = await diffSpecs(positionals[0]!, positionals[1]!, { currentVersion: values['current-version'], overlays });
  } catch (err) {
    if (err instanceof GenerationError) {
      printDiagnostics(err.diagnostics, io, false);
      return 1;
    }
    throw err;
  }
  io.out(format === 'json' ? JSON.stringify(result, null, 2) : renderMarkdown(result));
  return values['fail-on-breaking'] && result.changes.some((c) => c.breaking) ? 2 : 0;
}

async function buildCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { out: { type: 'string' }, config: { type: 'string' }, help: { type: 'boolean', short: 'h' }, debug: { type: 'boolean' } },
  });
  if (values.help) {
    io.out(BUILD_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const out = values.out ?? (await loadConfig(values.config))?.config.out ?? DEFAULT_OUT;
  const shown = path.relative(process.cwd(), out) || '.';
  const started = performance.now();
  // loaded here: it brings the TypeScript compiler, which no other command needs
  const { buildPackage } = await import('./build-package.js');
  const errors = buildPackage(out);
  for (const e of errors) io.err(e.trimEnd());
  if (errors.length > 0) {
    io.err(`sdkforge: ${shown} did not build: ${errors.length} error(s).`);
    return 1;
  }
  io.out(`sdkforge: built ${shown} into dist/esm and dist/cjs in ${Math.round(performance.now() - started)} ms`);
  return 0;
}
