// Overlays end to end through the CLI (bin/sdkforge.js): `generate --check` sees the spec as the overlay leaves it;
// an overlay error exits 1 located in the overlay with nothing written; a zero-match target warns at its line;
// the config key `overlays` is relative to the config file; `diff` applies overlays to both sides or to one;
// `watch` regenerates when an overlay changes; README's overlay examples apply to spec/openai.yaml as they say.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { main, type Io } from '../generator/cli.js';
import { generate } from '../generator/index.js';
import { loadSpec } from '../generator/load/load-spec.js';
import { ROOT } from './helpers/paths.js';
import { startServer } from './helpers/server.js';

const exec = promisify(execFile);

/** The CLI in this process (`main`, as bin/sdkforge.js runs it), in `cwd`: faster where many runs are needed. */
async function inProcess(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const [out, err]: [string[], string[]] = [[], []];
  const io: Io = { out: (l) => out.push(l), err: (l) => err.push(l), tty: false, env: {} };
  const before = process.cwd();
  process.chdir(cwd);
  try {
    const code = await main(args, io);
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    process.chdir(before);
  }
}

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [path.join(ROOT, 'bin/sdkforge.js'), ...args], { cwd });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const SPEC = `openapi: 3.1.0
info:
  title: Pets
  version: 1.0.0
servers:
  - url: https://pets.example.com
paths:
  /pets/{id}:
    get:
      operationId: getPet
      parameters:
        - name: id
          in: path
          required: true
          schema: { type: string }
      responses:
        '200':
          description: A pet.
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Pet' }
    delete:
      operationId: deletePet
      parameters:
        - name: id
          in: path
          required: true
          schema: { type: string }
      responses:
        '204': { description: Deleted. }
components:
  schemas:
    Pet:
      type: object
      required: [id, age]
      properties:
        id: { type: string }
        age: { type: string }
`;

