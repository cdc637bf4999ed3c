/**
 * Write: the whole output goes to a temporary sibling directory, which replaces the target only once every
 * file is written. A failure before that leaves the target exactly as it was. What the package's own scripts make
 * inside the target is not generated and is carried over: `dist/`, `node_modules/`, `package-lock.json` (from
 * `npm install`) and the tarballs of `npm pack` (`*.tgz`).
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { errorDiagnostic, GenerationError } from './diagnostics.js';

/** Top-level entries of the target that generation neither writes nor removes. */
const isPreserved = (name: string) => ['dist', 'node_modules', 'package-lock.json'].includes(name) || name.endsWith('.tgz');

export interface WriteReport {
  written: string[];
  unchanged: string[];
  removed: string[];
}

/** Lists files under `dir` as relative paths with `/`, skipping preserved build products. */
export async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (!prefix && isPreserved(entry.name)) continue;
    if (entry.isDirectory()) out.push(...(await listFiles(path.join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out.sort();
}

/** Compares `files` with what is on disk under `outDir`. */
export async function compareWithDisk(outDir: string, files: Map<string, string>): Promise<WriteReport> {
  const onDisk = new Set(await listFiles(outDir));
  const report: WriteReport = { written: [], unchanged: [], removed: [] };
  for (const [name, text] of files) {
    const current = onDisk.has(name) ? await readFile(path.join(outDir, name), 'utf8') : undefined;
    (current === text ? report.unchanged : report.written).push(name);
    onDisk.delete(name);
  }
  report.removed = [...onDisk];
  return report;
}

/**
 * Checks, before anything is generated, that `outDir` can be written: it is a directory or does not exist yet, and
 * its nearest existing ancestor is a writable directory.
 */
export function checkOutputDir(outDir: string): void {
  const target = path.resolve(outDir);
  const fail = (code: string, message: string, hint: string) => new GenerationError([errorDiagnostic(code, message, { hint })]);
  if (existsSync(target) && !statSync(target).isDirectory()) {
    throw fail('out-not-directory', `The output ${outDir} is a file, not a directory.`, 'Pass a directory to --out (it is created when missing), or remove the file.');
  }
  let ancestor = existsSync(target) ? target : path.dirname(target);
  while (!existsSync(ancestor)) ancestor = path.dirname(ancestor);
  if (!statSync(ancestor).isDirectory()) {
    throw fail('out-not-directory', `The output ${outDir} cannot be created: ${ancestor} is a file, not a directory.`, 'Pass an --out inside a directory.');
  }
  const parent = existsSync(target) ? path.dirname(target) : ancestor;
  try {
    accessSync(parent, constants.W_OK);
  } catch {
    throw fail('out-not-writable', `The output ${outDir} cannot be written: ${parent} is not writable.`, 'Pass an --out in a directory you can write to, or change its permissions.');
  }
}

/** Errors of the file system that say the output cannot be written there (not an internal error). */
const UNWRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOENT', 'ENOTDIR', 'EISDIR', 'EEXIST', 'ENOSPC', 'EDQUOT', 'ENAMETOOLONG']);

export async function writeOutput(outDir: string, files: Map<string, string>): Promise<WriteReport> {
  try {
    return await replaceOutput(outDir, files);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (!code || !UNWRITABLE.has(code)) throw err;
    throw new GenerationError([
      errorDiagnostic('out-not-writable', `The output ${outDir} could not be written (${code}: ${(err as Error).message}); it was left as it was.`, {
        hint: 'Pass an --out in a directory you can write to, with space left on its disk.',
      }),
    ]);
  }
}

async function replaceOutput(outDir: string, files: Map<string, string>): Promise<WriteReport> {
  const target = path.resolve(outDir);
  const report = await compareWithDisk(target, files);
  if (report.written.length === 0 && report.removed.length === 0) return report;

  const parent = path.dirname(target);
  await mkdir(parent, { recursive: true });
  const stamp = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const staging = path.join(parent, `.${path.basename(target)}.sdkforge-new-${stamp}`);
  const old = path.join(parent, `.${path.basename(target)}.sdkforge-old-${stamp}`);
  try {
    // created on its own first: a parent that refuses it fails here, at once (recursive creation can spin on it)
    await mkdir(staging);
    for (const [name, text] of [...files.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const file = path.join(staging, name);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, text);
    }
    if (existsSync(target)) {
      for (const keep of (await readdir(target)).filter(isPreserved)) await rename(path.join(target, keep), path.join(staging, keep));
      await rename(target, old);
    }
    await rename(staging, target);
  } catch (err) {
    // leave the target as it was: the old directory back in place, then the carried-over build products into it
    if (!existsSync(target) && existsSync(old)) await rename(old, target).catch(() => undefined);
    const carried = existsSync(staging) ? (await readdir(staging)).filter(isPreserved) : [];
    for (const keep of carried) {
      if (existsSync(target) && !existsSync(path.join(target, keep))) {
        await rename(path.join(staging, keep), path.join(target, keep)).catch(() => undefined);
      }
    }
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
  await rm(old, { recursive: true, force: true });
  return report;
}
