// Config files on their own: each format read, values checked by their kind, relative paths resolved against the
// file (URLs kept), an unknown key named with the closest valid one, unreadable files and bad values reported with
// the file's name. All are UsageErrors (exit code 2 in the CLI).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONFIG_FILES, loadConfig, normalizeConfig, UsageError } from './config.js';
import { CONFIG_KEYS } from './options.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sdkforge-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
};

/** The UsageError message `run` throws (failing when it throws none, or another error). */
async function usageError(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error('expected a UsageError');
}

test('JSON, YAML and .mjs files are read alike; lists from arrays or comma strings, booleans, milliseconds', async () => {
  const expected = {
    spec: path.join(dir, 'api.yaml'),
    out: path.join(dir, 'sdk'),
    includeTags: ['Chat', 'Models'],
    excludeTags: ['Beta'],
    clientName: 'Acme',
    packageVersion: '1.2.3',
    fetchTimeout: 5000,
    check: true,
    quiet: false,
  };
  write('a.json', JSON.stringify({ spec: 'api.yaml', out: 'sdk', includeTags: ['Chat', 'Models'], excludeTags: 'Beta', clientName: 'Acme', packageVersion: '1.2.3', fetchTimeout: 5000, check: true, quiet: false }));
  write('b.yaml', 'spec: api.yaml\nout: sdk\nincludeTags: Chat, Models\nexcludeTags: [Beta]\nclientName: Acme\npackageVersion: "1.2.3"\nfetchTimeout: 5000\ncheck: true\nquiet: false\n');
  write('c.mjs', "export default { spec: 'api.yaml', out: 'sdk', includeTags: ' Chat ,Models,', excludeTags: ['Beta'], clientName: 'Acme', packageVersion: '1.2.3', fetchTimeout: '5000', check: true, quiet: false };\n");
  for (const file of ['a.json', 'b.yaml', 'c.mjs']) {
    expect(await loadConfig(file, dir)).toEqual({ file: path.join(dir, file), config: expected });
  }
});

test('with no file named, the first sdkforge.config.* in the directory is read, in CONFIG_FILES order; none gives undefined', async () => {
  expect(await loadConfig(undefined, dir)).toBeUndefined();
  write('sdkforge.config.yaml', 'clientName: FromYaml\n');
  expect((await loadConfig(undefined, dir))?.config).toEqual({ clientName: 'FromYaml' });
  write('sdkforge.config.json', '{ "clientName": "FromJson" }');
  expect(CONFIG_FILES[0]).toBe('sdkforge.config.json');
  expect(await loadConfig(undefined, dir)).toEqual({ file: path.join(dir, 'sdkforge.config.json'), config: { clientName: 'FromJson' } });
});

test('relative paths resolve against the config file, not the working directory; absolute paths and URLs are kept', async () => {
  write('conf/nested/sdkforge.config.json', JSON.stringify({ spec: '../../specs/api.yaml', out: 'out' }));
  const loaded = await loadConfig('conf/nested/sdkforge.config.json', dir);
  expect(loaded?.config).toEqual({ spec: path.join(dir, 'specs/api.yaml'), out: path.join(dir, 'conf/nested/out') });
  write('urls.json', JSON.stringify({ spec: 'HTTPS://example.com/openapi.yaml', out: '/abs/out' }));
  expect((await loadConfig('urls.json', dir))?.config).toEqual({ spec: 'HTTPS://example.com/openapi.yaml', out: path.resolve('/abs/out') });
  // names (not paths) are kept as written
  expect(normalizeConfig({ clientName: 'out/x' }, 'f.json', dir)).toEqual({ clientName: 'out/x' });
});

test('null or absent values are left out, as if the key were not there', () => {
  expect(normalizeConfig({ spec: null, includeTags: undefined, verbose: true }, 'f.json', dir)).toEqual({ verbose: true });
});

test('an unknown key names the key, the closest valid one and every valid key', async () => {
  write('sdkforge.config.json', JSON.stringify({ outDir: 'x' }));
  expect(await usageError(() => loadConfig(undefined, dir))).toBe(
    `sdkforge.config.json: unknown key \`outDir\`; did you mean \`out\`? Valid keys: ${CONFIG_KEYS.join(', ')}.`,
  );
  expect(await usageError(() => normalizeConfig({ includetag: ['a'] }, 'f.json', dir))).toContain('did you mean `includeTags`?');
  expect(await usageError(() => normalizeConfig({ fetch_timeout: 1 }, 'f.json', dir))).toContain('did you mean `fetchTimeout`?');
  // keys that are no config keys: an object's inherited names, a flag-only option, generate()-only options
  for (const key of ['toString', 'constructor', 'config', 'help', 'document', 'write']) {
    expect(await usageError(() => normalizeConfig({ [key]: 'x' }, 'f.json', dir))).toContain(`unknown key \`${key}\``);
  }
});

test.each([
  [{ fetchTimeout: '30s' }, 'f.json: `fetchTimeout` must be a positive whole number of milliseconds, not "30s".'],
  [{ fetchTimeout: 0 }, 'f.json: `fetchTimeout` must be a positive whole number of milliseconds, not 0.'],
  [{ fetchTimeout: 1.5 }, 'f.json: `fetchTimeout` must be a positive whole number of milliseconds, not 1.5.'],
  [{ check: 'yes' }, 'f.json: `check` must be true or false.'],
  [{ includeTags: 3 }, 'f.json: `includeTags` must be a list of strings or a comma-separated string.'],
  [{ spec: '' }, 'f.json: `spec` must be a non-empty string.'],
  [{ clientName: 42 }, 'f.json: `clientName` must be a non-empty string.'],
  [[{ spec: 'a' }], 'f.json: the config must be an object of options.'],
  ['spec: a', 'f.json: the config must be an object of options.'],
])('the bad value %j is a usage error naming the file and key', async (raw, message) => {
  expect(await usageError(() => normalizeConfig(raw, 'f.json', dir))).toBe(message);
});

test('a missing, unparsable or empty config file is a usage error naming it', async () => {
  expect(await usageError(() => loadConfig('nope.json', dir))).toBe('Config file nope.json does not exist.');
  write('broken.json', '{ "spec": ');
  expect(await usageError(() => loadConfig('broken.json', dir))).toMatch(/^broken\.json: cannot be read: /);
  write('broken.yaml', 'spec: [unclosed\n');
  expect(await usageError(() => loadConfig('broken.yaml', dir))).toMatch(/^broken\.yaml: cannot be read: /);
  write('throws.mjs', "throw new Error('boom');\n");
  expect(await usageError(() => loadConfig('throws.mjs', dir))).toBe('throws.mjs: cannot be read: boom');
  write('empty.mjs', 'export const other = 1;\n');
  expect(await usageError(() => loadConfig('empty.mjs', dir))).toBe('empty.mjs: the config must be an object of options.');
});
