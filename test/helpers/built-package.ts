/**
 * Built packages for tests: one generated from a spec into a temporary directory, built (`sdkforge build`) and
 * imported; or a copy of the committed `generated/` package (its sources, without `dist/` and `node_modules/`),
 * which the packing, bundling and browser tests build as a user would.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildPackage } from '../../generator/build-package.js';
import { generate, type GenerateOptions, type GenerateResult } from '../../generator/index.js';
import { ROOT } from './paths.js';

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

/** Copies `generated/` to `dest`, leaving out its `dist/` and `node_modules/` (build output and installs). */
export function copyGenerated(dest: string): void {
  const from = path.join(ROOT, 'generated');
  cpSync(from, dest, {
    recursive: true,
    filter: (src) => !/(^|[\\/])(dist|node_modules)([\\/]|$)/.test(path.relative(from, src)),
  });
}

/** {@link copyGenerated}, then `sdkforge build` in `dest`; throws with the compiler's errors if it does not build. */
export function buildGeneratedCopy(dest: string): void {
  copyGenerated(dest);
  const errors = buildPackage(dest);
  if (errors.length) throw new Error(`the copy of generated/ does not build:\n${errors.join('')}`);
}
