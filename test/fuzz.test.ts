// Seeded fuzzing of the generator: spec/openai.yaml mutated 2,000 times (keys deleted, types swapped, $refs
// broken, odd names inserted, enums changed, required lists dropped, schemas replaced by `true`, `[]`, numbers or
// strings, components renamed to odd names). For every mutant the generator either returns output or throws a
// GenerationError; nothing else is thrown, nothing hangs, and every emitted .ts file parses. A sample is written
// over a marker directory (replaced whole or left untouched), and a seeded sample of 50 outputs is type-checked in
// one strict tsc program.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { parse as parseYaml } from 'yaml';
import { GenerationError } from '../generator/diagnostics.js';
import { runtimeSources } from '../generator/emit/runtime-files.js';
import { generate } from '../generator/index.js';
import { ROOT } from './helpers/paths.js';
import { prettierDrift } from './helpers/prettier-stable.js';
import { PREFORMATTED } from '../generator/emit/emit-package.js';
import { typecheck } from './helpers/typecheck.js';
import { mulberry32 } from './helpers/random.js';

const SEED = 0x5eed2025;
const MUTANTS = Number(process.env.SDKFORGE_FUZZ_MUTANTS ?? 2000); // the override is for local runs only
const CHUNKS = 4;
const PER_CHUNK = MUTANTS / CHUNKS;
const WRITE_EVERY = 40; // every 40th mutant is also written over a marker directory: 50 writes
const TYPECHECK_SAMPLE = 50;
const MUTANT_TIME_LIMIT_MS = 10_000;

type Json = unknown;
type Obj = Record<string, Json>;
type Path = (string | number)[];
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Sets an own property, even `__proto__`. */
function setOwn(obj: Obj, key: string, value: Json): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

const BASE = parseYaml(readFileSync(path.join(ROOT, 'spec/openai.yaml'), 'utf8')) as Obj;

/** Every node of the base document by path, sorted into what mutations act on. */
const NODES = (() => {
  const objects: Path[] = [];
  const schemas: Path[] = [];
  const refs: Path[] = [];
  const enums: Path[] = [];
  const withRequired: Path[] = [];
  const properties: Path[] = [];
  const operations: Path[] = [];
  const anything: Path[] = [];
  type Role = 'schema' | 'schemaMap' | 'schemaList' | 'other';
  const childRole = (role: Role, at: Path, key: string, value: Json): Role => {
    if (role === 'schemaMap' || role === 'schemaList') return 'schema';
    if (role === 'schema') {
      if (key === 'properties') return 'schemaMap';
      if (['allOf', 'anyOf', 'oneOf', 'prefixItems'].includes(key)) return 'schemaList';
      if (key === 'items') return Array.isArray(value) ? 'schemaList' : 'schema';
      if (key === 'additionalProperties' || key === 'not') return 'schema';
      return 'other';
    }
    if (key === 'schema') return 'schema';
    if (at.length === 1 && at[0] === 'components' && key === 'schemas') return 'schemaMap';
    return 'other';
  };
  const visit = (node: Json, at: Path, role: Role) => {
    anything.push(at);
    if (Array.isArray(node)) {
      node.forEach((v, i) => visit(v, [...at, i], role === 'schemaList' ? 'schema' : 'other'));
      return;
    }
    if (!isObj(node)) return;
    objects.push(at);
    if (role === 'schema') {
      schemas.push(at);
      if (Array.isArray(node.enum)) enums.push([...at, 'enum']);
      if ('required' in node) withRequired.push(at);
      if (isObj(node.properties)) properties.push([...at, 'properties']);
    }
    if (typeof node.$ref === 'string') refs.push(at);
    if (typeof node.operationId === 'string') operations.push(at);
    for (const [k, v] of Object.entries(node)) visit(v, [...at, k], childRole(role, at, k, v));
  };
  visit(BASE, [], 'other');
  return { objects, schemas, refs, enums, withRequired, properties, operations, anything };
})();

