// Bad input: a one-paragraph diagnostic naming the file, line, column and JSON pointer where known, a non-zero
// exit without a stack trace, and the output directory left exactly as it was.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../generator/cli.js';
import { GenerationError } from '../generator/diagnostics.js';
import { generate } from '../generator/index.js';
import { DEFAULT_FETCH_TIMEOUT } from '../generator/load/fetch-text.js';
import { loadSpec } from '../generator/load/load-spec.js';
import { listFiles } from '../generator/write.js';
import { ROOT } from './helpers/paths.js';
import { closedPortUrl, startServer, startSilentServer } from './helpers/server.js';

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
    // a relative server URL is resolved against the document's URL
    files['/specs/rel.yaml'] = files['/specs/root.yaml']!.replace(/^paths:/m, 'servers:\n  - url: ../api/v1\npaths:');
    const relative = await generate({ spec: `${server.url}/specs/rel.yaml`, write: false });
    expect(relative.ir.baseURL).toBe(`${server.url}/api/v1`);
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

describe('untypeable $ref cycles are errors naming the file, a component, the cycle and a fix', () => {
  const spec = (schemas: string) => `openapi: 3.0.3
info: { title: Cycles, version: 1.0.0 }
paths:
  /a:
    get:
      operationId: getA
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/A' }
components:
  schemas:
${schemas}`;

  test('A → B → A through plain $refs: exit 1, output untouched', async () => {
    const file = write('cycle-ab.yaml', spec('    A: { $ref: "#/components/schemas/B" }\n    B: { $ref: "#/components/schemas/A" }\n'));
    const out = path.join(dir, 'cycle-out');
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'keep.txt'), 'untouched');
    const { code, stderr } = await run(['generate', '--spec', file, '--out', out]);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^error\[ref-cycle\] .*cycle-ab\.yaml:15:\d+ at #\/components\/schemas\/A: The schema A is a circular alias: A → B → A\b.* Fix: Break the cycle/m,
    );
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(await listFiles(out)).toEqual(['keep.txt']);
    expect(readFileSync(path.join(out, 'keep.txt'), 'utf8')).toBe('untouched');
  });

  test('A: allOf [A]', async () => {
    const file = write('cycle-self.yaml', spec('    A:\n      allOf:\n        - $ref: "#/components/schemas/A"\n'));
    const err = await generate({ spec: file, write: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GenerationError);
    const d = (err as GenerationError).diagnostics.find((x) => x.severity === 'error')!;
    expect(d).toMatchObject({ code: 'ref-cycle', pointer: '#/components/schemas/A', line: 15 });
    expect(d.file).toContain('cycle-self.yaml');
    expect(d.message).toContain('circular alias: A → A');
  });

  test('a cycle only through union variants, allOf parts and nullable wrappers', async () => {
    const file = write(
      'cycle-union.yaml',
      spec(`    A:
      oneOf:
        - $ref: "#/components/schemas/B"
        - { type: string }
    B:
      nullable: true
      allOf:
        - $ref: "#/components/schemas/C"
    C:
      anyOf:
        - $ref: "#/components/schemas/A"
        - { type: integer }
`),
    );
    const err = await generate({ spec: file, write: false }).catch((e: unknown) => e);
    const errors = (err as GenerationError).diagnostics.filter((x) => x.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'ref-cycle', pointer: '#/components/schemas/A' });
    expect(errors[0]!.message).toContain('A → B → C → A');
  });

  test('recursion through object properties, array items and map values is fine', async () => {
    const file = write(
      'recursive-ok.yaml',
      spec(`    A:
      oneOf:
        - $ref: "#/components/schemas/Node"
        - { type: array, items: { $ref: "#/components/schemas/A" } }
        - { type: object, additionalProperties: { $ref: "#/components/schemas/A" } }
    Node:
      type: object
      properties:
        value: { $ref: "#/components/schemas/A" }
        children: { type: array, items: { $ref: "#/components/schemas/Node" } }
`),
    );
    const result = await generate({ spec: file, write: false });
    expect(result.diagnostics.filter((d) => d.code === 'ref-cycle')).toEqual([]);
  });
});

