// Every real-world spec in ../shared/corpus (INDEX.tsv) and both official OpenAI specs generate a package that
// passes tsc --strict with 0 errors. One jest test per spec; a table (spec, operations, generation ms, warnings,
// tsc errors) is printed at the end. Skipped when ../shared is absent.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PREFORMATTED } from '../generator/emit/emit-package.js';
import { generate } from '../generator/index.js';
import { readIndex } from './helpers/corpus-index.js';
import { OFFICIAL_SPEC, OFFICIAL_SPEC_2025, SHARED } from './helpers/paths.js';
import { prettierDrift } from './helpers/prettier-stable.js';
import { listTsFiles, typecheck, type TypeError } from './helpers/typecheck.js';

const CORPUS = path.join(SHARED, 'corpus');
const INDEX = path.join(CORPUS, 'INDEX.tsv');
const HAVE_CORPUS = existsSync(INDEX);

interface Case {
  name: string;
  spec: string;
  /** Expected operation count: INDEX.tsv's `operations`, or the contract's for the OpenAI specs. */
  operations: number;
  /** Per-test timeout (ms): large specs take longer to generate and type-check. */
  timeout: number;
}

function corpusCases(): Case[] {
  if (!HAVE_CORPUS) return [];
  return readIndex(INDEX).map((row) => ({
    name: row.name!,
    spec: path.join(CORPUS, row.name!, row.entry!),
    operations: Number(row.operations),
    timeout: Number(row.bytes) > 300_000 ? 180_000 : 60_000,
  }));
}

const officialCase = (name: string, spec: string, operations: number): Case[] =>
  existsSync(spec) ? [{ name, spec, operations, timeout: 300_000 }] : [];

const cases: Case[] = [
  ...corpusCases(),
  ...officialCase('openai-2025-04-29 (3.0)', OFFICIAL_SPEC_2025, 148),
  ...officialCase('openai-2026-08-21 (3.1)', OFFICIAL_SPEC, 288),
];

interface Row {
  spec: string;
  operations: number;
  ms: number;
  warnings: number;
  tscErrors: number;
}

const table: Row[] = [];
let dir: string;

const describeCorpus = HAVE_CORPUS ? describe : describe.skip;
if (!HAVE_CORPUS) console.warn('corpus.test.ts skipped: ../shared/corpus is not present');

describeCorpus('real-world spec corpus', () => {
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sdkforge-corpus-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    if (table.length === 0) return;
    const width = Math.max(...table.map((r) => r.spec.length), 4);
    const line = (spec: string, ...cells: (string | number)[]) =>
      `${spec.padEnd(width)}  ${cells.map((c, i) => String(c).padStart([4, 7, 8, 10][i]!)).join('  ')}`;
    console.log(
      [
        line('spec', 'ops', 'gen ms', 'warnings', 'tsc errors'),
        ...table.map((r) => line(r.spec, r.operations, r.ms, r.warnings, r.tscErrors)),
      ].join('\n'),
    );
  });

  for (const c of cases) {
    test(
      `${c.name} generates a package with 0 tsc errors`,
      async () => {
        const out = path.join(dir, c.name.replace(/[^\w.-]+/g, '_'));
        const started = performance.now();
        const result = await generate({ spec: c.spec, out, format: false });
        const ms = Math.round(performance.now() - started);
        const errors: TypeError[] = typecheck(listTsFiles(path.join(out, 'src')));
        table.push({ spec: c.name, operations: result.ir.operations.length, ms, warnings: result.diagnostics.length, tscErrors: errors.length });
        rmSync(out, { recursive: true, force: true });
        expect(result.ir.operations.length).toBe(c.operations);
        expect(errors.slice(0, 10)).toEqual([]);
        // files emitted in prettier's form (types.ts, README, JSON) are so even with format: false
        for (const [name, text] of result.files) if (PREFORMATTED(name) && !name.startsWith('src/runtime/')) expect(await prettierDrift(name, text)).toBeUndefined();
      },
      c.timeout,
    );
  }
});
