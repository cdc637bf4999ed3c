// `sdkforge diff`: changes between spec versions, judged by named rules for the direction they travel, with a
// semver suggestion. Each rule has a spec pair in test/fixtures/diff/rules/ asserting its verdict; the cases in
// test/fixtures/diff/cases/ pin how types are compared (structurally, $refs resolved, allOf merged).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main, type Io } from './cli.js';
import { allRuleIds, diffIR, diffSpecs, renderMarkdown, type SpecDiff } from './diff.js';
import { FIXED_RULES, SCHEMA_CHANGES, schemaRuleId } from './diff/rules.js';
import { generate } from './index.js';
import { buildIR } from './ir/build.js';
import { yaml } from './load/yaml.js';
import { HAVE_SHARED, OFFICIAL_SPEC, OFFICIAL_SPEC_2025, ROOT } from '../test/helpers/paths.js';

const FIXTURES = path.join(ROOT, 'test/fixtures/diff');

/**
 * One side of a fixture: an OpenAPI document, written short. `paths` as they are; or `request` / `response` /
 * `parameters` for one operation `updateThing` (POST /things/{id}), with `bodyRequired` (default true) and the
 * media types (`requestTypes`, `responseTypes`, default JSON). `schemas` are the components.
 */
interface Side {
  paths?: object;
  request?: object;
  response?: object;
  parameters?: object[];
  bodyRequired?: boolean;
  requestTypes?: string[];
  responseTypes?: string[];
  schemas?: object;
  /** Document-level members as they are (3.2 named servers, tags with parents, security schemes). */
  servers?: object[];
  tags?: object[];
  securitySchemes?: object;
  /** A 3.1 `webhooks` member as it is. */
  webhooks?: object;
}

interface Expectation {
  rule: string;
  breaking?: boolean;
  message?: string;
  subject?: string;
  name?: string;
  kind?: string;
  pointer?: string;
}

interface Fixture {
  expect: Expectation[];
  /** The expected changes are all the changes. */
  only?: boolean;
  old: Side;
  new: Side;
}

function documentOf(side: Side): object {
  const content = (types: string[] | undefined, schema: object) => Object.fromEntries((types ?? ['application/json']).map((t) => [t, { schema }]));
  const paths = side.paths ?? (side.request || side.response || side.parameters
    ? {
        '/things/{id}': {
          post: {
            operationId: 'updateThing',
            parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, ...(side.parameters ?? [])],
            ...(side.request ? { requestBody: { required: side.bodyRequired ?? true, content: content(side.requestTypes, side.request) } } : {}),
            responses: { '200': { description: 'ok', ...(side.response ? { content: content(side.responseTypes, side.response) } : {}) } },
          },
        },
      }
    : {});
  return {
    openapi: side.servers || side.tags || side.securitySchemes ? '3.2.0' : '3.1.0',
    info: { title: 'T', version: '1' },
    ...(side.servers ? { servers: side.servers } : {}),
    ...(side.tags ? { tags: side.tags } : {}),
    paths,
    ...(side.webhooks ? { webhooks: side.webhooks } : {}),
    components: { schemas: side.schemas ?? {}, ...(side.securitySchemes ? { securitySchemes: side.securitySchemes } : {}) },
  };
}

const ir = (doc: object) => buildIR(doc as never).ir;
const load = (dir: string) =>
  readdirSync(path.join(FIXTURES, dir))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => [f.replace(/\.yaml$/, ''), yaml().parse(readFileSync(path.join(FIXTURES, dir, f), 'utf8')) as Fixture] as const);
const RULE_FIXTURES = load('rules');
const CASES = load('cases');

function check(fixture: Fixture): SpecDiff {
  const d = diffIR(ir(documentOf(fixture.old)), ir(documentOf(fixture.new)));
  const summary = d.changes.map((c) => `${c.rule}: ${c.message}`);
  for (const e of fixture.expect) {
    const found = d.changes.find((c) => Object.entries(e).every(([k, v]) => (k === 'message' ? c.message.includes(v as string) : c[k as keyof typeof c] === v)));
    expect({ expected: e, found: found ?? summary }).toEqual({ expected: e, found: expect.objectContaining({ ...e, message: expect.stringContaining(e.message ?? '') }) });
  }
  if (fixture.only) expect(summary).toHaveLength(fixture.expect.length);
  return d;
}

