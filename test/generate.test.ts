// Generation from spec/openai.yaml: byte-identical reruns, and the committed generated/ equal to what the
// generator writes (the drift test, the one golden of the emitted files: there are no snapshots of them, so an
// intended output change is a regenerate and a commit of generated/).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generate, type GenerateResult } from '../generator/index.js';
import { listFiles } from '../generator/write.js';
import { ROOT } from './helpers/paths.js';

const SPEC = path.join(ROOT, 'spec/openai.yaml');
const git = (args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
function gitHead(): string | undefined {
  try {
    return git(['rev-parse', '--verify', '-q', 'HEAD']).trim() || undefined;
  } catch {
    return undefined;
  }
}
let result: GenerateResult;

beforeAll(async () => {
  result = await generate({ spec: SPEC, write: false });
});

test('one exported type per component schema and one function per operation, named by operationId', () => {
  const types = result.files.get('src/types.ts')!;
  const exported = [...types.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1]);
  expect(exported).toEqual(result.ir.schemas.map((s) => s.name));
  expect(exported).toHaveLength(83); // 81 the operations reach, 2 webhook payloads
  const ops = result.files.get('src/operations.ts')!;
  const functions = [...new Set([...ops.matchAll(/^export function (\w+)/gm)].map((m) => m[1]))];
  expect(functions).toEqual([
    'listChatCompletions',
    'createChatCompletion',
    'getChatCompletion',
    'updateChatCompletion',
    'deleteChatCompletion',
    'getChatCompletionMessages',
    'createCompletion',
    'listModels',
    'retrieveModel',
    'deleteModel',
  ]);
  expect(types).toMatch(/\/\*\*[^]*?@deprecated[^]*?\*\/\s+(function_call|functions)\?:/);
});

test('two runs give byte-identical output with no timestamps', async () => {
  const again = await generate({ spec: SPEC, write: false });
  expect([...again.files.entries()]).toEqual([...result.files.entries()]);
  for (const text of result.files.values()) expect(text).not.toMatch(/\b20\d\d-\d\d-\d\dT\d\d:/);
});

test('drift: regenerating spec/ into a temporary directory gives exactly the committed generated/', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sdkforge-drift-'));
  try {
    const out = path.join(dir, 'generated');
    await generate({ spec: SPEC, out });
    const committed = path.join(ROOT, 'generated');
    const written = await listFiles(out);
    expect(await listFiles(committed)).toEqual(written);
    for (const file of written) {
      expect({ file, text: readFileSync(path.join(committed, file), 'utf8') }).toEqual({ file, text: readFileSync(path.join(out, file), 'utf8') });
    }
    // In a git checkout, the committed blobs must match too: a set-up step that regenerates generated/ in place
    // must not hide a stale commit.
    const head = gitHead();
    if (head) {
      const tracked = git(['ls-tree', '-r', '--name-only', 'HEAD', 'generated/']).split('\n').filter(Boolean);
      expect(tracked.map((f) => f.slice('generated/'.length))).toEqual(written);
      for (const file of written) {
        expect({ file, text: git(['show', `HEAD:generated/${file}`]) }).toEqual({ file, text: readFileSync(path.join(out, file), 'utf8') });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the generated package is @sdkforge/openai with zero runtime dependencies and an exports map', () => {
  const pkg = JSON.parse(result.files.get('package.json')!);
  expect(pkg.name).toBe('@sdkforge/openai');
  expect(pkg.dependencies ?? {}).toEqual({});
  expect(pkg.exports['.'].import.default).toBe('./dist/esm/index.js');
  expect(pkg.exports['.'].require.default).toBe('./dist/cjs/index.js');
  expect(pkg.exports['.'].import.types).toBe('./dist/esm/index.d.ts');
  const readme = result.files.get('README.md')!;
  for (const op of result.ir.operations) {
    expect(readme).toContain(`client.${[...op.place.resource, op.place.method].join('.')}(`);
    expect(readme).toContain(`client.${op.name}`);
  }
});

test('generate --check exits 0 when the output is current and 1 with a diff when it drifted', async () => {
  const { main } = await import('../generator/cli.js');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sdkforge-check-'));
  const out = path.join(dir, 'pkg');
  const lines: string[] = [];
  const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
  try {
    expect(await main(['generate', '--spec', SPEC, '--out', out], io)).toBe(0);
    expect(await main(['generate', '--spec', SPEC, '--out', out, '--check'], io)).toBe(0);
    const index = path.join(out, 'src/index.ts');
    const { appendFileSync } = await import('node:fs');
    appendFileSync(index, 'export const drift = 1;\n');
    lines.length = 0;
    expect(await main(['generate', '--spec', SPEC, '--out', out, '--check'], io)).toBe(1);
    expect(lines.join('\n')).toContain('-export const drift = 1;');
    expect(readFileSync(index, 'utf8')).toContain('drift'); // --check writes nothing
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('provenance (generator version, spec title, version and content hash) is kept in package.json only; sources carry a constant notice', () => {
  const pkg = JSON.parse(result.files.get('package.json')!);
  expect(pkg.sdkforge).toMatchObject({ specTitle: 'OpenAI API', specVersion: '2.3.0', generatorVersion: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  expect(pkg.sdkforge.specHash).toMatch(/^[0-9a-f]{64}$/);
  for (const [name, text] of result.files) {
    if (name === 'package.json') continue;
    expect({ name, hash: text.includes(pkg.sdkforge.specHash.slice(0, 16)) }).toEqual({ name, hash: false });
    if (name.endsWith('.ts')) expect({ name, notice: text.startsWith('/*\n * Generated by sdkforge. Do not edit') }).toEqual({ name, notice: true });
  }
});

test('a spec change that touches one schema rewrites only the files whose content changes', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sdkforge-rewrite-'));
  try {
    const out = path.join(dir, 'out');
    const specText = readFileSync(SPEC, 'utf8');
    const changed = path.join(dir, 'changed.yaml');
    // one description of one schema (Model's `owned_by`) changes: types.ts and package.json's spec hash change
    const edited = specText.replace('Owner of the model (an organization or system).', 'Owner of the model (an organisation or system).');
    expect(edited).not.toBe(specText);
    writeFileSync(changed, edited);
    await generate({ spec: SPEC, out });
    const second = await generate({ spec: changed, out });
    expect(second.report!.written.sort()).toEqual(['package.json', 'src/types.ts']);
    expect(second.report!.removed).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('files generation does not run prettier over (the runtime, src/types.ts) are exactly as prettier formats them', async () => {
  const { PREFORMATTED } = await import('../generator/emit/emit-package.js');
  const { prettierDrift } = await import('./helpers/prettier-stable.js');
  const preformatted = [...result.files].filter(([name]) => PREFORMATTED(name));
  expect(preformatted.map(([name]) => name)).toContain('src/types.ts');
  expect(preformatted.length).toBeGreaterThan(5);
  for (const [name, text] of preformatted) expect(await prettierDrift(name, text)).toBeUndefined();
});
