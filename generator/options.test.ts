// The option table is the one declaration of the generate options: README.md's option table and `generate()` key
// list must be its rendering, the README's usage synopsis must name every flag, and the derived pieces (flags,
// help, config keys, generate() keys) must follow it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { GenerateOptions } from './index.js';
import {
  CONFIG_KEYS,
  GENERATE_FLAGS,
  GENERATE_KEYS,
  generateHelpOptions,
  OPTIONS,
  README_REGIONS,
  readmeRegion,
  renderReadmeOptions,
  type ReadmeRegion,
  type SdkforgeConfig,
} from './options.js';

const README = path.join(path.dirname(fileURLToPath(import.meta.url)), '../README.md');
const entries = Object.entries(OPTIONS);

test("README.md's option table and generate() key list are the ones rendered from options.ts", () => {
  const readme = readFileSync(README, 'utf8');
  const expected = renderReadmeOptions(readme);
  if (readme !== expected) {
    const regions = (Object.keys(README_REGIONS) as ReadmeRegion[]).map(readmeRegion);
    throw new Error(
      'README.md differs from the option table in generator/options.ts. Run `npm run compile && node scripts/update-readme-options.mjs`, ' +
        `or paste the expected markdown:\n\n${regions.join('\n\n')}`,
    );
  }
});

test('a README without the option markers is an error, not a silent pass', () => {
  expect(() => renderReadmeOptions('# no markers here\n')).toThrow('README.md has no <!-- options:table --> … <!-- /options:table --> region');
});

test("README.md's usage synopsis of generate names every flag of the table", () => {
  const readme = readFileSync(README, 'utf8');
  const synopsis = readme.slice(readme.indexOf('npx sdkforge generate'), readme.indexOf('npx sdkforge watch'));
  const missing = entries.filter(([key]) => key !== 'help').map(([, e]) => `--${e.flag}`).filter((flag) => !new RegExp(`(?:\\[|\\| )${flag}[ \\]]`).test(synopsis));
  expect(missing).toEqual([]);
});

test('each flag is its key in kebab case (a repeatable `paths` flag in the singular); every option but --help has a README row; groups keep the table order', () => {
  for (const [key, e] of entries) {
    const kebab = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    expect(e.flag).toBe(e.kind === 'paths' ? kebab.replace(/s$/, '') : kebab);
    if (key !== 'help') expect('readme' in e).toBe(true);
  }
  // the help lists every flag once, in table order
  const flags = [...generateHelpOptions().matchAll(/^ {2}(?:-\w, )?--([\w-]+)/gm)].map((m) => m[1]);
  expect(flags).toEqual(entries.map(([, e]) => e.flag));
});

test('the parseArgs options read every flag of the table: strings as given, switches as true, repeatable paths in order, -h as --help', () => {
  const args = entries.flatMap(([, e]) =>
    e.kind === 'boolean' ? [`--${e.flag}`] : e.kind === 'paths' ? [`--${e.flag}`, `a-${e.flag}`, `--${e.flag}`, `b-${e.flag}`] : [`--${e.flag}`, `value-of-${e.flag}`],
  );
  const { values } = parseArgs({ args: [...args, '-h'], options: GENERATE_FLAGS, strict: true });
  expect(values).toEqual(
    Object.fromEntries(entries.map(([, e]) => [e.flag, e.kind === 'boolean' ? true : e.kind === 'paths' ? [`a-${e.flag}`, `b-${e.flag}`] : `value-of-${e.flag}`])),
  );
  expect(() => parseArgs({ args: ['--include-tag', 'x'], options: GENERATE_FLAGS, strict: true })).toThrow(/Unknown option '--include-tag'/);
});

test('config keys and generate() keys are the table entries so marked; generate() options are all config keys', () => {
  expect(CONFIG_KEYS).toEqual(['spec', 'overlays', 'out', 'fetchTimeout', 'includeTags', 'excludeTags', 'includePaths', 'includeOperations', 'clientName', 'packageName', 'packageVersion', 'webhookSignature', 'resourcesOnly', 'split', 'check', 'watch', 'verbose', 'quiet', 'debug']);
  expect(GENERATE_KEYS).toEqual(['spec', 'overlays', 'out', 'fetchTimeout', 'includeTags', 'excludeTags', 'includePaths', 'includeOperations', 'clientName', 'packageName', 'packageVersion', 'webhookSignature', 'resourcesOnly', 'split']);
  for (const key of GENERATE_KEYS) expect(CONFIG_KEYS).toContain(key);
  // the types follow the table (a compile-time check: tsc fails when a key or its value type drifts)
  const config: Required<SdkforgeConfig> = { spec: 's', overlays: ['a.yaml'], out: 'o', fetchTimeout: 1, includeTags: [], excludeTags: [], includePaths: [], includeOperations: [], clientName: 'C', packageName: 'p', packageVersion: '1.0.0', webhookSignature: 'none', resourcesOnly: false, split: 'auto', check: true, watch: false, verbose: false, quiet: false, debug: false };
  const options: Required<Pick<GenerateOptions, (typeof GENERATE_KEYS)[number]>> = config;
  expect(Object.keys(config)).toEqual(CONFIG_KEYS);
  expect(options).toBe(config);
});