describe('each rule, on a spec pair that shows it', () => {
  test.each(RULE_FIXTURES)('%s', (name, fixture) => {
    expect(fixture.expect.map((e) => e.rule)).toContain(name);
    const d = check(fixture);
    // the bump follows from the verdict
    const breaking = fixture.expect.find((e) => e.rule === name)!.breaking;
    if (breaking) expect(d.bump).toBe('major');
    else expect(d.bump).not.toBe('major');
  });

  test('every rule, in each direction it has, has its spec pair; every rule name is documented', () => {
    const covered = new Set(RULE_FIXTURES.map(([name]) => name));
    for (const rule of Object.keys(FIXED_RULES)) expect({ rule, covered: covered.has(rule) }).toEqual({ rule, covered: true });
    for (const change of Object.keys(SCHEMA_CHANGES) as (keyof typeof SCHEMA_CHANGES)[]) {
      for (const d of ['request', 'response'] as const) {
        const ids = ['', 'parameter', 'property'].map((s) => schemaRuleId(change, d, s as never));
        expect({ change, d, covered: ids.some((id) => covered.has(id)) }).toEqual({ change, d, covered: true });
      }
    }
    const doc = readFileSync(path.join(ROOT, 'docs/diff-rules.md'), 'utf8');
    for (const id of allRuleIds()) expect({ id, documented: doc.includes(`\`${id}\``) }).toEqual({ id, documented: true });
    // and it names no rule that does not exist
    const named = [...doc.matchAll(/`((?:request|response|operation|schema|environment|security-scheme|tag|webhook)-[a-z-]+)`/g)].map((m) => m[1]);
    expect(named.filter((id) => !allRuleIds().includes(id!))).toEqual([]);
  });
});

describe('structural comparison', () => {
  test.each(CASES)('%s', (_name, fixture) => {
    check(fixture);
  });
});

test('the bump: major for a breaking change, minor for additions, patch for other compatible changes, none', () => {
  const side = (response: object): Side => ({ response });
  const obj = (props: object, required: string[] = []) => ({ type: 'object', required, properties: props });
  const diff = (a: Side, b: Side) => diffIR(ir(documentOf(a)), ir(documentOf(b)));
  expect(diff(side(obj({ a: { type: 'string' } })), side(obj({ a: { type: 'string' } })))).toMatchObject({ bump: 'none', changes: [] });
  expect(diff(side(obj({ a: { type: 'string' } })), side(obj({ a: { type: 'string' }, b: { type: 'string' } }))).bump).toBe('minor');
  expect(diff(side(obj({ a: { type: 'string' } })), side(obj({ a: { type: 'string' } }, ['a']))).bump).toBe('patch');
  expect(diff(side(obj({ a: { type: 'string' } }, ['a'])), side(obj({ a: { type: 'string' } }))).bump).toBe('major');
});

test('with the current version, the next one: major, minor, patch and none; an invalid version is refused', () => {
  const base = ir(documentOf({ response: { type: 'string' } }));
  const grown = ir(documentOf({ response: { type: 'string' }, parameters: [{ name: 'v', in: 'query', schema: { type: 'string' } }] }));
  const broken = ir(documentOf({ response: { type: 'integer' } }));
  expect(diffIR(base, broken, { currentVersion: '1.4.2' })).toMatchObject({ bump: 'major', currentVersion: '1.4.2', nextVersion: '2.0.0' });
  expect(diffIR(base, grown, { currentVersion: '1.4.2' })).toMatchObject({ bump: 'minor', nextVersion: '1.5.0' });
  expect(diffIR(base, base, { currentVersion: '1.4.2' })).toMatchObject({ bump: 'none', nextVersion: '1.4.2' });
  // plain semver below 1.0.0 too: a breaking change is 1.0.0
  expect(diffIR(base, broken, { currentVersion: '0.3.1' }).nextVersion).toBe('1.0.0');
  expect(diffIR(base, base).nextVersion).toBeUndefined();
  expect(() => diffIR(base, base, { currentVersion: '1.4' })).toThrow(/--current-version must be a semver version/);
  expect(renderMarkdown(diffIR(base, broken, { currentVersion: '1.4.2' }))).toContain('Next version: **2.0.0** (from 1.4.2).');
});

