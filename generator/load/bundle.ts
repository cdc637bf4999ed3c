/**
 * Bundling: every file a spec's `$ref`s reach is read (local paths, and URLs within the fetch timeout) and
 * swagger-parser gathers them into one document whose references are all internal.
 *
 * Each file is prepared before the bundler sees it (`prepare`): `ref-positions.ts` tells references from data
 * (a data `$ref` is hidden from the bundler and given back afterwards), a `description`'s `$ref` to a Markdown or
 * text file becomes that file's text, and `$ref`s to 3.1 `$id`s and `$anchor`s become JSON pointers. What refers
 * to each file is recorded, so a file or URL that cannot be read is reported with the pointer that refers to it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { errorDiagnostic, GenerationError, type Diagnostic } from '../diagnostics.js';
import { parsePointer, pointerOf } from '../util/json-pointer.js';
import { FetchError, fetchBytes, isInternalUrl } from './fetch-text.js';
import { createLocator, findRef } from './locate.js';
import { parseText } from './parse-text.js';
import { protectData, scanFile, type Reference, type Role, type TextReference } from './ref-positions.js';
import { resolveSchemaIds } from './schema-ids.js';

type Raw = Record<string, unknown>;

const isUrl = (s: string) => /^https?:\/\//i.test(s);

/** One file's identity: a URL without its fragment, or an absolute path (swagger-parser's are percent-encoded). */
export function fileKey(urlOrPath: string): string {
  const bare = urlOrPath.split('#')[0]!;
  if (isUrl(bare)) return new URL(bare).href;
  if (/^file:/i.test(bare)) return fileURLToPath(bare);
  try {
    return decodeURIComponent(bare);
  } catch {
    return bare;
  }
}

/** The file a `$ref` in file `from` names, and the fragment (a JSON pointer or an anchor). */
function refTarget(ref: string, from: string): { key: string; fragment: string } | undefined {
  try {
    const url = new URL(ref, isUrl(from) ? from : pathToFileURL(from).href);
    const fragment = decodeURIComponent(url.hash.slice(1));
    url.hash = '';
    return { key: url.protocol === 'file:' ? fileURLToPath(url) : url.href, fragment };
  } catch {
    return undefined;
  }
}

export function displayPath(urlOrPath: string): string {
  if (isUrl(urlOrPath)) return urlOrPath;
  const p = urlOrPath.startsWith('file://') ? new URL(urlOrPath).pathname : urlOrPath;
  return path.relative(process.cwd(), decodeURIComponent(p)) || p;
}

export interface BundlerOptions {
  /** The root as given (named in diagnostics). */
  source: string;
  /** Where the root is located: an absolute path or a URL. */
  base: string;
  fetchTimeout: number;
  /** Refuse URLs of internal addresses (a spec fetched from a public host may not make us fetch them). */
  safeUrls: boolean;
  /** Locates a pointer of the root file. */
  where: (pointer: string) => Partial<Diagnostic>;
}

/** Where a `$ref` is: file, line, column and pointer. */
type Referrer = () => Partial<Diagnostic>;

export class Bundler {
  /** How many data `$ref`s were hidden from the bundler (`restoreData` gives them back). */
  protectedCount = 0;
  /** Positions referring into each file not yet read: what they expect there. */
  private readonly entries = new Map<string, { tokens: string[]; role: Role }[]>();
  private readonly referrers = new Map<string, Referrer>();
  private readonly failures = new Map<string, FetchError>();
  private readonly texts = new Map<string, Promise<string>>();
  /** A diagnostic thrown inside a swagger-parser plugin, which would otherwise reach us as a plain message. */
  private failure: GenerationError | undefined;
  private readonly abort = new AbortController();

  constructor(private readonly options: BundlerOptions) {}

  private root: Raw | undefined;
  private rootData: Raw[] = [];

  /** Prepares the root file; returns its references. */
  prepareRoot(root: Raw, role: Role): Promise<Reference[]> {
    const key = fileKey(this.options.base);
    this.root = root;
    return this.prepare(root, key, [{ tokens: [], role }], (pointer) => ({ file: this.options.source, ...this.options.where(pointer) }));
  }

