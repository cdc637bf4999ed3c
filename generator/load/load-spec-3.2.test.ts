// OpenAPI 3.2 documents: the 3.2 schema's own test documents (../shared/specs/oas-3.2/tests) load, and generate;
// each invalid one is reported with a located diagnostic. Skipped when ../shared is absent, except under CI=true.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GenerationError, type Diagnostic } from '../diagnostics.js';
import { generate } from '../index.js';
import { loadSpec } from './load-spec.js';
import { SHARED } from '../../test/helpers/paths.js';

const TESTS = path.join(SHARED, 'specs/oas-3.2/tests');
const HAVE = existsSync(TESTS);
const run = HAVE || process.env.CI === 'true' ? describe : describe.skip;
const list = (kind: string) => (HAVE ? readdirSync(path.join(TESTS, kind)).filter((f) => f.endsWith('.yaml')).sort() : []);

/** Its `$ref` names https://example.com/api/openapi.json, which does not exist: reported, located, as unreadable. */
const NEEDS_NETWORK = new Set(['security-scheme-object-examples.yaml']);

run('OpenAPI 3.2 pass documents', () => {
  test.each(list('pass').filter((f) => !NEEDS_NETWORK.has(f)))('%s loads without schema warnings and generates', async (file) => {
    const spec = path.join(TESTS, 'pass', file);
    const loaded = await loadSpec(spec);
    expect(loaded.openapiVersion).toBe('3.2');
    expect(loaded.warnings.filter((d) => d.code.startsWith('schema-') || d.code === 'spec-invalid')).toEqual([]);
    const result = await generate({ spec, write: false });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  test.each([...NEEDS_NETWORK])('%s: its unreachable URL $ref is a located ref-unresolvable', async (file) => {
    const err = await loadSpec(path.join(TESTS, 'pass', file), { fetchTimeout: 2000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GenerationError);
    const [d] = (err as GenerationError).diagnostics;
    expect(d).toMatchObject({ code: 'ref-unresolvable', pointer: '#/components/securitySchemes/external' });
    expect(d!.line).toBeGreaterThan(0);
  });
});

run('OpenAPI 3.2 fail documents', () => {
  test.each(list('fail'))('%s gives a located diagnostic', async (file) => {
    const spec = path.join(TESTS, 'fail', file);
    let diagnostics: Diagnostic[];
    try {
      diagnostics = (await loadSpec(spec)).warnings;
    } catch (err) {
      expect(err).toBeInstanceOf(GenerationError);
      diagnostics = (err as GenerationError).diagnostics;
    }
    const located = diagnostics.filter((d) => d.code !== 'schema-unchecked');
    expect(located.length).toBeGreaterThan(0);
    for (const d of located) {
      expect(d.file).toBe(spec);
      expect(d.line).toBeGreaterThan(0);
      expect(d.pointer).toMatch(/^#/);
    }
  });

  test('the OpenAPI keywords of a Schema Object are checked too (xml: nodeType excludes attribute and wrapped)', async () => {
    const { warnings } = await loadSpec(path.join(TESTS, 'fail', 'xml-attr-exclusion.yaml'));
    expect(warnings).toContainEqual(expect.objectContaining({ code: 'schema-invalid', pointer: expect.stringMatching(/^#\/components\/schemas\/Attr\/xml/) }));
  });

  test('an invalid 3.2 document is reported at the place that breaks the schema', async () => {
    const { warnings } = await loadSpec(path.join(TESTS, 'fail', 'parameter-object-path-name.yaml'));
    expect(warnings).toContainEqual(
      expect.objectContaining({ code: 'schema-invalid', pointer: '#/components/parameters/BadPath/name', line: 8, column: 7 }),
    );
  });
});

describe('OpenAPI 3.2 reading', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sdkforge-oas32-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('$self is the base URI of relative references', async () => {
    mkdirSync(path.join(dir, 'a'), { recursive: true });
    mkdirSync(path.join(dir, 'b'), { recursive: true });
    writeFileSync(path.join(dir, 'b', 'thing.yaml'), 'type: object\nproperties: { id: { type: string } }\n');
    // without $self, ./thing.yaml would be a/thing.yaml, which does not exist
    writeFileSync(
      path.join(dir, 'a', 'openapi.yaml'),
      `openapi: 3.2.0
$self: ../b/openapi.yaml
info: { title: T, version: '1' }
paths:
  /things:
    get:
      operationId: getThing
      responses:
        '200':
          content:
            application/json:
              schema: { $ref: './thing.yaml' }
`,
    );
    const loaded = await loadSpec(path.join(dir, 'a', 'openapi.yaml'));
    expect(JSON.stringify(loaded.document)).toContain('"id":{"type":"string"}');
  });

  test('a response without a description (allowed in 3.2) generates', async () => {
    const spec = path.join(dir, 'no-description.yaml');
    writeFileSync(
      spec,
      `openapi: 3.2.0
info: { title: T, version: '1' }
paths:
  /things:
    get:
      operationId: listThings
      responses:
        '200':
          content:
            application/json:
              schema: { type: array, items: { type: string } }
`,
    );
    const result = await generate({ spec, write: false });
    expect(result.diagnostics).toEqual([]);
    expect(result.ir.operations.map((o) => o.name)).toEqual(['listThings']);
  });

  test('openapi 3.3 is still unsupported', async () => {
    const spec = path.join(dir, 'v33.yaml');
    writeFileSync(spec, `openapi: 3.3.0\ninfo: { title: T, version: '1' }\npaths: {}\n`);
    const err = await loadSpec(spec).catch((e: unknown) => e);
    expect((err as GenerationError).diagnostics.map((d) => d.code)).toEqual(['unsupported-version']);
  });
});
