/** Generates a package from a spec into a temporary directory, builds it (`sdkforge build`) and imports its ESM entry. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildPackage } from '../../generator/build-package.js';
import { generate, type GenerateOptions, type GenerateResult } from '../../generator/index.js';

export interface BuiltPackage {
  dir: string;
  result: GenerateResult;
  /** The package's ESM entry, imported. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  pkg: any;
  /** Removes the directory. */
  remove(): void;
}

export async function generateAndBuild(options: GenerateOptions, prefix = 'sdkforge-pkg-'): Promise<BuiltPackage> {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const result = await generate({ ...options, out: dir });
  const errors = buildPackage(dir);
  if (errors.length) throw new Error(`the generated package does not build:\n${errors.join('')}`);
  const pkg = await import(pathToFileURL(path.join(dir, 'dist/esm/index.js')).href);
  return { dir, result, pkg, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