  /** Hides the root's data `$ref`s from the bundler (before `bundle`; `restoreData` gives them back). */
  hideRootData(): void {
    this.hide(this.rootData);
    this.rootData = [];
  }

  /** Bundles a prepared root whose data is hidden; every file it reaches is prepared as it is read. */
  async bundle(root: Raw): Promise<Raw> {
    const { base, fetchTimeout, safeUrls } = this.options;
    const yamlPlugin = {
      order: 1,
      allowEmpty: false,
      canParse: ['.yaml', '.yml', '.json', ''],
      parse: async (file: { url: string; data: Buffer | string }) => {
        const text = typeof file.data === 'string' ? file.data : file.data.toString('utf8');
        const shown = displayPath(file.url);
        try {
          const doc = parseText(text, shown);
          const key = fileKey(file.url);
          if (doc && typeof doc === 'object') {
            const locate = createLocator(text);
            const entries = this.entries.get(key) ?? [{ tokens: [], role: 'unknown' as const }];
            await this.prepare(doc as Raw, key, entries, (pointer) => ({ file: shown, pointer, ...locate(pointer) }));
          }
          return doc;
        } catch (err) {
          if (err instanceof GenerationError) this.failure ??= err;
          throw err;
        }
      },
    };
    try {
      // loaded on demand (about 40 ms): only specs with external $refs need it. swagger-parser refuses OpenAPI
      // 3.2 documents (it checks the version before bundling), so those go to its ref parser directly: the same
      // bundling, without the version check.
      const bundler: { bundle(base: string, root: never, options: never): Promise<unknown> } =
        typeof root.openapi === 'string' && root.openapi.startsWith('3.2')
          ? (await import('@apidevtools/json-schema-ref-parser')).default
          : (await import('@apidevtools/swagger-parser')).default;
      return (await bundler.bundle(base, root as never, {
        parse: { yaml: yamlPlugin, json: false, text: false, binary: false },
        resolve: {
          http: {
            safeUrlResolver: safeUrls,
            read: (file: { url: string }) => this.fetch(file.url, fetchTimeout),
          },
        },
        dereference: { circular: true },
      } as never)) as unknown as Raw;
    } catch (err) {
      this.abort.abort();
      throw this.refError(err, root);
    }
  }

  private hide(data: Raw[]): void {
    protectData(data);
    this.protectedCount += data.length;
  }

  private async fetch(url: string, timeout: number): Promise<Buffer> {
    try {
      return await fetchBytes(url, timeout, this.abort.signal);
    } catch (err) {
      if (err instanceof FetchError) this.failures.set(fileKey(url), err);
      throw err;
    }
  }

  /**
   * Scans one parsed file: protects its data `$ref`s, rewrites `$id`/`$anchor` references, replaces description
   * references to text files by their text, and records what its external references expect.
   */
  private async prepare(doc: Raw, key: string, entries: { tokens: string[]; role: Role }[], at: (pointer: string) => Partial<Diagnostic>): Promise<Reference[]> {
    const scan = scanFile(doc, entries, isUrl(key) ? key : pathToFileURL(key).href);
    resolveSchemaIds(scan);
    // the root's data is hidden only if it is bundled (`bundle`); every other file is being bundled
    if (doc === this.root) this.rootData = scan.data;
    else this.hide(scan.data);
    for (const r of scan.references) {
      if (r.ref.startsWith('#')) continue;
      const target = refTarget(r.ref, key);
      if (!target) continue;
      const pointer = pointerOf(r.tokens);
      if (!this.referrers.has(target.key)) this.referrers.set(target.key, () => at(pointer));
      if (target.fragment === '' || target.fragment.startsWith('/')) {
        const list = this.entries.get(target.key) ?? [];
        list.push({ tokens: target.fragment ? parsePointer(`#${target.fragment}`) : [], role: r.role });
        this.entries.set(target.key, list);
      }
    }
    await Promise.all(scan.texts.map((t) => this.replaceText(t, key, at)));
    return scan.references;
  }

