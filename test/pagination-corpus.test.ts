// Pagination detection on the real specs that use each scheme (../shared/corpus, corpus-more and the official
// OpenAI spec): named operations and the scheme, fields and items expected of each, whether detected or declared
// (x-speakeasy-pagination in openrouter, x-fern-pagination in label-studio). Each spec is loaded and built into
// the IR once; nothing is emitted. Skipped when ../shared is absent, except under CI=true, where it fails.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { IRPagination } from '../generator/ir/types.js';
import { loadSpec } from '../generator/load/load-spec.js';
import { packageIR } from '../generator/package-ir.js';
import { OFFICIAL_SPEC, ROOT, SHARED } from './helpers/paths.js';

type Expected = Partial<Record<keyof IRPagination | 'cursorParam' | 'cursorField' | 'hasMore' | 'nextCursor' | 'done' | 'offsetParam' | 'limitParam' | 'total' | 'pageParam' | 'start' | 'totalPages' | 'nextURL', unknown>>;

const corpus = (...p: string[]) => path.join(SHARED, ...p);
const detected = (kind: IRPagination['kind'], fields: Expected): Expected => ({ kind, source: 'detected', ...fields });

const CASES: { name: string; spec: string; operations: Record<string, Expected | undefined> }[] = [
  {
    name: 'stripe',
    spec: corpus('corpus-more/stripe/spec3.yaml'),
    operations: {
      GetCustomers: detected('cursor', { cursorParam: 'starting_after', cursorField: 'id', hasMore: ['has_more'], items: ['data'] }),
      GetCharges: detected('cursor', { cursorParam: 'starting_after', items: ['data'] }),
      GetCustomersSearch: detected('token', { cursorParam: 'page', nextCursor: ['next_page'], hasMore: ['has_more'], items: ['data'] }),
    },
  },
  {
    name: 'github',
    spec: corpus('corpus-more/github-2022-07/api.github.com.json'),
    operations: {
      'repos/list-for-org': detected('link-header', { items: [] }),
      'apps/list-installations': detected('link-header', { items: [] }),
      'actions/list-workflow-runs-for-repo': detected('link-header', { items: ['workflow_runs'] }),
      // a cursor parameter, a top-level array and no Link header declared: a plain call
      'apps/list-webhook-deliveries': undefined,
    },
  },
  {
    name: 'harbor',
    spec: corpus('corpus-more/harbor/swagger.yaml'),
    operations: { listProjects: detected('link-header', { items: [] }), listRepositories: detected('link-header', { items: [] }) },
  },
  {
    name: 'cloudflare',
    spec: corpus('corpus-more/cloudflare-2024-04/openapi.json'),
    operations: {
      'accounts-list-accounts': detected('page-number', { pageParam: 'page', start: 1, limitParam: 'per_page', items: ['result'] }),
      'zones-get': detected('page-number', { pageParam: 'page', limitParam: 'per_page', items: ['result'] }),
    },
  },
  {
    name: 'slack',
    spec: corpus('corpus-more/slack-web/slack_web_openapi_v2.json'),
    operations: {
      conversations_list: detected('token', { cursorParam: 'cursor', nextCursor: ['response_metadata', 'next_cursor'], items: ['channels'] }),
      admin_conversations_getTeams: detected('token', { cursorParam: 'cursor', nextCursor: ['response_metadata', 'next_cursor'], items: ['team_ids'] }),
    },
  },
  {
    name: 'digitalocean',
    spec: corpus('corpus-more/digitalocean/DigitalOcean-public.v2.yaml'),
    operations: {
      sshKeys_list: detected('next-url', { nextURL: ['links', 'pages', 'next'], items: ['ssh_keys'] }),
      actions_list: detected('next-url', { nextURL: ['links', 'pages', 'next'], items: ['actions'] }),
    },
  },
  {
    name: 'twilio',
    spec: corpus('corpus/twilio-api-v2010/twilio_api_v2010.json'),
    operations: {
      ListAccount: detected('next-url', { nextURL: ['next_page_uri'], items: ['accounts'] }),
      ListCall: detected('next-url', { nextURL: ['next_page_uri'], items: ['calls'] }),
    },
  },
  {
    name: 'box',
    spec: corpus('corpus/box/openapi.json'),
    operations: {
      get_files_id_comments: detected('offset', { offsetParam: 'offset', limitParam: 'limit', total: ['total_count'], items: ['entries'] }),
      // offset and marker both: by offset, which needs no `usemarker`
      get_folders_id_items: detected('offset', { offsetParam: 'offset', total: ['total_count'], items: ['entries'] }),
      get_files_id_collaborations: detected('token', { cursorParam: 'marker', nextCursor: ['next_marker'], items: ['entries'] }),
    },
  },
  {
    name: 'svix',
    spec: corpus('corpus/svix/openapi.json'),
    operations: { 'v1.application.list': detected('token', { cursorParam: 'iterator', nextCursor: ['iterator'], done: ['done'], items: ['data'] }) },
  },
  {
    name: 'spotify',
    spec: corpus('corpus-more/spotify/fixed-spotify-open-api.yml'),
    operations: {
      'get-an-albums-tracks': detected('next-url', { nextURL: ['next'], items: ['items'] }),
      'get-users-saved-tracks': detected('next-url', { nextURL: ['next'], items: ['items'] }),
    },
  },
  {
    name: 'google-maps',
    spec: corpus('corpus-more/google-maps/google-maps-platform-openapi3.yml'),
    operations: {
      nearbySearch: detected('token', { cursorParam: 'pagetoken', nextCursor: ['next_page_token'], items: ['results'] }),
      textSearch: detected('token', { cursorParam: 'pagetoken', nextCursor: ['next_page_token'], items: ['results'] }),
      // `offset` is a position in the input text, with no page size or total: not a page
      autocomplete: undefined,
    },
  },
  {
    name: 'openrouter (x-speakeasy-pagination)',
    spec: corpus('corpus-more/openrouter/out.openapi.yaml'),
    operations: {
      listBYOKKeys: { kind: 'offset', offsetParam: 'offset', limitParam: 'limit', items: ['data'], source: 'x-speakeasy-pagination', reason: 'x-speakeasy-pagination (offsetLimit)' },
      listFiles: { kind: 'token', cursorParam: 'cursor', items: ['data'], source: 'x-speakeasy-pagination' },
    },
  },
  {
    name: 'label-studio (x-fern-pagination)',
    spec: corpus('corpus-more/label-studio/openapi.yaml'),
    operations: {
      api_projects_list: { kind: 'page-number', pageParam: 'page', start: 1, items: ['results'], source: 'x-fern-pagination' },
      api_tasks_list: { kind: 'page-number', pageParam: 'page', items: ['tasks'], source: 'x-fern-pagination' },
      api_labels_list: detected('next-url', { nextURL: ['next'], items: ['results'] }),
    },
  },
  {
    name: 'openai official',
    spec: OFFICIAL_SPEC,
    operations: {
      listChatCompletions: detected('cursor', { cursorParam: 'after', cursorField: 'id', hasMore: ['has_more'], items: ['data'] }),
      listFiles: detected('cursor', { cursorParam: 'after', items: ['data'] }),
      listBatches: detected('cursor', { cursorParam: 'after', items: ['data'] }),
      // the body names the next cursor (`next`), the items have no `id`
      'list-groups': detected('token', { cursorParam: 'after', nextCursor: ['next'], hasMore: ['has_more'], items: ['data'] }),
    },
  },
  {
    name: 'spec/openai.yaml',
    spec: path.join(ROOT, 'spec/openai.yaml'),
    operations: { listChatCompletions: detected('cursor', { cursorParam: 'after', cursorField: 'id', hasMore: ['has_more'], items: ['data'] }) },
  },
];

const HAVE_SHARED = existsSync(path.join(SHARED, 'corpus-more/INDEX.tsv'));
if (!HAVE_SHARED && process.env.CI === 'true') throw new Error('pagination-corpus.test.ts needs ../shared (corpus-more) under CI');
const describeShared = HAVE_SHARED ? describe : describe.skip;

describeShared('pagination detected on the corpus', () => {
  test.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { ir } = packageIR(await loadSpec(c.spec), {});
    const byId = new Map(ir.operations.map((op) => [op.operationId, op]));
    for (const [id, expected] of Object.entries(c.operations)) {
      const op = byId.get(id);
      expect({ id, found: Boolean(op) }).toEqual({ id, found: true });
      if (expected === undefined) expect({ id, pagination: op!.pagination }).toEqual({ id, pagination: undefined });
      else expect({ id, pagination: op!.pagination }).toMatchObject({ id, pagination: expected });
    }
  }, 180_000);
});
