// spec/openai.yaml is written by us. Its structure must match the official OpenAI OpenAPI document
// (../shared/specs/openai/openapi-2026-08-21.yaml) for the operations we cover, apart from the
// differences listed in INTENDED_DIFFERENCES. Its prose must be our own.
import fs from 'node:fs';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { parse } from 'yaml';
import {
  collectProse,
  compareWithOracle,
  componentClosure,
  isObj,
  squashSpace,
  type Obj,
  type OperationKey,
} from './helpers/oracle-normalize.js';
import { OFFICIAL_SPEC, ROOT } from './helpers/paths.js';

const OUR_SPEC = path.join(ROOT, 'spec/openai.yaml');
const ORACLE = OFFICIAL_SPEC;

const OPERATIONS: readonly OperationKey[] = [
  { method: 'get', path: '/chat/completions', operationId: 'listChatCompletions' },
  { method: 'post', path: '/chat/completions', operationId: 'createChatCompletion' },
  { method: 'get', path: '/chat/completions/{completion_id}', operationId: 'getChatCompletion' },
  { method: 'post', path: '/chat/completions/{completion_id}', operationId: 'updateChatCompletion' },
  { method: 'delete', path: '/chat/completions/{completion_id}', operationId: 'deleteChatCompletion' },
  { method: 'get', path: '/chat/completions/{completion_id}/messages', operationId: 'getChatCompletionMessages' },
  { method: 'post', path: '/completions', operationId: 'createCompletion' },
  { method: 'get', path: '/models', operationId: 'listModels' },
  { method: 'get', path: '/models/{model}', operationId: 'retrieveModel' },
  { method: 'delete', path: '/models/{model}', operationId: 'deleteModel' },
];

/** The webhooks we cover (of the official document's 16), and both lists together. */
const WEBHOOKS: readonly OperationKey[] = [
  { method: 'post', path: 'batch_completed', webhook: true },
  { method: 'post', path: 'response_completed', webhook: true },
];
const COVERED: readonly OperationKey[] = [...OPERATIONS, ...WEBHOOKS];

/** Where our document deliberately departs from the official one. Keep this list short. */
const INTENDED_DIFFERENCES: ReadonlyArray<{ id: string; reason: string }> = [
  {
    id: '#/paths/~1chat~1completions/get/parameters/metadata: style',
    reason:
      'The API takes metadata[key]=value (deepObject); the official document says so only in prose and declares no style.',
  },
  {
    id: '#/paths/~1completions/post/responses/200/content/text~1event-stream: extra',
    reason:
      'The API streams completions when stream is true; the official document declares application/json only.',
  },
];

const loadYaml = (file: string): Obj => {
  const doc: unknown = parse(fs.readFileSync(file, 'utf8'), { maxAliasCount: -1 });
  if (!isObj(doc)) throw new Error(`${file} is not a YAML mapping`);
  return doc;
};

const haveOracle = fs.existsSync(ORACLE);
if (!haveOracle) console.log(`spec-oracle: ${ORACLE} not found, so the comparison with the official document is skipped.`);
const describeWithOracle = haveOracle ? describe : describe.skip;

describe('spec/openai.yaml', () => {
  const ours = loadYaml(OUR_SPEC);

  it('is a valid OpenAPI 3.1 document (SwaggerParser.validate)', async () => {
    await expect(SwaggerParser.validate(OUR_SPEC)).resolves.toBeDefined();
    expect(ours.openapi).toBe('3.1.0');
  });

  it('follows the project conventions', () => {
    expect(ours.servers).toEqual([{ url: 'https://api.openai.com/v1' }]);
    expect(ours.security).toEqual([{ ApiKeyAuth: [] }]);
    const components = ours.components as Obj;
    expect((components.securitySchemes as Obj).ApiKeyAuth).toMatchObject({ type: 'http', scheme: 'bearer' });

    const problems: string[] = [];
    const paths = ours.paths as Obj;
    for (const op of OPERATIONS) {
      const operation = (paths[op.path] as Obj | undefined)?.[op.method];
      const where = `${op.method.toUpperCase()} ${op.path}`;
      if (!isObj(operation)) { problems.push(`${where}: missing`); continue; }
      if (operation.operationId !== op.operationId) problems.push(`${where}: operationId ${String(operation.operationId)}`);
      if (!Array.isArray(operation.tags) || operation.tags.length === 0) problems.push(`${where}: no tags`);
      if (typeof operation.summary !== 'string' || operation.summary.length === 0) problems.push(`${where}: no summary`);
      for (const [code, response] of Object.entries((operation.responses as Obj | undefined) ?? {})) {
        const content = isObj(response) && isObj(response.content) ? response.content : {};
        for (const [type, media] of Object.entries(content)) {
          if (type === 'text/event-stream' && (!isObj(media) || media['x-sdkforge-stream-terminator'] !== '[DONE]')) {
            problems.push(`${where} ${code} ${type}: no x-sdkforge-stream-terminator "[DONE]"`);
          }
        }
      }
    }
    expect(problems).toEqual([]);

    const listParams = ((paths['/chat/completions'] as Obj).get as Obj).parameters as Obj[];
    expect(listParams.find((p) => p.name === 'metadata')).toMatchObject({ in: 'query', style: 'deepObject', explode: true });
  });

  it('defines only components that the covered operations and webhooks reach', () => {
    const reached = new Set(componentClosure(ours, COVERED));
    const defined: string[] = [];
    for (const [kind, group] of Object.entries(ours.components as Obj)) {
      if (kind === 'securitySchemes' || !isObj(group)) continue;
      for (const name of Object.keys(group)) defined.push(`#/components/${kind}/${name}`);
    }
    expect(defined.filter((ref) => !reached.has(ref))).toEqual([]);
  });
});

