// Bad input: a one-paragraph diagnostic naming the file, line, column and JSON pointer where known, a non-zero
// exit without a stack trace, and the output directory left exactly as it was.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../generator/cli.js';
import { GenerationError } from '../generator/diagnostics.js';
import { generate } from '../generator/index.js';
import { listFiles } from '../generator/write.js';
import { startServer } from './helpers/server.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sdkforge-errors-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

const valid = (extra = '') => `openapi: 3.1.0
info: { title: Tiny API, version: 1.0.0 }
paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Thing' }
components:
  schemas:
    Thing:
      type: object
      properties:
        id: { type: string }
${extra}`;

test('malformed YAML names file, line and column', async () => {
  const spec = write('bad.yaml', 'openapi: 3.1.0\ninfo:\n  title: x\n  version: [1, 2\npaths: {}\n');
  const { code, stderr } = await run(['generate', '--spec', spec, '--out', path.join(dir, 'out-yaml')]);
  expect(code).toBe(1);
  expect(stderr).toMatch(/^error\[yaml-syntax\] .*bad\.yaml:\d+:\d+: /);
  expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(stderr.split('\n')).toHaveLength(1);
});

test('a dangling $ref names the file, line and the JSON pointer of the $ref', async () => {
  const spec = write('dangling.yaml', valid().replace("'#/components/schemas/Thing'", "'#/components/schemas/Missing'"));
  const err = await generate({ spec, write: false }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(GenerationError);
  const d = (err as GenerationError).diagnostics[0]!;
  expect(d.code).toBe('ref-missing');
  expect(d.pointer).toBe('#/paths/~1things~1{id}/get/responses/200/content/application~1json/schema');
  expect(d.line).toBe(14);
  expect(d.file).toContain('dangling.yaml');
  const { code, stderr } = await run(['generate', '--spec', spec, '--out', path.join(dir, 'o')]);
  expect(code).toBe(1);
  expect(stderr).toContain('dangling.yaml:14:');
  expect(stderr).toContain('#/components/schemas/Missing');
});

test('a missing file', async () => {
  const { code, stderr } = await run(['generate', '--spec', path.join(dir, 'nope.yaml'), '--out', path.join(dir, 'o')]);
  expect(code).toBe(1);
  expect(stderr).toMatch(/error\[file-missing\] .*nope\.yaml: Cannot read the spec: the file does not exist\. Fix: /);
});

test('a document that is not OpenAPI', async () => {
  const spec = write('not-openapi.yaml', 'name: my-package\nversion: 1.0.0\n');
  const { code, stderr } = await run(['generate', '--spec', spec, '--out', path.join(dir, 'o')]);
  expect(code).toBe(1);
  expect(stderr).toMatch(/error\[not-openapi\] .*not-openapi\.yaml at #\/openapi: .*has no `openapi` field/);
});

test('a multi-file spec resolves relative $refs', async () => {
  write('multi/schemas/thing.yaml', 'type: object\nrequired: [id]\nproperties:\n  id: { type: string }\n  child: { $ref: "./thing.yaml" }\n');
  const spec = write('multi/root.yaml', valid().replace("'#/components/schemas/Thing'", "'./schemas/thing.yaml'"));
  const result = await generate({ spec, write: false });
  expect(result.ir.operations[0]!.success?.schema).toMatchObject({ kind: 'object' });
  expect(result.files.get('src/operations.ts')).toContain('getThing');
});

test('a spec at a URL resolves $refs relative to the URL', async () => {
  const files: Record<string, string> = {
    '/specs/root.yaml': valid().replace("'#/components/schemas/Thing'", "'./parts/thing.yaml'"),
    '/specs/parts/thing.yaml': 'type: object\nproperties:\n  name: { type: string }\n',
  };
  const server = await startServer((req, res) => {
    const body = files[req.rawPath];
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/yaml' });
    res.end(body ?? 'not found');
  });
  try {
    const result = await generate({ spec: `${server.url}/specs/root.yaml`, write: false });
    expect(result.files.get('src/operations.ts')).toContain('getThing');
    expect(server.requests.map((r) => r.rawPath)).toEqual(expect.arrayContaining(['/specs/root.yaml', '/specs/parts/thing.yaml']));
    expect(JSON.stringify(result.ir.operations[0]!.success)).toContain('"name":"name"');
  } finally {
    await server.close();
  }
});

test('schema violations are warnings with a location, and generation goes on', async () => {
  const spec = write('invalid.yaml', valid().replace("        '200':", "        '200':\n          bogus: true"));
  const result = await generate({ spec, write: false });
  expect(result.diagnostics.some((d) => d.severity === 'warning' && d.code === 'schema-invalid' && d.pointer?.startsWith('#/paths/'))).toBe(true);
});

test('a failed generation leaves the output directory exactly as it was', async () => {
  const out = path.join(dir, 'keep');
  const good = write('good.yaml', valid());
  expect((await run(['generate', '--spec', good, '--out', out])).code).toBe(0);
  writeFileSync(path.join(out, 'src', 'types.ts'), '// hand edit that must survive a failed run\n');
  mkdirSync(path.join(out, 'dist'));
  writeFileSync(path.join(out, 'dist', 'index.js'), 'built');
  const before = await listFiles(out);
  const bad = write('bad2.yaml', 'openapi: 3.1.0\ninfo: {title: x, version: "1"}\npaths:\n  /a: {get: {responses: {"200": {$ref: "#/nope"}}}}\n');
  const { code } = await run(['generate', '--spec', bad, '--out', out]);
  expect(code).toBe(1);
  expect(await listFiles(out)).toEqual(before);
  expect(readFileSync(path.join(out, 'src', 'types.ts'), 'utf8')).toBe('// hand edit that must survive a failed run\n');
  // a successful run replaces the sources but keeps the build output
  expect((await run(['generate', '--spec', good, '--out', out])).code).toBe(0);
  expect(readFileSync(path.join(out, 'src', 'types.ts'), 'utf8')).toContain('export interface Thing');
  expect(readFileSync(path.join(out, 'dist', 'index.js'), 'utf8')).toBe('built');
});

test('usage errors exit 2; --help and --version exit 0', async () => {
  expect((await run(['frobnicate'])).code).toBe(2);
  expect((await run(['generate', '--bogus'])).code).toBe(2);
  const help = await run(['--help']);
  expect(help.code).toBe(0);
  expect(help.stdout).toContain('sdkforge generate');
  expect((await run(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+$/);
});
