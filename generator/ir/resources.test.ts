// Resource places: each naming rule, in its order of precedence, the REST conventions on paths, collisions, and
// the places of spec/openai.yaml and of two corpus specs that carry other generators' naming extensions.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadSpec } from '../load/load-spec.js';
import { packageIR } from '../package-ir.js';
import { ROOT, SHARED } from '../../test/helpers/paths.js';
import { buildIR } from './build.js';
import { memberName } from './names.js';
import { pathPlace, placePath } from './resources.js';
import type { IROperation } from './types.js';

const places = (ir: { operations: IROperation[] }) => ir.operations.map((op) => placePath(op.place));

/** A document with one operation per `[method, path, operation fields]`, built into the IR as a package is. */
function build(ops: [string, string, Record<string, unknown>?][], extra: Record<string, unknown> = {}) {
  const paths: Record<string, Record<string, unknown>> = {};
  ops.forEach(([method, p, fields], i) => {
    paths[p] ??= {};
    paths[p][method] = { operationId: `op${i}`, responses: { '200': { description: 'OK' } }, ...fields };
  });
  return buildIR({ openapi: '3.1.0', info: { title: 'T', version: '1' }, paths, ...extra } as never, {
    reservedOperationNames: ['request', 'constructor'],
    reservedResourceMembers: ['client', 'constructor', 'toString'],
  }).ir;
}

test("spec/openai.yaml's ten operations are where the official client has them", async () => {
  const { ir } = packageIR(await loadSpec(path.join(ROOT, 'spec/openai.yaml')));
  expect(places(ir).sort()).toEqual(
    [
      'chat.completions.create',
      'chat.completions.list',
      'chat.completions.retrieve',
      'chat.completions.update',
      'chat.completions.delete',
      'chat.completions.messages.list',
      'completions.create',
      'models.list',
      'models.retrieve',
      'models.delete',
    ].sort(),
  );
  expect(ir.operations.every((op) => op.place.source === 'path' && op.place.wanted === undefined)).toBe(true);
});

test.each([
  ['get', '/chat/completions', 'chat.completions.list'],
  ['post', '/chat/completions', 'chat.completions.create'],
  ['get', '/chat/completions/{id}', 'chat.completions.retrieve'],
  ['post', '/chat/completions/{id}', 'chat.completions.update'],
  ['put', '/pets/{id}', 'pets.update'],
  ['patch', '/pets/{id}', 'pets.update'],
  ['delete', '/chat/completions/{id}', 'chat.completions.delete'],
  ['get', '/chat/completions/{id}/messages', 'chat.completions.messages.list'],
  ['post', '/batches/{batch_id}/cancel', 'batches.cancel'],
  ['post', '/fine_tuning/jobs/{id}/cancel', 'fineTuning.jobs.cancel'],
  ['post', '/certificates/activate', 'certificates.activate'],
  ['post', '/audio/speech', 'audio.speech.create'],
  ['get', '/v1/users/{user-id}/repos', 'users.repos.list'],
  ['get', '/api/v2/teams', 'teams.list'],
  ['post', '/v1/{name}:cancel', 'cancel'],
  ['post', '/v1/operations/{name}:cancel', 'operations.cancel'],
  ['get', '/organization/admin_api_keys', 'organization.adminAPIKeys.list'],
  ['head', '/files/{id}', 'files.head'],
])('%s %s → %s', (method, p, expected) => {
  const { resource, method: name } = pathPlace(method, p);
  expect([...resource, name].join('.') || name).toBe(expected);
});

test('a singular segment is a singleton when its path can be read, else an action', () => {
  const ir = build([
    ['get', '/organization/data_retention'],
    ['post', '/organization/data_retention'],
    ['delete', '/organization/data_retention'],
    ['post', '/projects/{id}/archive'],
  ]);
  expect(places(ir)).toEqual(['organization.dataRetention.retrieve', 'organization.dataRetention.update', 'organization.dataRetention.delete', 'projects.archive']);
});

test('a fixed query flag in the path key is a namespace above the path', () => {
  const ir = build([
    ['post', '/responses'],
    ['post', '/responses?beta=true'],
  ]);
  expect(places(ir)).toEqual(['responses.create', 'beta.responses.create']);
});

test('naming extensions win, first x-sdkforge, then x-speakeasy, then x-fern; a method alone keeps the path resource', () => {
  const ir = build([
    ['get', '/a', { 'x-sdkforge-resource': 'admin.audit', 'x-sdkforge-method': 'list_all', 'x-speakeasy-group': 'no', 'x-fern-sdk-group-name': 'no' }],
    ['get', '/b', { 'x-sdkforge-resource': ['one', 'two'], 'x-speakeasy-group': 'no' }],
    ['get', '/c', { 'x-speakeasy-group': 'chat.completions', 'x-speakeasy-name-override': 'send', 'x-fern-sdk-group-name': 'no' }],
    ['get', '/d', { 'x-fern-sdk-group-name': ['activity_logs', 'v2'], 'x-fern-sdk-method-name': 'get_all' }],
    ['get', '/e', { 'x-fern-sdk-group-name': 'annotation_history' }],
    ['get', '/pets/{id}', { 'x-speakeasy-name-override': 'fetchPet' }],
  ]);
  expect(places(ir)).toEqual(['admin.audit.listAll', 'one.two.retrieve', 'chat.completions.send', 'activityLogs.v2.getAll', 'annotationHistory.retrieve', 'pets.fetchPet']);
  expect(ir.operations.map((op) => op.place.source)).toEqual(['x-sdkforge', 'x-sdkforge', 'x-speakeasy', 'x-fern', 'x-fern', 'x-speakeasy']);
});