describe('unsupported versions name what is supported', () => {
  test.each([
    ['openapi: 4.0.0', 'OpenAPI 4.0.0'],
    ['openapi: 3.3.0', 'OpenAPI 3.3.0'],
    ['swagger: "1.2"', 'Swagger 1.2'],
  ])('%s', async (version, named) => {
    const spec = write(`v-${named.replace(/\W+/g, '-')}.yaml`, valid().replace('openapi: 3.1.0', version));
    const { code, stderr } = await run(['generate', '--spec', spec, '--out', path.join(dir, 'o')]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error\[unsupported-version\] .*v-.*\.yaml:1:\d+ at #\/(openapi|swagger): /);
    expect(stderr).toContain(`${named} is not supported: sdkforge reads Swagger 2.0, OpenAPI 3.0.x, 3.1.x and 3.2.x documents.`);
  });
});

describe('Swagger 2.0 input', () => {
  const swagger = `swagger: '2.0'
info: { title: Uploads, version: 1.0.0 }
host: api.example.com
basePath: /v1
schemes: [https]
paths:
  /files:
    post:
      operationId: uploadFile
      consumes: [multipart/form-data]
      parameters:
        - { name: file, in: formData, type: file, required: true }
        - { name: note, in: formData, type: string }
      responses:
        '200': { description: ok, schema: { $ref: 'parts/file.yaml' } }
  /forms:
    post:
      operationId: sendForm
      consumes: [application/x-www-form-urlencoded]
      parameters:
        - { name: name, in: formData, type: string, required: true }
        - { name: tags, in: query, type: array, items: { type: string }, collectionFormat: tsv }
      responses:
        '204': { description: done }
definitions:
  Other: { type: object, properties: { file: { $ref: 'parts/file.yaml' } } }
`;

  test('is converted to 3.0: formData becomes multipart or urlencoded bodies, files binary, other files named types', async () => {
    write('v2/parts/file.yaml', 'type: object\nrequired: [id]\nproperties:\n  id: { type: string }\n');
    const spec = write('v2/swagger.yaml', swagger);
    const result = await generate({ spec, write: false });
    const upload = result.ir.operations.find((o) => o.operationId === 'uploadFile')!;
    expect(upload.requestBody?.contents.map((c) => c.mediaType)).toEqual(['multipart/form-data']);
    expect(upload.requestBody?.contents[0]!.schema).toMatchObject({
      kind: 'object',
      properties: expect.arrayContaining([expect.objectContaining({ name: 'file', required: true, schema: expect.objectContaining({ kind: 'binary' }) })]),
    });
    expect(upload.success?.schema).toMatchObject({ kind: 'ref', name: 'File' });
    const form = result.ir.operations.find((o) => o.operationId === 'sendForm')!;
    expect(form.requestBody?.contents.map((c) => c.mediaType)).toEqual(['application/x-www-form-urlencoded']);
    expect(result.ir.baseURL).toBe('https://api.example.com/v1');
    expect(result.ir.schemas.map((s) => s.name).sort()).toEqual(['File', 'Other']);
    // what the converter could not carry over is a located warning
    const converted = result.diagnostics.filter((d) => d.code === 'swagger2-converted');
    expect(converted).toHaveLength(1);
    expect(converted[0]).toMatchObject({ severity: 'warning', pointer: '#/paths/~1forms/post/parameters/1', line: 22 });
    expect(converted[0]!.message).toContain('collectionFormat:tsv');
  });

  test('a Swagger 2.0 cycle error points into definitions', async () => {
    const spec = write('v2/cycle.yaml', `swagger: '2.0'
info: { title: C, version: '1' }
paths: {}
definitions:
  A: { $ref: '#/definitions/B' }
  B: { $ref: '#/definitions/A' }
`);
    const err = await generate({ spec, write: false }).catch((e: unknown) => e);
    const d = (err as GenerationError).diagnostics.find((x) => x.severity === 'error');
    expect(d).toMatchObject({ code: 'ref-cycle', pointer: '#/definitions/A', line: 5 });
  });
});

test('the same schema rule broken at many places is one warning, without echoes', async () => {
  const props = Array.from({ length: 5 }, (_, i) => `        p${i}: { type: number, minimum: 0, exclusiveMinimum: 0 }`).join('\n');
  const spec = write('many.yaml', valid(props).replace('openapi: 3.1.0', 'openapi: 3.0.3').replace("        id: { type: string }\n", "        id: { type: string }\n"));
  const result = await generate({ spec, write: false });
  const invalid = result.diagnostics.filter((d) => d.code === 'schema-invalid');
  expect(invalid).toHaveLength(1);
  expect(invalid[0]!.pointer).toBe('#/components/schemas/Thing/properties/p0/exclusiveMinimum');
  expect(invalid[0]!.line).toBeGreaterThan(0);
  expect(invalid[0]!.message).toMatch(/must be boolean \(\+4 more like this, e\.g\. at #\/components\/schemas\/Thing\/properties\/p1\/exclusiveMinimum, .*p2.*, …\)\.$/);
});

test('the ahead-of-time compiled OpenAPI schema check reports exactly what swagger-parser compiles at run time', async () => {
  const { createRequire } = await import('node:module');
  const { existsSync } = await import('node:fs');
  const { openapiSchemaValidator } = await import('../generator/load/openapi-validators.js');
  expect(existsSync(path.join(process.cwd(), 'dist/openapi-validators/v31.cjs'))).toBe(true); // written by `npm run compile`
  const swaggerParsers = createRequire(import.meta.url)('@apidevtools/swagger-parser/lib/validators/schema.js') as (api: unknown) => void;
  const details = (check: (api: unknown) => void, doc: object) => {
    try {
      check(structuredClone(doc));
      return 'valid';
    } catch (err) {
      return JSON.stringify((err as { details: unknown }).details);
    }
  };
  const bad = { type: 'object', properties: { a: { type: 'strin', minimum: 'x' } }, required: 'a' };
  const docs = [
    { swagger: '2.0', info: { title: 'T', version: '1' }, paths: { '/a': { get: { responses: { '200': { description: 'ok', schema: bad } } } } }, extra: 1 },
    { openapi: '3.0.3', info: { title: 'T' }, paths: { '/a': { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: bad } } } } } } } },
    { openapi: '3.1.0', info: { title: 'T', version: '1' }, paths: { '/a': { get: { responses: { ok: {} } } } }, components: { schemas: { B: bad } } },
    { openapi: '3.1.0', info: { title: 'T', version: '1' }, paths: {} },
  ];
  for (const doc of docs) {
    const precompiled = details(openapiSchemaValidator(doc)!, doc);
    expect(precompiled).toBe(details(swaggerParsers, doc));
  }
  expect(docs.map((doc) => details(openapiSchemaValidator(doc)!, doc) === 'valid')).toEqual([false, false, false, true]);
});