  /** `description: { $ref: intro.md }` → the text of intro.md (relative to the referring file). */
  private async replaceText(t: TextReference, from: string, at: (pointer: string) => Partial<Diagnostic>): Promise<void> {
    const target = refTarget(t.ref, from);
    const shown = target ? displayPath(target.key) : t.ref;
    let text: string;
    try {
      if (!target) throw new Error('it is not a URI reference');
      // a spec read from a URL may name other URLs only; one from a public host, public ones only
      if (isUrl(from) && !isUrl(target.key)) throw new Error('a spec read from a URL may not make sdkforge read local files');
      if (this.options.safeUrls && isInternalUrl(target.key)) throw new Error('a spec read from a public host may not make sdkforge fetch internal addresses');
      let read = this.texts.get(target.key);
      if (!read) {
        read = isUrl(target.key)
          ? fetchBytes(target.key, this.options.fetchTimeout, this.abort.signal).then((b) => b.toString('utf8'))
          : readFile(target.key, 'utf8');
        this.texts.set(target.key, read);
      }
      text = await read;
    } catch (err) {
      this.abort.abort();
      const code = (err as NodeJS.ErrnoException).code;
      const reason = err instanceof FetchError ? err.reason : code === 'ENOENT' ? 'the file does not exist' : (err as Error).message;
      throw new GenerationError([
        errorDiagnostic('ref-unresolvable', `A description's $ref names a file that cannot be read: ${shown}: ${reason}.`, {
          ...at(pointerOf(t.tokens)),
          hint: 'Check that the file exists relative to the file that refers to it (or that the URL is reachable), or write the description inline.',
        }),
      ]);
    }
    t.holder[t.key] = text;
  }

  private refError(err: unknown, root: Raw): GenerationError {
    if (err instanceof GenerationError) return err;
    if (this.failure) return this.failure;
    const { source: rootFile } = this.options;
    const e = err as RefParserError;
    const inner = e.errors?.[0] ?? e;
    const file = inner.source ? displayPath(inner.source) : rootFile;
    if (inner.code === 'EMISSINGPOINTER' || inner.code === 'EINVALIDPOINTER') {
      const ref = /"([^"]+)"/.exec(inner.message)?.[1];
      const at = ref ? findRef(root, ref) ?? findRef(root, ref.slice(ref.indexOf('#'))) : undefined;
      return new GenerationError([
        errorDiagnostic('ref-missing', `A $ref points at nothing: ${inner.message}`, {
          file: at ? rootFile : file,
          ...(at ? this.options.where(at) : {}),
          hint: 'Correct the $ref target or add the missing definition.',
        }),
      ]);
    }
    if (inner.code === 'ERESOLVER') {
      const key = inner.source ? fileKey(inner.source) : undefined;
      const failure = key ? this.failures.get(key) : undefined;
      const referrer = key ? this.referrers.get(key) : undefined;
      const what = key && isUrl(key) ? 'URL' : 'file';
      const reason = failure
        ? `${failure.url}: ${failure.reason}`
        : inner.ioErrorCode === 'ENOENT' && key
          ? `${displayPath(key)}: the file does not exist`
          : inner.message.split('\n')[0];
      return new GenerationError([
        errorDiagnostic('ref-unresolvable', `A $ref names a ${what} that cannot be read: ${reason}${/[.!?]$/.test(reason ?? '') ? '' : '.'}`, {
          ...(referrer ? referrer() : { file }),
          hint:
            what === 'URL'
              ? 'Check that the URL is right and its server answers; --fetch-timeout MS gives a slow server more time. Or point the $ref at a local copy.'
              : 'Check that the referenced file exists relative to the file that refers to it.',
        }),
      ]);
    }
    return new GenerationError([
      errorDiagnostic('load-failed', `The spec could not be loaded: ${(err as Error).message.split('\n')[0]}`, {
        file,
        hint: 'Run with --debug for details.',
      }),
    ]);
  }
}

interface RefParserError {
  code?: string;
  ioErrorCode?: string;
  message: string;
  source?: string;
  errors?: RefParserError[];
}
