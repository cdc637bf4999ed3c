// OpenAPI 3.2 end to end through the CLI (bin/sdkforge.js): a 3.2 schema test document with operations and the
// scalar-galaxy 3.2 corpus spec generate packages that pass tsc --strict; an invalid 3.2 document is reported
// located, without a stack trace. Skipped when ../shared is absent, except under CI=true.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT, SHARED } from './helpers/paths.js';
import { listTsFiles, typecheck } from './helpers/typecheck.js';

const exec = promisify(execFile);
const PASS = path.join(SHARED, 'specs/oas-3.2/tests/pass/path_item_servers_parameters.yaml');
const INVALID = path.join(SHARED, 'specs/oas-3.2/tests/fail/server_enum_empty.yaml');
const GALAXY = path.join(SHARED, 'corpus-more/scalar-galaxy-3.2/3.2.yaml');
const run = existsSync(PASS) || process.env.CI === 'true' ? describe : describe.skip;

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [path.join(ROOT, 'bin/sdkforge.js'), ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

run('OpenAPI 3.2 through the CLI', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sdkforge-oas32-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each([
    ['path_item_servers_parameters (3.2 schema test document)', PASS, 7],
    ['scalar-galaxy-3.2', GALAXY, 15],
  ])('%s generates a package with 0 tsc errors', async (_name, spec, operations) => {
    const out = path.join(dir, path.basename(path.dirname(spec)) + '-' + path.basename(spec, '.yaml'));
    const { code, stdout, stderr } = await cli(['generate', '--spec', spec, '--out', out]);
    expect(stderr).not.toMatch(/\bat .*\.js:\d+/); // no stack trace
    expect(code).toBe(0);
    // every operation, scalar-galaxy's `query` and `additionalOperations` COPY ones included
    const generated = Number(/sdkforge: (\d+) operations/.exec(stdout + stderr)?.[1]);
    expect(generated).toBe(operations);
    expect(stderr).not.toMatch(/schema-(invalid|unchecked)/);
    expect(typecheck(listTsFiles(path.join(out, 'src')))).toEqual([]);
  }, 120_000);

  test('an invalid 3.2 document is reported where it breaks the schema, without a stack trace', async () => {
    const { stderr } = await cli(['generate', '--spec', INVALID, '--out', path.join(dir, 'invalid')]);
    expect(stderr).toMatch(/warning\[schema-invalid\] .*server_enum_empty\.yaml:13:9 at #\/servers\/0\/variables\/var\/enum: /);
    expect(stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});
