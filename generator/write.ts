/**
 * Write: the whole output goes to a temporary sibling directory, which replaces the target only once every
 * file is written. A failure before that leaves the target exactly as it was. Build products inside the target
 * (`dist/`, `node_modules/`) are carried over.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const PRESERVED = ['dist', 'node_modules'];

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
    if (!prefix && PRESERVED.includes(entry.name)) continue;
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

export async function writeOutput(outDir: string, files: Map<string, string>): Promise<WriteReport> {
  const target = path.resolve(outDir);
  const report = await compareWithDisk(target, files);
  if (report.written.length === 0 && report.removed.length === 0) return report;

  const parent = path.dirname(target);
  await mkdir(parent, { recursive: true });
  const stamp = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const staging = path.join(parent, `.${path.basename(target)}.sdkforge-new-${stamp}`);
  const old = path.join(parent, `.${path.basename(target)}.sdkforge-old-${stamp}`);
  try {
    for (const [name, text] of [...files.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const file = path.join(staging, name);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, text);
    }
    if (existsSync(target)) {
      for (const keep of PRESERVED) {
        if (existsSync(path.join(target, keep))) await rename(path.join(target, keep), path.join(staging, keep));
      }
      await rename(target, old);
    }
    await rename(staging, target);
  } catch (err) {
    // put carried-over build products back and leave the target as it was
    for (const keep of PRESERVED) {
      if (existsSync(path.join(staging, keep)) && existsSync(target) && !existsSync(path.join(target, keep))) {
        await rename(path.join(staging, keep), path.join(target, keep)).catch(() => undefined);
      }
    }
    if (!existsSync(target) && existsSync(old)) await rename(old, target).catch(() => undefined);
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
  await rm(old, { recursive: true, force: true });
  return report;
}
