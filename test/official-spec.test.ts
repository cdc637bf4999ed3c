// The official OpenAI spec (from ../shared), filtered to the Chat, Completions and Models tags, generates a
// package that passes tsc --strict with 0 errors.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generate } from '../generator/index.js';
import { HAVE_SHARED, OFFICIAL_SPEC } from './helpers/paths.js';
import { listTsFiles, typecheck } from './helpers/typecheck.js';

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
    expect(result.ir.schemas.length).toBeGreaterThan(50);
    expect(result.ir.schemas.length).toBeLessThan(200);
    expect(typecheck(listTsFiles(path.join(out, 'src')))).toEqual([]);
  });
});
