// The official OpenAI spec (from ../shared), filtered to the Chat, Completions and Models tags, generates a
// package that passes tsc --strict with 0 errors.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generate } from '../generator/index.js';
import type { IRDocument } from '../generator/ir/types.js';
import { HAVE_SHARED, OFFICIAL_SPEC, ROOT } from './helpers/paths.js';
import { listTsFiles, typecheck } from './helpers/typecheck.js';

/** `{ kind: 'ref', name }` nodes anywhere in `value`. */
function refs(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) refs(v, out);
  else if (typeof value === 'object' && value !== null) {
    const node = value as { kind?: unknown; name?: unknown };
    if (node.kind === 'ref' && typeof node.name === 'string') out.add(node.name);
    for (const v of Object.values(value)) refs(v, out);
  }
  return out;
}

/** The names of the component schemas reachable from the operations (and webhooks), walking the IR as plain data. */
function refsReached(ir: IRDocument, from: unknown = [ir.operations, ir.webhooks ?? []]): Set<string> {
  const byName = new Map(ir.schemas.map((s) => [s.name, s.schema]));
  const reached = new Set<string>();
  const todo = [...refs(from)];
  for (let name = todo.pop(); name !== undefined; name = todo.pop()) {
    if (reached.has(name)) continue;
    reached.add(name);
    todo.push(...refs(byName.get(name)));
  }
  return reached;
}

const describeShared = HAVE_SHARED ? describe : describe.skip;
if (!HAVE_SHARED) console.warn('official-spec.test.ts skipped: ../shared/specs/openai is not present');

describeShared('official OpenAI spec 2026-08-21, filtered to Chat, Completions and Models', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sdkforge-official-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('generates the 10 operations and passes tsc --strict with 0 errors', async () => {
    const out = path.join(dir, 'openai');
    const result = await generate({ spec: OFFICIAL_SPEC, out, includeTags: ['Chat', 'Completions', 'Models'] });
    expect(result.ir.operations.map((o) => o.name).sort()).toEqual(
      [
        'createChatCompletion',
        'createCompletion',
        'deleteChatCompletion',
        'deleteModel',
        'getChatCompletion',
        'getChatCompletionMessages',
        'listChatCompletions',
        'listModels',
        'retrieveModel',
        'updateChatCompletion',
      ].sort(),
    );
    // the schemas kept are exactly those the 10 operations reach through $refs (none missing, none extra: the
    // document has 1,422): the 81 of spec/openai.yaml, the subset that tracks this document. The 16 webhooks carry
    // none of the three tags, so the selection keeps none of them (nor the schemas only their payloads reach)
    const names = result.ir.schemas.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...refsReached(result.ir)].sort()).toEqual([...names].sort());
    expect(result.ir.webhooks).toBeUndefined();
    expect(names).toHaveLength(81);
    const subset = await generate({ spec: path.join(ROOT, 'spec/openai.yaml'), write: false, format: false });
    expect([...names].sort()).toEqual([...refsReached(subset.ir, subset.ir.operations)].sort());
    // spec/openai.yaml's webhooks are some of the official document's, with the same payloads
    const whole = await generate({ spec: OFFICIAL_SPEC, write: false, format: false });
    expect(whole.ir.webhooks).toHaveLength(16);
    const webhookPayloads = (ir: IRDocument) => (ir.webhooks ?? []).map((w) => [w.name, w.payload]);
    expect(webhookPayloads(whole.ir)).toEqual(expect.arrayContaining(webhookPayloads(subset.ir)));
    expect(subset.ir.webhooks?.length).toBeGreaterThan(0);
    expect(typecheck(listTsFiles(path.join(out, 'src')))).toEqual([]);
  });
});
