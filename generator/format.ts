/**
 * Formats emitted files with prettier (TypeScript, JSON, Markdown by extension), in-process. Files emitted
 * already in prettier's form (`PREFORMATTED` in emit-package.ts: `src/types.ts`, the runtime, the README and JSON
 * files) are left as they are; tests hold them to prettier byte for byte. Measured on the full OpenAI spec with
 * 2 cores, worker threads were slower than one warm thread: each worker pays prettier's load and JIT warm-up
 * again. The `babel-ts` parser is about a third faster than `typescript` with the same output.
 */
import * as prettier from 'prettier';

const PARSERS: Record<string, string> = { ts: 'babel-ts', json: 'json', md: 'markdown' };

export const PRETTIER_OPTIONS: prettier.Options = { printWidth: 100, singleQuote: true, trailingComma: 'all' };

export async function formatOne(name: string, text: string): Promise<string> {
  const parser = PARSERS[name.slice(name.lastIndexOf('.') + 1)];
  if (!parser) return text;
  return prettier.format(text, { ...PRETTIER_OPTIONS, parser, ...(parser === 'markdown' ? { embeddedLanguageFormatting: 'off' as const } : {}) });
}

/**
 * `preformatted` names files already in prettier's form (the runtime sources are kept so; a test checks it).
 * `collect`, when given, is called after every `COLLECT_BYTES` of text formatted (a big package's generation
 * collects garbage there: prettier's trees of a file are garbage once it is formatted).
 */
export async function formatFiles(files: Map<string, string>, preformatted: (name: string) => boolean = () => false, collect?: () => void): Promise<Map<string, string>> {
  // one file at a time: formatting them all at once holds every file's syntax tree and document together (over a
  // gigabyte for a spec the size of Microsoft Graph), for no gain, as prettier's work is synchronous
  const out = new Map<string, string>();
  let since = 0;
  for (const [name, text] of files) {
    if (preformatted(name)) {
      out.set(name, text);
      continue;
    }
    out.set(name, await formatOne(name, text));
    since += text.length;
    if (collect && since >= COLLECT_BYTES) {
      collect();
      since = 0;
    }
  }
  return out;
}

const COLLECT_BYTES = 2_000_000;