test('markdown: breaking changes first, each with its rule and pointer; the header names both files when the versions are equal', async () => {
  const before = path.join(FIXTURES, 'same-version/before.yaml');
  const after = path.join(FIXTURES, 'same-version/after.yaml');
  const d = await diffSpecs(before, after);
  expect(d.from).toEqual({ title: 'Pets', version: '1.0.0', source: before });
  const md = renderMarkdown(d);
  expect(md.split('\n')[0]).toBe(`## Pets: ${before} → ${after} (both version 1.0.0)`);
  expect(md).toContain('### Breaking changes\n\n- listPets: response property `name` widened from string to string | number (`response-property-type-widened` at `#/paths/~1pets/get/responses/properties/name`)');
  const versions = diffIR(ir({ ...documentOf({}), info: { title: 'T', version: '1.0' } }), ir({ ...documentOf({}), info: { title: 'T', version: '2.0' } }));
  expect(renderMarkdown(versions).split('\n')[0]).toBe('## T 1.0 → 2.0');
  expect(renderMarkdown(versions)).toContain('No changes for client users.');
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (l) => out.push(l), err: (l) => err.push(l), tty: false, env: {} };
  return { io, out, err };
}

test('CLI: --current-version prints the next version (JSON: currentVersion, nextVersion); a bad one is a usage error', async () => {
  const before = path.join(FIXTURES, 'same-version/before.yaml');
  const after = path.join(FIXTURES, 'same-version/after.yaml');
  const js = capture();
  expect(await main(['diff', before, after, '--format', 'json', '--current-version', '2.7.0'], js.io)).toBe(0);
  const parsed = JSON.parse(js.out.join('\n'));
  expect(parsed).toMatchObject({ bump: 'major', currentVersion: '2.7.0', nextVersion: '3.0.0' });
  expect(parsed.changes[0]).toEqual({
    subject: 'operation',
    name: 'listPets',
    kind: 'changed',
    breaking: true,
    rule: 'response-property-type-widened',
    pointer: '#/paths/~1pets/get/responses/properties/name',
    message: 'listPets: response property `name` widened from string to string | number',
  });
  const md = capture();
  expect(await main(['diff', before, before, '--current-version', '2.7.0'], md.io)).toBe(0);
  expect(md.out.join('\n')).toContain('**none**');
  expect(md.out.join('\n')).toContain('Next version: **2.7.0**');
  const bad = capture();
  expect(await main(['diff', before, after, '--current-version', 'v2'], bad.io)).toBe(2);
  expect(bad.err.join('\n')).toContain("--current-version must be a semver version such as 1.4.2, not 'v2'");
  expect(await main(['diff', before, after, '--fail-on-breaking'], capture().io)).toBe(2);
  const help = capture();
  expect(await main(['diff', '--help'], help.io)).toBe(0);
  expect(help.out.join('\n')).toContain('--current-version X.Y.Z');
});

