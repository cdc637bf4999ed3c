/**
 * Drift check: compares what would be generated with what is on disk, without writing.
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { errorDiagnostic, GenerationError } from './diagnostics.js';
import { compareWithDisk } from './write.js';

export interface DriftEntry {
  file: string;
  status: 'changed' | 'missing' | 'extra';
  diff: string;
}

/** One unified hunk spanning the changed region (common prefix and suffix trimmed), at most `maxLines` lines. */
export function shortDiff(file: string, before: string, after: string, context = 2, maxLines = 24): string {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const from = Math.max(0, start - context);
  const toA = Math.min(a.length, endA + context);
  const toB = Math.min(b.length, endB + context);
  const lines = [
    ...a.slice(from, start).map((l) => ` ${l}`),
    ...a.slice(start, endA).map((l) => `-${l}`),
    ...b.slice(start, endB).map((l) => `+${l}`),
    ...a.slice(endA, toA).map((l) => ` ${l}`),
  ];
  const shown = lines.length > maxLines ? [...lines.slice(0, maxLines), `… ${lines.length - maxLines} more lines`] : lines;
  return [`--- a/${file}`, `+++ b/${file}`, `@@ -${from + 1},${toA - from} +${from + 1},${toB - from} @@`, ...shown].join('\n');
}

export async function checkDrift(outDir: string, files: Map<string, string>): Promise<DriftEntry[]> {
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) {
    throw new GenerationError([
      errorDiagnostic('out-not-directory', `The output ${outDir} is a file, not a directory: there is no generated package to check.`, {
        hint: 'Pass the directory the package was generated into (--out).',
      }),
    ]);
  }
  const report = await compareWithDisk(outDir, files);
  const entries: DriftEntry[] = [];
  for (const file of report.written) {
    const current = await readFile(path.join(outDir, file), 'utf8').catch(() => undefined);
    entries.push(
      current === undefined
        ? { file, status: 'missing', diff: `${file}: would be created` }
        : { file, status: 'changed', diff: shortDiff(file, current, files.get(file)!) },
    );
  }
  for (const file of report.removed) entries.push({ file, status: 'extra', diff: `${file}: would be removed` });
  return entries;
}
