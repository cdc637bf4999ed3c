/** Reads a corpus folder's `INDEX.tsv` (one row a spec, a header naming the columns) as records by column name. */
import { readFileSync } from 'node:fs';

export function readIndex(file: string): Record<string, string>[] {
  const [header, ...rows] = readFileSync(file, 'utf8').trim().split('\n');
  const cols = header!.split('\t');
  return rows.map((line) => {
    const row = line.split('\t');
    return Object.fromEntries(cols.map((col, i) => [col, row[i] ?? '']));
  });
}