const describeShared = HAVE_SHARED || process.env.CI === 'true' ? describe : describe.skip;
describeShared('the two official OpenAI versions', () => {
  let d: SpecDiff;
  let ms: number;
  const find = (text: string) => d.changes.find((c) => c.message.includes(text));
  const about = (prefix: string) => d.changes.filter((c) => c.message.startsWith(prefix));
  beforeAll(async () => {
    const started = performance.now();
    d = await diffSpecs(OFFICIAL_SPEC_2025, OFFICIAL_SPEC, { currentVersion: '2.3.0' });
    ms = performance.now() - started;
  }, 120000);

  test('operations and properties added, non-breaking', () => {
    const added = d.changes.filter((c) => c.rule === 'operation-added');
    expect(added.length).toBeGreaterThanOrEqual(130);
    expect(added.map((c) => c.name)).toEqual(expect.arrayContaining(['createConversation']));
    expect(find('Model: optional property `shutdown_date` added')).toMatchObject({ breaking: false, rule: 'response-optional-property-added', pointer: '#/components/schemas/Model/properties/shutdown_date' });
    expect(find('CreateChatCompletionRequest: optional property `verbosity` added')).toMatchObject({ breaking: false, rule: 'request-optional-property-added' });
  });

  test('an inline schema that moved into a component with the same shape is no change', () => {
    expect(about('Batch: property `request_counts`')).toEqual([]);
    expect(d.changes.filter((c) => /changed from \{/.test(c.message) && /BatchRequestCounts/.test(c.message))).toEqual([]);
  });

  test('CreateResponse.model, still there with its `required` moved inside an allOf, is not "removed"', () => {
    expect(find('CreateResponse: property `model` removed')).toBeUndefined();
    expect(find('CreateResponse: property `model` is now optional')).toMatchObject({ breaking: false, rule: 'request-property-became-optional' });
  });

  test('a literal added to a `string | enum` request field, and a request enum widened to string, are compatible', () => {
    expect(find('CreateImageRequest: property `model`: known values added')).toMatchObject({ breaking: false, rule: 'request-property-open-enum-value-added' });
    expect(about('CreateImageRequest: property `model`').every((c) => !c.breaking)).toBe(true);
    expect(find('ProjectUserCreateRequest: property `role` widened from "owner" | "member" to string')).toMatchObject({ breaking: false, rule: 'request-property-type-widened' });
  });

  test('a response property that widens is breaking: code reading it may get a value it was not written for', () => {
    expect(find('ProjectUser: property `role` widened from "owner" | "member" to string')).toMatchObject({ breaking: true, rule: 'response-property-type-widened' });
    expect(find('FunctionToolCallOutput: property `output` widened from string to string | FunctionAndCustomToolCallOutput[]')).toMatchObject({ breaking: true });
  });

  test('long unions are summarised, not printed whole', () => {
    expect(d.changes.every((c) => c.message.length < 400)).toBe(true);
    expect(find('ModelIdsShared: type: known values added:')?.message).toMatch(/and \d+ more$/);
    expect(find('OutputItem: type widened from a union of')).toMatchObject({ breaking: true });
  });

  test('breaking changes are found; the bump is major, the next version 3.0.0; markdown and JSON render; it is fast', () => {
    expect(find('listInputItems: query parameter `before` removed')).toMatchObject({ breaking: true, rule: 'request-parameter-removed' });
    expect(d).toMatchObject({ bump: 'major', currentVersion: '2.3.0', nextVersion: '3.0.0' });
    expect(d.changes.every((c) => typeof c.rule === 'string' && c.rule.length > 0)).toBe(true);
    const md = renderMarkdown(d);
    // both say version 2.3.0: the header names the files
    expect(md.split('\n')[0]).toBe(`## OpenAI API: ${OFFICIAL_SPEC_2025} → ${OFFICIAL_SPEC} (both version 2.3.0)`);
    expect(md).toContain('Suggested version bump for the generated package: **major**');
    expect(JSON.parse(JSON.stringify(d)).changes.length).toBe(d.changes.length);
    expect(ms).toBeLessThan(30000);
  });
});

test('diff names what the package exports: it builds the IR as generate does (a schema named like a runtime export is suffixed)', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sdkforge-diff-names-'));
  try {
    const spec = (extra: object) => ({
      openapi: '3.1.0',
      info: { title: 'T', version: '1' },
      paths: {},
      components: { schemas: { Stream: { type: 'object', properties: { id: { type: 'string' }, ...extra } } } },
    });
    writeFileSync(path.join(dir, 'a.json'), JSON.stringify(spec({})));
    writeFileSync(path.join(dir, 'b.json'), JSON.stringify(spec({ size: { type: 'integer' } })));
    const d = await diffSpecs(path.join(dir, 'a.json'), path.join(dir, 'b.json'));
    const generated = await generate({ spec: path.join(dir, 'b.json'), write: false, format: false });
    const exported = generated.ir.schemas.map((s) => s.name);
    expect(exported).toEqual(['Stream2']);
    expect(d.changes.map((c) => c.name)).toEqual(['Stream2']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a webhook's payload is judged as a response: the client reads it", () => {
  const hook = (schema: object) => ({ order_paid: { post: { requestBody: { content: { 'application/json': { schema } } }, responses: { '200': { description: 'ok' } } } } });
  const inline = (properties: object) => ({ type: 'object', required: Object.keys(properties), properties });
  const removed = check({
    expect: [{ rule: 'response-property-removed', breaking: true, subject: 'webhook', name: 'order_paid', message: 'webhook order_paid (POST): ' }],
    only: true,
    old: { paths: {}, webhooks: hook(inline({ type: { const: 'order.paid' }, total: { type: 'integer' } })) },
    new: { paths: {}, webhooks: hook(inline({ type: { const: 'order.paid' } })) },
  });
  expect(removed.bump).toBe('major');
  // a component payload: a required property added is a response's (minor), not a request's (major)
  const added = check({
    expect: [{ rule: 'response-required-property-added', breaking: false, subject: 'schema', name: 'OrderPaid' }],
    only: true,
    old: { paths: {}, webhooks: hook({ $ref: '#/components/schemas/OrderPaid' }), schemas: { OrderPaid: inline({ type: { const: 'order.paid' } }) } },
    new: { paths: {}, webhooks: hook({ $ref: '#/components/schemas/OrderPaid' }), schemas: { OrderPaid: inline({ type: { const: 'order.paid' }, total: { type: 'integer' } }) } },
  });
  expect(added.bump).toBe('minor');
});