/** The published spec says `age` is a string; the API sends a number. */
const FIX = `overlay: 1.1.0
info:
  title: Pet.age is a number
  version: 1.0.0
actions:
  - target: $.components.schemas.Pet.properties.age.type
    update: number
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sdkforge-overlays-'));
  writeFileSync(path.join(dir, 'spec.yaml'), SPEC);
  writeFileSync(path.join(dir, 'fix.yaml'), FIX);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const types = (out: string) => readFileSync(path.join(dir, out, 'src/types.ts'), 'utf8');
/** Every file under `out` with its modification time, to show nothing was written. */
const snapshot = (out: string) => {
  const files: Record<string, number> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else files[path.relative(dir, p)] = statSync(p).mtimeMs;
    }
  };
  walk(path.join(dir, out));
  return files;
};

test('generate --check with an overlay compares against the spec as the overlay leaves it', async () => {
  expect((await cli(['generate', '--spec', 'spec.yaml', '--out', 'sdk'], dir)).code).toBe(0);
  expect(types('sdk')).toMatch(/age: string;/);
  const drift = await cli(['generate', '--spec', 'spec.yaml', '--out', 'sdk', '--overlay', 'fix.yaml', '--check'], dir);
  expect(drift.code).toBe(1);
  expect(drift.stderr).toContain('src/types.ts');
  expect(drift.stderr).toMatch(/^-\s+age: string;$/m);
  expect(drift.stderr).toMatch(/^\+\s+age: number;$/m);
  expect((await cli(['generate', '--spec', 'spec.yaml', '--out', 'sdk', '--overlay', 'fix.yaml'], dir)).code).toBe(0);
  expect(types('sdk')).toMatch(/age: number;/);
  const clean = await cli(['generate', '--spec', 'spec.yaml', '--out', 'sdk', '--overlay', 'fix.yaml', '--check'], dir);
  expect(clean).toMatchObject({ code: 0, stderr: '' });
  expect(clean.stdout).toContain('sdk is up to date');
  // without the overlay the committed output is stale again
  expect((await cli(['generate', '--spec', 'spec.yaml', '--out', 'sdk', '--check'], dir)).code).toBe(1);
});

test('several overlays apply in order', async () => {
  writeFileSync(path.join(dir, 'again.yaml'), FIX.replace('update: number', 'update: boolean').replace('is a number', 'is a boolean'));
  expect((await inProcess(['generate', '--spec', 'spec.yaml', '--out', 'a', '--overlay', 'fix.yaml', '--overlay', 'again.yaml'], dir)).code).toBe(0);
  expect(types('a')).toMatch(/age: boolean;/);
  expect((await inProcess(['generate', '--spec', 'spec.yaml', '--out', 'b', '--overlay', 'again.yaml', '--overlay', 'fix.yaml'], dir)).code).toBe(0);
  expect(types('b')).toMatch(/age: number;/);
});

test('an invalid JSONPath, an invalid overlay, or a result that breaks the spec: exit 1, located, nothing written', async () => {
  expect((await cli(['generate', '--spec', 'spec.yaml', '--out', 'sdk'], dir)).code).toBe(0);
  const before = snapshot('sdk');
  const cases: [string, string, RegExp][] = [
    ['bad-path.yaml', `${FIX}  - target: $.paths.*.x-internal\n    remove: true\n`, /^error\[overlay-jsonpath\] bad-path\.yaml:8:5 at #\/actions\/1\/target: Invalid JSONPath "\$\.paths\.\*\.x-internal" at character 12/m],
    ['bad-doc.yaml', FIX.replace('  version: 1.0.0\n', ''), /^error\[overlay-invalid\] bad-doc\.yaml:2:1 at #\/info: The overlay breaks the Overlay 1\.1 schema: the value here lacks the required `version`/m],
    [
      'breaks.yaml',
      `overlay: 1.1.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.paths['/pets/{id}'].get.parameters[0].in\n    update: body\n`,
      /^error\[overlay-breaks-document\] breaks\.yaml:4:5 at #\/paths\/~1pets~1\{id\}\/get\/parameters\/0\/in: The overlay makes the document break the OpenAPI schema/m,
    ],
    ['no-openapi.yaml', `overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.openapi\n    remove: true\n`, /^error\[not-openapi\] spec\.yaml at #\/openapi: .* Fix: .*The spec was loaded with the overlays no-openapi\.yaml applied\./m],
    ['merge.yaml', FIX.replace('.age.type\n    update: number', '.age\n    update: { type: [number] }'), /^error\[overlay-merge-incompatible\] merge\.yaml:7:\d+ at #\/actions\/0\/update\/type: /m],
  ];
  for (const [file, text, expected] of cases) {
    writeFileSync(path.join(dir, file), text);
    const r = await inProcess(['generate', '--spec', 'spec.yaml', '--out', 'sdk', '--overlay', file], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(expected);
    expect(r.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
    expect(snapshot('sdk')).toEqual(before);
    // a fresh output directory is not even created
    expect((await inProcess(['generate', '--spec', 'spec.yaml', '--out', 'fresh', '--overlay', file], dir)).code).toBe(1);
    expect(existsSync(path.join(dir, 'fresh'))).toBe(false);
  }
});

test('a target that selects nothing is a warning with the overlay file and line; generation goes on', async () => {
  writeFileSync(path.join(dir, 'miss.yaml'), `${FIX}  - target: $.paths['/cats']\n    remove: true\n`);
  const r = await cli(['generate', '--spec', 'spec.yaml', '--out', 'sdk', '--overlay', 'miss.yaml'], dir);
  expect(r.code).toBe(0);
  expect(r.stderr).toMatch(/^warning\[overlay-no-match\] miss\.yaml:8:5 at #\/actions\/1\/target: The overlay's action target "\$\.paths\['\/cats'\]" selects nothing/m);
  expect(types('sdk')).toMatch(/age: number;/);
});

test('the config key `overlays` lists overlays relative to the config file; --overlay replaces it', async () => {
  mkdirSync(path.join(dir, 'conf'));
  writeFileSync(path.join(dir, 'conf/sdkforge.config.json'), JSON.stringify({ spec: '../spec.yaml', out: '../from-config', overlays: ['../fix.yaml'] }));
  expect((await inProcess(['generate'], path.join(dir, 'conf'))).code).toBe(0);
  expect(types('from-config')).toMatch(/age: number;/);
  writeFileSync(path.join(dir, 'bool.yaml'), FIX.replace('update: number', 'update: boolean'));
  expect((await inProcess(['generate', '--overlay', '../bool.yaml'], path.join(dir, 'conf'))).code).toBe(0);
  expect(types('from-config')).toMatch(/age: boolean;/);
  writeFileSync(path.join(dir, 'conf/sdkforge.config.json'), JSON.stringify({ spec: '../spec.yaml', overlays: 'x.yaml,y.yaml' }));
  const bad = await inProcess(['generate'], path.join(dir, 'conf'));
  expect(bad.code).toBe(1); // one path (a string is one path): it does not exist
  expect(bad.stderr).toMatch(/error\[overlay-missing\] .*x\.yaml,y\.yaml: Cannot read the overlay: the file does not exist/);
  writeFileSync(path.join(dir, 'conf/sdkforge.config.json'), JSON.stringify({ spec: '../spec.yaml', overlays: [1] }));
  const usage = await inProcess(['generate'], path.join(dir, 'conf'));
  expect(usage.code).toBe(2);
  expect(usage.stderr).toContain('`overlays` must be a list of paths');
});

test('diff: --overlay applies to both sides, --overlay-old and --overlay-new to one', async () => {
  const changed = await cli(['diff', 'spec.yaml', 'spec.yaml', '--overlay-new', 'fix.yaml', '--format', 'json'], dir);
  expect(changed.code).toBe(0);
  const result = JSON.parse(changed.stdout);
  expect(result.changes).toEqual([expect.objectContaining({ subject: 'schema', name: 'Pet', breaking: true, message: expect.stringContaining('age') })]);
  expect(result.bump).toBe('major');
  expect((await cli(['diff', 'spec.yaml', 'spec.yaml', '--overlay-new', 'fix.yaml', '--fail-on-breaking'], dir)).code).toBe(2);
  // the same fix on both sides: no change
  const both = JSON.parse((await cli(['diff', 'spec.yaml', 'spec.yaml', '--overlay', 'fix.yaml', '--format', 'json'], dir)).stdout);
  expect(both.changes).toEqual([]);
  // fixed on the old side only: the new spec changes the type back
  const old = JSON.parse((await cli(['diff', 'spec.yaml', 'spec.yaml', '--overlay-old', 'fix.yaml', '--format', 'json'], dir)).stdout);
  expect(old.changes).toHaveLength(1);
  // an overlay removing an operation on the new side: reported removed
  writeFileSync(path.join(dir, 'nodelete.yaml'), `overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.paths.*.delete\n    remove: true\n`);
  const md = await cli(['diff', 'spec.yaml', 'spec.yaml', '--overlay-new', 'nodelete.yaml'], dir);
  expect(md.stdout).toContain('deletePet (DELETE /pets/{id}) removed');
  const help = await cli(['diff', '--help'], dir);
  expect(help.stdout).toMatch(/--overlay-old FILE\|URL/);
  const err = await cli(['diff', 'spec.yaml', 'spec.yaml', '--overlay', 'missing.yaml'], dir);
  expect(err.code).toBe(1);
  expect(err.stderr).toMatch(/^error\[overlay-missing\] missing\.yaml: /m);
});

test('watch regenerates when an overlay changes', async () => {
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const controller = new AbortController();
    const err: string[] = [];
    const io: Io = { out: () => undefined, err: (l) => err.push(l), tty: false, env: {} };
    const current = () => (existsSync(path.join(dir, 'w/src/types.ts')) ? types('w') : '');
    const until = async (check: () => boolean) => {
      for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
      expect(check()).toBe(true);
    };
    const done = main(['watch', '--spec', 'spec.yaml', '--out', 'w', '--overlay', 'fix.yaml'], io, { signal: controller.signal });
    await until(() => /age: number;/.test(current()));
    expect(err.join('\n')).toContain('watching 2 file(s)');
    writeFileSync('fix.yaml', FIX.replace('update: number', 'update: boolean'));
    await until(() => /age: boolean;/.test(current()));
    controller.abort();
    expect(await done).toBe(0);
  } finally {
    process.chdir(cwd);
  }
}, 30000);

test("README's overlay examples apply to spec/openai.yaml, each with no warning, doing what they say", async () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Overlays'), readme.indexOf('\n## ', readme.indexOf('\n## Overlays') + 1));
  const examples = [...section.matchAll(/```yaml\n(overlay:[^]*?)```/g)].map((m) => m[1]!);
  expect(examples).toHaveLength(3);
  const spec = path.join(ROOT, 'spec/openai.yaml');
  const files = examples.map((text, i) => {
    writeFileSync(path.join(dir, `example-${i}.yaml`), text);
    return path.join(dir, `example-${i}.yaml`);
  });
  const plain = await generate({ spec, write: false });
  const results = [];
  for (const file of files) {
    const r = await generate({ spec, overlays: [file], write: false });
    expect(r.diagnostics.filter((d) => d.file === file || d.code.startsWith('overlay-'))).toEqual([]);
    results.push(r);
  }
  const [fixed, hinted, removed] = results;
  const created = (r: typeof plain) => {
    const model = r.ir.schemas.find((s) => s.name === 'Model')!.schema;
    return model.kind === 'object' ? model.properties.find((p) => p.name === 'created')!.schema : undefined;
  };
  expect(created(plain)).toMatchObject({ kind: 'primitive', type: 'integer' });
  expect(created(fixed!)).toMatchObject({ kind: 'primitive', type: 'string', format: 'date-time' });
  const list = hinted!.ir.operations.find((o) => o.operationId === 'listChatCompletions')!;
  expect(list.extensions?.['x-sdkforge-pagination']).toEqual({ kind: 'cursor', cursorParam: 'after' });
  const document = (await loadSpec(spec, { overlays: [files[1]!] })).document;
  expect(document['x-sdkforge-retries']).toEqual({ statusCodes: [429, '5XX'] });
  const kept = plain.ir.operations.filter((o) => o.method !== 'delete' && !o.tags.includes('Completions')).map((o) => o.operationId);
  expect(kept.length).toBeGreaterThan(0);
  expect(kept.length).toBeLessThan(plain.ir.operations.length - 2);
  expect(removed!.ir.operations.map((o) => o.operationId)).toEqual(kept);
});

test('an overlay at an http URL is fetched and applied; one that answers 404 is an error naming the URL', async () => {
  const server = await startServer((req, res) => {
    res.writeHead(req.rawPath === '/fix.yaml' ? 200 : 404, { 'content-type': 'application/yaml' });
    res.end(req.rawPath === '/fix.yaml' ? FIX : 'not found');
  });
  try {
    const r = await generate({ spec: path.join(dir, 'spec.yaml'), overlays: [`${server.url}/fix.yaml`], write: false });
    expect(r.files.get('src/types.ts')).toMatch(/age: number;/);
    expect(server.requests.map((q) => q.rawPath)).toEqual(['/fix.yaml']);
    const failed = await inProcess(['generate', '--spec', 'spec.yaml', '--out', 'url-out', '--overlay', `${server.url}/gone.yaml`], dir);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(`error[overlay-missing] ${server.url}/gone.yaml: Cannot read the overlay:`);
    expect(existsSync(path.join(dir, 'url-out'))).toBe(false);
  } finally {
    await server.close();
  }
});
