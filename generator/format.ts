/**
 * Formats every emitted file with prettier (TypeScript, JSON, Markdown by extension).
 */
import * as prettier from 'prettier';

const PARSERS: Record<string, string> = { ts: 'typescript', json: 'json', md: 'markdown' };

export const PRETTIER_OPTIONS: prettier.Options = { printWidth: 100, singleQuote: true, trailingComma: 'all' };

export async function formatFiles(files: Map<string, string>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const entries = [...files.entries()];
  const formatted = await Promise.all(
    entries.map(async ([name, text]) => {
      const parser = PARSERS[name.slice(name.lastIndexOf('.') + 1)];
      return parser ? prettier.format(text, { ...PRETTIER_OPTIONS, parser }) : text;
    }),
  );
  entries.forEach(([name], i) => out.set(name, formatted[i]!));
  return out;
}