test('IR warnings saying the same at several places are one warning naming the others', async () => {
  const op = (id: string) => ({ operationId: id, responses: { '200': { description: 'ok' } } });
  const document = {
    openapi: '3.0.3',
    info: { title: 'T', version: '1' },
    paths: { '/a/{id}': { get: op('getA'), delete: op('deleteA'), patch: op('patchA') }, '/b/{key}': { get: op('getB') } },
  };
  const result = await generate({ document, spec: 'grouped.yaml', write: false, format: false });
  const undeclared = result.diagnostics.filter((d) => d.code === 'path-param-undeclared');
  expect(undeclared).toHaveLength(2);
  expect(undeclared[0]!.message).toBe('Path parameter {id} is not declared; typed as string (+2 more like this, e.g. at #/paths/~1a~1{id}/delete, #/paths/~1a~1{id}/patch).');
  expect(undeclared[0]!.pointer).toBe('#/paths/~1a~1{id}/get');
  expect(undeclared[1]!.message).toBe('Path parameter {key} is not declared; typed as string.');
});

describe('real-spec cases: $ref members in data, Markdown descriptions, $id/$anchor, unreachable URLs', () => {
  const FIXTURES = path.join(ROOT, 'test/fixtures/specs');

  test('a $ref member inside an example value, a default or an extension is data: nothing is fetched or read, and it is kept', async () => {
    const spec = path.join(FIXTURES, 'data-refs/root.yaml');
    const started = performance.now();
    const loaded = await loadSpec(spec, { fetchTimeout: 2000 });
    expect(performance.now() - started).toBeLessThan(2000);
    const doc = loaded.document as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(doc.components.examples.group.value.members).toEqual([
      { value: 'u1', $ref: 'https://scim.example.invalid/Users/u1' },
      { value: 'u2', $ref: 'https://scim.example.invalid/Users/u2' },
    ]);
    expect(doc['x-code-samples'][0].source).toEqual({ $ref: './no-such-sample.sh' });
    const member = doc.components.schemas.Member;
    expect(member.default).toEqual({ value: 'u0', $ref: 'https://scim.example.invalid/Users/u0' });
    expect(member['x-scim-schema']).toEqual({ $ref: 'https://scim.example.invalid/Schemas/Member' });
    // the real references were followed: the other file is bundled, `properties.default` (a schema) is a $ref
    expect(member.properties.default).toEqual({ $ref: '#/components/schemas/Flag' });
    expect(loaded.warnings).toEqual([]);
    const result = await generate({ spec, write: false });
    expect(result.diagnostics).toEqual([]);
    expect(result.files.get('src/types.ts')).toContain('export interface Member {\n  value?: string;\n  $ref?: string;\n  default?: Flag;\n}');
    expect(result.files.get('src/operations.ts')).toContain('getGroup');
  });

  test('a description that is a $ref to a Markdown or text file becomes its text, relative to the referring file', async () => {
    const result = await generate({ spec: path.join(FIXTURES, 'markdown/root.yaml'), write: false });
    expect(result.diagnostics).toEqual([]);
    expect(result.ir.description).toBe('# Markdown Docs\n\nThe *intro*, kept in a Markdown file.\n');
    const op = result.ir.operations[0]!;
    expect(op.description).toBe('Lists every thing.\n\n- paged: no\n- sorted: by name');
    expect(op.responses[0]!.description).toBe(op.description);
    expect(result.files.get('src/types.ts')).toContain('/** A thing, described in a plain text file. */\nexport interface Thing {\n  description?: Text;\n}');
  });

  test('a Markdown description of a spec at a URL is fetched relative to the URL', async () => {
    const folder = path.join(FIXTURES, 'markdown');
    const server = await startServer((req, res) => {
      const file = path.join(folder, decodeURIComponent(req.rawPath));
      const ok = file.startsWith(folder) && existsSync(file);
      res.writeHead(ok ? 200 : 404, { 'content-type': 'text/plain' });
      res.end(ok ? readFileSync(file) : 'not found');
    });
    try {
      const result = await generate({ spec: `${server.url}/root.yaml`, write: false, fetchTimeout: 2000 });
      expect(result.ir.description).toBe('# Markdown Docs\n\nThe *intro*, kept in a Markdown file.\n');
      expect(result.ir.operations[0]!.description).toBe('Lists every thing.\n\n- paged: no\n- sorted: by name');
      expect(server.requests.map((r) => r.rawPath).sort()).toEqual(['/docs/intro.md', '/docs/list-things.md', '/docs/thing.txt', '/paths/things.yaml', '/root.yaml']);
    } finally {
      await server.close();
    }
  });

  test('a description $ref to a Markdown file that does not exist names the file, line and pointer; nothing is written', async () => {
    const spec = write('md-missing/root.yaml', valid().replace('info: { title: Tiny API, version: 1.0.0 }', 'info:\n  title: Tiny API\n  version: 1.0.0\n  description: { $ref: ./docs/missing.md }'));
    const out = path.join(dir, 'md-missing-out');
    const { code, stderr } = await run(['generate', '--spec', spec, '--out', out]);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^error\[ref-unresolvable\] .*md-missing\/root\.yaml:5:\d+ at #\/info\/description: A description's \$ref names a file that cannot be read: .*md-missing\/docs\/missing\.md: the file does not exist\. Fix: /,
    );
    expect(existsSync(out)).toBe(false);
  });

  test('OpenAPI 3.1 $refs through $id and $anchor URIs resolve against the $ids of the document schemas', async () => {
    const result = await generate({ spec: path.join(FIXTURES, 'schema-ids.yaml'), write: false });
    expect(result.diagnostics).toEqual([]);
    const types = result.files.get('src/types.ts')!;
    expect(types).toContain('export interface Pet {\n  owner: Owner;\n  contact?: {\n    email: string;\n  };\n  ownerName?: string;\n}');
    expect(types).toContain('  backup?: {\n    email: string;\n  };');
    expect(result.ir.operations[0]!.success?.schema).toEqual({ kind: 'ref', name: 'Pet' });
  });

  describe('a URL that does not answer fails within the fetch timeout, naming the URL (and the $ref pointing at it)', () => {
    const remoteRef = (url: string) => valid().replace("'#/components/schemas/Thing'", `'${url}/schemas/thing.yaml'`);

    test('a remote $ref to a server that never answers', async () => {
      const silent = await startSilentServer();
      try {
        const spec = write('remote-hang.yaml', remoteRef(silent.url));
        const out = path.join(dir, 'remote-hang-out');
        const started = performance.now();
        const { code, stderr } = await run(['generate', '--spec', spec, '--out', out, '--fetch-timeout', '500']);
        expect(performance.now() - started).toBeLessThan(5000);
        expect(code).toBe(1);
        expect(stderr).toBe(
          `error[ref-unresolvable] ${spec}:14:15 at #/paths/~1things~1{id}/get/responses/200/content/application~1json/schema: ` +
            `A $ref names a URL that cannot be read: ${silent.url}/schemas/thing.yaml: no answer within 500 ms. ` +
            'Fix: Check that the URL is right and its server answers; --fetch-timeout MS gives a slow server more time. Or point the $ref at a local copy.',
        );
        expect(silent.connections()).toBe(1);
        expect(existsSync(out)).toBe(false);
      } finally {
        await silent.close();
      }
    });

    test('a remote $ref to a closed port: connection refused', async () => {
      const url = await closedPortUrl();
      const spec = write('remote-refused.yaml', remoteRef(url));
      const out = path.join(dir, 'remote-refused-out');
      const { code, stderr } = await run(['generate', '--spec', spec, '--out', out]);
      expect(code).toBe(1);
      expect(stderr).toMatch(/^error\[ref-unresolvable\] .*remote-refused\.yaml:14:15 at #\/paths\/.*\/schema: A \$ref names a URL that cannot be read: /);
      expect(stderr).toContain(`${url}/schemas/thing.yaml: connection refused.`);
      expect(existsSync(out)).toBe(false);
    });

    test('a remote $ref in another file names that file, its line and the pointer there', async () => {
      const url = await closedPortUrl();
      write('remote-sub/parts/thing.yaml', `type: object\nproperties:\n  owner: { $ref: '${url}/owner.yaml' }\n`);
      const spec = write('remote-sub/root.yaml', valid().replace("'#/components/schemas/Thing'", "'./parts/thing.yaml'"));
      const err = await generate({ spec, write: false }).catch((e: unknown) => e);
      expect((err as GenerationError).diagnostics).toEqual([
        expect.objectContaining({
          code: 'ref-unresolvable',
          file: path.relative(process.cwd(), path.join(dir, 'remote-sub/parts/thing.yaml')),
          line: 3,
          pointer: '#/properties/owner',
          message: `A $ref names a URL that cannot be read: ${url}/owner.yaml: connection refused.`,
        }),
      ]);
    });

    test('a spec from a public host may not make a description $ref read local files or internal addresses', async () => {
      const server = await startServer();
      try {
        for (const target of [`${server.url}/intro.md`, 'file:///etc/hostname']) {
          const document = { openapi: '3.0.3', info: { title: 'T', version: '1', description: { $ref: target } }, paths: {} };
          const err = await generate({ document, spec: 'https://api.example.com/openapi.yaml', write: false }).catch((e: unknown) => e);
          expect((err as GenerationError).diagnostics[0]).toMatchObject({ code: 'ref-unresolvable', pointer: '#/info/description' });
          expect((err as GenerationError).diagnostics[0]!.message).toMatch(/may not make sdkforge (read local files|fetch internal addresses)\.$/);
        }
        expect(server.requests).toEqual([]);
      } finally {
        await server.close();
      }
    });

    test('a spec URL that never answers', async () => {
      const silent = await startSilentServer();
      try {
        const out = path.join(dir, 'url-hang-out');
        const started = performance.now();
        const { code, stderr } = await run(['generate', '--spec', `${silent.url}/openapi.yaml`, '--out', out, '--fetch-timeout', '500']);
        expect(performance.now() - started).toBeLessThan(5000);
        expect(code).toBe(1);
        expect(stderr).toBe(
          `error[file-missing] ${silent.url}/openapi.yaml: Cannot read the spec at ${silent.url}/openapi.yaml: no answer within 500 ms. ` +
            'Fix: Check that the URL is right and its server answers; --fetch-timeout MS gives a slow server more time.',
        );
        expect(existsSync(out)).toBe(false);
      } finally {
        await silent.close();
      }
    });

    test('a spec URL whose port is closed: connection refused, and no hint about relative paths', async () => {
      const url = await closedPortUrl();
      const out = path.join(dir, 'url-refused-out');
      const { code, stderr } = await run(['generate', '--spec', `${url}/openapi.yaml`, '--out', out]);
      expect(code).toBe(1);
      expect(stderr).toBe(
        `error[file-missing] ${url}/openapi.yaml: Cannot read the spec at ${url}/openapi.yaml: connection refused. ` +
          "Fix: Check the URL (scheme, host and port) and that its server is running.",
      );
      expect(stderr).not.toContain('relative');
      expect(existsSync(out)).toBe(false);
    });

    test('the default bound is 30 s, and the programmatic option sets another', async () => {
      expect(DEFAULT_FETCH_TIMEOUT).toBe(30_000);
      const silent = await startSilentServer();
      try {
        const err = await generate({ spec: `${silent.url}/openapi.yaml`, write: false, fetchTimeout: 300 }).catch((e: unknown) => e);
        expect((err as GenerationError).diagnostics[0]!.message).toBe(`Cannot read the spec at ${silent.url}/openapi.yaml: no answer within 300 ms.`);
      } finally {
        await silent.close();
      }
    });
  });
});
