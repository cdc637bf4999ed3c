// sdkforge's CLI on every Node it supports (`engines`: >=20): Node 20, 22 and 24, installed by `npm ci` from the
// npm registry (test/helpers/runtimes.ts), each run `bin/sdkforge.js generate` from the compiled dist/ (what the
// packed sdkforge ships) on spec/openai.yaml into a temporary directory, and the output is exactly generated/.
// The engines fields claim what is tested: the CLI's the majors here, the generated package's the oldest Node
// test/runtimes.test.ts runs it on (18).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { listFiles } from '../generator/write.js';
import { ROOT } from './helpers/paths.js';
import { NODES } from './helpers/runtimes.js';

const run = promisify(execFile);
const major = (version: string) => Number(version.split('.')[0]);
const CLI_NODES = NODES.filter((node) => major(node.version) >= 20);
const minimum = (range: string) => Number(/^>=(\d+)$/.exec(range)?.[1]);

test('the engines fields claim the Node majors that are tested', () => {
  expect(CLI_NODES.map((n) => major(n.version))).toEqual([20, 22, 24]);
  const own = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).engines.node as string;
  expect(minimum(own)).toBe(major(CLI_NODES[0]!.version));
  const generated = JSON.parse(readFileSync(path.join(ROOT, 'generated/package.json'), 'utf8')).engines.node as string;
  expect(minimum(generated)).toBe(major(NODES[0]!.version));
});

test('npm scripts run on the pinned Node 20: node_modules/.bin/node is the unaliased `node` devDependency', async () => {
  // npm links the `node` bin the four packages share to the first by path; `npm test` then runs on this Node.
  const bin = path.join(ROOT, 'node_modules/.bin/node');
  expect(realpathSync(bin)).toBe(realpathSync(CLI_NODES[0]!.bin));
  const { stdout } = await run(bin, ['--version']);
  expect(stdout.trim()).toBe(`v${CLI_NODES[0]!.version}`);
});

for (const node of CLI_NODES) {
  test(
    `sdkforge generate on ${node.name} writes exactly generated/`,
    async () => {
      const out = mkdtempSync(path.join(os.tmpdir(), 'sdkforge-cli-node-'));
      try {
        const { stdout, stderr } = await run(node.bin, [path.join(ROOT, 'bin/sdkforge.js'), 'generate', '--spec', 'spec/openai.yaml', '--out', out], { cwd: ROOT });
        const committed = path.join(ROOT, 'generated');
        const count = (await listFiles(committed)).length;
        expect({ stdout, stderr }).toEqual({ stdout: expect.stringMatching(new RegExp(`^sdkforge: 10 operations, 83 types, ${count} files written`)), stderr: '' });
        const written = await listFiles(out);
        expect(written).toEqual(await listFiles(committed));
        for (const file of written) {
          expect({ file, text: readFileSync(path.join(out, file), 'utf8') }).toEqual({ file, text: readFileSync(path.join(committed, file), 'utf8') });
        }
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
    60_000,
  );
}
