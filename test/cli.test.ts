// The CLI workflow: config files, selection, naming, reporting, --check, diff, watch, help and exit codes, and
// the programmatic API it is built on.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { main, type Io } from '../generator/cli.js';
import { ROOT } from './helpers/paths.js';

const run = promisify(execFile);
let dir: string;
const cwd = process.cwd();

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sdkforge-cli-'));
  process.chdir(dir);
});
afterEach(() => {
  process.chdir(cwd);
  rmSync(dir, { recursive: true, force: true });
});

function capture(extra: Partial<Io> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (l) => out.push(l), err: (l) => err.push(l), tty: false, env: {}, ...extra };
  return { io, out, err, text: () => [...out, ...err].join('\n') };
}

const SPEC = path.join(ROOT, 'spec/openai.yaml');
const ops = (outDir: string) => readFileSync(path.join(outDir, 'src/operations.ts'), 'utf8');
const functions = (outDir: string) => [...new Set([...ops(outDir).matchAll(/^export function (\w+)/gm)].map((m) => m[1]))];

test('with no flags, generate reads sdkforge.config.json; paths are relative to the config file', async () => {
  mkdirSync('conf');
  writeFileSync('conf/sdkforge.config.json', JSON.stringify({ spec: path.relative(path.join(dir, 'conf'), SPEC), out: '../pkg', clientName: 'Acme', packageName: '@acme/openai', includeTags: ['Models'] }));
  process.chdir('conf');
  const c = capture();
  expect(await main(['generate'], c.io)).toBe(0);
  expect(c.out.at(-1)).toMatch(/^sdkforge: 3 operations, \d+ types, \d+ files written, 0 unchanged in \d+ ms$/);
  expect(functions(path.join(dir, 'pkg'))).toEqual(['listModels', 'retrieveModel', 'deleteModel']);
  expect(readFileSync(path.join(dir, 'pkg/src/client.ts'), 'utf8')).toContain('export class Acme extends ClientCore');
  expect(JSON.parse(readFileSync(path.join(dir, 'pkg/package.json'), 'utf8')).name).toBe('@acme/openai');
});

test('YAML and .mjs config files, and --config FILE', async () => {
  writeFileSync('sdkforge.config.yaml', `spec: ${SPEC}\nout: yaml-out\nincludeOperations: listModels, createCompletion\n`);
  expect(await main(['generate'], capture().io)).toBe(0);
  expect(functions('yaml-out')).toEqual(['createCompletion', 'listModels']);
  writeFileSync('other.mjs', `export default { spec: ${JSON.stringify(SPEC)}, out: 'mjs-out', excludeTags: ['Chat', 'Models'] };`);
  expect(await main(['generate', '--config', 'other.mjs'], capture().io)).toBe(0);
  expect(functions('mjs-out')).toEqual(['createCompletion']);
});

test('an unknown config key is an error naming the key and the closest valid one (exit 2)', async () => {
  writeFileSync('sdkforge.config.json', JSON.stringify({ spec: SPEC, outDir: 'x' }));
  const c = capture();
  expect(await main(['generate'], c.io)).toBe(2);
  expect(c.text()).toContain('unknown key `outDir`; did you mean `out`?');
  writeFileSync('sdkforge.config.json', JSON.stringify({ spec: SPEC, includeTag: 'Chat' }));
  const d = capture();
  expect(await main(['generate'], d.io)).toBe(2);
  expect(d.text()).toContain('did you mean `includeTags`?');
});

test('selection flags: tags, path globs, operations; flags override the config', async () => {
  writeFileSync('sdkforge.config.json', JSON.stringify({ spec: SPEC, out: 'from-config' }));
  expect(await main(['generate', '--out', 'a', '--include-paths', '/chat/completions/*'], capture().io)).toBe(0);
  expect(functions('a')).toEqual(['getChatCompletion', 'updateChatCompletion', 'deleteChatCompletion']);
  expect(await main(['generate', '--out', 'b', '--include-paths', '/chat/**'], capture().io)).toBe(0);
  expect(functions('b')).toHaveLength(6);
  expect(await main(['generate', '--out', 'c', '--include-tags', 'Chat', '--exclude-tags', 'Completions', '--include-operations', 'listChatCompletions,retrieveModel'], capture().io)).toBe(0);
  expect(functions('c')).toEqual(['listChatCompletions']);
  expect(existsSync('from-config')).toBe(false);
});

