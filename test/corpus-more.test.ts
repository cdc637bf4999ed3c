// Every spec in ../shared/corpus-more (INDEX.tsv) generates a package that passes tsc --strict with 0 errors, and
// nothing but sdkforge's own diagnostics is reported (no library warning reaches stderr). One jest test per spec;
// a table (spec, operations, generation ms, tsc ms, warnings, tsc errors) is printed at the end.
//
// scalar-galaxy-3.2 is OpenAPI 3.2 (read since issue 12). ga4gh-drs refers to raw.githubusercontent.com; the copy its folder vendors under
// _remote/ is served from a local server, the spec's URL rewritten to it, so the test needs no network.
// Skipped when ../shared is absent, except under CI=true, where it fails.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generate } from '../generator/index.js';
import { readIndex } from './helpers/corpus-index.js';
import { SHARED } from './helpers/paths.js';
import { startServer, type TestServer } from './helpers/server.js';
import { listTsFiles, typecheck, type TypeError } from './helpers/typecheck.js';

const CORPUS = path.join(SHARED, 'corpus-more');
const INDEX = path.join(CORPUS, 'INDEX.tsv');
const HAVE_CORPUS = existsSync(INDEX);
const REQUIRED = process.env.CI === 'true';

/** Served from a local server, with its remote host mapped to the copy under `_remote/`. */
const SERVED: Record<string, { remote: string }> = { 'ga4gh-drs': { remote: 'https://raw.githubusercontent.com/' } };

interface Case {
  name: string;
  folder: string;
  entry: string;
  operations: number;
  bytes: number;
}

function cases(): Case[] {
  if (!HAVE_CORPUS) return [];
  return readIndex(INDEX).map((row) => ({
    name: row.name!,
    folder: path.join(CORPUS, row.name!),
    entry: row.entry!,
    operations: Number(row.operations),
    bytes: Number(row.bytes),
  }));
}

/** Serves `folder`, with `remote` URLs in its YAML and JSON files rewritten to `<server>/_remote/<host>/…`. */
async function serveFolder(folder: string, remote: string): Promise<TestServer> {
  const server: TestServer = await startServer((req, res) => {
    const file = path.join(folder, decodeURIComponent(req.rawPath));
    if (!file.startsWith(folder + path.sep) || !existsSync(file)) {
      res.writeHead(404);
      res.end('not found');
      return;
    }
    let body = readFileSync(file, 'utf8');
    if (/\.(ya?ml|json)$/.test(file)) body = body.split(remote).join(`${server.url}/_remote/${new URL(remote).host}/`);
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(body);
  });
  return server;
}

interface Row {
  spec: string;
  operations: number;
  genMs: number;
  tscMs: number;
  warnings: number;
  tscErrors: number;
}

const table: Row[] = [];
let dir: string;

const run = HAVE_CORPUS || REQUIRED ? describe : describe.skip;
if (!HAVE_CORPUS && !REQUIRED) console.warn('corpus-more.test.ts skipped: ../shared/corpus-more is not present');

run('more real-world specs (../shared/corpus-more)', () => {
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sdkforge-corpus-more-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    if (table.length === 0) return;
    const width = Math.max(...table.map((r) => r.spec.length), 4);
    const line = (spec: string, ...cells: (string | number)[]) =>
      `${spec.padEnd(width)}  ${cells.map((c, i) => String(c).padStart([5, 7, 7, 8, 10][i]!)).join('  ')}`;
    console.log(
      [
        line('spec', 'ops', 'gen ms', 'tsc ms', 'warnings', 'tsc errors'),
        ...table.map((r) => line(r.spec, r.operations, r.genMs, r.tscMs, r.warnings, r.tscErrors)),
        `total: ${table.reduce((n, r) => n + r.genMs + r.tscMs, 0)} ms`,
      ].join('\n'),
    );
  });

  if (!HAVE_CORPUS) {
    test('../shared/corpus-more is present (required under CI=true)', () => {
      expect(existsSync(INDEX)).toBe(true);
    });
  }

  for (const c of cases()) {
    test(
      `${c.name} generates a package with 0 tsc errors, and prints nothing of its own`,
      async () => {
        const served = SERVED[c.name];
        const server = served ? await serveFolder(c.folder, served.remote) : undefined;
        const out = path.join(dir, c.name);
        // anything a library prints (process warnings, console output) would reach the user's terminal
        const leaked: string[] = [];
        const saved = { emitWarning: process.emitWarning, warn: console.warn, error: console.error, log: console.log };
        process.emitWarning = ((w: string | Error) => void leaked.push(`process warning: ${String(w)}`)) as typeof process.emitWarning;
        console.warn = console.error = console.log = (...args: unknown[]) => void leaked.push(args.map(String).join(' '));
        let result;
        const started = performance.now();
        try {
          result = await generate({ spec: server ? `${server.url}/${c.entry}` : path.join(c.folder, c.entry), out, format: false, fetchTimeout: 5000 });
        } finally {
          Object.assign(process, { emitWarning: saved.emitWarning });
          Object.assign(console, { warn: saved.warn, error: saved.error, log: saved.log });
          await server?.close();
        }
        const genMs = Math.round(performance.now() - started);
        const checked = performance.now();
        const errors: TypeError[] = typecheck(listTsFiles(path.join(out, 'src')));
        const tscMs = Math.round(performance.now() - checked);
        rmSync(out, { recursive: true, force: true });
        table.push({ spec: c.name, operations: result.ir.operations.length, genMs, tscMs, warnings: result.diagnostics.length, tscErrors: errors.length });
        expect(leaked).toEqual([]);
        expect(result.ir.operations.length).toBe(c.operations);
        expect(errors.slice(0, 10)).toEqual([]);
      },
      c.bytes > 1_000_000 ? 600_000 : 180_000,
    );
  }
});
