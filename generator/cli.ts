/**
 * `sdkforge` command line. Exit codes: 0 ok, 1 generation or validation failed, 2 usage error.
 */
import { parseArgs } from 'node:util';
import { checkDrift } from './check.js';
import { formatDiagnostic, GenerationError, type Diagnostic } from './diagnostics.js';
import { DEFAULT_OUT, DEFAULT_SPEC, generate, GENERATOR_VERSION } from './index.js';

const USAGE = `Usage: sdkforge generate [--spec PATH|URL] [--out DIR] [--include-tags a,b] [--check]

Generates a typed TypeScript client package from an OpenAPI 3.0/3.1 (or Swagger 2.0) document.

Options:
  --spec PATH|URL       the OpenAPI document (default ${DEFAULT_SPEC})
  --out DIR             the output directory (default ${DEFAULT_OUT}); replaced only when generation succeeds
  --include-tags LIST   keep only operations with one of these tags (comma-separated)
  --check               write nothing; exit 0 when DIR equals what would be generated, else 1 with a diff
  --client-name NAME    the client class name (default: from the spec title)
  --package-name NAME   the package name (default: @sdkforge/<title>)
  --debug               print stack traces of internal errors
  -h, --help            show this help
  -v, --version         print the version

Exit codes: 0 ok, 1 generation or validation failed, 2 usage error.`;

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

const defaultIo: Io = { out: (l) => process.stdout.write(l + '\n'), err: (l) => process.stderr.write(l + '\n') };

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        spec: { type: 'string' },
        out: { type: 'string' },
        'include-tags': { type: 'string' },
        'client-name': { type: 'string' },
        'package-name': { type: 'string' },
        check: { type: 'boolean' },
        debug: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (err) {
    io.err(`sdkforge: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.out(GENERATOR_VERSION);
    return 0;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (command !== 'generate' || rest.length > 0) {
    io.err(`sdkforge: ${command ? `unknown command '${[command, ...rest].join(' ')}'` : 'missing command'}\n\n${USAGE}`);
    return 2;
  }

  const started = performance.now();
  try {
    const result = await generate({
      spec: values.spec,
      out: values.out,
      includeTags: values['include-tags']?.split(',').map((s) => s.trim()).filter(Boolean),
      clientName: values['client-name'],
      packageName: values['package-name'],
      write: !values.check,
    });
    printDiagnostics(result.diagnostics, io);
    if (values.check) {
      const out = values.out ?? DEFAULT_OUT;
      const drift = await checkDrift(out, result.files);
      if (drift.length === 0) {
        io.out(`sdkforge: ${out} is up to date (${result.files.size} files)`);
        return 0;
      }
      io.err(`sdkforge: ${out} differs from what the spec generates in ${drift.length} file(s):`);
      for (const d of drift) io.err(d.diff);
      io.err(`Run \`sdkforge generate\` to update it.`);
      return 1;
    }
    const r = result.report!;
    io.out(
      `sdkforge: ${result.ir.operations.length} operations, ${result.ir.schemas.length} types, ` +
        `${r.written.length} files written, ${r.unchanged.length} unchanged` +
        `${r.removed.length ? `, ${r.removed.length} removed` : ''} in ${Math.round(performance.now() - started)} ms`,
    );
    return 0;
  } catch (err) {
    if (err instanceof GenerationError) {
      printDiagnostics(err.diagnostics, io);
      return 1;
    }
    io.err(`sdkforge: internal error: ${(err as Error).message}. Run with --debug for a stack trace, and report it.`);
    if (values.debug) io.err(String((err as Error).stack));
    return 1;
  }
}

function printDiagnostics(diagnostics: Diagnostic[], io: Io): void {
  const seen = new Set<string>();
  for (const d of diagnostics) {
    const line = formatDiagnostic(d);
    if (seen.has(line)) continue;
    seen.add(line);
    io.err(line);
  }
}
