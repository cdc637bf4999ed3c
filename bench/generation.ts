/**
 * Figure 1: generation. Wall time and peak RSS of each generator's CLI process over the same spec, runs
 * interleaved (sdkforge, openapi-typescript, hey-api, sdkforge, …) so that drift of the machine hits all alike.
 *
 * - sdkforge: `sdkforge generate --spec S --out DIR --quiet` (formats its output with prettier).
 * - openapi-typescript: `openapi-typescript S -o out.ts` (types only; its printer's output, no formatter option).
 * - hey-api: `openapi-ts -f config` with `{ input: S, output: { path: DIR, postProcess: ['prettier'] } }`: its
 *   default plugins (types, SDK, the fetch client) and prettier as post-processor, the same formatted-output
 *   setting sdkforge has. Prettier runs as its child process, so its peak RSS is max(hey-api, prettier).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, ROOT, log, repeat, runProcess, stat, type Repeat, type Stat } from './util.js';

export const GENERATORS = ['sdkforge', 'openapi-typescript', 'hey-api'] as const;
export type Generator = (typeof GENERATORS)[number];

export interface GenerationResult {
  spec: string;
  wallMs: Record<Generator, Stat>;
  peakRssMB: Record<Generator, Stat>;
  /** The output of the last run, per generator (a directory, or a file for openapi-typescript). */
  output: Record<Generator, string>;
}

/**
 * The command that runs `tool` over `spec` into `out` (a file for openapi-typescript); `work` holds hey-api's
 * config. `verbose`: sdkforge prints its per-phase timings (`--verbose` instead of `--quiet`; the same work).
 */
export function command(tool: Generator, spec: string, out: string, work: string, options: { verbose?: boolean } = {}): { cmd: string; args: string[]; env?: NodeJS.ProcessEnv } {
  switch (tool) {
    case 'sdkforge':
      return { cmd: process.execPath, args: [path.join(ROOT, 'bin/sdkforge.js'), 'generate', '--spec', spec, '--out', out, options.verbose ? '--verbose' : '--quiet'] };
    case 'openapi-typescript':
      return { cmd: process.execPath, args: [path.join(ROOT, 'node_modules/openapi-typescript/bin/cli.js'), spec, '-o', out] };
    case 'hey-api': {
      const config = path.join(work, 'openapi-ts.config.mjs');
      writeFileSync(config, `export default ${JSON.stringify({ input: spec, output: { path: out, postProcess: ['prettier'] }, logs: { file: false } }, null, 2)};\n`);
      return {
        cmd: process.execPath,
        args: [path.join(ROOT, 'node_modules/@hey-api/openapi-ts/bin/run.js'), '-f', config, '--silent'],
        env: { PATH: `${BIN}${path.delimiter}${process.env.PATH ?? ''}` },
      };
    }
  }
}

export async function benchGeneration(label: string, spec: string, rep: Repeat, workRoot: string): Promise<GenerationResult> {
  const wall: Record<string, number[]> = {};
  const rss: Record<string, number[]> = {};
  const output = {} as Record<Generator, string>;
  const work = path.join(workRoot, `gen-${label}`);
  mkdirSync(work, { recursive: true });
  await repeat(rep, async (measured, i) => {
    for (const tool of GENERATORS) {
      const toolWork = path.join(work, tool);
      mkdirSync(toolWork, { recursive: true });
      const out = path.join(toolWork, tool === 'openapi-typescript' ? 'schema.ts' : 'out');
      rmSync(out, { recursive: true, force: true });
      const { cmd, args, env } = command(tool, spec, out, toolWork);
      const r = await runProcess(cmd, args, { cwd: toolWork, env });
      output[tool] = out;
      if (measured) {
        (wall[tool] ??= []).push(r.wallMs);
        (rss[tool] ??= []).push(r.maxRssBytes / 2 ** 20);
        log(`generation ${label} ${tool} run ${i + 1}: ${Math.round(r.wallMs)} ms, ${Math.round(r.maxRssBytes / 2 ** 20)} MB`);
      }
    }
  });
  const pick = (m: Record<string, number[]>, unit: string) => Object.fromEntries(GENERATORS.map((t) => [t, stat(m[t]!, unit)])) as Record<Generator, Stat>;
  return { spec, wallMs: pick(wall, 'ms'), peakRssMB: pick(rss, 'MB'), output };
}
