/**
 * Built packages for tests: one generated from a spec into a temporary directory, built (`sdkforge build`) and
 * imported; or a copy of the committed `generated/` package (its sources, without `dist/` and `node_modules/`),
 * which the packing, bundling, browser and runtime tests build as a user would, and pack (`npm pack`).
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildPackage } from '../../generator/build-package.js';
import type { Diagnostic } from '../../generator/diagnostics.js';
import { emitPackage, PREFORMATTED } from '../../generator/emit/emit-package.js';
import { formatFiles } from '../../generator/format.js';
import { GENERATOR_VERSION, generate, type GenerateOptions, type GenerateResult } from '../../generator/index.js';
import type { IRDocument } from '../../generator/ir/types.js';
import type { LoadedSpec, OpenAPIDocument } from '../../generator/load/load-spec.js';
import { packageIR } from '../../generator/package-ir.js';
import { npm } from './npm.js';
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

export interface EmittedPackage {
  dir: string;
  ir: IRDocument;
  /** The IR builder's warnings. */
  warnings: Diagnostic[];
  /** The files emitted (formatted), by name. */
  files: Map<string, string>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  pkg: any;
  remove(): void;
}

/**
 * A package emitted from `document` taken as already loaded (bundled, every `$ref` internal), past the loader:
 * for documents the loader does not take yet (OpenAPI 3.2) and tests of the IR and emitters alone. The phases
 * after load run as `generate` runs them (IR with the package's naming, emit, prettier); the files are written
 * into a temporary directory, built and imported.
 */
export async function emitAndBuild(document: object, prefix = 'sdkforge-emit-'): Promise<EmittedPackage> {
  const loaded: LoadedSpec = {
    document: structuredClone(document) as OpenAPIDocument,
    source: 'spec.yaml',
    openapiVersion: '3.1',
    warnings: [],
    where: (pointer) => ({ pointer }),
  };
  const { ir, naming, warnings } = packageIR(loaded);
  const specHash = createHash('sha256').update(JSON.stringify(loaded.document)).digest('hex');
  const files = await formatFiles(emitPackage(ir, { ...naming, generatorVersion: GENERATOR_VERSION, specHash }), PREFORMATTED);
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [name, text] of files) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  const errors = buildPackage(dir);
  if (errors.length) throw new Error(`the emitted package does not build:\n${errors.join('')}`);
  const pkg = await import(pathToFileURL(path.join(dir, 'dist/esm/index.js')).href);
  return { dir, ir, warnings, files, pkg, remove: () => rmSync(dir, { recursive: true, force: true }) };
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

/** `npm pack --json`'s report on one package. */
export interface PackReport {
  name: string;
  version: string;
  filename: string;
  files: { path: string }[];
}

/**
 * {@link buildGeneratedCopy} into `work/pkg`, then `npm pack --ignore-scripts` of it into `work` (the
 * one-command path: its prepack build would need the package's TypeScript devDependency installed). Gives npm's
 * report and the tarball's path.
 */
export async function packGeneratedCopy(work: string): Promise<{ report: PackReport; tarball: string }> {
  const pkg = path.join(work, 'pkg');
  buildGeneratedCopy(pkg);
  const { stdout } = await npm(['pack', '--json', '--ignore-scripts', '--pack-destination', work], pkg);
  const [report] = JSON.parse(stdout) as PackReport[];
  if (!report) throw new Error(`npm pack reported nothing: ${stdout}`);
  return { report, tarball: path.join(work, report.filename) };
}
