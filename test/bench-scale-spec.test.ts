// The scale series' spec maker (bench/scale-spec.ts), run as the bench's compiled script: 2 copies of the
// official OpenAI spec hold twice its paths, operations, webhooks and schemas, under distinct names, every
// `$ref` resolves and stays inside its own copy, and the result is valid OpenAPI (sdkforge's own loader and
// swagger-parser's validate). A tiny spec shows discriminator mappings, path refs and shared security schemes;
// an external `$ref` is refused with a clear message.
import SwaggerParser from '@apidevtools/swagger-parser';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import jsYaml from 'js-yaml';
import { loadSpec } from '../generator/load/load-spec.js';
import { parsePointer, resolvePointer } from '../generator/util/json-pointer.js';
import { HAVE_SHARED, OFFICIAL_SPEC, ROOT } from './helpers/paths.js';

const run = promisify(execFile);
const MAKER = path.join(ROOT, 'dist/bench/scale-spec.js');
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

type Raw = Record<string, any>;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sdkforge-scale-spec-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function make(spec: string, copies: number): Promise<{ doc: Raw; file: string; report: Raw }> {
  expect(existsSync(MAKER)).toBe(true); // built by `npm run compile`
  const file = path.join(dir, `${path.basename(spec)}-x${copies}.json`);
  const { stdout } = await run(process.execPath, [MAKER, '--spec', spec, '--copies', String(copies), '--out', file], { maxBuffer: 16 << 20 });
  return { doc: JSON.parse(readFileSync(file, 'utf8')) as Raw, file, report: JSON.parse(stdout) as Raw };
}

/** Every `$ref` string in `doc` with where it is. */
function refsOf(doc: unknown): { at: string[]; ref: string }[] {
  const out: { at: string[]; ref: string }[] = [];
  const walk = (node: unknown, at: string[]) => {
    if (Array.isArray(node)) node.forEach((v, i) => walk(v, [...at, String(i)]));
    else if (node && typeof node === 'object')
      for (const [k, v] of Object.entries(node)) {
        if (k === '$ref' && typeof v === 'string') out.push({ at, ref: v });
        else walk(v, [...at, k]);
      }
  };
  walk(doc, []);
  return out;
}

const operationsOf = (doc: Raw) => Object.values(doc.paths as Raw).flatMap((item: Raw) => METHODS.filter((m) => item[m]).map((m) => item[m] as Raw));

/** The copy a place of the scaled document belongs to (`/c2/...` paths, `Name_c2` components and webhooks). */
function copyOf(at: string[]): string | undefined {
  if (at[0] === 'paths') return /^\/(c\d+)\//.exec(at[1]!)?.[1];
  if (at[0] === 'webhooks') return /_(c\d+)$/.exec(at[1]!)?.[1];
  if (at[0] === 'components') return /_(c\d+)$/.exec(at[2]!)?.[1];
  return undefined;
}

const describeShared = HAVE_SHARED ? describe : describe.skip;
if (!HAVE_SHARED) console.warn('bench-scale-spec.test.ts: the official-spec test is skipped: ../shared/specs/openai is not present');

describeShared('2 copies of the official OpenAI spec', () => {
  let original: Raw;
  let doc: Raw;
  let file: string;
  let report: Raw;
  beforeAll(async () => {
    original = jsYaml.load(readFileSync(OFFICIAL_SPEC, 'utf8')) as Raw;
    ({ doc, file, report } = await make(OFFICIAL_SPEC, 2));
  }, 60_000);

  test('twice the paths, operations, webhooks and schemas, under distinct names', () => {
    const ops = operationsOf(original);
    expect(operationsOf(doc)).toHaveLength(2 * ops.length);
    expect(Object.keys(doc.paths)).toHaveLength(2 * Object.keys(original.paths).length);
    expect(Object.keys(doc.webhooks)).toHaveLength(2 * Object.keys(original.webhooks).length);
    expect(Object.keys(doc.components.schemas)).toHaveLength(2 * Object.keys(original.components.schemas).length);
    expect(Object.keys(doc.components.responses)).toHaveLength(2 * Object.keys(original.components.responses).length);
    expect(report).toMatchObject({ copies: 2, operations: 2 * ops.length, schemas: 2 * Object.keys(original.components.schemas).length, bytes: readFileSync(file).length });

    for (const k of [1, 2]) {
      expect(Object.keys(doc.paths).filter((p) => p.startsWith(`/c${k}/`)).sort()).toEqual(Object.keys(original.paths).map((p) => `/c${k}${p}`).sort());
      expect(Object.keys(doc.components.schemas).filter((n) => n.endsWith(`_c${k}`)).sort()).toEqual(Object.keys(original.components.schemas).map((n) => `${n}_c${k}`).sort());
    }
    const ids = operationsOf(doc).map((op) => op.operationId as string);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id.endsWith('_c2')).sort()).toEqual(ops.map((op) => `${op.operationId}_c2`).sort());
    // one API, one set of credentials: the security schemes are shared, as the requirements naming them
    expect(doc.components.securitySchemes).toEqual(original.components.securitySchemes);
    expect(doc.security).toEqual(original.security);
  });

  test('every $ref resolves, and into its own copy', () => {
    const refs = refsOf(doc);
    expect(refs.length).toBe(2 * refsOf(original).length);
    for (const { at, ref } of refs) {
      if (resolvePointer(doc, ref) === undefined) throw new Error(`${ref} at ${at.join('/')} resolves to nothing`);
      const from = copyOf(at);
      const to = copyOf(parsePointer(ref));
      if (!from || from !== to) throw new Error(`${ref} at ${at.join('/')} leaves its copy (${from} → ${to})`);
    }
  });

  test('valid OpenAPI: sdkforge loads it with as few warnings as the original, swagger-parser validates it', async () => {
    const [scaled, plain] = await Promise.all([loadSpec(file), loadSpec(OFFICIAL_SPEC)]);
    expect(scaled.warnings.map((w) => w.code)).toEqual(plain.warnings.flatMap((w) => [w.code, w.code]));
    await expect(SwaggerParser.validate(file)).resolves.toBeTruthy();
  }, 60_000);
});