describeWithOracle('spec/openai.yaml against the official OpenAI document (2026-08-21)', () => {
  let ours: Obj;
  let official: Obj;
  beforeAll(() => {
    ours = loadYaml(OUR_SPEC);
    official = loadYaml(ORACLE);
  });

  it('the oracle is the expected document', () => {
    expect(official.openapi).toBe('3.1.0');
    // 81 schemas plus components/responses/TooManyRequests; the two webhooks' payloads
    expect(componentClosure(official, OPERATIONS)).toHaveLength(82);
    expect(componentClosure(official, COVERED)).toHaveLength(84);
  });

  it('reaches the same components as the official document', () => {
    expect(componentClosure(ours, COVERED)).toEqual(componentClosure(official, COVERED));
  });

  it('matches the official structure except for the intended differences (operations and webhooks)', () => {
    const found = compareWithOracle(ours, official, COVERED);
    const intended = new Set(INTENDED_DIFFERENCES.map((d) => d.id));
    const foundIds = new Set(found.map((d) => d.id));
    const unexpected = found.filter((d) => !intended.has(d.id)).map((d) => `${d.id} -- ${d.detail}`);
    const stale = INTENDED_DIFFERENCES.filter((d) => !foundIds.has(d.id)).map((d) => d.id);
    expect({ unexpected, stale }).toEqual({ unexpected: [], stale: [] });
  });

  it('uses its own prose: no long description or summary occurs verbatim in the official document', () => {
    const officialProse = collectProse(official).map(squashSpace).join('\n');
    const copied = collectProse(ours)
      .map(squashSpace)
      .filter((text) => text.length > 60 && officialProse.includes(text));
    expect(copied).toEqual([]);
  });
});

describe('oracle comparison (self-check on small documents)', () => {
  const op: OperationKey = { method: 'get', path: '/things', operationId: 'listThings' };
  const docWith = (schema: unknown, extra: Obj = {}): Obj => ({
    openapi: '3.1.0',
    paths: {
      '/things': {
        get: {
          operationId: 'listThings',
          responses: { '200': { description: 'x', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } },
          ...extra,
        },
      },
    },
    components: { schemas: { Thing: schema, Other: { type: 'string' } } },
  });
  const ids = (a: unknown, b: unknown): string[] => compareWithOracle(docWith(a), docWith(b), [op]).map((d) => d.id);

  it('treats the nullability spellings as equal', () => {
    const nullable30 = { type: 'object', properties: { a: { type: 'string', nullable: true }, r: { $ref: '#/components/schemas/Other', nullable: true } } };
    const typeArray = { type: 'object', properties: { a: { type: ['string', 'null'] }, r: { anyOf: [{ $ref: '#/components/schemas/Other' }, { type: 'null' }] } } };
    const oneOfNull = { type: 'object', properties: { a: { oneOf: [{ type: 'string' }, { type: 'null' }] }, r: { oneOf: [{ $ref: '#/components/schemas/Other' }], nullable: true } } };
    expect(ids(typeArray, nullable30)).toEqual([]);
    expect(ids(oneOfNull, nullable30)).toEqual([]);
    expect(ids({ type: 'string', enum: ['a', null] }, { type: 'string', enum: ['a'], nullable: true })).toEqual([]);
  });

  it('reports structural changes at our pointer', () => {
    const base = { type: 'object', required: ['a'], properties: { a: { type: 'string', enum: ['x', 'y'] }, b: { oneOf: [{ type: 'integer' }, { $ref: '#/components/schemas/Other' }] } } };
    const changed = { type: 'object', required: [], properties: { a: { type: ['string', 'null'], enum: ['x'] }, b: { anyOf: [{ type: 'integer' }, { type: 'string' }] }, c: { type: 'string' } } };
    expect(ids(changed, base)).toEqual([
      '#/components/schemas/Other: missing',
      '#/components/schemas/Thing/properties/a: enum',
      '#/components/schemas/Thing/properties/a: nullable',
      '#/components/schemas/Thing/properties/b: union kind',
      '#/components/schemas/Thing/properties/c: extra',
      '#/components/schemas/Thing: required',
    ]);
  });

  it('compares parameter serialization and response media types', () => {
    const param = (extra: Obj): Obj => ({ parameters: [{ name: 'm', in: 'query', schema: { type: 'object' }, ...extra }] });
    const plain = docWith({ type: 'object' }, param({}));
    const deep = docWith({ type: 'object' }, param({ style: 'deepObject', explode: true }));
    expect(compareWithOracle(deep, plain, [op]).map((d) => d.id)).toEqual(['#/paths/~1things/get/parameters/m: style']);
    expect(compareWithOracle(docWith({ type: 'object' }, param({ style: 'form', explode: true })), plain, [op])).toEqual([]);

    const streaming = docWith({ type: 'object' });
    const ok = (((streaming.paths as Obj)['/things'] as Obj).get as Obj).responses as Obj;
    ((ok['200'] as Obj).content as Obj)['text/event-stream'] = { schema: { $ref: '#/components/schemas/Thing' } };
    expect(compareWithOracle(streaming, docWith({ type: 'object' }), [op]).map((d) => d.id)).toEqual([
      '#/paths/~1things/get/responses/200/content/text~1event-stream: extra',
    ]);
  });
});
