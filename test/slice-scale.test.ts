// Operation slicing on a huge spec: the same slice (`--include-paths`) of 16 copies of the official OpenAI spec
// (bench/scale-spec.ts, run as the bench's compiled script; about 36 MB, 4,600 operations, 22,700 schemas) and of
// one copy gives the same package: the same types, operations and resource classes, nothing of the other copies
// and nothing the kept operations do not reach.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { generate, type GenerateResult } from '../generator/index.js';
import { HAVE_SHARED, OFFICIAL_SPEC, ROOT } from './helpers/paths.js';

const run = promisify(execFile);
const MAKER = path.join(ROOT, 'dist/bench/scale-spec.js');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sdkforge-slice-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function sliced(copies: number): Promise<GenerateResult> {
  const file = path.join(dir, `x${copies}.json`);
  await run(process.execPath, [MAKER, '--spec', OFFICIAL_SPEC, '--copies', String(copies), '--out', file], { maxBuffer: 16 << 20 });
  return generate({ spec: file, write: false, includePaths: ['/c1/chat/completions', '/c1/chat/completions/**', '/c1/models', '/c1/models/*'] });
}

(HAVE_SHARED ? test : test.skip)(
  'a slice of the 16x spec is the same package as the same slice of 1x',
  async () => {
    const one = await sliced(1);
    const sixteen = await sliced(16);
    expect(sixteen.ir.operations.map((o) => o.operationId)).toEqual(one.ir.operations.map((o) => o.operationId));
    expect(one.ir.operations.length).toBeGreaterThanOrEqual(8);
    expect(sixteen.ir.schemas.map((s) => s.name)).toEqual(one.ir.schemas.map((s) => s.name));
    expect(sixteen.ir.webhooks).toBeUndefined();
    for (const file of ['src/types.ts', 'src/operations.ts', 'src/resources.ts', 'src/client.ts', 'src/index.ts']) {
      expect({ file, text: sixteen.files.get(file) }).toEqual({ file, text: one.files.get(file) });
    }
    // nothing of the other copies, and a small package: the slice's schemas only
    expect([...sixteen.files.values()].some((text) => /_c2\b|C2\b/.test(text))).toBe(false);
    expect(sixteen.ir.schemas.length).toBeLessThan(200);
  },
  240_000,
);