const ODD_NAMES = [
  '__proto__',
  'constructor',
  'toString',
  'a b',
  'a.b',
  '1st',
  '123',
  'class',
  'default',
  'function',
  'Record',
  'Promise',
  'ClientCore',
  'APIPromise',
  'Stream',
  'Blob',
  'x-y',
  '$ref',
  '',
  ' ',
  'x"y',
  "it's",
  'a`${b}`',
  '*/',
  'line\nbreak',
  'sep\u2028x',
  'Ünïcödé',
  '日本',
  'a~b',
  'snake_case_name',
  'OpenAI',
  'encodePath',
  'send',
];
const WEIRD_VALUES: Json[] = [true, false, [], 0, 42, -1.5, 'str', '', null, {}, { type: 'object', properties: [] }, { type: 'array' }, { $ref: 42 }, [1, 'a'], { enum: [] }, { type: ['string', 'null', 7] }];
const TYPES: Json[] = ['string', 'number', 'integer', 'boolean', 'null', 'object', 'array', 'bogus', ['string', 'null'], ['object', 'array'], [], 42, null];
const BROKEN_REFS = ['#/components/schemas/Missing', '#/nope', '#', '#/paths', '#/components/schemas', '#/info/title', 'missing.yaml#/x', '', 42, null];

function get(doc: Json, at: Path): Json {
  let node = doc;
  for (const k of at) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Obj)[k as string];
  }
  return node;
}

function setAt(doc: Json, at: Path, value: Json): boolean {
  const parent = get(doc, at.slice(0, -1));
  if (parent === null || typeof parent !== 'object') return false;
  const key = at[at.length - 1]!;
  if (Array.isArray(parent) && typeof key === 'number') parent[key] = value;
  else setOwn(parent as Obj, String(key), value);
  return true;
}