test('--verbose adds per-phase timings; --quiet prints nothing on success; the second run reports unchanged files', async () => {
  const v = capture();
  expect(await main(['generate', '--spec', SPEC, '--out', 'o', '--verbose'], v.io)).toBe(0);
  expect(v.out.join('\n')).toMatch(/phases: load \d+ ms, ir \d+ ms, emit \d+ ms, format \d+ ms, write \d+ ms/);
  const q = capture();
  expect(await main(['generate', '--spec', SPEC, '--out', 'o', '--quiet'], q.io)).toBe(0);
  expect(q.text()).toBe('');
  const again = capture();
  expect(await main(['generate', '--spec', SPEC, '--out', 'o'], again.io)).toBe(0);
  expect(again.out[0]).toMatch(/0 files written, \d+ unchanged/);
});

test('--verbose reports the pagination by scheme and why, and the warnings shown only there', async () => {
  const ok = (schema: object) => ({ '200': { description: 'ok', content: { 'application/json': { schema } } } });
  const spec = {
    openapi: '3.1.0',
    info: { title: 'Pages', version: '1' },
    servers: [{ url: 'https://pages.test' }],
    paths: {
      '/a': { get: { operationId: 'listA', parameters: [{ name: 'after', in: 'query', schema: { type: 'string' } }], responses: ok({ type: 'object', required: ['data'], properties: { data: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' } } } }, has_more: { type: 'boolean' } } }) } },
      '/b': { get: { operationId: 'listB', responses: ok({ type: 'object', required: ['data'], properties: { data: { type: 'array', items: { type: 'string' } } } }) } },
      '/c': { get: { operationId: 'listC', parameters: [{ name: 'cursor', in: 'query', schema: { type: 'string' } }], responses: ok({ type: 'object', properties: { entries: { type: 'array', items: { type: 'string' } } } }) } },
    },
  };
  writeFileSync('pages.json', JSON.stringify(spec));
  const v = capture();
  expect(await main(['generate', '--spec', 'pages.json', '--out', 'p', '--verbose'], v.io)).toBe(0);
  expect(v.out).toContain('sdkforge: pagination: 1 cursor, 1 single');
  expect(v.out).toContain("sdkforge:   listA: cursor (query `after`, boolean `has_more` and the items' `id`)");
  expect(v.out).toContain('sdkforge:   listB: single (a `data` array)');
  expect(v.err.join('\n')).toContain('warning[pagination-unrecognized]');
  const plain = capture();
  expect(await main(['generate', '--spec', 'pages.json', '--out', 'p'], plain.io)).toBe(0);
  expect(plain.err.join('\n')).not.toContain('pagination-unrecognized');
  expect(plain.out.join('\n')).not.toContain('pagination:');
});

test('--verbose reports how operations were placed in resource namespaces, and each collision', async () => {
  const ok = { '200': { description: 'ok' } };
  const spec = {
    openapi: '3.1.0',
    info: { title: 'Places', version: '1' },
    servers: [{ url: 'https://places.test' }],
    paths: {
      '/pets': { get: { operationId: 'listPets', responses: ok } },
      '/animals': { get: { operationId: 'listAnimals', 'x-sdkforge-resource': 'pets', responses: ok } },
      '/pets/{id}': { get: { operationId: 'getPet', 'x-speakeasy-name-override': 'fetch', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: ok } },
    },
  };
  writeFileSync('places.json', JSON.stringify(spec));
  const v = capture();
  expect(await main(['generate', '--spec', 'places.json', '--out', 'pl', '--verbose'], v.io)).toBe(0);
  expect(v.out).toContain('sdkforge: resources: 1 by path, 1 by x-sdkforge, 1 by x-speakeasy; 1 collision');
  expect(v.out).toContain('sdkforge:   listAnimals: wanted pets.list, given pets.list2');
  const plain = capture();
  expect(await main(['generate', '--spec', 'places.json', '--out', 'pl'], plain.io)).toBe(0);
  expect(plain.out.join('\n')).not.toContain('resources:');
});

test('progress shows on a TTY only, never in CI; colours only on a TTY without NO_COLOR', async () => {
  writeFileSync('bad.yaml', 'openapi: 3.1.0\ninfo: {title: t, version: "1"}\npaths:\n  /a: {get: {responses: {"200": {$ref: "#/nope"}}}}\n');
  const tty = capture({ tty: true, env: {} });
  expect(await main(['generate', '--spec', SPEC, '--out', 'o'], tty.io)).toBe(0);
  expect(tty.err.join('\n')).toContain('sdkforge: load');
  const ci = capture({ tty: true, env: { CI: 'true' } });
  expect(await main(['generate', '--spec', SPEC, '--out', 'o'], ci.io)).toBe(0);
  expect(ci.err).toEqual([]);
  const coloured = capture({ tty: true, env: {} });
  expect(await main(['generate', '--spec', 'bad.yaml', '--out', 'o2'], coloured.io)).toBe(1);
  expect(coloured.err.join('\n')).toContain('\x1b[31merror\x1b[0m[ref-missing]');
  const plain = capture({ tty: true, env: { NO_COLOR: '1' } });
  expect(await main(['generate', '--spec', 'bad.yaml', '--out', 'o2'], plain.io)).toBe(1);
  expect(plain.err.join('\n')).toMatch(/^error\[ref-missing\]/m);
});

test('--help for every command, --version, and exit code 2 for usage errors', async () => {
  for (const args of [['--help'], ['generate', '--help'], ['watch', '--help'], ['diff', '--help']]) {
    const c = capture();
    expect(await main(args, c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/^Usage: sdkforge/);
  }
  const v = capture();
  expect(await main(['--version'], v.io)).toBe(0);
  expect(v.out[0]).toBe(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  expect(await main([], capture().io)).toBe(2);
  expect(await main(['generate', '--nope'], capture().io)).toBe(2);
  expect(await main(['diff', 'only-one.yaml'], capture().io)).toBe(2);
  expect(await main(['generate', '--check', '--watch'], capture().io)).toBe(2);
});

test('diff: markdown by default, JSON with --format json, exit 2 with --fail-on-breaking', async () => {
  const base = readFileSync(SPEC, 'utf8');
  writeFileSync('old.yaml', base);
  // a breaking change: listModels removed; an addition: an optional property
  writeFileSync('new.yaml', base.replace(/\n {4}get:\n {6}operationId: listModels[^]*?(?=\n {2}\/models\/\{model\}:)/, '\n    {}').replace('  /models:\n    {}', ''));
  const md = capture();
  expect(await main(['diff', 'old.yaml', 'new.yaml'], md.io)).toBe(0);
  expect(md.out.join('\n')).toContain('listModels (GET /models) removed');
  expect(md.out.join('\n')).toContain('**major**');
  const js = capture();
  expect(await main(['diff', 'old.yaml', 'new.yaml', '--format', 'json'], js.io)).toBe(0);
  const parsed = JSON.parse(js.out.join('\n'));
  expect(parsed.bump).toBe('major');
  expect(parsed.changes[0]).toMatchObject({ subject: 'operation', kind: 'removed', breaking: true, pointer: '#/paths/~1models/get' });
  expect(await main(['diff', 'old.yaml', 'new.yaml', '--fail-on-breaking'], capture().io)).toBe(2);
  expect(await main(['diff', 'old.yaml', 'old.yaml', '--fail-on-breaking'], capture().io)).toBe(0);
});

test('watch regenerates when a $ref-ed file changes and survives a broken save', async () => {
  writeFileSync('thing.yaml', 'type: object\nproperties:\n  a: { type: string }\n');
  writeFileSync(
    'root.yaml',
    "openapi: 3.1.0\ninfo: {title: W, version: '1'}\npaths:\n  /t:\n    get:\n      operationId: getT\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {$ref: './thing.yaml'}}}}\n",
  );
  const controller = new AbortController();
  const c = capture();
  const types = () => (existsSync('w/src/operations.ts') ? ops('w') : '');
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(check()).toBe(true);
  };
  const done = main(['watch', '--spec', 'root.yaml', '--out', 'w'], c.io, { signal: controller.signal });
  await until(() => types().includes('a?: string'));
  writeFileSync('thing.yaml', 'type: object\nproperties:\n  b: { type: number }\n');
  await until(() => types().includes('b?: number'));
  writeFileSync('thing.yaml', 'type: object\nproperties:\n  b: { type: [number\n');
  await until(() => c.err.some((l) => l.includes('error[yaml-syntax]')));
  expect(types()).toContain('b?: number'); // the broken save left the output alone
  writeFileSync('thing.yaml', 'type: object\nproperties:\n  c: { type: boolean }\n');
  await until(() => types().includes('c?: boolean'));
  controller.abort();
  expect(await done).toBe(0);
}, 30000);

test('the programmatic API: import { generate } from "sdkforge" returns diagnostics and files', async () => {
  const script = `import { generate } from 'sdkforge';
const r = await generate({ spec: ${JSON.stringify(SPEC)}, write: false, includeTags: ['Models'] });
console.log(JSON.stringify({ files: [...r.files.keys()].length, diagnostics: r.diagnostics.length, ops: r.ir.operations.length }));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT });
  expect(JSON.parse(stdout)).toEqual({ files: expect.any(Number), diagnostics: 0, ops: 3 });
});

test('a client name the runtime already exports: derived from the title it becomes <Name>Client; given explicitly it is an error', async () => {
  const spec = (title: string) =>
    `openapi: 3.0.3\ninfo: { title: ${JSON.stringify(title)}, version: "1.0" }\npaths:\n  /x:\n    get:\n      operationId: getX\n      responses:\n        "200": { description: ok, content: { text/event-stream: { schema: { type: object } } } }\n`;
  writeFileSync('stream.yaml', spec('Stream API'));
  const c = capture();
  expect(await main(['generate', '--spec', 'stream.yaml', '--out', 'pkg'], c.io)).toBe(0);
  const index = readFileSync('pkg/src/index.ts', 'utf8');
  expect(index).toContain('export { StreamClient, StreamClient as default }');
  expect(index).toContain("export { Stream } from './runtime/stream.js';");
  const { typecheck, listTsFiles } = await import('./helpers/typecheck.js');
  expect(typecheck(listTsFiles(path.join(dir, 'pkg/src')))).toEqual([]);

  const bad = capture();
  expect(await main(['generate', '--spec', 'stream.yaml', '--out', 'pkg2', '--client-name', 'APIError'], bad.io)).toBe(1);
  expect(bad.text()).toContain('error[client-name-taken]');
  expect(bad.text()).toContain('--client-name');
  expect(existsSync('pkg2')).toBe(false);
});

test('a client name that is no class name, or a package name npm would refuse, is an error before anything is written', async () => {
  for (const [flag, value, code] of [
    ['--client-name', 'my client', 'client-name-invalid'],
    ['--client-name', 'class', 'client-name-invalid'],
    ['--package-name', 'My Pkg!', 'package-name-invalid'],
    ['--package-name', '_private', 'package-name-invalid'],
  ]) {
    const c = capture();
    expect(await main(['generate', '--spec', SPEC, '--out', 'pkg', flag!, value!], c.io)).toBe(1);
    expect(c.text()).toContain(`error[${code}]`);
    expect(existsSync('pkg')).toBe(false);
  }
  const ok = capture();
  expect(await main(['generate', '--spec', SPEC, '--out', 'pkg', '--client-name', 'Acme', '--package-name', '@acme/openai.client'], ok.io)).toBe(0);
});

test('--fetch-timeout MS (config key fetchTimeout) bounds how long a spec URL may take; a bad value is a usage error', async () => {
  const help = capture();
  expect(await main(['generate', '--help'], help.io)).toBe(0);
  expect(help.out.join('\n')).toMatch(/^ {2}--fetch-timeout MS {10}\S.*\(default 30000\)$/m);
  const { startSilentServer } = await import('./helpers/server.js');
  const silent = await startSilentServer();
  try {
    writeFileSync('sdkforge.config.json', JSON.stringify({ spec: `${silent.url}/openapi.yaml`, out: 'from-url', fetchTimeout: 300 }));
    const c = capture();
    const started = performance.now();
    expect(await main(['generate'], c.io)).toBe(1);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(c.text()).toContain(`Cannot read the spec at ${silent.url}/openapi.yaml: no answer within 300 ms.`);
    // the flag overrides the config
    const f = capture();
    expect(await main(['generate', '--fetch-timeout', '200'], f.io)).toBe(1);
    expect(f.text()).toContain('no answer within 200 ms.');
    expect(existsSync('from-url')).toBe(false);
  } finally {
    await silent.close();
  }
  for (const bad of ['0', '1.5', 'soon']) {
    const u = capture();
    expect(await main(['generate', '--spec', SPEC, '--fetch-timeout', bad], u.io)).toBe(2);
    expect(u.text()).toContain(`--fetch-timeout must be a positive whole number of milliseconds, not "${bad}".`);
  }
  writeFileSync('sdkforge.config.json', JSON.stringify({ spec: SPEC, fetchTimeout: '30s' }));
  const k = capture();
  expect(await main(['generate'], k.io)).toBe(2);
  expect(k.text()).toContain('sdkforge.config.json: `fetchTimeout` must be a positive whole number of milliseconds, not "30s".');
});

test('stderr carries sdkforge diagnostics only: no library warnings (a YAML tag the yaml package warns about)', async () => {
  // a separate process, as a user runs it: Node prints process warnings (YAMLWarning) to its stderr
  const spec = path.join(ROOT, 'test/fixtures/specs/yaml-tag.yaml');
  const { stdout, stderr } = await run(process.execPath, [path.join(ROOT, 'bin/sdkforge.js'), 'generate', '--spec', spec, '--out', 'tagged'], { cwd: dir });
  expect(stderr).toBe('');
  expect(stdout).toMatch(/^sdkforge: 1 operations, 0 types, \d+ files written/);
  // a failing run: its diagnostics and nothing else
  writeFileSync('tagged-bad.yaml', readFileSync(spec, 'utf8').replace("'204'", "'204': { $ref: '#/nope' }\n        '205'"));
  const failed = await run(process.execPath, [path.join(ROOT, 'bin/sdkforge.js'), 'generate', '--spec', 'tagged-bad.yaml', '--out', 'tagged2'], { cwd: dir }).catch((e: { stderr: string; code: number }) => e);
  expect((failed as { code: number }).code).toBe(1);
  const lines = (failed as { stderr: string }).stderr.trim().split('\n');
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(line).toMatch(/^(error|warning)\[[\w-]+\] /);
  expect(existsSync(path.join(dir, 'tagged2'))).toBe(false);
});

test('licence: taken from info.license when it is SPDX; with none, no licence claim and the summary says so', async () => {
  const doc = (license: unknown) =>
    JSON.stringify({ openapi: '3.1.0', info: { title: 'Lic', version: '1.0.0', ...(license ? { license } : {}) }, servers: [{ url: 'https://x.test' }], paths: {} });
  writeFileSync('spdx.json', doc({ name: 'Apache License 2.0', identifier: 'Apache-2.0' }));
  const a = capture();
  expect(await main(['generate', '--spec', 'spdx.json', '--out', 'a'], a.io)).toBe(0);
  expect(JSON.parse(readFileSync('a/package.json', 'utf8')).license).toBe('Apache-2.0');
  expect(a.text()).not.toMatch(/licence/);
  writeFileSync('prose.json', doc({ name: 'Apache 2.0' }));
  const b = capture();
  expect(await main(['generate', '--spec', 'prose.json', '--out', 'b'], b.io)).toBe(0);
  expect(JSON.parse(readFileSync('b/package.json', 'utf8'))).not.toHaveProperty('license');
  expect(b.out.at(-1)).toMatch(/no licence claim written: the spec's info\.license names no SPDX licence/);
});

test('--package-version sets the version; an invalid one is an error naming it', async () => {
  const c = capture();
  expect(await main(['generate', '--spec', SPEC, '--out', 'v', '--package-version', '3.0.0-rc.1'], c.io)).toBe(0);
  expect(JSON.parse(readFileSync('v/package.json', 'utf8')).version).toBe('3.0.0-rc.1');
  writeFileSync('sdkforge.config.json', JSON.stringify({ spec: SPEC, out: 'w', packageVersion: 'v3' }));
  const d = capture();
  expect(await main(['generate'], d.io)).toBe(1);
  expect(d.text()).toMatch(/error\[package-version-invalid\].*"v3" is not a semver version/);
  expect(existsSync('w')).toBe(false);
});