test('3.2 tag parent chains give the resource path; the method comes from the path', () => {
  const tags = [{ name: 'Store' }, { name: 'Orders', parent: 'Store' }, { name: 'Plain' }];
  const ir = build(
    [
      ['get', '/orders', { tags: ['Orders'] }],
      ['get', '/orders/{id}', { tags: ['Orders'] }],
      ['get', '/inventory', { tags: ['Store'] }],
      ['get', '/things', { tags: ['Plain'] }],
    ],
    { openapi: '3.2.0', tags },
  );
  expect(places(ir)).toEqual(['store.orders.list', 'store.orders.retrieve', 'store.retrieve', 'things.list']);
  expect(ir.operations.map((op) => op.place.source)).toEqual(['tag-parent', 'tag-parent', 'tag-parent', 'path']);
});

test('collisions: a later operation gets a numeric suffix, a renamed resource keeps its name, and the wanted place is kept', () => {
  const ir = build([
    ['get', '/things', { 'x-sdkforge-method': 'list' }],
    ['get', '/other', { 'x-sdkforge-resource': 'things', 'x-sdkforge-method': 'list' }],
    // a top-level resource may not take a client member's or a flat method's name
    ['get', '/request/items'],
    ['get', '/request/items/{id}'],
    ['get', '/op0'],
    // nor a resource class's own members
    ['get', '/x/client'],
    ['get', '/webhooks'],
  ], { webhooks: { ping: { post: { responses: { '200': { description: 'OK' } } } } } });
  expect(places(ir)).toEqual(['things.list', 'things.list2', 'request2.items.list', 'request2.items.retrieve', 'op02.retrieve', 'x.client2.retrieve', 'webhooks2.list']);
  expect(ir.operations.map((op) => op.place.wanted)).toEqual([undefined, 'things.list', 'request.items.list', 'request.items.retrieve', 'op0.retrieve', 'x.client.retrieve', 'webhooks.list']);
});

test('a method and a sub-resource of one name in one node are told apart', () => {
  const ir = build([
    ['post', '/files/{id}/content', { 'x-sdkforge-method': 'content' }],
    ['get', '/files/{id}/content/parts'],
  ]);
  expect(places(ir)).toEqual(['files.content', 'files.content2.parts.list']);
});

const LABEL_STUDIO = path.join(SHARED, 'corpus-more/label-studio/openapi.yaml');
const OPENROUTER = path.join(SHARED, 'corpus-more/openrouter/out.openapi.yaml');

(existsSync(LABEL_STUDIO) ? test : test.skip)("label-studio: its 370 x-fern-sdk-group-name/method-name pairs name the places", async () => {
  const { ir } = packageIR(await loadSpec(LABEL_STUDIO));
  const named = ir.operations.filter((op) => op.extensions?.['x-fern-sdk-group-name'] !== undefined);
  expect(named.length).toBe(370);
  for (const op of named) {
    const group = op.extensions!['x-fern-sdk-group-name'];
    const wanted = [...(Array.isArray(group) ? group : String(group).split('.')).map(memberName), memberName(String(op.extensions!['x-fern-sdk-method-name']))].join('.');
    expect(op.place.source).toBe('x-fern');
    expect(op.place.wanted ?? placePath(op.place)).toBe(wanted);
  }
  // a place is changed only where two operations want the same names (the spec names PUT and PATCH both `update`)
  const wantedBy = (op: IROperation) => op.place.wanted ?? placePath(op.place);
  for (const op of named.filter((o) => o.place.wanted)) expect(ir.operations.filter((o) => wantedBy(o) === op.place.wanted).length).toBeGreaterThan(1);
  expect(named.filter((op) => op.place.wanted).length).toBeLessThan(20);
}, 60_000);

(existsSync(OPENROUTER) ? test : test.skip)('openrouter: x-speakeasy-group and x-speakeasy-name-override name the places', async () => {
  const { ir } = packageIR(await loadSpec(OPENROUTER));
  const grouped = ir.operations.filter((op) => op.extensions?.['x-speakeasy-group'] !== undefined);
  expect(grouped.length).toBeGreaterThan(0);
  for (const op of grouped) expect(op.place.resource).toEqual(String(op.extensions!['x-speakeasy-group']).split('.').map(memberName));
  const renamed = ir.operations.filter((op) => typeof op.extensions?.['x-speakeasy-name-override'] === 'string');
  expect(renamed.length).toBeGreaterThan(10);
  for (const op of renamed) expect((op.place.wanted ?? placePath(op.place)).split('.').at(-1)).toBe(memberName(String(op.extensions!['x-speakeasy-name-override'])));
}, 60_000);