const escapeToken = (t: string) => t.replace(/~/g, '~0').replace(/\//g, '~1');

/** Rewrites every `$ref` string in `doc` equal to `from` into `to`. */
function rewriteRefs(doc: Json, from: string, to: string): void {
  if (Array.isArray(doc)) return doc.forEach((v) => rewriteRefs(v, from, to));
  if (!isObj(doc)) return;
  for (const [k, v] of Object.entries(doc)) {
    if (k === '$ref' && v === from) doc[k] = to;
    else if (k === 'mapping' && isObj(v)) for (const [mk, mv] of Object.entries(v)) v[mk] = mv === from ? to : mv;
    else rewriteRefs(v, from, to);
  }
}

type Mutation = (doc: Obj, rnd: () => number) => string | undefined;
const pick = <T>(list: readonly T[], rnd: () => number): T => list[Math.floor(rnd() * list.length)]!;
const show = (at: Path) => '/' + at.join('/');

const MUTATIONS: Record<string, Mutation> = {
  deleteKey(doc, rnd) {
    const at = pick(NODES.objects, rnd);
    const node = get(doc, at);
    if (!isObj(node)) return undefined;
    const keys = Object.keys(node);
    if (!keys.length) return undefined;
    const key = pick(keys, rnd);
    delete node[key];
    return `delete ${show([...at, key])}`;
  },
  swapType(doc, rnd) {
    const at = pick(NODES.schemas, rnd);
    const node = get(doc, at);
    if (!isObj(node)) return undefined;
    const type = pick(TYPES, rnd);
    node.type = type;
    return `type ${show(at)} = ${JSON.stringify(type)}`;
  },
  breakRef(doc, rnd) {
    const at = pick(NODES.refs, rnd);
    const node = get(doc, at);
    if (!isObj(node)) return undefined;
    const ref = pick(BROKEN_REFS, rnd);
    node.$ref = ref;
    return `$ref ${show(at)} = ${JSON.stringify(ref)}`;
  },
  oddProperty(doc, rnd) {
    const at = pick(NODES.properties, rnd);
    const node = get(doc, at);
    if (!isObj(node)) return undefined;
    const name = pick(ODD_NAMES, rnd);
    const schema = rnd() < 0.5 ? { type: 'string', description: `odd */ ${name}` } : pick(WEIRD_VALUES, rnd);
    setOwn(node, name, structuredClone(schema));
    if (rnd() < 0.5) {
      const owner = get(doc, at.slice(0, -1));
      if (isObj(owner)) owner.required = [...(Array.isArray(owner.required) ? owner.required : []), name];
    }
    return `property ${show(at)}[${JSON.stringify(name)}]`;
  },
  changeEnum(doc, rnd) {
    const at = pick(NODES.enums, rnd);
    const values = pick<Json>([[], [null], ['a"b', "c'd", 'e\nf', '`${x}`', '*/'], [1, 'one', true, null, 2.5], [{}, []], 'not-a-list', [-0, 1e21, -1e-7], [''], 42], rnd);
    if (!setAt(doc, at, structuredClone(values))) return undefined;
    return `enum ${show(at)} = ${JSON.stringify(values)}`;
  },
  dropRequired(doc, rnd) {
    const at = pick(NODES.withRequired, rnd);
    const node = get(doc, at);
    if (!isObj(node)) return undefined;
    const value = pick<Json>([undefined, 'id', [1, 2], [{}], true, [], ['not_a_property']], rnd);
    if (value === undefined) delete node.required;
    else node.required = structuredClone(value);
    return `required ${show(at)} = ${JSON.stringify(value)}`;
  },
  weirdSchema(doc, rnd) {
    const at = pick(NODES.schemas, rnd);
    const value = pick(WEIRD_VALUES, rnd);
    if (!setAt(doc, at, structuredClone(value))) return undefined;
    return `schema ${show(at)} = ${JSON.stringify(value)}`;
  },
  renameComponent(doc, rnd) {
    const schemas = get(doc, ['components', 'schemas']);
    if (!isObj(schemas)) return undefined;
    const keys = Object.keys(schemas);
    if (!keys.length) return undefined;
    const from = pick(keys, rnd);
    let to = pick(ODD_NAMES, rnd);
    if (rnd() < 0.5) to = `${from} ${to}`;
    if (to in schemas) return undefined;
    const entries = Object.entries(schemas).map(([k, v]) => [k === from ? to : k, v] as const);
    for (const k of keys) delete schemas[k];
    for (const [k, v] of entries) setOwn(schemas, k, v);
    const keepRefs = rnd() < 0.9;
    if (keepRefs) rewriteRefs(doc, `#/components/schemas/${escapeToken(from)}`, `#/components/schemas/${escapeToken(to)}`);
    return `rename component ${JSON.stringify(from)} → ${JSON.stringify(to)}${keepRefs ? '' : ' (refs left dangling)'}`;
  },
  oddOperation(doc, rnd) {
    const at = pick(NODES.operations, rnd);
    const node = get(doc, at);
    if (!isObj(node)) return undefined;
    const id = pick<Json>([...ODD_NAMES, 'a(){}; process.exit(1); function b', 42, null, 'listModels', 'createChatCompletion'], rnd);
    node.operationId = id;
    return `operationId ${show(at)} = ${JSON.stringify(id)}`;
  },
  replaceAnything(doc, rnd) {
    const at = pick(NODES.anything, rnd);
    if (at.length === 0) return undefined;
    const value = pick(WEIRD_VALUES, rnd);
    if (!setAt(doc, at, structuredClone(value))) return undefined;
    return `replace ${show(at)} = ${JSON.stringify(value)}`;
  },
};
const MUTATION_NAMES = Object.keys(MUTATIONS);

interface Mutant {
  index: number;
  doc: Obj;
  mutations: string[];
}

function mutant(index: number): Mutant {
  const rnd = mulberry32(SEED + index * 7919);
  const doc = structuredClone(BASE);
  const mutations: string[] = [];
  const count = 1 + Math.floor(rnd() * 3);
  for (let tries = 0; mutations.length < count && tries < 20; tries++) {
    const done = MUTATIONS[pick(MUTATION_NAMES, rnd)]!(doc, rnd);
    if (done) mutations.push(done);
  }
  return { index, doc, mutations };
}

const RUNTIME = new Map(runtimeSources().map(([name, text]) => [`src/runtime/${name}`, text]));

function syntaxErrors(files: Map<string, string>): string[] {
  const errors: string[] = [];
  for (const [name, text] of files) {
    if (!name.endsWith('.ts')) continue;
    if (RUNTIME.has(name) && text.endsWith(RUNTIME.get(name)!)) continue; // copied verbatim, parsed once below
    const sf = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    for (const d of (sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics) {
      errors.push(`${name}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    }
  }
  return errors;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`hang: no result after ${ms} ms`)), ms);
    }),
  ]);
}

interface Failure {
  index: number;
  mutations: string[];
  problem: string;
}

const stats = { generated: 0, diagnosed: 0, written: 0, ms: 0, slowest: 0 };
const failures: Failure[] = [];
const diagnosticCodes = new Map<string, number>();
/** Seeded reservoir sample of successful outputs, for one tsc program. */
const sample: { index: number; mutations: string[]; files: Map<string, string>; readme: string }[] = [];
const sampleRnd = mulberry32(SEED ^ 0xa5a5a5a5);
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'sdkforge-fuzz-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Writes over a directory holding only a marker file: afterwards it is either the whole output or untouched. */
async function checkWrite(m: Mutant): Promise<string | undefined> {
  const out = path.join(tmp, `write-${m.index}`);
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, 'MARKER'), 'untouched');
  let files: Map<string, string> | undefined;
  try {
    files = (await withTimeout(generate({ document: m.doc, spec: 'fuzz.yaml', format: false, out }), MUTANT_TIME_LIMIT_MS)).files;
  } catch (err) {
    if (!(err instanceof GenerationError)) return `write: threw ${(err as Error).stack ?? String(err)}`;
  }
  const listing = (dir: string, prefix = ''): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listing(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));
  const onDisk = listing(out).sort();
  const leftovers = readdirSync(tmp).filter((f) => f.includes('sdkforge-'));
  if (leftovers.length) return `write: staging directories left behind: ${leftovers.join(', ')}`;
  if (!files) {
    if (onDisk.join() !== 'MARKER' || readFileSync(path.join(out, 'MARKER'), 'utf8') !== 'untouched') return `write: failed run touched the output: ${onDisk.join(', ')}`;
    return undefined;
  }
  stats.written++;
  if (onDisk.join('\n') !== [...files.keys()].sort().join('\n')) return `write: output directory is not exactly the generated files: ${onDisk.slice(0, 5).join(', ')}…`;
  for (const [name, text] of files) if (readFileSync(path.join(out, name), 'utf8') !== text) return `write: ${name} differs from the generated text`;
  rmSync(out, { recursive: true, force: true });
  return undefined;
}

async function runMutant(index: number): Promise<void> {
  const m = mutant(index);
  const started = performance.now();
  let files: Map<string, string> | undefined;
  try {
    files = (await withTimeout(generate({ document: m.doc, spec: 'fuzz.yaml', write: false, format: false }), MUTANT_TIME_LIMIT_MS)).files;
    stats.generated++;
  } catch (err) {
    if (err instanceof GenerationError) {
      stats.diagnosed++;
      for (const d of err.diagnostics.filter((x) => x.severity === 'error')) diagnosticCodes.set(d.code, (diagnosticCodes.get(d.code) ?? 0) + 1);
      if (err.diagnostics.every((d) => d.severity !== 'error')) failures.push({ index, mutations: m.mutations, problem: 'GenerationError without an error diagnostic' });
    } else {
      failures.push({ index, mutations: m.mutations, problem: `threw ${(err as Error)?.stack?.split('\n').slice(0, 4).join(' | ') ?? String(err)}` });
    }
  }
  const elapsed = performance.now() - started;
  stats.ms += elapsed;
  stats.slowest = Math.max(stats.slowest, elapsed);
  if (elapsed > MUTANT_TIME_LIMIT_MS) failures.push({ index, mutations: m.mutations, problem: `took ${Math.round(elapsed)} ms` });
  if (files) {
    const errors = syntaxErrors(files);
    if (errors.length) failures.push({ index, mutations: m.mutations, problem: `syntax errors: ${errors.slice(0, 3).join('; ')}` });
    // reservoir sampling, seeded
    const kept = {
      index,
      mutations: m.mutations,
      files: new Map([...files].filter(([name]) => name.endsWith('.ts') && !RUNTIME.has(name))),
      readme: files.get('README.md')!,
    };
    if (sample.length < TYPECHECK_SAMPLE) sample.push(kept);
    else {
      const j = Math.floor(sampleRnd() * stats.generated);
      if (j < TYPECHECK_SAMPLE) sample[j] = kept;
    }
  }
  if (index % WRITE_EVERY === 0) {
    const problem = await checkWrite(m);
    if (problem) failures.push({ index, mutations: m.mutations, problem });
  }
}

/**
 * Runs of the chunks of mutants, each started once by whichever test needs it first. A chunk runs after the one
 * before it (the seeded reservoir sample depends on the order mutants are seen), so every test below is
 * self-contained: run alone (`-t`), it runs the mutants it reads, and in a full run each mutant runs once.
 */
const chunkRuns: Promise<Failure[]>[] = [];
function runChunk(chunk: number): Promise<Failure[]> {
  return (chunkRuns[chunk] ??= (async () => {
    if (chunk > 0) await runChunk(chunk - 1);
    const before = failures.length;
    for (let i = chunk * PER_CHUNK; i < (chunk + 1) * PER_CHUNK; i++) await runMutant(i);
    return failures.slice(before);
  })());
}
/** Every mutant, run: `stats`, `failures`, `diagnosticCodes` and `sample` are complete afterwards. */
const runAllMutants = () => runChunk(CHUNKS - 1);
const CHUNK_TIME_LIMIT_MS = 240_000;
const ALL_TIME_LIMIT_MS = CHUNKS * CHUNK_TIME_LIMIT_MS;

const report = (list: Failure[]) => list.map((f) => `seed ${SEED} mutant #${f.index} [${f.mutations.join('; ')}]: ${f.problem}`);

// local debugging: SDKFORGE_FUZZ_DUMP=<index> writes that mutant's document and output under test/tmp/fuzz-dump
const DUMP = process.env.SDKFORGE_FUZZ_DUMP;
if (DUMP !== undefined) {
  test('dump one mutant', async () => {
    const m = mutant(Number(DUMP));
    const dir = path.join(ROOT, 'test/tmp/fuzz-dump');
    rmSync(dir, { recursive: true, force: true });
    ts.sys.writeFile(path.join(dir, 'mutant.json'), JSON.stringify({ mutations: m.mutations, doc: m.doc }, null, 2));
    const result = await generate({ document: m.doc, spec: 'fuzz.yaml', write: false, format: false }).catch((e: unknown) => e);
    if (result instanceof Error) ts.sys.writeFile(path.join(dir, 'error.txt'), result.stack ?? result.message);
    else for (const [name, text] of (result as { files: Map<string, string> }).files) ts.sys.writeFile(path.join(dir, name), text);
  });
}

test('the mutation engine is deterministic and the runtime parses', () => {
  expect(mutant(17).mutations).toEqual(mutant(17).mutations);
  expect(JSON.stringify(mutant(17).doc)).toEqual(JSON.stringify(mutant(17).doc));
  expect(NODES.refs.length).toBeGreaterThan(10);
  expect(NODES.enums.length).toBeGreaterThan(3);
  expect(NODES.withRequired.length).toBeGreaterThan(3);
  expect(syntaxErrors(new Map([...RUNTIME].map(([n, t]) => [n.replace('src/runtime/', 'runtime-check/'), t])))).toEqual([]);
});

for (let chunk = 0; chunk < CHUNKS; chunk++) {
  test(
    `mutants ${chunk * PER_CHUNK}–${(chunk + 1) * PER_CHUNK - 1}: output or a GenerationError, no hang, no partial output, no syntax errors`,
    async () => {
      expect(report(await runChunk(chunk))).toEqual([]);
    },
    (chunk + 1) * CHUNK_TIME_LIMIT_MS, // run alone, a chunk runs the chunks before it first
  );
}

test('statistics', async () => {
  await runAllMutants();
  const total = stats.generated + stats.diagnosed + failures.filter((f) => f.problem.startsWith('threw')).length;
  expect(total).toBeGreaterThanOrEqual(MUTANTS);
  // the fuzzer must exercise both outcomes substantially
  expect(stats.generated).toBeGreaterThan(MUTANTS / 4);
  expect(stats.diagnosed).toBeGreaterThan(20);
  expect(stats.written).toBeGreaterThan(5);
  process.stdout.write(
    `fuzz: ${MUTANTS} mutants (seed ${SEED}): ${stats.generated} generated, ${stats.diagnosed} diagnosed ` +
      `(${[...diagnosticCodes].map(([c, n]) => `${c} ${n}`).join(', ')}), ${stats.written} written over a marker; ` +
      `${Math.round(stats.ms / 1000)} s generating, slowest ${Math.round(stats.slowest)} ms\n`,
  );
}, ALL_TIME_LIMIT_MS);

/** Type errors the sample may show that are generator bugs outside this test's reach; none at present. */
const KNOWN_TYPE_ERRORS: { pattern: RegExp; reason: string }[] = [];

test(
  `a seeded sample of ${TYPECHECK_SAMPLE} outputs type-checks strictly in one program`,
  async () => {
    await runAllMutants();
    expect(sample.length).toBe(TYPECHECK_SAMPLE);
    // one shared runtime, linked into every output, so the program holds it once
    const runtimeDir = path.join(tmp, 'runtime');
    for (const [name, text] of RUNTIME) ts.sys.writeFile(path.join(runtimeDir, path.basename(name)), text);
    const files: string[] = [];
    const owner = new Map<string, { index: number; mutations: string[] }>();
    for (const s of sample) {
      const dir = path.join(tmp, `sample-${s.index}`);
      mkdirSync(path.join(dir, 'src'), { recursive: true });
      if (!existsSync(path.join(dir, 'src/runtime'))) symlinkSync(runtimeDir, path.join(dir, 'src/runtime'), 'dir');
      for (const [name, text] of s.files) {
        const file = path.join(dir, name);
        ts.sys.writeFile(file, text);
        files.push(file);
      }
      owner.set(path.relative(process.cwd(), dir), s);
    }
    const errors = typecheck(files).map((e) => {
      const dir = [...owner.keys()].find((d) => e.file.startsWith(d + path.sep));
      const s = dir ? owner.get(dir)! : undefined;
      return `${s ? `seed ${SEED} mutant #${s.index} [${s.mutations.join('; ')}] ` : ''}${e.file}:${e.line}: ${e.message}`;
    });
    const unknown = errors.filter((e) => !KNOWN_TYPE_ERRORS.some((k) => k.pattern.test(e)));
    expect(unknown).toEqual([]);
  },
  ALL_TIME_LIMIT_MS + 120_000,
);

test(`the sample's files emitted in prettier's form (types, operations, resource and client classes, README) are exactly as prettier formats them`, async () => {
  await runAllMutants();
  expect(sample.length).toBe(TYPECHECK_SAMPLE);
  const drift: string[] = [];
  for (const s of sample) {
    const laidOut = [...s.files].filter(([name]) => PREFORMATTED(name));
    expect(laidOut.map(([name]) => name)).toEqual(expect.arrayContaining(['src/types.ts', 'src/operations.ts', 'src/client.ts']));
    for (const [name, text] of [...laidOut, ['README.md', s.readme]] as const) {
      const problem = await prettierDrift(name, text);
      if (problem) drift.push(`seed ${SEED} mutant #${s.index} [${s.mutations.join('; ')}]: ${problem}`);
    }
  }
  expect(drift).toEqual([]);
}, ALL_TIME_LIMIT_MS + 120_000);