test('discriminator mappings, path refs and webhooks are renamed per copy; security schemes are shared', async () => {
  const spec = path.join(dir, 'tiny.json');
  writeFileSync(
    spec,
    JSON.stringify({
      openapi: '3.1.0',
      info: { title: 'Tiny', version: '1.0.0' },
      tags: [{ name: 'pets' }],
      paths: {
        '/pets': {
          get: { operationId: 'listPets', tags: ['pets'], responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } } } },
        },
        '/animals': { $ref: '#/paths/~1pets' },
      },
      webhooks: { petAdded: { post: { operationId: 'petAdded', requestBody: { $ref: '#/components/requestBodies/PetBody' }, responses: { '200': { description: 'ok' } } } } },
      components: {
        schemas: {
          Pet: { oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }], discriminator: { propertyName: 'kind', mapping: { cat: '#/components/schemas/Cat', dog: 'Dog' } } },
          Cat: { type: 'object', properties: { kind: { type: 'string' } } },
          Dog: { type: 'object', properties: { kind: { type: 'string' } } },
        },
        requestBodies: { PetBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } } },
        securitySchemes: { key: { type: 'http', scheme: 'bearer' } },
      },
      security: [{ key: [] }],
    }),
  );
  const { doc } = await make(spec, 3);
  expect(Object.keys(doc.paths)).toEqual(['/c1/pets', '/c1/animals', '/c2/pets', '/c2/animals', '/c3/pets', '/c3/animals']);
  expect(doc.paths['/c2/animals']).toEqual({ $ref: '#/paths/~1c2~1pets' });
  expect(doc.paths['/c3/pets'].get.operationId).toBe('listPets_c3');
  expect(doc.paths['/c3/pets'].get.tags).toEqual(['pets_c3']);
  expect(doc.tags).toEqual([{ name: 'pets_c1' }, { name: 'pets_c2' }, { name: 'pets_c3' }]);
  expect(doc.components.schemas.Pet_c2.discriminator.mapping).toEqual({ cat: '#/components/schemas/Cat_c2', dog: 'Dog_c2' });
  expect(doc.webhooks.petAdded_c3.post).toMatchObject({ operationId: 'petAdded_c3', requestBody: { $ref: '#/components/requestBodies/PetBody_c3' } });
  expect(Object.keys(doc.components.securitySchemes)).toEqual(['key']);
  await expect(SwaggerParser.validate(path.join(dir, 'tiny.json-x3.json'))).resolves.toBeTruthy();
});

test('an external $ref, or no copies, is refused with a clear message', async () => {
  const spec = path.join(dir, 'external.json');
  writeFileSync(spec, JSON.stringify({ openapi: '3.0.3', info: { title: 'X', version: '1' }, paths: { '/a': { $ref: 'other.yaml#/a' } } }));
  await expect(run(process.execPath, [MAKER, '--spec', spec, '--copies', '2', '--out', path.join(dir, 'x.json')])).rejects.toMatchObject({
    code: 1,
    stderr: expect.stringContaining('external $ref "other.yaml#/a" (bundle the spec into one file first)'),
  });
  await expect(run(process.execPath, [MAKER, '--spec', spec, '--copies', '0', '--out', path.join(dir, 'x.json')])).rejects.toMatchObject({
    code: 1,
    stderr: expect.stringContaining('copies must be a positive integer, not 0'),
  });
  expect(existsSync(path.join(dir, 'x.json'))).toBe(false);
});
